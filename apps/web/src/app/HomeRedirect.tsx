import { Navigate } from 'react-router-dom';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../modules/platform/hooks/use-me.ts';
import { visibleMenu } from './menu.tsx';

/** The landing page is the first menu entry the user may open. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const first = visibleMenu(usePermissions())[0]?.items[0];
  if (first) return <Navigate to={first.path} replace />;
  return <Result status="info" title={t('common.noModules')} />;
}

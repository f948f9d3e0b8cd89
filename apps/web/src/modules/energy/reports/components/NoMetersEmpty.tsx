import { Button, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The reports read level-1 meters: without any there is nothing to report, and the fix is to add them. */
export function NoMetersEmpty() {
  const { t } = useTranslation();
  return (
    <Empty description={t('energyReports.noMeters')} data-testid="report-no-meters">
      <Link to="/energy/meters">
        <Button type="primary">{t('energyReports.goToMeters')}</Button>
      </Link>
    </Empty>
  );
}

import { useEffect, useState } from 'react';
import { Button, Space } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { usePlantLayout } from '../hooks/use-plant-layouts.ts';
import { PlantLayoutView } from '../PlantLayoutView.tsx';

/** the page's chrome above and below the plan */
const CHROME_HEIGHT = 210;
const viewHeight = () => Math.max(360, window.innerHeight - CHROME_HEIGHT);

/** One layout, watched: the plan with live state colours. */
export function PlantLayoutPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const layout = usePlantLayout(id);
  const canManage = useCan('visualization.layout.manage');
  const [height, setHeight] = useState(viewHeight);
  useEffect(() => {
    const onResize = () => setHeight(viewHeight());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <PageCard
      title={layout.data ? `${layout.data.name} · ${layout.data.nodeName}` : t('plantLayout.title')}
      testId="plant-layout-page"
      extra={
        <Space>
          <Link to="/plant/layouts">
            <Button icon={<ArrowLeftOutlined />}>{t('plantLayout.backToList')}</Button>
          </Link>
          {canManage && (
            <Link to={`/plant/layouts/${id}/edit`}>
              <Button type="primary" icon={<EditOutlined />} data-testid="plant-layout-open-editor">
                {t('plantLayout.edit')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <PlantLayoutView layoutId={id} height={height} />
    </PageCard>
  );
}

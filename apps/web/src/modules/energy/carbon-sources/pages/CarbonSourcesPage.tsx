import { useMemo, useState } from 'react';
import { Alert, Button, Card, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { ActivityGrid } from '../components/ActivityGrid.tsx';
import { CreateSourceModal } from '../components/CreateSourceModal.tsx';
import { SourcesTable } from '../components/SourcesTable.tsx';
import { useCarbonActivity, useCarbonSources } from '../hooks/use-carbon-sources.ts';

const THIS_YEAR = dayjs().year();
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR - 6 + i);

/** 排放源与活动数据: the inventory inputs no meter gives, and their monthly activity data. */
export function CarbonSourcesPage() {
  const { t } = useTranslation();
  const canManage = useCan('energy.meter.manage');
  const canEnter = useCan('energy.reading.manage');
  const [isCreating, setCreating] = useState(false);
  const [year, setYear] = useState(THIS_YEAR);
  const sources = useCarbonSources();
  const query = useMemo(() => ({ from: `${year}-01`, to: `${year}-12` }), [year]);
  const activity = useCarbonActivity(query);
  const error = sources.error ?? activity.error;

  return (
    <PageCard
      title={t('carbonSources.title')}
      testId="carbon-sources-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="carbon-source-create"
          >
            {t('carbonSources.create')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {error && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(error, t)}
            action={
              <Button size="small" onClick={() => void Promise.all([sources.refetch(), activity.refetch()])}>
                {t('common.retry')}
              </Button>
            }
            data-testid="carbon-sources-error"
          />
        )}
        <Card size="small" title={t('carbonSources.sourcesTitle')}>
          <SourcesTable sources={sources.data ?? []} loading={sources.isLoading} canManage={canManage} />
        </Card>
        <Card
          size="small"
          title={t('carbonSources.activityTitle')}
          extra={
            <Select<number>
              value={year}
              onChange={setYear}
              options={YEARS.map((y) => ({ value: y, label: String(y) }))}
              aria-label={t('carbonSources.year')}
              style={{ width: 100 }}
              data-testid="carbon-activity-year"
            />
          }
        >
          {!canEnter && (
            <Alert type="info" showIcon title={t('carbonSources.readOnly')} style={{ marginBottom: 12 }} />
          )}
          <ActivityGrid
            year={year}
            sources={sources.data ?? []}
            activity={activity.data ?? []}
            loading={sources.isLoading || activity.isLoading}
            canEdit={canEnter}
          />
        </Card>
      </Space>
      <CreateSourceModal open={isCreating} onClose={() => setCreating(false)} />
    </PageCard>
  );
}

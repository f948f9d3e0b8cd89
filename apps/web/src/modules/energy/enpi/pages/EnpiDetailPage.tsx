import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { TEnpi } from '@greenmes/contracts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { EnpiChart } from '../components/EnpiChart.tsx';
import { EnpiModelCard } from '../components/EnpiModelCard.tsx';
import { EnpiMonthsTable } from '../components/EnpiMonthsTable.tsx';
import type { EnpiEvaluationQuery } from '../api/enpi-api.ts';
import { useEnpi, useEnpiEvaluation } from '../hooks/use-enpi-queries.ts';
import { defaultReportingRange } from '../lib/enpi-lib.ts';

/** One EnPI over a reporting period: its baseline model, expected vs actual per month, savings and alarms. */
export function EnpiDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const enpi = useEnpi(id);
  const back = (
    <Link to="/energy/enpis">
      <Button icon={<ArrowLeftOutlined />} data-testid="enpi-back">
        {t('enpi.back')}
      </Button>
    </Link>
  );

  if (enpi.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (enpi.isError)
    return (
      <PageCard title={t('enpi.title')} extra={back} testId="enpi-detail">
        <Alert type="error" showIcon title={t('enpi.loadFailed')} description={errorMessage(enpi.error, t)} />
      </PageCard>
    );
  // keyed by id: another EnPI starts from its own default period
  return <EnpiReport key={enpi.data.id} enpi={enpi.data} back={back} />;
}

function EnpiReport(props: { enpi: TEnpi; back: React.ReactNode }) {
  const { enpi } = props;
  const { t } = useTranslation();
  const [period, setPeriod] = useState<EnpiEvaluationQuery>(() =>
    defaultReportingRange(enpi.baselineFrom, enpi.baselineTo),
  );
  const evaluation = useEnpiEvaluation(enpi.id, period);

  return (
    <PageCard title={`${enpi.code} · ${enpi.name}`} extra={props.back} testId="enpi-detail">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('enpi.meter')}>{enpi.meterCode}</Descriptions.Item>
          <Descriptions.Item label={t('enpi.driver')}>
            {t(`enpi.driverName.${enpi.driver}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('enpi.baseline')}>
            {enpi.baselineFrom} ~ {enpi.baselineTo}
          </Descriptions.Item>
          <Descriptions.Item label={t('enpi.marginPct')}>{enpi.marginPct}%</Descriptions.Item>
          {enpi.description && (
            <Descriptions.Item label={t('common.description')} span={4}>
              {enpi.description}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap>
          <span>{t('enpi.reportingPeriod')}</span>
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={[dayjs(`${period.from}-01`), dayjs(`${period.to}-01`)]}
            onChange={(next) => {
              if (next?.[0] && next[1])
                setPeriod({ from: next[0].format('YYYY-MM'), to: next[1].format('YYYY-MM') });
            }}
            data-testid="enpi-period"
          />
        </Space>
        {evaluation.isError && (
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            description={errorMessage(evaluation.error, t)}
            action={<Button onClick={() => void evaluation.refetch()}>{t('common.retry')}</Button>}
          />
        )}
        {evaluation.isPending && !evaluation.isError && (
          <Spin style={{ display: 'block', margin: '32px auto' }} />
        )}
        {evaluation.data && (
          <>
            <EnpiModelCard evaluation={evaluation.data} />
            <Card title={t('enpi.chart')} size="small">
              {evaluation.data.baseline.length + evaluation.data.months.length > 0 ? (
                <EnpiChart evaluation={evaluation.data} loading={evaluation.isFetching} />
              ) : (
                <Empty description={t('enpi.noMonths')} />
              )}
            </Card>
            <EnpiMonthsTable evaluation={evaluation.data} loading={evaluation.isFetching} />
          </>
        )}
      </Space>
    </PageCard>
  );
}

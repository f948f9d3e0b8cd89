import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { ReportPeriodFilter } from '../../reports/components/ReportPeriodFilter.tsx';
import { instantIn, reportPeriod, type ReportPeriod } from '../../reports/lib/report-period.ts';
import { CostByPeriodChart } from '../components/CostByPeriodChart.tsx';
import { CostTable } from '../components/CostTable.tsx';
import { useEnergyCost } from '../hooks/use-energy-cost.ts';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';

/** 能源费用: each incomer and area meter's cost under the tariff plans over a period. */
export function EnergyCostPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [period, setPeriod] = useState<ReportPeriod>(() => reportPeriod('thisMonth'));
  const timeZone = useEnterpriseTimeZone();
  const query = useMemo(
    () => ({ from: instantIn(period.range[0], timeZone), to: instantIn(period.range[1], timeZone) }),
    [period, timeZone],
  );
  const report = useEnergyCost(query);
  const data = report.data;
  const costed = data?.meters.filter((m) => m.cost !== null).length ?? 0;

  return (
    <PageCard
      title={t('energyCost.title')}
      testId="energy-cost-page"
      filters={<ReportPeriodFilter value={period} onChange={setPeriod} showGranularity={false} />}
      extra={<Link to="/energy/tariffs">{t('energyCost.tariffsLink')}</Link>}
    >
      {report.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(report.error, t)}
          action={
            <Button size="small" onClick={() => void report.refetch()}>
              {t('common.retry')}
            </Button>
          }
          data-testid="energy-cost-error"
        />
      )}
      {report.isLoading && <Skeleton active />}
      {data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic
                  title={t('energyCost.totalCost')}
                  value={formatNumber(Number(data.totalCost), lang, 2)}
                  prefix="¥"
                  data-testid="energy-cost-kpi-total"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('energyCost.totalCostHelp')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic
                  title={t('energyCost.metersCosted')}
                  value={t('energyCost.metersCount', { costed, total: data.meters.length })}
                  data-testid="energy-cost-kpi-meters"
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('energyCost.chartTitle')}>
            <CostByPeriodChart meters={data.meters} loading={report.isFetching} />
          </Card>
          <Card size="small" title={t('energyCost.tableTitle')}>
            <CostTable meters={data.meters} loading={report.isFetching} />
          </Card>
        </Space>
      )}
    </PageCard>
  );
}

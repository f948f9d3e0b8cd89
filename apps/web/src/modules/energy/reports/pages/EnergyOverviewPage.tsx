import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { EnergyFlowChart } from '../components/EnergyFlowChart.tsx';
import { MediumTable } from '../components/MediumTable.tsx';
import { NoMetersEmpty } from '../components/NoMetersEmpty.tsx';
import { OverviewKpiCards } from '../components/OverviewKpiCards.tsx';
import { ReportChart, type ChartOption } from '../components/ReportChart.tsx';
import { ReportPeriodFilter } from '../components/ReportPeriodFilter.tsx';
import { SiteFilter } from '../components/SiteFilter.tsx';
import { useEnergyFlow, useEnergyOverview } from '../hooks/use-report-queries.ts';
import { reportBucketLabel, reportPeriod, reportQuery, type ReportPeriod } from '../lib/report-period.ts';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';

/** 能源总览: the enterprise boundary's consumption in tce, its trend, areas, intensities and energy flow. */
export function EnergyOverviewPage() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<ReportPeriod>(() => reportPeriod('thisMonth'));
  const timeZone = useEnterpriseTimeZone();
  const [siteId, setSiteId] = useState<string | undefined>();
  const query = useMemo(
    () => ({ ...reportQuery(period, timeZone), ...(siteId ? { siteId } : {}) }),
    [period, timeZone, siteId],
  );
  const flowQuery = useMemo(
    () => ({ from: query.from, to: query.to, ...(query.siteId ? { siteId: query.siteId } : {}) }),
    [query],
  );
  const overview = useEnergyOverview(query);
  const flow = useEnergyFlow(flowQuery);
  const data = overview.data;
  const lang = i18n.language;

  const trendOption = useMemo<ChartOption>(() => {
    const trend = data?.trend ?? [];
    return {
      animation: false,
      grid: { top: 32, left: 16, right: 16, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatNumber(v as number, lang, 3) },
      xAxis: {
        type: 'category',
        data: trend.map(([ms]) =>
          reportBucketLabel(ms, data?.granularity ?? 'day', data?.timezone ?? 'Asia/Shanghai'),
        ),
      },
      yAxis: { type: 'value', name: 'tce' },
      series: [
        {
          name: t('energyReports.tceEquivalent'),
          type: 'bar',
          stack: 'tce',
          data: trend.map(([, v]) => v),
          itemStyle: { color: '#52c41a' },
        },
      ],
    };
  }, [data, lang, t]);

  const areaOption = useMemo<ChartOption>(() => {
    const areas = [...(data?.byArea ?? [])].sort((a, b) => a.tceEquivalent - b.tceEquivalent);
    return {
      animation: false,
      grid: { top: 16, left: 16, right: 32, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => `${formatNumber(v as number, lang, 3)} tce`,
      },
      xAxis: { type: 'value', name: 'tce' },
      yAxis: {
        type: 'category',
        data: areas.map((a) => a.nodeName ?? t('energyReports.unassignedArea')),
      },
      series: [{ type: 'bar', data: areas.map((a) => a.tceEquivalent), itemStyle: { color: '#1677ff' } }],
    };
  }, [data, lang, t]);

  const isEmpty = overview.isSuccess && data?.byMedium.length === 0;
  return (
    <PageCard
      title={t('energyReports.menu.overview')}
      testId="energy-overview-page"
      filters={
        <Space wrap>
          <ReportPeriodFilter value={period} onChange={setPeriod} />
          <SiteFilter value={siteId} onChange={setSiteId} />
        </Space>
      }
    >
      {overview.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(overview.error, t)}
          data-testid="overview-error"
        />
      )}
      {isEmpty ? (
        <NoMetersEmpty />
      ) : (
        data && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <OverviewKpiCards overview={data} />
            <Typography.Text type="secondary">
              {t('energyReports.boundaryNote', { timezone: data.timezone })}
              {data.economics &&
                ` ${t('energyReports.economicsNote', {
                  output: formatNumber(data.economics.grossOutputValue10kYuan, lang, 2),
                  added: formatNumber(data.economics.valueAdded10kYuan, lang, 2),
                  months: data.economics.monthsReported,
                })}`}
            </Typography.Text>
            <Card size="small" title={t('energyReports.byMedium')}>
              <MediumTable overview={data} loading={overview.isFetching} />
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card size="small" title={t('energyReports.trend')}>
                  <ReportChart
                    option={trendOption}
                    loading={overview.isFetching}
                    testId="overview-trend-chart"
                  />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('energyReports.byArea')}>
                  <ReportChart
                    option={areaOption}
                    loading={overview.isFetching}
                    testId="overview-area-chart"
                  />
                </Card>
              </Col>
            </Row>
            <Card size="small" title={t('energyReports.flow.title')}>
              {flow.isError ? (
                <Alert type="error" showIcon title={errorMessage(flow.error, t)} />
              ) : (
                <EnergyFlowChart flow={flow.data} loading={flow.isFetching} />
              )}
            </Card>
          </Space>
        )
      )}
      {overview.isLoading && <Skeleton active data-testid="overview-loading" />}
    </PageCard>
  );
}

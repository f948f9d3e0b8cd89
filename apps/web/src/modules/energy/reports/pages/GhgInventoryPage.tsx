import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { PrintButton } from '../../../../shared/components/PrintButton.tsx';
import { downloadCsv } from '../../../../shared/lib/download-csv.ts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { ExportExcelButton } from '../../tables/components/ExportExcelButton.tsx';
import { reportsApi } from '../api/reports-api.ts';
import { CombustionTable } from '../components/CombustionTable.tsx';
import { GhgInventoryPrint } from '../components/GhgInventoryPrint.tsx';
import { DataQualityTable } from '../components/DataQualityTable.tsx';
import { InventoryKpiCards } from '../components/InventoryKpiCards.tsx';
import { NoMetersEmpty } from '../components/NoMetersEmpty.tsx';
import { ReportChart, type ChartOption } from '../components/ReportChart.tsx';
import { ReportPeriodFilter } from '../components/ReportPeriodFilter.tsx';
import { SiteFilter } from '../components/SiteFilter.tsx';
import { useGhgInventory } from '../hooks/use-report-queries.ts';
import { inventoryCsvRows } from '../lib/inventory-csv.ts';
import { reportBucketLabel, reportPeriod, reportQuery, type ReportPeriod } from '../lib/report-period.ts';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';

/** 碳排放清单 (GB/T 32150) of the enterprise boundary: scope 1 and 2, per period, factors and data quality. */
export function GhgInventoryPage() {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const [period, setPeriod] = useState<ReportPeriod>(() => reportPeriod('thisMonth'));
  const timeZone = useEnterpriseTimeZone();
  const [siteId, setSiteId] = useState<string | undefined>();
  const query = useMemo(
    () => ({ ...reportQuery(period, timeZone), ...(siteId ? { siteId } : {}) }),
    [period, timeZone, siteId],
  );
  const inventory = useGhgInventory(query);
  const data = inventory.data;
  const lang = i18n.language;

  const periodOption = useMemo<ChartOption>(() => {
    const periods = data?.periods ?? [];
    const series = [
      { key: 'combustionTco2', name: t('energyReports.ghg.combustion'), color: '#fa8c16' },
      { key: 'processTco2', name: t('carbonSources.inventory.process'), color: '#a0d911' },
      { key: 'purchasedElectricityTco2', name: t('energyReports.ghg.electricity'), color: '#1677ff' },
      { key: 'purchasedHeatTco2', name: t('energyReports.ghg.heat'), color: '#eb2f96' },
    ] as const;
    return {
      animation: false,
      grid: { top: 40, left: 16, right: 16, bottom: 24, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => `${formatNumber(v as number, lang, 3)} tCO₂`,
      },
      xAxis: {
        type: 'category',
        data: periods.map((p) =>
          reportBucketLabel(p.start, period.granularity, data?.timezone ?? 'Asia/Shanghai'),
        ),
      },
      yAxis: { type: 'value', name: 'tCO₂' },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'tco2',
        itemStyle: { color: s.color },
        data: periods.map((p) => p[s.key]),
      })),
    };
  }, [data, lang, t, period.granularity]);

  const download = () => {
    if (!data) return;
    downloadCsv(
      `ghg-inventory-${period.range[0].format('YYYYMMDD')}-${period.range[1].format('YYYYMMDD')}.csv`,
      inventoryCsvRows({ inventory: data, granularity: period.granularity, t, mediumLabel }),
    );
  };

  // process, biomass, recovered and exported entries count even without a single metered line
  const hasSourceInputs =
    !!data &&
    (data.totals.processTco2 !== 0 ||
      data.totals.recoveredTco2 !== 0 ||
      data.totals.exportedTco2 !== 0 ||
      data.biomassTco2 !== 0);
  const isEmpty =
    inventory.isSuccess && data?.dataQuality.length === 0 && data.excluded.length === 0 && !hasSourceInputs;
  const x = data?.totals;
  return (
    <PageCard
      title={t('energyReports.menu.inventory')}
      testId="ghg-inventory-page"
      filters={
        <Space wrap>
          <ReportPeriodFilter value={period} onChange={setPeriod} />
          <SiteFilter value={siteId} onChange={setSiteId} />
        </Space>
      }
      extra={
        <Space>
          <PrintButton testId="inventory-print-button" disabled={!data || isEmpty} />
          <ExportExcelButton
            download={() => reportsApi.exportInventory(query)}
            testId="inventory-export-excel"
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!data || isEmpty}
            onClick={download}
            data-testid="inventory-download"
          >
            {t('energyReports.downloadCsv')}
          </Button>
        </Space>
      }
    >
      {data?.siteId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('energyReports.site.inventoryNote')}
          data-testid="inventory-site-note"
        />
      )}
      {inventory.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(inventory.error, t)}
          data-testid="inventory-error"
        />
      )}
      {inventory.isLoading && <Skeleton active />}
      {isEmpty ? (
        <NoMetersEmpty />
      ) : (
        data &&
        x && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            {data.excluded.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('energyReports.ghg.excludedTitle')}
                data-testid="inventory-excluded"
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {data.excluded.map((e) => (
                      <li key={e.medium}>
                        {mediumLabel(e.medium)} {formatNumber(e.quantity, lang, 3)} {unitLabel(e.unit)}:{' '}
                        {e.reason}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            <InventoryKpiCards inventory={data} />
            <Typography.Text type="secondary">
              {t('energyReports.ghg.boundaryNote', { timezone: data.timezone })}
            </Typography.Text>
            <Card size="small" title={t('energyReports.ghg.perPeriod')}>
              <ReportChart
                option={periodOption}
                loading={inventory.isFetching}
                testId="inventory-period-chart"
              />
            </Card>
            <Card size="small" title={t('energyReports.ghg.combustionTitle')}>
              <CombustionTable rows={x.combustion} />
            </Card>
            <Card size="small" title={t('energyReports.ghg.factorsTitle')}>
              <Descriptions size="small" column={{ xs: 1, lg: 2 }} bordered>
                <Descriptions.Item label={t('energyReports.ghg.gridFactor')}>
                  <span data-testid="inventory-grid-factor">
                    {formatNumber(x.gridEmissionFactorTco2PerMWh, lang, 4)} tCO₂/MWh
                  </span>
                  <br />
                  <Typography.Text type="secondary">{x.gridFactorSource}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('energyReports.ghg.heatFactor')}>
                  {formatNumber(x.heatEmissionFactorTco2PerGj, lang, 4)} tCO₂/GJ
                  <br />
                  <Typography.Text type="secondary">{x.heatFactorSource}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('energyReports.ghg.electricity')}>
                  {formatNumber(x.purchasedElectricityTco2, lang, 3)} tCO₂
                </Descriptions.Item>
                <Descriptions.Item label={t('energyReports.ghg.heat')}>
                  {formatNumber(x.purchasedHeatTco2, lang, 3)} tCO₂ (
                  {formatNumber(x.purchasedHeatGj, lang, 2)} GJ)
                </Descriptions.Item>
                <Descriptions.Item label={t('carbonSources.inventory.process')}>
                  <span data-testid="inventory-process">{formatNumber(x.processTco2, lang, 3)} tCO₂</span>
                  <br />
                  <Link to="/energy/carbon-sources">{t('carbonSources.inventory.manage')}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('carbonSources.inventory.recovered')}>
                  <span data-testid="inventory-recovered">{formatNumber(x.recoveredTco2, lang, 3)} tCO₂</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('carbonSources.inventory.exported')}>
                  <span data-testid="inventory-exported">{formatNumber(x.exportedTco2, lang, 3)} tCO₂</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('energyReports.ghg.biomass')}>
                  <span data-testid="inventory-biomass">{formatNumber(data.biomassTco2, lang, 3)} tCO₂</span>
                  <br />
                  <Typography.Text type="secondary">{t('energyReports.ghg.biomassNote')}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('energyReports.ghg.dataQualityTitle')}>
              <DataQualityTable rows={data.dataQuality} />
            </Card>
            <GhgInventoryPrint
              inventory={data}
              granularity={period.granularity}
              period={t('energyReports.print.period', {
                from: period.range[0].format('YYYY-MM-DD'),
                // the range ends at the start of the next day; the paper names the last day included
                to: period.range[1].subtract(1, 'day').format('YYYY-MM-DD'),
              })}
            />
          </Space>
        )
      )}
    </PageCard>
  );
}

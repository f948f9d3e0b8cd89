import { useMemo, useState } from 'react';
import { Alert, Button, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CONSUMPTION_GRANULARITIES,
  type EnergyMedium,
  type TConsumptionResult,
  type TMeterConsumption,
} from '@greenmes/contracts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { downloadCsv } from '../../../../shared/lib/download-csv.ts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useMediumLabel, useMediumOptions } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { ConsumptionChart } from '../components/ConsumptionChart.tsx';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { useConsumption, useMeters } from '../hooks/use-metering-queries.ts';
import {
  bucketLabel,
  defaultGranularity,
  presetRange,
  type Granularity,
  type Period,
} from '../lib/metering-lib.ts';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';
import { instantIn } from '../../reports/lib/report-period.ts';
import { usePlantOptions } from '../../ledgers/hooks/use-ledger-options.ts';

/** A shift bucket reads as its date and shift name: 03-02 早班. */
const shiftLabels = (data: TConsumptionResult | undefined) =>
  data?.shifts?.map((s) => `${s.date.slice(5)} ${s.shiftName}`);

/** Enough for the meter picker of a plant; the consumption endpoint takes at most ~200 ids anyway. */
const PICKER_LIMIT = 200;

export function ConsumptionPage() {
  const timeZone = useEnterpriseTimeZone();
  const { t, i18n } = useTranslation();
  const mediumOptions = useMediumOptions();
  const mediumLabel = useMediumLabel();
  const [period, setPeriod] = useState<Period>({ preset: 'thisMonth', range: presetRange('thisMonth') });
  const [granularity, setGranularity] = useState<Granularity>(defaultGranularity(period.range));
  const [medium, setMedium] = useState<EnergyMedium | undefined>();
  const [siteId, setSiteId] = useState<string | undefined>();
  const { sites } = usePlantOptions();
  /** null: the default choice, every level-1 and level-2 meter of the medium */
  const [picked, setPicked] = useState<string[] | null>(null);
  const [chartKind, setChartKind] = useState<'bar' | 'line'>('bar');
  const meters = useMeters({ medium, page: 1, pageSize: PICKER_LIMIT });
  const meterOptions = (meters.data?.items ?? []).map((m) => ({
    value: m.id,
    label: `${m.code} · ${m.name}`,
  }));
  const selected = useMemo(
    () => picked ?? (meters.data?.items ?? []).filter((m) => m.level <= 2 && m.isEnabled).map((m) => m.id),
    [picked, meters.data],
  );
  const query =
    meters.isSuccess && selected.length > 0
      ? {
          from: instantIn(period.range[0], timeZone),
          to: instantIn(period.range[1], timeZone),
          granularity,
          meterIds: selected.join(','),
          medium,
          ...(granularity === 'shift' && siteId ? { siteId } : {}),
        }
      : null;
  const result = useConsumption(query);
  const rows = query ? (result.data?.meters ?? []) : [];
  const labels = useMemo(() => shiftLabels(result.data), [result.data]);

  const download = () => {
    const data = result.data;
    if (!data) return;
    const buckets =
      shiftLabels(data) ?? data.meters[0]?.points.map(([ms]) => bucketLabel(ms, data.granularity)) ?? [];
    downloadCsv(`consumption-${period.range[0].format('YYYYMMDD')}-${data.granularity}.csv`, [
      [
        t('common.code'),
        t('common.name'),
        t('metering.medium'),
        t('metering.level'),
        t('metering.unit'),
        ...buckets,
        t('metering.total'),
        t('metering.tce'),
        t('metering.factorSource'),
      ],
      ...data.meters.map((m) => [
        m.code,
        m.name,
        mediumLabel(m.medium),
        m.level,
        unitLabel(m.unit),
        ...m.points.map(([, v]) => v),
        m.total,
        m.tceEquivalent,
        m.factorSource,
      ]),
    ]);
  };

  const filters = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <PeriodPicker
          value={period}
          onChange={(next) => {
            setPeriod(next);
            setGranularity(defaultGranularity(next.range));
          }}
        />
        <Select<Granularity>
          value={granularity}
          onChange={setGranularity}
          options={CONSUMPTION_GRANULARITIES.map((g) => ({
            value: g,
            label: t(`metering.granularity.${g}`),
          }))}
          style={{ width: 110 }}
          aria-label={t('metering.granularityLabel')}
          data-testid="consumption-granularity"
        />
        {granularity === 'shift' && (
          <Select
            allowClear
            placeholder={t('metering.shiftSite')}
            options={sites}
            value={siteId}
            onChange={setSiteId}
            style={{ width: 240 }}
            data-testid="consumption-site"
          />
        )}
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('metering.allMedia')}
          options={mediumOptions}
          value={medium}
          onChange={(v?: EnergyMedium) => {
            setMedium(v);
            setPicked(null);
          }}
          style={{ width: 150 }}
          data-testid="consumption-medium"
        />
      </Space>
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('metering.pickMeters')}
        options={meterOptions}
        value={selected}
        onChange={(ids: string[]) => setPicked(ids)}
        loading={meters.isFetching}
        style={{ width: '100%' }}
        data-testid="consumption-meters"
      />
    </Space>
  );

  const isEmpty = meters.isSuccess && (query === null || (result.isSuccess && rows.length === 0));
  return (
    <PageCard
      title={t('metering.menu.consumption')}
      testId="consumption-page"
      filters={filters}
      extra={
        <Space>
          <Segmented
            value={chartKind}
            onChange={setChartKind}
            options={[
              { value: 'bar', label: t('metering.chartBar') },
              { value: 'line', label: t('metering.chartLine') },
            ]}
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!result.data || rows.length === 0}
            onClick={download}
            data-testid="consumption-download"
          >
            {t('metering.downloadCsv')}
          </Button>
        </Space>
      }
    >
      {result.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(result.error, t)} />
      )}
      {isEmpty ? (
        <Empty description={t('metering.noConsumptionMeters')} data-testid="consumption-empty" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="large">
          <ConsumptionChart
            meters={rows}
            granularity={result.data?.granularity ?? granularity}
            kind={chartKind}
            labels={labels}
            loading={result.isFetching || meters.isLoading}
          />
          {result.data && (
            <Typography.Text type="secondary">
              {t('metering.timezoneNote', { timezone: result.data.timezone })}
            </Typography.Text>
          )}
          <Table<TMeterConsumption>
            rowKey="meterId"
            size="small"
            data-testid="consumption-table"
            loading={result.isFetching}
            dataSource={rows}
            pagination={false}
            columns={[
              { title: t('common.code'), dataIndex: 'code' },
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('metering.medium'), dataIndex: 'medium', render: (m: string) => mediumLabel(m) },
              {
                title: t('metering.level'),
                dataIndex: 'level',
                render: (level: number) => <Tag>{t('metering.levelShort', { level })}</Tag>,
              },
              {
                title: t('metering.total'),
                dataIndex: 'total',
                align: 'right',
                render: (v: number | null, m) => (
                  <span data-testid={`consumption-total-${m.code}`}>
                    {formatNumber(v, i18n.language, 2)} {v !== null && unitLabel(m.unit)}
                  </span>
                ),
              },
              {
                title: t('metering.tce'),
                dataIndex: 'tceEquivalent',
                align: 'right',
                render: (v: number | null) => formatNumber(v, i18n.language, 4),
              },
              {
                title: t('metering.factorSource'),
                dataIndex: 'factorSource',
                render: (v: string | null) => v ?? '—',
              },
            ]}
          />
        </Space>
      )}
    </PageCard>
  );
}

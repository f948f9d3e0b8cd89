import { useEffect, useMemo, useState } from 'react';
import { Button, DatePicker, Empty, Segmented, Select, Space, Tooltip, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Aggregate, Resolution, TMetric } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { dataApi, type SeriesRequest } from '../api/data-api.ts';
import { useSeries } from '../hooks/use-telemetry-queries.ts';
import {
  exportResolution,
  presetRange,
  RANGE_PRESETS,
  type RangePreset,
  type TimeRange,
} from '../lib/time-range.ts';
import { aggregateOptions, resolutionOptions } from './telemetry-options.ts';
import { TrendChart, type ChartSeries } from './TrendChart.tsx';

/** About one point per pixel of a wide chart: more is invisible, fewer loses peaks. */
const MAX_POINTS = 1200;
/** A relative range ("last 24 h") slides forward while nobody is zooming. */
const SLIDE_EVERY_MS = 60_000;

type Preset = RangePreset | 'custom';
const iso = (ms: number) => new Date(ms).toISOString();

/** Overview points outside the zoom window, the window's finer points inside it. */
function spliceDetail(overview: ChartSeries['points'], detail: ChartSeries['points']): ChartSeries['points'] {
  if (detail.length === 0) return overview;
  const first = detail[0]![0];
  const last = detail[detail.length - 1]![0];
  return [...overview.filter((p) => p[0] < first), ...detail, ...overview.filter((p) => p[0] > last)];
}

export function TrendPanel(props: {
  metrics: Pick<TMetric, 'id' | 'key' | 'name' | 'unitCode' | 'valueType'>[];
  selected: number[];
  onSelectedChange: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [preset, setPreset] = useState<Preset>('24h');
  const [range, setRange] = useState<TimeRange>(() => presetRange('24h'));
  const [resolution, setResolution] = useState<'auto' | Resolution>('auto');
  const [agg, setAgg] = useState<Aggregate>('avg');
  const [zoom, setZoom] = useState<TimeRange | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const { selected } = props;

  const resetZoom = () => {
    setZoom(null);
    setResetKey((k) => k + 1);
  };
  const choosePreset = (next: Preset) => {
    setPreset(next);
    if (next !== 'custom') setRange(presetRange(next));
    resetZoom();
  };

  useEffect(() => {
    if (preset === 'custom' || zoom) return;
    const timer = setInterval(() => setRange(presetRange(preset)), SLIDE_EVERY_MS);
    return () => clearInterval(timer);
  }, [preset, zoom]);

  const overviewRequest = useMemo<SeriesRequest>(
    () => ({
      metricIds: selected,
      from: iso(range.from),
      to: iso(range.to),
      resolution,
      agg,
      maxPoints: MAX_POINTS,
    }),
    [selected, range, resolution, agg],
  );
  const detailRequest = useMemo<SeriesRequest | null>(
    () => (zoom ? { ...overviewRequest, from: iso(zoom.from), to: iso(zoom.to) } : null),
    [zoom, overviewRequest],
  );
  const overview = useSeries(overviewRequest);
  const detail = useSeries(detailRequest);

  const chartSeries = useMemo<ChartSeries[]>(() => {
    const detailById = new Map((zoom ? (detail.data?.series ?? []) : []).map((s) => [s.metricId, s.points]));
    return (overview.data?.series ?? [])
      .filter((s) => selected.includes(s.metricId))
      .map((s) => ({
        metricId: s.metricId,
        name: s.name,
        unitCode: s.unitCode,
        points: spliceDetail(s.points, detailById.get(s.metricId) ?? []),
      }));
  }, [overview.data, detail.data, zoom, selected]);

  const shown = zoom && detail.data ? detail.data : overview.data;
  const sourcePoints = shown?.series.reduce((sum, s) => sum + s.sourcePoints, 0) ?? 0;
  const drawnPoints = shown?.series.reduce((sum, s) => sum + s.points.length, 0) ?? 0;
  const hasData = chartSeries.some((s) => s.points.some((p) => p[1] !== null));

  const exportFile = async (format: 'csv' | 'xlsx') => {
    const window = zoom ?? range;
    setExporting(format);
    try {
      await dataApi.exportSeries({
        metricIds: selected,
        from: iso(window.from),
        to: iso(window.to),
        resolution: resolution === 'auto' ? exportResolution(window) : resolution,
        format,
      });
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(null);
    }
  };

  const chartable = props.metrics.filter((m) => m.valueType !== 'string');
  if (chartable.length === 0)
    return <Empty description={t('trend.noMetrics')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <div data-testid="trend-panel">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          mode="multiple"
          style={{ minWidth: 320, maxWidth: 560 }}
          placeholder={t('trend.pickMetrics')}
          value={selected}
          onChange={(ids: number[]) => {
            props.onSelectedChange(ids);
            resetZoom();
          }}
          maxTagCount="responsive"
          options={chartable.map((m) => ({
            value: m.id,
            label: m.unitCode ? `${m.name} (${m.unitCode})` : m.name,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="trend-metrics"
        />
        <Segmented<Preset>
          value={preset}
          onChange={choosePreset}
          options={[
            ...RANGE_PRESETS.map((p) => ({ value: p, label: t(`trend.preset.${p}`) })),
            { value: 'custom', label: t('trend.preset.custom') },
          ]}
          data-testid="trend-presets"
        />
        {preset === 'custom' && (
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            value={[dayjs(range.from), dayjs(range.to)]}
            onChange={(values) => {
              const [start, end] = values ?? [];
              if (!start || !end) return;
              setRange({ from: start.valueOf(), to: end.valueOf() });
              resetZoom();
            }}
          />
        )}
        <Select
          value={resolution}
          onChange={(v) => {
            setResolution(v);
          }}
          options={resolutionOptions(t)}
          style={{ width: 130 }}
          aria-label={t('trend.resolution')}
          data-testid="trend-resolution"
        />
        <Select
          value={agg}
          onChange={setAgg}
          options={aggregateOptions(t)}
          style={{ width: 120 }}
          aria-label={t('trend.aggregate')}
          data-testid="trend-aggregate"
        />
        <Tooltip title={t('trend.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('trend.refresh')}
            onClick={() => {
              if (preset !== 'custom') {
                setRange(presetRange(preset));
                resetZoom();
              } else void overview.refetch();
            }}
          />
        </Tooltip>
        {zoom && (
          <Button icon={<ZoomOutOutlined />} onClick={resetZoom} data-testid="trend-reset-zoom">
            {t('trend.resetZoom')}
          </Button>
        )}
        <Button
          icon={<DownloadOutlined />}
          disabled={selected.length === 0}
          loading={exporting === 'csv'}
          onClick={() => void exportFile('csv')}
          data-testid="trend-export-csv"
        >
          CSV
        </Button>
        <Button
          icon={<DownloadOutlined />}
          disabled={selected.length === 0}
          loading={exporting === 'xlsx'}
          onClick={() => void exportFile('xlsx')}
          data-testid="trend-export-xlsx"
        >
          Excel
        </Button>
      </Space>
      {selected.length === 0 ? (
        <Empty description={t('trend.pickMetrics')} />
      ) : (
        <>
          <div style={{ position: 'relative' }}>
            <TrendChart
              series={chartSeries}
              range={range}
              onZoom={setZoom}
              resetKey={resetKey}
              loading={overview.isFetching || detail.isFetching}
            />
            {!hasData && !overview.isFetching && (
              <div
                style={{
                  position: 'absolute',
                  inset: '48px 0 64px',
                  display: 'grid',
                  placeItems: 'center',
                  pointerEvents: 'none',
                }}
              >
                <Empty description={overview.error ? t('common.loadFailed') : t('trend.noData')} />
              </div>
            )}
          </div>
          {shown && (
            <Typography.Text type="secondary" data-testid="trend-info">
              {t('trend.info', {
                resolution: t(`telemetry.resolution.${shown.resolution}`),
                agg: t(`telemetry.aggregate.${shown.agg}`),
                source: sourcePoints.toLocaleString(),
                drawn: drawnPoints.toLocaleString(),
              })}
              {zoom &&
                ` · ${t('trend.zoomed', { from: dayjs(zoom.from).format('MM-DD HH:mm:ss'), to: dayjs(zoom.to).format('MM-DD HH:mm:ss') })}`}
            </Typography.Text>
          )}
        </>
      )}
    </div>
  );
}

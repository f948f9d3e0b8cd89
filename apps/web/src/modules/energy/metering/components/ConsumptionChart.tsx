import { useEffect } from 'react';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TMeterConsumption } from '@greenmes/contracts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { bucketLabel, type Granularity } from '../lib/metering-lib.ts';
import { useEChart } from '../../../../shared/hooks/use-echart.ts';

/**
 * Consumption per meter over the buckets. Bars stack by unit and level: the workshops of a level add up
 * to a column beside their incomer's, never on top of it (that would count the same energy twice), and
 * kWh never stacks on m³. ECharts is loaded on first use.
 */
export function ConsumptionChart(props: {
  meters: TMeterConsumption[];
  granularity: Granularity;
  kind: 'bar' | 'line';
  loading?: boolean;
  /** bucket labels when the start time alone does not name a bucket (shifts) */
  labels?: string[];
}) {
  const { i18n } = useTranslation();
  const { containerRef, chartRef, isReady } = useEChart(() => import('../../../telemetry/lib/echarts.ts'));

  const { meters, granularity, kind, labels } = props;
  const language = i18n.language;
  useEffect(() => {
    const chart = chartRef.current;
    if (!isReady || !chart) return;
    const buckets = meters[0]?.points.map(([ms]) => ms) ?? [];
    const units = [...new Set(meters.map((m) => m.unit as string))];
    if (units.length === 0) units.push('');
    const format = (v: unknown) => (typeof v === 'number' ? formatNumber(v, language, 2) : '—');
    chart.setOption(
      {
        animation: false,
        grid: { top: 48, left: 16, right: 16 + (units.length - 1) * 64, bottom: 24, containLabel: true },
        legend: { top: 0, type: 'scroll' },
        tooltip: { trigger: 'axis', valueFormatter: format },
        xAxis: { type: 'category', data: labels ?? buckets.map((ms) => bucketLabel(ms, granularity)) },
        yAxis: units.map((unit, i) => ({
          type: 'value',
          name: unitLabel(unit),
          position: i === 0 ? 'left' : 'right',
          offset: i === 0 ? 0 : (i - 1) * 64,
          splitLine: { show: i === 0 },
          axisLabel: { formatter: (v: number) => formatNumber(v, language, 2) },
        })),
        series: meters.map((m) => ({
          id: m.meterId,
          name: `${m.code} ${m.name}`,
          type: kind,
          stack: `${m.unit}-${m.level}`,
          ...(kind === 'line' ? { areaStyle: { opacity: 0.25 }, showSymbol: buckets.length < 40 } : {}),
          yAxisIndex: units.indexOf(m.unit),
          data: m.points.map(([, v]) => v),
        })),
      },
      { replaceMerge: ['series', 'yAxis'] },
    );
  }, [isReady, meters, granularity, kind, labels, language, chartRef]);

  return (
    <Spin spinning={!isReady || Boolean(props.loading)} delay={isReady ? 300 : 0}>
      <div
        ref={containerRef}
        data-testid="consumption-chart"
        data-ready={isReady}
        data-series-count={meters.length}
        style={{ width: '100%', height: 380 }}
      />
    </Spin>
  );
}

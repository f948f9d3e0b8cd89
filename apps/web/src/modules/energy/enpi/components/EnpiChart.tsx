import { useEffect, useMemo } from 'react';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnpiEvaluation } from '@greenmes/contracts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { chartMonths } from '../lib/enpi-lib.ts';
import { useEChart } from '../../../../shared/hooks/use-echart.ts';

const GREY = '#bfbfbf';
const ACTUAL = '#1677ff';
const ALARM = '#ff4d4f';

/**
 * Actual consumption (bars) against the model's expectation (line) per month, with the cumulative savings
 * on a second axis. Baseline months are greyed and alarm months red. ECharts is loaded on first use.
 */
export function EnpiChart(props: { evaluation: TEnpiEvaluation; loading?: boolean }) {
  const { t, i18n } = useTranslation();
  const { containerRef, chartRef, isReady } = useEChart(() => import('../lib/enpi-echarts.ts'));

  const { evaluation } = props;
  const rows = useMemo(() => chartMonths(evaluation), [evaluation]);
  const language = i18n.language;
  useEffect(() => {
    const chart = chartRef.current;
    if (!isReady || !chart) return;
    const format = (v: unknown) => (typeof v === 'number' ? formatNumber(v, language, 2) : '—');
    const months = rows.map((r) => r.row.month);
    const baselineMonths = rows.filter((r) => r.isBaseline).map((r) => r.row.month);
    const unit = unitLabel(evaluation.unit);
    chart.setOption(
      {
        animation: false,
        grid: { top: 48, left: 16, right: 16, bottom: 24, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: format },
        xAxis: { type: 'category', data: months },
        yAxis: [
          {
            type: 'value',
            name: unit,
            axisLabel: { formatter: (v: number) => formatNumber(v, language, 2) },
          },
          {
            type: 'value',
            name: t('enpi.cumulativeSavings'),
            splitLine: { show: false },
            axisLabel: { formatter: (v: number) => formatNumber(v, language, 2) },
          },
        ],
        series: [
          {
            name: t('enpi.actual'),
            type: 'bar',
            itemStyle: { color: ACTUAL },
            data: rows.map(({ row, isBaseline, isReported }) => ({
              value: row.actual,
              itemStyle: { color: row.isAlarm ? ALARM : isBaseline && !isReported ? GREY : ACTUAL },
            })),
            markArea:
              baselineMonths.length > 0
                ? {
                    silent: true,
                    itemStyle: { color: 'rgba(0, 0, 0, 0.05)' },
                    label: { show: true, position: 'insideTop', color: '#8c8c8c' },
                    data: [
                      [
                        { name: t('enpi.baselineMonths'), xAxis: baselineMonths[0] },
                        { xAxis: baselineMonths[baselineMonths.length - 1] },
                      ],
                    ],
                  }
                : undefined,
          },
          {
            name: t('enpi.expected'),
            type: 'line',
            itemStyle: { color: '#fa8c16' },
            connectNulls: false,
            data: rows.map(({ row }) => row.expected),
          },
          {
            name: t('enpi.cumulativeSavings'),
            type: 'line',
            yAxisIndex: 1,
            itemStyle: { color: '#52c41a' },
            lineStyle: { type: 'dashed' },
            data: rows.map(({ row, isReported }) => (isReported ? row.cumulativeSavings : null)),
          },
        ],
      },
      { notMerge: true },
    );
  }, [isReady, rows, evaluation.unit, language, t, chartRef]);

  return (
    <Spin spinning={!isReady || Boolean(props.loading)} delay={isReady ? 300 : 0}>
      <div
        ref={containerRef}
        data-testid="enpi-chart"
        data-ready={isReady}
        data-months={rows.length}
        role="img"
        aria-label={t('enpi.chart')}
        style={{ width: '100%', height: 360 }}
      />
    </Spin>
  );
}

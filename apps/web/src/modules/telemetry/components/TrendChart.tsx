import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import type { EChartsType } from '../lib/echarts.ts';
import { formatNumber } from '../lib/format-value.ts';
import { MIN_ZOOM_SPAN_MS, type TimeRange } from '../lib/time-range.ts';

export interface ChartSeries {
  metricId: number;
  name: string;
  unitCode: string | null;
  /** [epoch ms, value] */
  points: Array<[number, number | null]>;
}

/** Wait this long after the last wheel/drag step before asking the server for the zoomed window. */
const ZOOM_DEBOUNCE_MS = 350;

/**
 * A time-series line chart over `range`, with wheel/drag zoom and a slider. The zoom window is
 * reported (debounced) so the parent can fetch finer data for it; the axis keeps the full range, so
 * zooming out again needs no request. ECharts is loaded on first use.
 */
export function TrendChart(props: {
  series: ChartSeries[];
  range: TimeRange;
  onZoom: (window: TimeRange | null) => void;
  /** Changing it puts the zoom back to the full range. */
  resetKey: number;
  height?: number;
  loading?: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const [isReady, setReady] = useState(false);
  const onZoom = useRef(props.onZoom);
  const range = useRef(props.range);
  useEffect(() => {
    onZoom.current = props.onZoom;
    range.current = props.range;
  });

  useEffect(() => {
    let isDisposed = false;
    let chart: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void import('../lib/echarts.ts').then(({ echarts }) => {
      const container = containerRef.current;
      if (isDisposed || !container) return;
      chart = echarts.init(container);
      chartRef.current = chart;
      chart.setOption({
        animation: false,
        grid: { top: 48, left: 16, right: 16, bottom: 64 },
        legend: { top: 0, type: 'scroll' },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—'),
        },
        // filterMode 'none': zooming must not drop the points just outside the window (lines stay joined)
        dataZoom: [
          { type: 'inside', filterMode: 'none' },
          { type: 'slider', filterMode: 'none', height: 22, bottom: 12 },
        ],
        xAxis: { type: 'time' },
        yAxis: [{ type: 'value', scale: true }],
        series: [],
      });
      chart.on('datazoom', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const zoom = (
            chart?.getOption() as { dataZoom?: Array<{ start?: number; end?: number }> } | undefined
          )?.dataZoom?.[0];
          if (!zoom) return;
          const start = zoom.start ?? 0;
          const end = zoom.end ?? 100;
          if (start <= 0.01 && end >= 99.99) return onZoom.current(null);
          const { from, to } = range.current;
          const span = to - from;
          const window = {
            from: Math.round(from + (span * start) / 100),
            to: Math.round(from + (span * end) / 100),
          };
          if (window.to - window.from >= MIN_ZOOM_SPAN_MS) onZoom.current(window);
        }, ZOOM_DEBOUNCE_MS);
      });
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(container);
      setReady(true);
    });
    return () => {
      isDisposed = true;
      clearTimeout(timer);
      observer?.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, []);

  const { series } = props;
  const { from, to } = props.range;
  useEffect(() => {
    const chart = chartRef.current;
    if (!isReady || !chart) return;
    // one y axis per unit: kW and °C on one scale would flatten one of them
    const units = [...new Set(series.map((s) => s.unitCode ?? ''))];
    // the grid needs a y axis even with no series, or ECharts fails while rendering it
    if (units.length === 0) units.push('');
    chart.setOption(
      {
        grid: {
          left: 16 + Math.floor((units.length - 1) / 2) * 56,
          right: 16 + Math.floor(units.length / 2) * 56,
        },
        xAxis: { type: 'time', min: from, max: to },
        yAxis: units.map((unit, i) => ({
          type: 'value',
          scale: true,
          name: unit,
          position: i % 2 === 0 ? 'left' : 'right',
          offset: Math.floor(i / 2) * 56,
          axisLine: { show: units.length > 1 },
          splitLine: { show: i === 0 },
          axisLabel: { formatter: (v: number) => formatNumber(v) },
        })),
        series: series.map((s) => ({
          id: String(s.metricId),
          name: s.name,
          type: 'line',
          showSymbol: s.points.length < 60,
          symbolSize: 4,
          connectNulls: false,
          yAxisIndex: units.indexOf(s.unitCode ?? ''),
          data: s.points,
        })),
      },
      { replaceMerge: ['series', 'yAxis'] },
    );
  }, [isReady, series, from, to]);

  useEffect(() => {
    if (isReady) chartRef.current?.dispatchAction({ type: 'dataZoom', start: 0, end: 100 });
  }, [isReady, props.resetKey]);

  const pointCount = series.reduce((sum, s) => sum + s.points.filter((p) => p[1] !== null).length, 0);
  return (
    <Spin spinning={!isReady || Boolean(props.loading)} delay={isReady ? 300 : 0}>
      <div
        ref={containerRef}
        data-testid="trend-chart"
        data-ready={isReady}
        data-point-count={pointCount}
        style={{ width: '100%', height: props.height ?? 380 }}
      />
    </Spin>
  );
}

import type { WidgetChartOption } from '../widgets/WidgetChart.tsx';

/** Axis and text colours of the dark screens, merged into each chart's option. */
export const DARK_TEXT = '#b7c8e8';
const axis = {
  axisLine: { lineStyle: { color: 'rgba(145, 202, 255, 0.4)' } },
  axisLabel: { color: DARK_TEXT, fontSize: 14 },
  splitLine: { lineStyle: { color: 'rgba(145, 202, 255, 0.12)' } },
};

/** A bar or line chart over time buckets (epoch ms) with the screens' dark styling. */
export function timeSeriesOption(o: {
  series: Array<{ name: string; type: 'bar' | 'line'; data: Array<[number, number | null]>; color: string }>;
  unit: string;
  label: (ms: number) => string;
}): WidgetChartOption {
  const categories = o.series[0]?.data.map(([ms]) => o.label(ms)) ?? [];
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: DARK_TEXT },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { color: DARK_TEXT, fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, ...axis },
    yAxis: { type: 'value', name: o.unit, nameTextStyle: { color: DARK_TEXT }, ...axis },
    series: o.series.map((s) => ({
      name: s.name,
      type: s.type,
      data: s.data.map(([, v]) => v),
      itemStyle: { color: s.color },
      showSymbol: false,
      smooth: s.type === 'line',
    })),
  };
}

/** A ring of shares (pie) with the screens' dark styling. */
export function ringOption(data: Array<{ name: string; value: number; color?: string }>): WidgetChartOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { color: DARK_TEXT, fontSize: 14 } },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        label: { color: DARK_TEXT, formatter: '{b}\n{d}%' },
        data: data.map((d) => ({
          name: d.name,
          value: d.value,
          itemStyle: d.color ? { color: d.color } : {},
        })),
      },
    ],
  };
}

/** A 0–100 % gauge. */
export function gaugeOption(name: string, share: number | null): WidgetChartOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        progress: { show: true, width: 14 },
        axisLine: { lineStyle: { width: 14, color: [[1, 'rgba(145, 202, 255, 0.15)']] } },
        axisTick: { show: false },
        splitLine: { length: 8, lineStyle: { color: DARK_TEXT } },
        axisLabel: { color: DARK_TEXT, distance: 20 },
        pointer: { show: false },
        title: { color: DARK_TEXT, offsetCenter: [0, '70%'], fontSize: 16 },
        detail: {
          color: '#fff',
          fontSize: 36,
          offsetCenter: [0, '10%'],
          formatter: share === null ? '—' : '{value}%',
        },
        data: [{ name, value: share === null ? 0 : Math.round(share * 1000) / 10 }],
      },
    ],
  };
}

/** Horizontal bars, largest on top. */
export function rankingOption(
  data: Array<{ name: string; value: number }>,
  format: (value: number) => string,
): WidgetChartOption {
  const rows = [...data].reverse();
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 140, right: 60, top: 8, bottom: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', ...axis, axisLabel: { show: false } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), ...axis },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.value),
        itemStyle: { color: '#36cfc9' },
        label: {
          show: true,
          position: 'right',
          color: DARK_TEXT,
          formatter: (p: { value: unknown }) => format(Number(p.value)),
        },
      },
    ],
  };
}

import { useEffect } from 'react';
import type { EChartsType } from '../../telemetry/lib/echarts.ts';
import { useEChart } from '../../../shared/hooks/use-echart.ts';

export type WidgetChartOption = Parameters<EChartsType['setOption']>[0];

/**
 * One ECharts canvas of a widget. The option is replaced whole on each change, without animation: a screen
 * that redraws every few seconds for days should not queue transitions.
 */
export function WidgetChart(props: { option: WidgetChartOption; height: number | string; testId: string }) {
  const { containerRef, chartRef, isReady } = useEChart(() => import('./widget-charts.ts'));
  const { option } = props;
  useEffect(() => {
    if (isReady) chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [isReady, option, chartRef]);
  return (
    <div
      ref={containerRef}
      data-testid={props.testId}
      data-ready={isReady}
      style={{ width: '100%', height: props.height }}
    />
  );
}

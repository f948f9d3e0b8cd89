import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import type { EChartsType } from '../../../telemetry/lib/echarts.ts';

export type ChartOption = Parameters<EChartsType['setOption']>[0];

/**
 * One ECharts canvas of a report. ECharts is loaded on first use; the option is replaced whole on every
 * change (a report's series come and go with the period), so no series of an older period lingers.
 */
export function ReportChart(props: {
  option: ChartOption;
  height?: number;
  loading?: boolean;
  testId: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const [isReady, setReady] = useState(false);

  useEffect(() => {
    let isDisposed = false;
    let chart: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    void import('../lib/report-charts.ts').then(({ echarts }) => {
      const container = containerRef.current;
      if (isDisposed || !container) return;
      chart = echarts.init(container);
      chartRef.current = chart;
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(container);
      setReady(true);
    });
    return () => {
      isDisposed = true;
      observer?.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, []);

  const { option } = props;
  useEffect(() => {
    if (isReady) chartRef.current?.setOption(option, { notMerge: true });
  }, [isReady, option]);

  return (
    <Spin spinning={!isReady || Boolean(props.loading)} delay={isReady ? 300 : 0}>
      <div
        ref={containerRef}
        data-testid={props.testId}
        data-ready={isReady}
        style={{ width: '100%', height: props.height ?? 320 }}
      />
    </Spin>
  );
}

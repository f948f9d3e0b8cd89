import { useEffect } from 'react';
import { Spin } from 'antd';
import type { EChartsType } from '../../../telemetry/lib/echarts.ts';
import { useEChart } from '../../../../shared/hooks/use-echart.ts';

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
  const { containerRef, chartRef, isReady } = useEChart(() => import('../lib/report-charts.ts'));

  const { option } = props;
  useEffect(() => {
    if (isReady) chartRef.current?.setOption(option, { notMerge: true });
  }, [isReady, option, chartRef]);

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

import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from '../../modules/telemetry/lib/echarts.ts';

/**
 * One ECharts instance on a div: the chart module is loaded on first use (`load` picks the module with the
 * chart types the page needs), resized with its container and disposed on unmount. `isReady` turns true
 * once the instance exists; set options through `chartRef.current`.
 */
export function useEChart(load: () => Promise<{ echarts: { init: (el: HTMLElement) => EChartsType } }>) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const [isReady, setReady] = useState(false);
  const loadRef = useRef(load);

  useEffect(() => {
    let isDisposed = false;
    let chart: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    void loadRef.current().then(({ echarts }) => {
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

  return { containerRef, chartRef, isReady };
}

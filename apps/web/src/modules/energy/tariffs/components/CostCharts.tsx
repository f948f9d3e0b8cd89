import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTariffCostResult } from '@greenmes/contracts';
import type { EChartsType } from '../lib/tariff-echarts.ts';
import { PERIOD_COLORS } from '../lib/periods.ts';

/** Cost per period as a pie and quantity per period as bars; ECharts loaded on first use. */
export function CostCharts(props: { result: TTariffCostResult }) {
  const { t } = useTranslation();
  const pieRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const { result } = props;

  useEffect(() => {
    let isDisposed = false;
    const charts: EChartsType[] = [];
    const observer = new ResizeObserver(() => charts.forEach((c) => c.resize()));
    void import('../lib/tariff-echarts.ts').then(({ echarts }) => {
      if (isDisposed || !pieRef.current || !barRef.current) return;
      const name = (p: string) => t(`tariff.periodName.${p}`);
      const pie = echarts.init(pieRef.current);
      pie.setOption({
        title: { text: t('tariff.calc.costChart'), left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'item', valueFormatter: (v: unknown) => `¥${Number(v).toFixed(2)}` },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['28%', '52%'],
            avoidLabelOverlap: true,
            label: { formatter: '{b} {d}%' },
            data: result.byPeriod.map((p) => ({
              name: name(p.period),
              value: Number(p.cost),
              itemStyle: { color: PERIOD_COLORS[p.period] },
            })),
          },
        ],
      });
      const bar = echarts.init(barRef.current);
      bar.setOption({
        title: { text: t('tariff.calc.quantityChart'), left: 'center', textStyle: { fontSize: 14 } },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} ${result.unit}`,
        },
        grid: { left: 56, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: result.byPeriod.map((p) => name(p.period)) },
        yAxis: { type: 'value', name: result.unit },
        series: [
          {
            type: 'bar',
            data: result.byPeriod.map((p) => ({
              value: p.quantity,
              itemStyle: { color: PERIOD_COLORS[p.period] },
            })),
          },
        ],
      });
      charts.push(pie, bar);
      observer.observe(pieRef.current);
      observer.observe(barRef.current);
    });
    return () => {
      isDisposed = true;
      observer.disconnect();
      charts.forEach((c) => c.dispose());
    };
  }, [result, t]);

  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      <div ref={pieRef} style={{ flex: '1 1 320px', height: 300 }} data-testid="cost-pie" />
      <div ref={barRef} style={{ flex: '1 1 320px', height: 300 }} data-testid="cost-bar" />
    </div>
  );
}

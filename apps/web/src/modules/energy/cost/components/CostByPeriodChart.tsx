import { useMemo } from 'react';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { TARIFF_PERIODS } from '@greenmes/contracts';
import { formatNumber } from '../../lib/energy-format.ts';
import { ReportChart, type ChartOption } from '../../reports/components/ReportChart.tsx';
import { PERIOD_COLORS } from '../../tariffs/lib/periods.ts';
import type { CostMeter } from './CostTable.tsx';

/** Electricity meters side by side, each bar the cost stacked from critical peak down to deep valley. */
export function CostByPeriodChart(props: { meters: CostMeter[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const electricity = useMemo(
    () => props.meters.filter((m) => m.medium === 'electricity' && m.cost && m.cost.byPeriod.length > 0),
    [props.meters],
  );
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { top: 40, left: 16, right: 16, bottom: 24, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => `¥${formatNumber(v as number, lang, 2)}`,
      },
      xAxis: { type: 'category', data: electricity.map((m) => `${m.code} ${m.name}`) },
      yAxis: { type: 'value', name: t('energyCost.total') },
      series: TARIFF_PERIODS.map((period) => ({
        name: t(`tariff.periodName.${period}`),
        type: 'bar',
        stack: 'cost',
        itemStyle: { color: PERIOD_COLORS[period] },
        data: electricity.map((m) => {
          const line = m.cost?.byPeriod.find((p) => p.period === period);
          return line ? Number(line.cost) : 0;
        }),
      })),
    }),
    [electricity, lang, t],
  );
  if (electricity.length === 0)
    return <Empty description={t('energyCost.noElectricity')} data-testid="energy-cost-chart-empty" />;
  return <ReportChart option={option} loading={props.loading} testId="energy-cost-chart" />;
}

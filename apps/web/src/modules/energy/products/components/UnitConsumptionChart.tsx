import { useMemo } from 'react';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/energy-format.ts';
import { ReportChart, type ChartOption } from '../../reports/components/ReportChart.tsx';
import type { ProductRow } from './ProductReportTable.tsx';

const MEETS = '#52c41a';
const EXCEEDS = '#ff4d4f';
const NEUTRAL = '#1677ff';
const LIMIT = '#bfbfbf';

/** The unit consumption in the value its limit is stated in (equivalent by default), beside the limit. */
const compared = (p: ProductRow) => (p.limit?.valueKind === 'equal' ? p.unitKgceEqual : p.unitKgceEquivalent);

/** One bar per product, green within its limit and red above it, with the limit as a grey bar beside it. */
export function UnitConsumptionChart(props: { products: ProductRow[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const products = useMemo(() => props.products.filter((p) => compared(p) !== null), [props.products]);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { top: 40, left: 16, right: 16, bottom: 24, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatNumber(v as number, lang, 3) },
      xAxis: { type: 'category', data: products.map((p) => p.materialName) },
      yAxis: { type: 'value', name: t('energyProducts.chart.axis') },
      series: [
        {
          name: t('energyProducts.chart.unitConsumption'),
          type: 'bar',
          itemStyle: { color: NEUTRAL },
          data: products.map((p) => ({
            value: compared(p),
            itemStyle: {
              color: p.limit?.meets === true ? MEETS : p.limit?.meets === false ? EXCEEDS : NEUTRAL,
            },
          })),
        },
        {
          name: t('energyProducts.chart.limit'),
          type: 'bar',
          itemStyle: { color: LIMIT },
          data: products.map((p) => p.limit?.kgcePerUnit ?? null),
        },
      ],
    }),
    [products, lang, t],
  );
  if (products.length === 0)
    return <Empty description={t('energyProducts.chart.empty')} data-testid="product-chart-empty" />;
  return <ReportChart option={option} loading={props.loading} testId="product-chart" />;
}

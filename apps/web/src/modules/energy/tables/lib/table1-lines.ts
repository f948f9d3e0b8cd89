import type { TEnergyTable1 } from '@greenmes/contracts';
import { unitLabel } from '../../lib/energy-format.ts';

/** One line of the standard's Table 1: an energy type, or one of the two totals (tce only). */
export interface Table1Line {
  key: string;
  label: string;
  unit: string;
  quantities: Array<number | null>;
  tce: Array<number | null>;
  forecastQuantity: number | null;
  forecastTce: number | null;
  isTotal: boolean;
}

/** The screen table and the print layout show the same lines. */
export function table1Lines(
  data: TEnergyTable1,
  mediumLabel: (m: string) => string,
  t: (k: string) => string,
): Table1Line[] {
  const none = data.years.map(() => null);
  const lines: Table1Line[] = data.rows.map((r) => ({
    key: r.medium,
    label: mediumLabel(r.medium),
    unit: unitLabel(r.unit),
    quantities: r.quantities,
    tce: r.tceEquivalent,
    forecastQuantity: r.forecastQuantity,
    forecastTce: r.forecastTceEquivalent,
    isTotal: false,
  }));
  if (lines.length === 0) return lines; // the empty state explains; two rows of zeros would not
  return [
    ...lines,
    {
      key: 'total-equivalent',
      label: t('energyTables.table1.totalEquivalent'),
      unit: 'tce',
      quantities: none,
      tce: data.totalTceEquivalent,
      forecastQuantity: null,
      forecastTce: data.forecastTceEquivalent,
      isTotal: true,
    },
    {
      key: 'total-equal',
      label: t('energyTables.table1.totalEqual'),
      unit: 'tce',
      quantities: none,
      tce: data.totalTceEqual,
      // the server forecasts the equivalent value only
      forecastQuantity: null,
      forecastTce: null,
      isTotal: true,
    },
  ];
}

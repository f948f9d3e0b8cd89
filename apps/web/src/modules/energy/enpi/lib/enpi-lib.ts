import dayjs from 'dayjs';
import type { TEnpiEvaluation } from '@greenmes/contracts';

export type EnpiMonth = TEnpiEvaluation['months'][number];
export type EnpiModel = NonNullable<TEnpiEvaluation['model']>;

/** Every month from `from` to `to` (YYYY-MM, both included); empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string, limit = 120): string[] {
  const months: string[] = [];
  for (let m = dayjs(`${from}-01`); m.format('YYYY-MM') <= to && months.length < limit; m = m.add(1, 'month'))
    months.push(m.format('YYYY-MM'));
  return months;
}

/** The reporting period a detail view opens with: from the month after the baseline to this month. */
export function defaultReportingRange(baselineFrom: string, baselineTo: string, now = dayjs()) {
  const to = now.format('YYYY-MM');
  const after = dayjs(`${baselineTo}-01`).add(1, 'month').format('YYYY-MM');
  // a baseline that reaches this month leaves nothing after it: report on the baseline itself
  return after <= to ? { from: after, to } : { from: baselineFrom, to: baselineTo };
}

/**
 * The chart's months: the baseline's, then the reporting period's. A month in both is shown as reported
 * (it carries the expected value and the savings); the baseline flag greys it all the same.
 */
export function chartMonths(evaluation: Pick<TEnpiEvaluation, 'baseline' | 'months'>) {
  const reported = new Map(evaluation.months.map((m) => [m.month, m]));
  const rows = new Map<string, { row: EnpiMonth; isBaseline: boolean; isReported: boolean }>();
  for (const row of evaluation.baseline)
    rows.set(row.month, {
      row: reported.get(row.month) ?? row,
      isBaseline: true,
      isReported: reported.has(row.month),
    });
  for (const row of evaluation.months)
    if (!rows.has(row.month)) rows.set(row.month, { row, isBaseline: false, isReported: true });
  return [...rows.values()].sort((a, b) => a.row.month.localeCompare(b.row.month));
}

/** "E = 100 + 2 × x − 0.5 × HDD": signs folded into the operators, terms named by their drivers. */
export function modelEquation(
  model: EnpiModel,
  driverLabel: (driver: string) => string,
  format: (value: number) => string,
): string {
  const terms = model.coefficients.map((c, i) => {
    const sign = c < 0 ? '−' : '+';
    return `${sign} ${format(Math.abs(c))} × ${driverLabel(model.drivers[i] ?? '')}`;
  });
  return ['E =', format(model.intercept), ...terms].join(' ');
}

/** Degree days as the form holds them (one input per month) → the contract's map, or null when none. */
export function toDegreeDays(values: Record<string, number | null | undefined> | undefined) {
  const entries = Object.entries(values ?? {}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
  return entries.length > 0 ? Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) : null;
}

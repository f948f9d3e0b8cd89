import dayjs, { type Dayjs } from 'dayjs';
import { instantIn } from '../../reports/lib/report-period.ts';

/** The first and the last month included, each as the start of its month (wall clock). */
export type MonthRange = [Dayjs, Dayjs];

/** Last month: the newest month whose output is normally in the ledger by now. */
export function defaultMonthRange(now = dayjs()): MonthRange {
  const last = now.startOf('month').subtract(1, 'month');
  return [last, last];
}

/** [first month's start, the start of the month after the last) as instants of the enterprise's time zone. */
export const monthRangeQuery = (range: MonthRange, timeZone: string) => ({
  from: instantIn(range[0].startOf('month'), timeZone),
  to: instantIn(range[1].startOf('month').add(1, 'month'), timeZone),
});

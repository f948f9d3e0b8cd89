import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { TReportPeriodQuery } from '@greenmes/contracts';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The instant of a picked wall-clock time in the enterprise's time zone: "1 March 00:00" means midnight in
 * the factory, wherever the browser is, so periods end on the enterprise's day and month boundaries.
 */
export const instantIn = (value: Dayjs, timeZone: string) =>
  dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), timeZone).toISOString();

export const REPORT_PRESETS = ['thisMonth', 'lastMonth', 'thisYear', 'lastYear', 'custom'] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];
export const REPORT_GRANULARITIES = ['day', 'month', 'year'] as const;
export type ReportGranularity = NonNullable<TReportPeriodQuery['granularity']>;

export interface ReportPeriod {
  preset: ReportPreset;
  /** [start, end) in local time; end is exclusive */
  range: [Dayjs, Dayjs];
  granularity: ReportGranularity;
}

export function reportRange(preset: Exclude<ReportPreset, 'custom'>, now = dayjs()): [Dayjs, Dayjs] {
  switch (preset) {
    case 'thisMonth':
      return [now.startOf('month'), now.startOf('month').add(1, 'month')];
    case 'lastMonth':
      return [now.startOf('month').subtract(1, 'month'), now.startOf('month')];
    case 'thisYear':
      return [now.startOf('year'), now.startOf('year').add(1, 'year')];
    case 'lastYear':
      return [now.startOf('year').subtract(1, 'year'), now.startOf('year')];
  }
}

/** Days for up to two months, months up to three years, years beyond: a chart of a few dozen bars at most. */
export function reportGranularity(range: [Dayjs, Dayjs]): ReportGranularity {
  const days = range[1].diff(range[0], 'day', true);
  if (days <= 62) return 'day';
  if (days <= 3 * 366) return 'month';
  return 'year';
}

export function reportPeriod(preset: Exclude<ReportPreset, 'custom'>): ReportPeriod {
  const range = reportRange(preset);
  return { preset, range, granularity: reportGranularity(range) };
}

export const reportQuery = (period: ReportPeriod, timeZone: string) => ({
  from: instantIn(period.range[0], timeZone),
  to: instantIn(period.range[1], timeZone),
  granularity: period.granularity,
});

/**
 * A bucket's label in the report's time zone (the enterprise's, from the server): a month that starts at
 * midnight in Shanghai must not read as the previous month's last day in a browser elsewhere.
 */
export function reportBucketLabel(ms: number, granularity: ReportGranularity, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  if (granularity === 'year') return part('year');
  if (granularity === 'month') return `${part('year')}-${part('month')}`;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Change in percent against a base; null when there is nothing to compare with (no base or a zero base). */
export function changePercent(current: number, base: number | null | undefined): number | null {
  if (base === null || base === undefined || base === 0) return null;
  return ((current - base) / base) * 100;
}

/** A part of a whole in percent, null when the whole is 0. */
export const sharePercent = (part: number | null, whole: number) =>
  part === null || whole === 0 ? null : (part / whole) * 100;

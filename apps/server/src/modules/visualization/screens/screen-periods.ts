import type { Ctx } from '../../../platform/auth/actor.ts';
import { calendarBuckets } from '../../energy/metering/consumption.service.ts';

export interface ScreenPeriods {
  at: string;
  timezone: string;
  day: [number, number];
  month: [number, number];
  year: [number, number];
}

/** The day, month and year around `at` in the tenant's time zone: the buckets energy reports use. */
export async function screenPeriods(ctx: Ctx, at: string | undefined): Promise<ScreenPeriods> {
  const instant = at ? new Date(at) : new Date();
  const from = instant.toISOString();
  const to = new Date(instant.getTime() + 1).toISOString();
  const span = async (granularity: 'day' | 'month' | 'year') => {
    const { buckets, timezone } = await calendarBuckets(ctx, from, to, granularity);
    return { bucket: buckets[0]!, timezone };
  };
  const day = await span('day');
  return {
    at: from,
    timezone: day.timezone,
    day: day.bucket,
    month: (await span('month')).bucket,
    year: (await span('year')).bucket,
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );

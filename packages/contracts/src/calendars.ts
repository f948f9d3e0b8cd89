import { z } from 'zod';
import { ZCode, ZDate, ZId, ZName, ZOptionalText, ZPageQuery, ZTimestamp } from './common.ts';

/**
 * Shift calendars per site: shifts (早班/中班/夜班) with breaks and working weekdays, holidays and
 * working-day overrides (调休), over a validity; and the concrete shift instances they give.
 */

/** Minutes between shift and break times: the grid they sit on. */
export const SHIFT_GRID_MINUTES = 5;
/** Clock time HH:MM on a 5-minute grid; 24:00 may end a shift or break at midnight. */
export const ZShiftClock = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5][05]|24:00)$/, 'HH:MM on a 5-minute grid, 00:00 to 24:00');
export const shiftClockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const shiftClock = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** ISO weekday: 1 = Monday … 7 = Sunday */
export const ZIsoWeekday = z.int().min(1).max(7);

export const ZShiftBreak = z.object({ start: ZShiftClock, end: ZShiftClock }).strict();
export type TShiftBreak = z.infer<typeof ZShiftBreak>;

export const ZShiftDefinition = z
  .object({
    code: ZCode,
    name: ZName,
    /** local time the shift starts, on its date */
    start: ZShiftClock,
    /** local time it ends; at or before start = the next day */
    end: ZShiftClock,
    breaks: z.array(ZShiftBreak).max(12).default([]),
    /** weekdays the shift starts on */
    weekdays: z.array(ZIsoWeekday).min(1).max(7),
  })
  .strict();
export type TShiftDefinitionInput = z.input<typeof ZShiftDefinition>;
export type TShiftDefinition = z.output<typeof ZShiftDefinition>;

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const ZCalendarDay = z
  .object({
    date: ZDate,
    /** holiday: no shift starts that day; workday: a working day whatever its weekday (调休) */
    kind: z.enum(CALENDAR_DAY_KINDS),
    name: z.string().trim().max(100).nullable().optional(),
    /** workday only: the shifts worked; null or absent = every shift of the calendar */
    shiftCodes: z.array(ZCode).max(24).nullable().optional(),
  })
  .strict();
export type TCalendarDayInput = z.input<typeof ZCalendarDay>;
export type TCalendarDay = z.output<typeof ZCalendarDay>;

interface Issue {
  path: Array<string | number>;
  message: string;
}

/** [start, end) of a shift in minutes after its date's midnight; end may exceed 1440 (next day). */
export function shiftSpan(s: { start: string; end: string }): [number, number] {
  const start = shiftClockMinutes(s.start);
  let end = shiftClockMinutes(s.end);
  if (end <= start) end += 1440;
  return [start, end];
}

/** [start, end) of a break in minutes after the shift's date's midnight, placed inside the shift's span. */
export function breakSpan(shiftStart: number, b: TShiftBreak): [number, number] {
  let start = shiftClockMinutes(b.start) % 1440;
  if (start < shiftStart) start += 1440;
  let end = shiftClockMinutes(b.end);
  while (end <= start) end += 1440;
  return [start, end];
}

/**
 * Problems of a calendar's shifts and days as field paths: a shift of 24 h or none, shifts overlapping
 * on the 24-hour clock (across midnight too — so no two instances of any days ever overlap, whatever
 * the weekdays or 调休 days), breaks outside their shift or overlapping, a day twice, a working day
 * naming a shift the calendar lacks, shift codes twice.
 */
export function shiftCalendarIssues(c: {
  validFrom: string;
  validTo?: string | null;
  shifts: TShiftDefinition[];
  days?: TCalendarDay[];
}): Issue[] {
  const issues: Issue[] = [];
  if (c.validTo && c.validTo < c.validFrom)
    issues.push({ path: ['validTo'], message: 'must not be before validFrom' });
  const codes = new Map<string, number>();
  const spans: Array<[number, number] | null> = c.shifts.map((s, i) => {
    const first = codes.get(s.code);
    if (first !== undefined)
      issues.push({ path: ['shifts', i, 'code'], message: `already used by shift ${first + 1}` });
    else codes.set(s.code, i);
    if (new Set(s.weekdays).size !== s.weekdays.length)
      issues.push({ path: ['shifts', i, 'weekdays'], message: 'a weekday is listed twice' });
    if (shiftClockMinutes(s.start) === 1440)
      issues.push({ path: ['shifts', i, 'start'], message: 'a shift starts before 24:00' });
    else if (shiftClockMinutes(s.start) === shiftClockMinutes(s.end) % 1440) {
      issues.push({
        path: ['shifts', i, 'end'],
        message: 'must differ from start (at most 24 h minus a step)',
      });
      return null;
    }
    const span = shiftSpan(s);
    const breaks: Array<[number, number]> = [];
    s.breaks.forEach((b, j) => {
      const path = ['shifts', i, 'breaks', j];
      const bs = breakSpan(span[0], b);
      if (shiftClockMinutes(b.start) % 1440 === shiftClockMinutes(b.end) % 1440)
        issues.push({ path: [...path, 'end'], message: 'must differ from start' });
      else if (bs[1] > span[1])
        issues.push({
          path: [...path, bs[0] >= span[1] ? 'start' : 'end'],
          message: `must lie inside the shift ${s.start}–${s.end}`,
        });
      else if (breaks.some(([a, z]) => bs[0] < z && a < bs[1]))
        issues.push({ path: [...path, 'start'], message: 'overlaps another break of the shift' });
      else breaks.push(bs);
    });
    return span;
  });
  // on the 24-hour circle: a span [a, b) also covers [a - 1440, b - 1440) of the same clock
  spans.forEach((x, i) => {
    if (!x) return;
    for (let k = 0; k < i; k++) {
      const y = spans[k];
      if (!y) continue;
      const hit = [-1440, 0, 1440].some((d) => x[0] < y[1] + d && y[0] + d < x[1]);
      if (hit)
        issues.push({
          path: ['shifts', i, 'start'],
          message: `overlaps shift ${c.shifts[k]!.code} (${c.shifts[k]!.start}–${c.shifts[k]!.end})`,
        });
    }
  });
  const seen = new Map<string, number>();
  (c.days ?? []).forEach((d, i) => {
    const first = seen.get(d.date);
    if (first !== undefined)
      issues.push({ path: ['days', i, 'date'], message: `already in day ${first + 1}` });
    else seen.set(d.date, i);
    if (d.date < c.validFrom || (c.validTo && d.date > c.validTo))
      issues.push({ path: ['days', i, 'date'], message: "outside the calendar's validity" });
    if (d.kind === 'holiday' && d.shiftCodes?.length)
      issues.push({ path: ['days', i, 'shiftCodes'], message: 'a holiday has no shifts' });
    d.shiftCodes?.forEach((code, j) => {
      if (!codes.has(code))
        issues.push({ path: ['days', i, 'shiftCodes', j], message: `the calendar has no shift ${code}` });
    });
  });
  // one message per field is enough
  return issues.filter((x, k) => issues.findIndex((y) => y.path.join('.') === x.path.join('.')) === k);
}

const calendarFields = z.object({
  siteId: ZId,
  code: ZCode,
  name: ZName,
  validFrom: ZDate,
  /** inclusive; open-ended when absent */
  validTo: ZDate.nullable().optional(),
  description: ZOptionalText,
  shifts: z.array(ZShiftDefinition).min(1).max(12),
  /** holidays and working days; replaced as a whole on update */
  days: z.array(ZCalendarDay).max(1000).default([]),
});
export const ZShiftCalendarInput = calendarFields.strict().superRefine((c, ctx) => {
  for (const issue of shiftCalendarIssues(c)) ctx.addIssue({ code: 'custom', ...issue });
});
export type TShiftCalendarInput = z.input<typeof ZShiftCalendarInput>;
export type TShiftCalendarValues = z.output<typeof ZShiftCalendarInput>;

export const ZShiftCalendar = calendarFields.extend({
  id: ZId,
  siteCode: z.string(),
  siteName: z.string(),
  validTo: ZDate.nullable(),
  description: z.string().nullable(),
  shifts: z.array(
    ZShiftDefinition.extend({
      id: ZId,
      /** minutes worked: the span minus its breaks */
      netMinutes: z.int(),
    }),
  ),
  days: z.array(
    ZCalendarDay.extend({ name: z.string().nullable(), shiftCodes: z.array(z.string()).nullable() }),
  ),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TShiftCalendar = z.infer<typeof ZShiftCalendar>;

export const ZShiftCalendarQuery = ZPageQuery.extend({
  siteId: ZId.optional(),
  on: ZDate.optional().describe('valid on this date'),
}).strict();
export type TShiftCalendarQuery = z.infer<typeof ZShiftCalendarQuery>;

/** Holidays / working days of one calendar: list filter and the Excel export. */
export const ZCalendarDaysQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();

export const ZShiftInstancesQuery = z
  .object({
    siteId: ZId,
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .strict();
export type TShiftInstancesQuery = z.infer<typeof ZShiftInstancesQuery>;

export const ZShiftInstance = z.object({
  calendarId: ZId,
  shiftCode: z.string(),
  shiftName: z.string(),
  /** the local date the shift starts on */
  date: ZDate,
  /** instants (ISO, UTC) */
  start: ZTimestamp,
  end: ZTimestamp,
  breaks: z.array(z.object({ start: ZTimestamp, end: ZTimestamp })),
  /** the shift's length minus its breaks, in real minutes (a DST night is an hour shorter or longer) */
  netMinutes: z.int(),
});
export type TShiftInstance = z.infer<typeof ZShiftInstance>;
export const ZShiftInstancesResult = z.object({
  siteId: ZId,
  timezone: z.string(),
  from: ZTimestamp,
  to: ZTimestamp,
  /** instances overlapping [from, to), whole, by start */
  instances: z.array(ZShiftInstance),
  /** working minutes inside [from, to) (instances clipped to the range, breaks excluded) */
  workingMinutes: z.number(),
});
export type TShiftInstancesResult = z.infer<typeof ZShiftInstancesResult>;

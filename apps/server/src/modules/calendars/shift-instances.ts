import { breakSpan, shiftSpan, type TCalendarDay, type TShiftDefinition } from '@greenmes/contracts';

/** What the instance generator needs of a calendar: no ids of anything else, no database. */
export interface CalendarModel {
  id: string;
  validFrom: string;
  validTo: string | null;
  shifts: Array<Pick<TShiftDefinition, 'code' | 'name' | 'start' | 'end' | 'breaks' | 'weekdays'>>;
  days: Array<Pick<TCalendarDay, 'date' | 'kind'> & { shiftCodes?: string[] | null }>;
}

/** One worked shift: instants in epoch ms. */
export interface ShiftInstance {
  calendarId: string;
  shiftCode: string;
  shiftName: string;
  /** the local date the shift starts on */
  date: string;
  start: number;
  end: number;
  breaks: Array<[number, number]>;
  /** (end − start − breaks) in minutes: real elapsed time, so a DST night is an hour shorter or longer */
  netMinutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timezone: string) {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(timezone: string, t: number): number {
  const parts = Object.fromEntries(
    formatterOf(timezone)
      .formatToParts(t)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Midnight UTC of a YYYY-MM-DD date: the day number × DAY, for calendar arithmetic. */
const dayMs = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** ISO weekday of a date: 1 = Monday … 7 = Sunday */
const isoWeekday = (date: string) => ((new Date(dayMs(date)).getUTCDay() + 6) % 7) + 1;

/** The local date of an instant in a time zone. */
export const localDate = (timezone: string, t: number) => dateOf(t + offsetAt(timezone, t));

/**
 * The instant of a wall-clock time (`minutes` after midnight of `date`, may exceed 1440) in a zone.
 * A time skipped by a DST jump is the instant of the jump (02:30 → 03:00), a repeated time the earlier
 * of the two: the mapping never goes backwards, so a shift or break never ends before it starts.
 */
export function zonedInstant(timezone: string, date: string, minutes: number): number {
  const wall = dayMs(date) + minutes * MINUTE;
  const before = offsetAt(timezone, wall - DAY);
  const after = offsetAt(timezone, wall + DAY);
  const candidates = [wall - before, wall - after].filter((t) => wall - offsetAt(timezone, t) === t);
  if (candidates.length) return Math.min(...candidates);
  // in a gap: the jump lies between wall − after (old offset) and wall − before (new offset)
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (offsetAt(timezone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The shift instances overlapping [from, to) (epoch ms), whole and ordered by start. A date uses the
 * calendar valid on it; a holiday has none; a working day (调休) runs its listed shifts, or all of them;
 * any other day runs the shifts whose weekdays include it. A shift belongs to the date it starts on.
 */
export function shiftInstances(o: {
  calendars: CalendarModel[];
  timezone: string;
  from: number;
  to: number;
}): ShiftInstance[] {
  const out: ShiftInstance[] = [];
  if (o.to <= o.from) return out;
  // a shift is shorter than a day, so one that overlaps the range started at most a day before it
  const first = dayMs(localDate(o.timezone, o.from)) - DAY;
  const last = dayMs(localDate(o.timezone, o.to - 1));
  const dayRules = new Map(o.calendars.map((c) => [c.id, new Map(c.days.map((d) => [d.date, d]))]));
  for (let d = first; d <= last; d += DAY) {
    const date = dateOf(d);
    const calendar = o.calendars.find(
      (c) => c.validFrom <= date && (c.validTo === null || c.validTo >= date),
    );
    if (!calendar) continue;
    const rule = dayRules.get(calendar.id)!.get(date);
    if (rule?.kind === 'holiday') continue;
    const weekday = isoWeekday(date);
    const shifts = calendar.shifts.filter((s) =>
      rule?.kind === 'workday'
        ? !rule.shiftCodes || rule.shiftCodes.includes(s.code)
        : s.weekdays.includes(weekday),
    );
    for (const s of shifts) {
      const [a, b] = shiftSpan(s);
      const start = zonedInstant(o.timezone, date, a);
      const end = zonedInstant(o.timezone, date, b);
      if (end <= o.from || start >= o.to) continue;
      const breaks = s.breaks.map((x): [number, number] => {
        const [p, q] = breakSpan(a, x);
        return [zonedInstant(o.timezone, date, p), zonedInstant(o.timezone, date, q)];
      });
      const paused = breaks.reduce((n, [p, q]) => n + Math.max(0, q - p), 0);
      out.push({
        calendarId: calendar.id,
        shiftCode: s.code,
        shiftName: s.name,
        date,
        start,
        end,
        breaks,
        netMinutes: Math.round((end - start - paused) / MINUTE),
      });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

const overlap = (a: number, b: number, from: number, to: number) =>
  Math.max(0, Math.min(b, to) - Math.max(a, from));

/** Working minutes of the instances inside [from, to): spans clipped to the range, breaks excluded. */
export function workingMinutes(instances: ShiftInstance[], from: number, to: number): number {
  let ms = 0;
  for (const i of instances) {
    ms += overlap(i.start, i.end, from, to);
    for (const [p, q] of i.breaks) ms -= overlap(p, q, from, to);
  }
  return ms / MINUTE;
}

/** Net minutes of a shift definition on a day without a DST change (the span minus its breaks). */
export function nominalNetMinutes(s: Pick<TShiftDefinition, 'start' | 'end' | 'breaks'>): number {
  const [a, b] = shiftSpan(s);
  return b - a - s.breaks.reduce((n, x) => n + (([p, q]) => q - p)(breakSpan(a, x)), 0);
}

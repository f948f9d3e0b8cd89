import type { TShiftCalendar } from '@greenmes/contracts';

export type DayStatus =
  | { kind: 'outside' }
  | { kind: 'holiday'; name: string | null }
  | { kind: 'workday'; name: string | null; shiftCodes: string[] }
  | { kind: 'normal'; shiftCodes: string[] };

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday */
export const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** What a date is in a calendar — the server's rule for which shifts start on it, for the month view. */
export function dayStatus(c: TShiftCalendar, date: string): DayStatus {
  if (date < c.validFrom || (c.validTo && date > c.validTo)) return { kind: 'outside' };
  const rule = c.days.find((d) => d.date === date);
  if (rule?.kind === 'holiday') return { kind: 'holiday', name: rule.name };
  if (rule?.kind === 'workday')
    return {
      kind: 'workday',
      name: rule.name,
      shiftCodes: rule.shiftCodes ?? c.shifts.map((s) => s.code),
    };
  const weekday = isoWeekday(date);
  return {
    kind: 'normal',
    shiftCodes: c.shifts.filter((s) => s.weekdays.includes(weekday)).map((s) => s.code),
  };
}

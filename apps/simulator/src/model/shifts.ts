/**
 * The factory calendar: two shifts 08:00–14:00 and 14:00–20:00 (China Standard Time, UTC+8), each with a
 * 30-minute break; nights and Sundays idle.
 */
const TZ_OFFSET_MS = 8 * 3600_000;

export type ShiftPhase = 'shift' | 'break' | 'off';

const DAY = [
  { from: 8 * 60, to: 11 * 60 + 30, phase: 'shift' },
  { from: 11 * 60 + 30, to: 12 * 60, phase: 'break' },
  { from: 12 * 60, to: 17 * 60, phase: 'shift' },
  { from: 17 * 60, to: 17 * 60 + 30, phase: 'break' },
  { from: 17 * 60 + 30, to: 20 * 60, phase: 'shift' },
] as const;

export function localTime(ms: number): { minuteOfDay: number; weekday: number } {
  const local = new Date(ms + TZ_OFFSET_MS);
  return { minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(), weekday: local.getUTCDay() };
}

export function shiftPhase(ms: number): ShiftPhase {
  const { minuteOfDay, weekday } = localTime(ms);
  if (weekday === 0) return 'off';
  return DAY.find((p) => minuteOfDay >= p.from && minuteOfDay < p.to)?.phase ?? 'off';
}

export const isProducing = (ms: number) => shiftPhase(ms) === 'shift';

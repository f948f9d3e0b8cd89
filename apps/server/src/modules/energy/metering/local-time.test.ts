import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalTime, parseLocalTime } from './local-time.ts';

const SH = 'Asia/Shanghai';

describe('wall-clock times of the enterprise', () => {
  it('reads what people type into Excel as the time zone’s wall clock', () => {
    expect(parseLocalTime('2026-03-01', SH)).toBe('2026-02-28T16:00:00.000Z');
    expect(parseLocalTime('2026-03-01 08:00', SH)).toBe('2026-03-01T00:00:00.000Z');
    expect(parseLocalTime('2026/3/1 8:05:07', SH)).toBe('2026-03-01T00:05:07.000Z');
    expect(parseLocalTime('2026-03-01 08:00:00.5', SH)).toBe('2026-03-01T00:00:00.500Z');
    expect(parseLocalTime('2026-07-01 12:00', 'America/New_York')).toBe('2026-07-01T16:00:00.000Z');
    expect(parseLocalTime('2026-01-01 12:00', 'America/New_York')).toBe('2026-01-01T17:00:00.000Z');
  });

  it('takes a time with an offset as it is, and refuses what is not a time', () => {
    expect(parseLocalTime('2026-03-01T08:00:00+08:00', 'Europe/Berlin')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseLocalTime('2026-03-01T00:00:00Z', SH)).toBe('2026-03-01T00:00:00.000Z');
    for (const bad of ['2026-02-30', '2026-03-01 24:00', '11/03/2026', 'soon', '2026-13-01'])
      expect(parseLocalTime(bad, SH), bad).toBeNull();
  });

  it('writes the wall clock, seconds and milliseconds only when there are some', () => {
    expect(formatLocalTime('2026-02-28T16:00:00.000Z', SH)).toBe('2026-03-01 00:00');
    expect(formatLocalTime('2026-03-01T00:05:07.000Z', SH)).toBe('2026-03-01 08:05:07');
    expect(formatLocalTime('2026-03-01T00:00:00.250Z', SH)).toBe('2026-03-01 08:00:00.250');
  });

  it('round-trips every instant through its text (where the zone has no repeated hour)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseLocalTime(formatLocalTime(iso, SH), SH)).toBe(iso);
      }),
    );
  });
});

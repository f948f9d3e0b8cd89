// The EnPI alarm job's pure parts: which months it evaluates (in the enterprise's time zone, across a
// year end) and what its message says.
import { describe, expect, it } from 'vitest';
import type { TEnpi } from '@greenmes/contracts';
import { enpiAlarmMessage, monthIn } from './enpi-alarms.job.ts';

describe('monthIn', () => {
  it('counts months across the year end', () => {
    const now = new Date('2026-01-15T12:00:00Z');
    expect([-3, -2, -1, 0, 1, 12].map((d) => monthIn('Asia/Shanghai', now, d))).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2027-01',
    ]);
  });
  it('reckons the month in the time zone: 17:00 UTC on 31 January is already February in Shanghai', () => {
    const now = new Date('2026-01-31T17:00:00Z');
    expect(monthIn('Asia/Shanghai', now, 0)).toBe('2026-02');
    expect(monthIn('UTC', now, 0)).toBe('2026-01');
    expect(monthIn('Asia/Shanghai', now, -1)).toBe('2026-01');
  });
});

describe('enpiAlarmMessage', () => {
  it('names the EnPI, month, actual, expected, deviation and margin', () => {
    const enpi = { code: 'ENPI-1', name: '电耗', marginPct: 5 } as TEnpi;
    const month = {
      month: '2026-08',
      driver: 90,
      degreeDays: null,
      actual: 300.04,
      expected: 280,
      deviation: 20.04,
      deviationPct: 7.157,
      cumulativeSavings: null,
      ratio: null,
      isAlarm: true,
    };
    expect(enpiAlarmMessage(enpi, 'kWh', month)).toBe(
      'ENPI-1 电耗, 2026-08: actual 300 kWh, expected 280 kWh, +7.2 % (margin 5 %)',
    );
  });
});

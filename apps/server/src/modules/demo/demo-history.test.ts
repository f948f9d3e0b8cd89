import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTER,
  DEMO_HISTORY_COUNTERS,
  READING_OFFSET_MS,
  activity,
  demoHistory,
  type DemoCounter,
} from './demo-history.profile.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-22T15:49:43+08:00');
const anchors = Object.fromEntries(
  DEMO_HISTORY_COUNTERS.map((c) => [c, { ts: NOW, value: DEFAULT_REGISTER[c] }]),
);
const history = demoHistory({ fromMs: NOW - 396 * 24 * HOUR, anchors, nowMs: NOW });
const h = (c: DemoCounter) => history.get(c)!;
/** consumption between readings, keyed by reading time */
const usage = (c: DemoCounter, from: number, to: number) => {
  const { ts, values } = h(c);
  let sum = 0;
  for (let i = 1; i < ts.length; i++) if (ts[i]! > from && ts[i]! <= to) sum += values[i]! - values[i - 1]!;
  return sum;
};

describe('demo meter history', () => {
  it('is the same for the same inputs, and an hour reads the same whatever span is asked for', () => {
    const again = demoHistory({ fromMs: NOW - 396 * 24 * HOUR, anchors, nowMs: NOW });
    expect(again).toEqual(history);
    const short = demoHistory({ fromMs: NOW - 10 * 24 * HOUR, anchors, nowMs: NOW }).get('PM-MC/kwh')!;
    const full = h('PM-MC/kwh');
    expect(short.values.at(-50)! - short.values.at(-51)!).toBeCloseTo(
      full.values.at(-50)! - full.values.at(-51)!,
      5,
    );
  });

  it('reads every counter hourly at hh:59, rising, up to its anchor', () => {
    for (const c of DEMO_HISTORY_COUNTERS) {
      const { ts, values } = h(c);
      expect(ts.length).toBeGreaterThan(9_400);
      const steps = ts.slice(1).filter((t, i) => t - ts[i]! !== HOUR);
      const falls = values.slice(1).filter((v, i) => v < values[i]!);
      expect({ c, steps, falls }).toEqual({ c, steps: [], falls: [] });
      expect(ts.at(-1)! % HOUR).toBe(READING_OFFSET_MS);
      expect(ts.at(-1)!).toBeLessThan(NOW);
      expect(NOW - ts.at(-1)!).toBeLessThanOrEqual(HOUR);
      // the stretch to the anchor is less than two hours of the incomer's load
      expect(DEFAULT_REGISTER[c] - values.at(-1)!).toBeGreaterThan(0);
    }
    expect(DEFAULT_REGISTER['PM-MAIN/kwh'] - h('PM-MAIN/kwh').values.at(-1)!).toBeLessThan(2 * 500);
  });

  it('meters the workshops at 95–97 % of the incomer (losses 3–5 %)', () => {
    const month = [Date.parse('2026-10-01T00:00:00+08:00'), Date.parse('2026-11-01T00:00:00+08:00')] as const;
    const main = usage('PM-MAIN/kwh', ...month);
    const subs = (['PM-MC/kwh', 'PM-AS/kwh', 'PM-PT/kwh', 'PM-UT/kwh'] as const).reduce(
      (s, c) => s + usage(c, ...month),
      0,
    );
    expect(subs / main).toBeGreaterThan(0.95);
    expect(subs / main).toBeLessThan(0.97);
    // a valve-and-pump plant of this size: a few hundred MWh a month
    expect(main).toBeGreaterThan(200_000);
    expect(main).toBeLessThan(350_000);
  });

  it('works three shifts Monday to Saturday: Sundays and the Spring Festival are far lower', () => {
    const saturday = Date.parse('2026-11-14T00:00:00+08:00');
    const day = (start: number) => usage('PM-MAIN/kwh', start, start + 24 * HOUR);
    expect(day(saturday + 24 * HOUR)).toBeLessThan(0.5 * day(saturday));
    const festival = Date.parse('2026-02-18T00:00:00+08:00');
    expect(day(festival)).toBeLessThan(0.35 * day(Date.parse('2026-03-18T00:00:00+08:00')));
    expect(activity(Date.parse('2026-11-18T03:00:00+08:00'))).toBeGreaterThan(0.7); // night shift
    // steam and gas only when the boiler fires for production
    const gasSunday = usage('FM-GAS-MAIN/gas_total_m3', saturday + 24 * HOUR, saturday + 48 * HOUR);
    expect(gasSunday).toBeLessThan(0.3 * usage('FM-GAS-MAIN/gas_total_m3', saturday, saturday + 24 * HOUR));
  });

  it('tracks the ledger: February (Spring Festival) is the lowest month, December above November', () => {
    const month = (m: string, n: string) =>
      usage('PM-MAIN/kwh', Date.parse(`${m}-01T00:00:00+08:00`), Date.parse(`${n}-01T00:00:00+08:00`));
    const feb = month('2026-02', '2026-03');
    for (const [m, n] of [
      ['2025-12', '2026-01'],
      ['2026-03', '2026-04'],
      ['2026-06', '2026-07'],
    ] as const)
      expect(feb).toBeLessThan(0.7 * month(m, n));
    expect(month('2025-12', '2026-01')).toBeGreaterThan(month('2026-08', '2026-09'));
  });

  it('starts an earlier meter where a young register cannot hold the history (an exchange)', () => {
    const young = demoHistory({
      fromMs: NOW - 30 * 24 * HOUR,
      anchors: { 'PM-MAIN/kwh': { ts: NOW, value: 50_000 } },
      nowMs: NOW,
    }).get('PM-MAIN/kwh')!;
    expect(Math.min(...young.values)).toBeGreaterThanOrEqual(0);
    const drops = young.values.filter((v, i) => i > 0 && v < young.values[i - 1]!);
    expect(drops).toHaveLength(1);
  });
});

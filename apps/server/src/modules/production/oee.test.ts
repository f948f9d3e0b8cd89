import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  oeeFactors,
  overlapMs,
  plannedWindows,
  plantOee,
  runningIntervals,
  unionIntervals,
  type Interval,
  type OeeInput,
} from './oee.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('planned and running time', () => {
  it('worked example: an 08:00–16:00 shift with a 12:00–12:30 break, seen up to 14:00', () => {
    const shift = { start: 8 * H, end: 16 * H, breaks: [[12 * H, 12 * H + 30 * MIN]] as Interval[] };
    const windows = plannedWindows([shift], 0, 14 * H);
    expect(windows).toEqual([
      [8 * H, 12 * H],
      [12 * H + 30 * MIN, 14 * H],
    ]);
    // running from 07:00 (before the shift) to 09:00, idle, then running 11:00 until now
    const running = runningIntervals({
      initial: true,
      changes: [
        { ts: 9 * H, isRunning: false },
        { ts: 11 * H, isRunning: true },
        { ts: 11 * H + 1, isRunning: true },
      ],
      from: 7 * H,
      until: 14 * H,
    });
    expect(running).toEqual([
      [7 * H, 9 * H],
      [11 * H, 14 * H],
    ]);
    // 08–09 and 11–14 minus the break: 1 h + 2.5 h
    expect(overlapMs(running, windows)).toBe(3.5 * H);
  });

  it('counts nothing before the first state when none was known before the period', () => {
    expect(
      runningIntervals({ initial: null, changes: [{ ts: 5, isRunning: true }], from: 0, until: 10 }),
    ).toEqual([[5, 10]]);
    expect(runningIntervals({ initial: false, changes: [], from: 0, until: 10 })).toEqual([]);
  });

  it('overlap equals a brute-force count on a grid', () => {
    const intervals = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 })), { maxLength: 8 })
      .map((xs) => unionIntervals(xs.map(([a, d]): Interval => [a, a + d])));
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        let brute = 0;
        for (let t = 0; t < 140; t++)
          if (a.some(([p, q]) => t >= p && t < q) && b.some(([p, q]) => t >= p && t < q)) brute++;
        expect(overlapMs(a, b)).toBe(brute);
      }),
    );
  });
});

describe('oeeFactors', () => {
  const base: OeeInput = {
    plannedMs: 450 * MIN,
    runningMs: 360 * MIN,
    stateReason: null,
    standardMs: 300 * MIN,
    isStandardMissing: false,
    good: 570,
    scrap: 30,
  };

  it('worked example: A = 360/450, P = 300/360, Q = 570/600', () => {
    const f = oeeFactors(base);
    expect(f.availability).toEqual({ value: 0.8, reason: null });
    expect(f.performance.value).toBeCloseTo(300 / 360, 12);
    expect(f.quality.value).toBeCloseTo(0.95, 12);
    expect(f.oee).toBeCloseTo(0.8 * (300 / 360) * 0.95, 12);
    expect(f.reasons).toEqual([]);
  });

  it('caps performance at 1 and keeps the measured value beside it', () => {
    const f = oeeFactors({ ...base, standardMs: 432 * MIN });
    expect(f.performance).toEqual({ value: 1, reason: null, uncapped: 1.2 });
    expect(f.oee).toBeCloseTo(0.8 * 0.95, 12);
  });

  it('is null, not 0, with a reason when a denominator is 0 or data is missing', () => {
    expect(oeeFactors({ ...base, plannedMs: 0, runningMs: 0 })).toMatchObject({
      availability: { value: null, reason: 'no_planned_time' },
      performance: { value: null, reason: 'no_running_time' },
      oee: null,
      reasons: ['no_planned_time', 'no_running_time'],
    });
    expect(oeeFactors({ ...base, runningMs: null, stateReason: 'no_equipment' })).toMatchObject({
      availability: { value: null, reason: 'no_equipment' },
      performance: { value: null, reason: 'no_equipment' },
      quality: { value: 0.95 },
      oee: null,
      reasons: ['no_equipment'],
    });
    expect(oeeFactors({ ...base, isStandardMissing: true }).performance).toEqual({
      value: null,
      reason: 'no_standard_time',
      uncapped: null,
    });
    expect(oeeFactors({ ...base, good: 0, scrap: 0, standardMs: 0 })).toMatchObject({
      performance: { value: 0 },
      quality: { value: null, reason: 'no_output' },
      oee: null,
    });
    // all scrap is a real 0, not missing data
    expect(oeeFactors({ ...base, good: 0 }).quality).toEqual({ value: 0, reason: null });
  });

  const inputs = fc
    .record({
      plannedMs: fc.integer({ min: 0, max: 10 * 86_400_000 }),
      running: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      standardMs: fc.integer({ min: 0, max: 20 * 86_400_000 }),
      isStandardMissing: fc.boolean(),
      good: fc.integer({ min: 0, max: 1_000_000 }),
      scrap: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map((r): OeeInput => ({
      plannedMs: r.plannedMs,
      // running time lies inside planned time
      runningMs: r.running === null ? null : r.running * r.plannedMs,
      stateReason: r.running === null ? 'no_state_data' : null,
      standardMs: r.standardMs,
      isStandardMissing: r.isStandardMissing,
      good: r.good,
      scrap: r.scrap,
    }));

  it('property: each factor is in [0, 1] or null with a reason; OEE is their product or null', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const f = oeeFactors(i);
        for (const x of [f.availability, f.performance, f.quality]) {
          if (x.value === null) expect(x.reason).not.toBeNull();
          else {
            expect(x.value).toBeGreaterThanOrEqual(0);
            expect(x.value).toBeLessThanOrEqual(1);
            expect(x.reason).toBeNull();
          }
        }
        const values = [f.availability.value, f.performance.value, f.quality.value];
        if (values.includes(null)) expect(f.oee).toBeNull();
        else expect(f.oee).toBe(values[0]! * values[1]! * values[2]!);
        if (f.performance.uncapped !== null)
          expect(f.performance.value).toBe(Math.min(1, f.performance.uncapped));
        expect(f.reasons.length === 0).toBe(f.oee !== null);
      }),
    );
  });

  it('property: plant OEE lies between the lowest and highest work center OEE', () => {
    const rows = fc.array(
      fc.record({
        oee: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        plannedMs: fc.integer({ min: 0, max: 86_400_000 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(rows, (rs) => {
        const plant = plantOee(rs);
        const counted = rs.filter((r) => r.oee !== null && r.plannedMs > 0).map((r) => r.oee!);
        if (counted.length === 0) {
          expect(plant).toBeNull();
          return;
        }
        expect(plant!.workCenters).toBe(counted.length);
        expect(plant!.oee).toBeGreaterThanOrEqual(Math.min(...counted) - 1e-12);
        expect(plant!.oee).toBeLessThanOrEqual(Math.max(...counted) + 1e-12);
      }),
    );
  });
});

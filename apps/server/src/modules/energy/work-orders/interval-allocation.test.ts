// Interval energy of a work center shared among the operations running on it: worked examples, and nothing
// created or lost for any running spans and any split of time into intervals (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateIntervals, shareByWeight, toQuanta, type MeteredInterval } from './interval-allocation.ts';

const H = 3_600_000;
const M = 60_000;
const hours = (...kwh: Array<number | null>): MeteredInterval[] =>
  kwh.map((q, i) => ({ from: i * H, to: (i + 1) * H, quanta: q === null ? null : toQuanta(q) }));

describe('allocateIntervals', () => {
  it('gives an operation the part of each hour it ran and leaves the rest idle', () => {
    // 10 kWh, 20 kWh, 30 kWh; the operation runs 00:30–02:15
    const r = allocateIntervals({
      intervals: hours(10, 20, 30),
      operations: [{ id: 'op', running: [{ from: 30 * M, to: 2 * H + 15 * M }] }],
    });
    const op = r.operations.get('op')!;
    expect(op.quanta).toEqual([toQuanta(5), toQuanta(20), toQuanta(7.5)]);
    expect(r.idle).toEqual([toQuanta(5), 0, toQuanta(22.5)]);
    expect(op.runningMs).toBe(105 * M);
    expect(op.unmeteredRunningMs).toBe(0);
  });

  it('splits the running part between overlapping operations by running time', () => {
    // one hour of 12 kWh: A runs 00:00–00:40, B 00:20–00:50 → running 50 min = 10 kWh, A:B = 40:30
    const r = allocateIntervals({
      intervals: hours(12),
      operations: [
        { id: 'A', running: [{ from: 0, to: 40 * M }] },
        { id: 'B', running: [{ from: 20 * M, to: 50 * M }] },
      ],
    });
    expect(r.operations.get('A')!.quanta).toEqual([toQuanta(40 / 7)]);
    // 5 714 285.7 + 4 285 714.3 quanta: the one left over goes to the larger remainder, A's
    expect(r.operations.get('B')!.quanta).toEqual([4_285_714]);
    expect(r.operations.get('A')!.quanta).toEqual([5_714_286]);
    expect(r.idle).toEqual([toQuanta(2)]);
    expect(r.operations.get('A')!.quanta[0]! + r.operations.get('B')!.quanta[0]! + r.idle[0]!).toBe(
      toQuanta(12),
    );
  });

  it('allocates nothing where nothing was measured and reports that running time as unmetered', () => {
    const r = allocateIntervals({
      intervals: hours(null, 8),
      operations: [{ id: 'op', running: [{ from: 30 * M, to: 90 * M }] }],
    });
    expect(r.operations.get('op')).toEqual({
      quanta: [0, toQuanta(4)],
      runningMs: 60 * M,
      unmeteredRunningMs: 30 * M,
    });
    expect(r.idle).toEqual([0, toQuanta(4)]);
  });

  it('counts an operation’s own overlapping spans once', () => {
    const r = allocateIntervals({
      intervals: hours(6),
      operations: [
        {
          id: 'op',
          running: [
            { from: 0, to: 30 * M },
            { from: 10 * M, to: 20 * M },
          ],
        },
      ],
    });
    expect(r.operations.get('op')!.quanta).toEqual([toQuanta(3)]);
    expect(r.operations.get('op')!.runningMs).toBe(30 * M);
  });
});

describe('shareByWeight', () => {
  it('shares by largest remainder, summing exactly', () => {
    expect(shareByWeight(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(shareByWeight(7n, [0n, 0n])).toEqual([0n, 0n]);
    expect(shareByWeight(100n, [3n, 1n])).toEqual([75n, 25n]);
  });
});

const span = (limit: number) =>
  fc
    .tuple(fc.integer({ min: -H, max: limit + H }), fc.integer({ min: 0, max: 2 * limit }))
    .map(([from, length]) => ({ from, to: from + length }));

describe('allocation sums to the metered energy (property)', () => {
  it('Σ operations + idle = metered per interval and in total, exactly; never negative', () => {
    fc.assert(
      fc.property(
        // any split of [0, end) into intervals
        fc.uniqueArray(fc.integer({ min: 1, max: 48 * H - 1 }), { maxLength: 30 }),
        fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e5, noNaN: true })), {
          minLength: 31,
          maxLength: 31,
        }),
        fc.array(fc.array(span(48 * H), { maxLength: 6 }), { maxLength: 5 }),
        (cuts, energies, runs) => {
          const edges = [0, ...cuts.sort((a, b) => a - b), 48 * H];
          const intervals: MeteredInterval[] = edges.slice(1).map((to, i) => ({
            from: edges[i]!,
            to,
            quanta: energies[i] === null ? null : toQuanta(energies[i]!),
          }));
          const operations = runs.map((running, i) => ({ id: `op${i}`, running }));
          const r = allocateIntervals({ intervals, operations });
          intervals.forEach((interval, k) => {
            const taken = operations.reduce((a, op) => a + r.operations.get(op.id)!.quanta[k]!, 0);
            expect(taken + r.idle[k]!).toBe(interval.quanta ?? 0);
            expect(r.idle[k]).toBeGreaterThanOrEqual(0);
            for (const op of operations) expect(r.operations.get(op.id)!.quanta[k]).toBeGreaterThanOrEqual(0);
          });
          const metered = intervals.reduce((a, x) => a + (x.quanta ?? 0), 0);
          const allocated = operations.reduce(
            (a, op) => a + r.operations.get(op.id)!.quanta.reduce((s, q) => s + q, 0),
            0,
          );
          expect(allocated + r.idle.reduce((a, q) => a + q, 0)).toBe(metered);
        },
      ),
    );
  });

  it('an interval with nobody running is all idle, one run through by everyone is all allocated', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 3600 }), { minLength: 1, maxLength: 4 }),
        (kwh, seconds) => {
          const quanta = toQuanta(kwh);
          const busy = allocateIntervals({
            intervals: [{ from: 0, to: H, quanta }],
            operations: seconds.map((s, i) => ({ id: `op${i}`, running: [{ from: 0, to: Math.max(H, s) }] })),
          });
          expect(busy.idle).toEqual([0]);
          const quiet = allocateIntervals({
            intervals: [{ from: 0, to: H, quanta }],
            operations: seconds.map((s, i) => ({ id: `op${i}`, running: [{ from: H, to: H + s * 1000 }] })),
          });
          expect(quiet.idle).toEqual([quanta]);
        },
      ),
    );
  });
});

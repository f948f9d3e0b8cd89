import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lttb, mergeBuckets, mergeByTime, minMax, type Bucket, type Point } from './downsample.ts';

const MIN = 60_000;

const series = fc
  .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 3000 })
  .map((vs) => vs.map((v, i): Point => [i * 1000, v]));

describe('lttb', () => {
  it('keeps at most the threshold, the first and last points, in time order, all from the input', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 500 }), (points, threshold) => {
        const out = lttb(points, threshold);
        expect(out.length).toBe(Math.min(points.length, threshold));
        if (points.length) {
          expect(out[0]).toEqual(points[0]);
          expect(out[out.length - 1]).toEqual(points[points.length - 1]);
        }
        const input = new Set(points.map((p) => p[0]));
        for (let i = 0; i < out.length; i++) {
          expect(input.has(out[i]![0])).toBe(true);
          if (i) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
        }
      }),
    );
  });

  it('keeps a lone spike that a naive every-nth pick would lose', () => {
    const points: Point[] = Array.from({ length: 10_000 }, (_, i) => [i, i === 4321 ? 1000 : 0]);
    expect(lttb(points, 100).some(([t]) => t === 4321)).toBe(true);
  });
});

describe('minMax', () => {
  it('never loses the global minimum or maximum and stays within the threshold', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 500 }), (points, threshold) => {
        const out = minMax(points, threshold);
        expect(out.length).toBeLessThanOrEqual(
          Math.max(threshold, points.length <= threshold ? points.length : threshold),
        );
        if (!points.length) return;
        const values = points.map((p) => p[1]!);
        const got = out.map((p) => p[1]!);
        expect(Math.max(...got)).toBe(Math.max(...values));
        expect(Math.min(...got)).toBe(Math.min(...values));
      }),
    );
  });
});

describe('mergeBuckets', () => {
  const bucket = (t: number, v: number): Bucket => ({
    t,
    count: 1,
    sum: v,
    min: v,
    max: v,
    first: v,
    firstTs: t,
    last: v,
    lastTs: t,
    delta: v,
  });
  it('merges into at most the limit, keeping extremes and totals', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 5000 }),
        fc.integer({ min: 10, max: 2000 }),
        (slots, limit) => {
          const sorted = [...slots].sort((a, b) => a - b);
          const buckets = sorted.map((s) => bucket(s * MIN, Math.sin(s) * 100));
          const merged = mergeBuckets(
            buckets.map((b) => ({ ...b })),
            limit,
            MIN,
          );
          expect(merged.length).toBeLessThanOrEqual(limit);
          expect(merged.reduce((a, b) => a + b.count, 0)).toBe(buckets.length);
          expect(Math.max(...merged.map((b) => b.max!))).toBe(Math.max(...buckets.map((b) => b.max!)));
          expect(Math.min(...merged.map((b) => b.min!))).toBe(Math.min(...buckets.map((b) => b.min!)));
          const total = buckets.reduce((a, b) => a + b.delta!, 0);
          expect(merged.reduce((a, b) => a + b.delta!, 0)).toBeCloseTo(total, 6);
          for (let i = 1; i < merged.length; i++) expect(merged[i]!.t).toBeGreaterThan(merged[i - 1]!.t);
        },
      ),
    );
  });
});

describe('mergeByTime', () => {
  it('orders buckets by time and merges those of the same time, whatever order they came in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -1000, max: 1000 })), {
          maxLength: 200,
        }),
        (parts) => {
          // a part per (slot, value): first and last at distinct times inside the slot, by arrival order
          const buckets = parts.map(([slot, v], i): Bucket => ({
            t: slot * MIN,
            count: 1,
            sum: v,
            min: v,
            max: v,
            first: v,
            firstTs: slot * MIN + i,
            last: v,
            lastTs: slot * MIN + i,
            delta: v,
          }));
          const merged = mergeByTime(buckets.map((b) => ({ ...b })));
          const slots = [...new Set(parts.map(([slot]) => slot))].sort((a, b) => a - b);
          expect(merged.map((b) => b.t)).toEqual(slots.map((s) => s * MIN));
          for (const b of merged) {
            const mine = parts.filter(([slot]) => slot * MIN === b.t).map(([, v]) => v);
            expect(b.count).toBe(mine.length);
            expect(b.sum).toBe(mine.reduce((a, v) => a + v, 0));
            expect(b.min).toBe(Math.min(...mine));
            expect(b.max).toBe(Math.max(...mine));
            expect(b.first).toBe(mine[0]);
            expect(b.last).toBe(mine[mine.length - 1]);
          }
        },
      ),
    );
  });
});

import type { Interval } from '../../production/operation-timeline.ts';

/**
 * Quantities are counted in integer quanta of 10⁻⁶ of the unit (a µkWh, a cm³…) so that every split adds up
 * exactly: floating-point shares of an hour would not sum back to the meter's reading.
 */
export const QUANTA_PER_UNIT = 1_000_000;
export const toQuanta = (quantity: number) => Math.round(quantity * QUANTA_PER_UNIT);
export const fromQuanta = (quanta: number) => quanta / QUANTA_PER_UNIT;

/** One interval of a meter: [from, to) in epoch ms and what it measured then, in quanta (null: nothing measured). */
export interface MeteredInterval extends Interval {
  quanta: number | null;
}

/** An operation and the spans it ran on the equipment (from `operationTimeline`). */
export interface RunningOperation {
  id: string;
  running: readonly Interval[];
}

export interface IntervalAllocation {
  /** per operation, quanta per interval (0 where it did not run or nothing was measured) */
  operations: Map<string, { quanta: number[]; runningMs: number; unmeteredRunningMs: number }>;
  /** quanta per interval that no operation took: the equipment ran idle (or stood) then */
  idle: number[];
}

/** The spans merged where they overlap and clipped to [from, to), in order. */
function unionWithin(spans: readonly Interval[], from: number, to: number): Interval[] {
  const clipped = spans
    .map((s) => ({ from: Math.max(s.from, from), to: Math.min(s.to, to) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const s of clipped) {
    const last = out.at(-1);
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}
const lengthOf = (spans: readonly Interval[]) => spans.reduce((a, s) => a + (s.to - s.from), 0);

/**
 * Shares `total` among `weights` in proportion, by largest remainder: the shares are integers ≥ 0 that add
 * up to `total` exactly (ties go to the earlier weight). BigInt because quanta × milliseconds overflow 2⁵³.
 */
export function shareByWeight(total: bigint, weights: readonly bigint[]): bigint[] {
  const all = weights.reduce((a, w) => a + w, 0n);
  if (all <= 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / all);
  let left = total - shares.reduce((a, s) => a + s, 0n);
  const byRemainder = weights
    .map((w, i) => ({ i, r: (total * w) % all }))
    .sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of byRemainder) {
    if (left <= 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}

/**
 * Allocates each interval's metered energy on one work center to the operations running in it.
 *
 * In an interval of length L in which the operations ran r₁ … rₙ (each its own spans merged) and any of them
 * ran u (the union of all their spans), the running part of the energy is E × u / L (rounded to a quantum) and
 * it is shared among the operations in proportion to r₁ … rₙ — two operations running together split it by
 * their running time; the rest, E × (L − u) / L, is idle. So per interval Σ operations + idle = E exactly, and
 * every share has the sign of E (never negative for a meter that counts up). An interval with nothing measured
 * gives nothing to anyone; its running time is reported as unmetered.
 */
export function allocateIntervals(o: {
  intervals: readonly MeteredInterval[];
  operations: readonly RunningOperation[];
}): IntervalAllocation {
  const operations = new Map(
    o.operations.map((op) => [
      op.id,
      { quanta: o.intervals.map(() => 0), runningMs: 0, unmeteredRunningMs: 0 },
    ]),
  );
  const idle = o.intervals.map(() => 0);
  o.intervals.forEach((interval, k) => {
    const length = interval.to - interval.from;
    if (length <= 0) {
      idle[k] = interval.quanta ?? 0; // an empty interval has no running time: whatever it measured is idle
      return;
    }
    const own = o.operations.map((op) => unionWithin(op.running, interval.from, interval.to));
    const ran = own.map(lengthOf);
    const union = lengthOf(unionWithin(own.flat(), interval.from, interval.to));
    o.operations.forEach((op, i) => {
      const x = operations.get(op.id)!;
      x.runningMs += ran[i]!;
      if (interval.quanta === null) x.unmeteredRunningMs += ran[i]!;
    });
    if (interval.quanta === null) return;
    const sign = interval.quanta < 0 ? -1n : 1n;
    const total = BigInt(Math.abs(interval.quanta));
    // round half up: E × u / L in quanta; u ≤ L so it never exceeds E
    const running = (2n * total * BigInt(union) + BigInt(length)) / (2n * BigInt(length));
    const shares = shareByWeight(running, ran.map(BigInt));
    o.operations.forEach((op, i) => {
      operations.get(op.id)!.quanta[k] = Number(sign * shares[i]!);
    });
    idle[k] = Number(sign * (total - running));
  });
  return { operations, idle };
}

import type { OeeReason } from '@greenmes/contracts';

/** [start, end) in epoch ms. */
export type Interval = [number, number];

/** Sorted, merged: overlapping or touching intervals become one; empty ones vanish. */
export function unionIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Planned production time as sorted disjoint intervals: each shift's span minus its breaks, clipped to
 * [from, until). Shifts of one calendar never overlap, but the union keeps it right if they touch.
 */
export function plannedWindows(
  shifts: Array<{ start: number; end: number; breaks: Interval[] }>,
  from: number,
  until: number,
): Interval[] {
  const out: Interval[] = [];
  for (const s of shifts) {
    let pieces: Interval[] = [[Math.max(s.start, from), Math.min(s.end, until)]];
    for (const [p, q] of s.breaks)
      pieces = pieces.flatMap(([a, b]): Interval[] => [
        [a, Math.min(b, p)],
        [Math.max(a, q), b],
      ]);
    out.push(...pieces);
  }
  return unionIntervals(out);
}

/** Milliseconds of `a` inside `b` (both sorted and disjoint), in one pass. */
export function overlapMs(a: Interval[], b: Interval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [p, q] = a[i]!;
    const [r, s] = b[j]!;
    total += Math.max(0, Math.min(q, s) - Math.max(p, r));
    if (q < s) i++;
    else j++;
  }
  return total;
}

/**
 * When one state metric said "running" inside [from, until): a state holds from its sample until the next
 * (controllers may report only changes). `initial` is the last state before `from` (null: none known, so
 * not running until the first sample); `changes` are the samples in the range, ordered by time.
 */
export function runningIntervals(o: {
  initial: boolean | null;
  changes: Array<{ ts: number; isRunning: boolean }>;
  from: number;
  until: number;
}): Interval[] {
  const out: Interval[] = [];
  let isRunning = o.initial === true;
  let since = o.from;
  for (const c of o.changes) {
    if (isRunning) out.push([since, Math.min(Math.max(c.ts, o.from), o.until)]);
    isRunning = c.isRunning;
    since = Math.max(c.ts, o.from);
  }
  if (isRunning) out.push([since, o.until]);
  return unionIntervals(out);
}

export interface OeeInput {
  plannedMs: number;
  /** null when no machine of the work center reports a state: then `stateReason` says why */
  runningMs: number | null;
  stateReason: Extract<OeeReason, 'no_equipment' | 'no_state_data'> | null;
  /** Σ standard run time per piece × (good + scrap), ms */
  standardMs: number;
  /** some output was reported on an operation without a standard run time: performance would be too low */
  isStandardMissing: boolean;
  good: number;
  scrap: number;
}

interface Factor {
  value: number | null;
  reason: OeeReason | null;
}
export interface OeeFactors {
  availability: Factor;
  performance: Factor & { uncapped: number | null };
  quality: Factor;
  oee: number | null;
  reasons: OeeReason[];
}

const none = (reason: OeeReason): Factor => ({ value: null, reason });
const share = (value: number): Factor => ({ value: Math.min(1, Math.max(0, value)), reason: null });

/**
 * OEE = availability × performance × quality. Availability = running ÷ planned time; performance =
 * standard ÷ running time, capped at 1 (the uncapped value beside it); quality = good ÷ (good + scrap).
 * A factor whose denominator is 0 or whose data is missing is null with its reason, never 0, and OEE
 * is null then.
 */
export function oeeFactors(i: OeeInput): OeeFactors {
  const availability =
    i.plannedMs <= 0
      ? none('no_planned_time')
      : i.runningMs === null
        ? none(i.stateReason ?? 'no_state_data')
        : share(i.runningMs / i.plannedMs);
  const performance =
    i.runningMs === null
      ? { ...none(i.stateReason ?? 'no_state_data'), uncapped: null }
      : i.runningMs <= 0
        ? { ...none('no_running_time'), uncapped: null }
        : i.isStandardMissing
          ? { ...none('no_standard_time'), uncapped: null }
          : { ...share(i.standardMs / i.runningMs), uncapped: i.standardMs / i.runningMs };
  const output = i.good + i.scrap;
  const quality = output <= 0 ? none('no_output') : share(i.good / output);
  const factors = [availability, performance, quality];
  const oee = factors.every((f) => f.value !== null)
    ? availability.value! * performance.value! * quality.value!
    : null;
  const reasons = [...new Set(factors.flatMap((f) => (f.reason ? [f.reason] : [])))];
  return { availability, performance, quality, oee, reasons };
}

/**
 * The plant's OEE: the mean of the work centers' OEE weighted by their planned time, over those with
 * an OEE (a work center without data neither drags it down nor props it up); null when none has one.
 */
export function plantOee(
  rows: Array<{ oee: number | null; plannedMs: number }>,
): { oee: number; plannedMs: number; workCenters: number } | null {
  const counted = rows.filter((r) => r.oee !== null && r.plannedMs > 0);
  if (counted.length === 0) return null;
  const planned = counted.reduce((n, r) => n + r.plannedMs, 0);
  return {
    oee: counted.reduce((n, r) => n + r.oee! * r.plannedMs, 0) / planned,
    plannedMs: planned,
    workCenters: counted.length,
  };
}

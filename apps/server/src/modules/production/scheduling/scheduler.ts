/**
 * Finite-capacity forward scheduling, pure: no database, no clock. Instants are epoch ms.
 *
 * Rules (README "Scheduling"):
 * - A work center has `capacity` parallel lanes; an operation takes one lane from its start to its end,
 *   so at any instant at most `capacity` operations of a work center run.
 * - An operation runs only inside working windows (shifts minus breaks); one longer than the rest of a
 *   window pauses over the break or between shifts and continues in the next window, holding its lane
 *   meanwhile (it is split across shifts in time, never between lanes or around another operation).
 * - An operation starts no earlier than its earliest start and its predecessor's end (the previous
 *   operation of the same order).
 * - Orders are taken whole, most urgent first: started orders, then priority (1 first), due instant
 *   (none last), then key; each operation takes the lane on which it ends first (ties: lower lane).
 * - Pinned operations keep their start and are placed before everything else.
 * - Energy-aware: a flexible operation with a known power may start later — at the start of an
 *   off-peak stretch or of a working window, at most `searchMs` after its earliest start — when that
 *   puts fewer minutes in peak periods (sharp/peak) and does not make its order late.
 */
export type PeriodOf = (ms: number) => string | null;

export interface SchedulerOperation {
  id: string;
  orderId: string;
  /** sorts orders of equal priority and due instant: the order number */
  orderKey: string;
  seqNo: number;
  workCenterId: string;
  /** working time needed, ms */
  durationMs: number;
  earliestStart: number;
  /** 1 = most urgent … 9 */
  priority: number;
  dueAt: number | null;
  isFlexible: boolean;
  /** in progress or paused: its order goes first */
  isStarted: boolean;
  pinnedStart: number | null;
}

export interface SchedulerWorkCenter {
  id: string;
  capacity: number;
  /** the power one operation draws, kW; null when unknown (never moved for energy) */
  powerKw: number | null;
  /** working windows [start, end), any order; overlapping or touching windows are merged */
  windows: Array<[number, number]>;
}

export interface SchedulerInput {
  operations: SchedulerOperation[];
  workCenters: SchedulerWorkCenter[];
  energy?: { periodOf: PeriodOf; allOperations?: boolean; searchMs?: number } | null;
}

export interface ScheduledOperation {
  id: string;
  start: number;
  end: number;
  lane: number;
  /** the working parts of [start, end) */
  segments: Array<[number, number]>;
  isPinned: boolean;
  /** moved later by the energy-aware mode */
  isShifted: boolean;
}

export type UnschedulableReason = 'no_working_time' | 'beyond_horizon' | 'predecessor_unschedulable';

export interface ScheduleResult {
  operations: ScheduledOperation[];
  unschedulable: Array<{ id: string; reason: UnschedulableReason }>;
  lateOrders: Array<{ orderId: string; end: number; dueAt: number }>;
}

export const PEAK_PERIODS = new Set(['sharp', 'peak']);
const SLOT = 15 * 60_000;
const DEFAULT_SEARCH = 2 * 86_400_000;

/** Sorted, merged windows. */
export function mergeWindows(windows: Array<[number, number]>): Array<[number, number]> {
  const sorted = windows.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The segments that do `durationMs` of work from `start` on (work begins at the first working instant
 * at or after it); null when the windows run out first. A zero duration is an instant at that point.
 */
export function runFrom(
  windows: Array<[number, number]>,
  start: number,
  durationMs: number,
): { start: number; end: number; segments: Array<[number, number]> } | null {
  let left = durationMs;
  const segments: Array<[number, number]> = [];
  let i = windows.findIndex(([, b]) => b > start);
  if (i < 0) return null;
  const first = Math.max(start, windows[i]![0]);
  if (left === 0) return { start: first, end: first, segments };
  for (; i < windows.length && left > 0; i++) {
    const [a, b] = windows[i]!;
    const from = Math.max(a, start);
    const to = Math.min(b, from + left);
    segments.push([from, to]);
    left -= to - from;
  }
  if (left > 0) return null;
  return { start: first, end: segments[segments.length - 1]![1], segments };
}

type Lane = Array<[number, number]>;

/** The first run from `earliest` on that overlaps nothing busy on the lane. */
function fitOnLane(windows: Array<[number, number]>, lane: Lane, earliest: number, durationMs: number) {
  let t = earliest;
  for (;;) {
    const run = runFrom(windows, t, durationMs);
    if (!run) return null;
    const clash = lane.find(([a, b]) => a < run.end && b > run.start && b > a);
    const blocksInstant = run.end === run.start && lane.find(([a, b]) => a <= run.start && b > run.start);
    const hit = clash ?? blocksInstant;
    if (!hit) return run;
    t = hit[1];
  }
}

const insert = (lane: Lane, span: [number, number]) => {
  lane.push(span);
  lane.sort((x, y) => x[0] - y[0]);
};

/** Milliseconds of the segments in peak periods, counted per 15-minute slot (periods change on them). */
export function peakMs(segments: Array<[number, number]>, periodOf: PeriodOf): number {
  let ms = 0;
  for (const [a, b] of segments)
    for (let t = a; t < b;) {
      const next = Math.min(b, (Math.floor(t / SLOT) + 1) * SLOT);
      if (PEAK_PERIODS.has(periodOf(t) ?? '')) ms += next - t;
      t = next;
    }
  return ms;
}

interface Placement {
  start: number;
  end: number;
  lane: number;
  segments: Array<[number, number]>;
}

function bestLane(windows: Array<[number, number]>, lanes: Lane[], earliest: number, d: number) {
  let best: Placement | null = null;
  for (const [lane, busy] of lanes.entries()) {
    const run = fitOnLane(windows, busy, earliest, d);
    if (run && (!best || run.end < best.end)) best = { ...run, lane };
  }
  return best;
}

/** Later starts worth trying: starts of off-peak stretches and of working windows within the search. */
function candidateStarts(windows: Array<[number, number]>, from: number, until: number, periodOf: PeriodOf) {
  const out = new Set<number>([from]);
  for (const [a] of windows) if (a > from && a <= until) out.add(a);
  for (let t = (Math.floor(from / SLOT) + 1) * SLOT; t <= until; t += SLOT)
    if (!PEAK_PERIODS.has(periodOf(t) ?? '') && PEAK_PERIODS.has(periodOf(t - SLOT) ?? '')) out.add(t);
  return [...out].sort((x, y) => x - y);
}

export function schedule(input: SchedulerInput): ScheduleResult {
  const centers = new Map(
    input.workCenters.map((w) => [
      w.id,
      {
        wc: w,
        windows: mergeWindows(w.windows),
        lanes: Array.from({ length: Math.max(1, w.capacity) }, (): Lane => []),
      },
    ]),
  );
  const orders = new Map<string, SchedulerOperation[]>();
  for (const op of [...input.operations].sort((x, y) => x.seqNo - y.seqNo || x.id.localeCompare(y.id))) {
    const list = orders.get(op.orderId) ?? [];
    list.push(op);
    orders.set(op.orderId, list);
  }
  const rank = (ops: SchedulerOperation[]) => {
    const o = ops[0]!;
    return {
      started: ops.some((x) => x.isStarted) ? 0 : 1,
      priority: o.priority,
      due: o.dueAt ?? Infinity,
      key: o.orderKey,
    };
  };
  const orderIds = [...orders.keys()].sort((x, y) => {
    const a = rank(orders.get(x)!);
    const b = rank(orders.get(y)!);
    return (
      a.started - b.started ||
      a.priority - b.priority ||
      a.due - b.due ||
      a.key.localeCompare(b.key) ||
      x.localeCompare(y)
    );
  });

  const placed = new Map<string, ScheduledOperation>();
  const unschedulable: ScheduleResult['unschedulable'] = [];

  // pinned operations first: they keep their start whatever else happens
  for (const orderId of orderIds)
    for (const op of orders.get(orderId)!) {
      if (op.pinnedStart === null) continue;
      const c = centers.get(op.workCenterId);
      const run = c && runFrom(c.windows, op.pinnedStart, op.durationMs);
      if (!c || !run) {
        unschedulable.push({ id: op.id, reason: c?.windows.length ? 'beyond_horizon' : 'no_working_time' });
        continue;
      }
      // the lane it overlaps least
      const overlapOf = (lane: Lane) =>
        lane.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, run.end) - Math.max(a, op.pinnedStart!)), 0);
      let lane = 0;
      for (let i = 1; i < c.lanes.length; i++)
        if (overlapOf(c.lanes[i]!) < overlapOf(c.lanes[lane]!)) lane = i;
      insert(c.lanes[lane]!, [op.pinnedStart, run.end]);
      placed.set(op.id, {
        id: op.id,
        start: op.pinnedStart,
        end: run.end,
        lane,
        segments: run.segments,
        isPinned: true,
        isShifted: false,
      });
    }

  const energy = input.energy ?? null;
  const searchMs = energy?.searchMs ?? DEFAULT_SEARCH;

  /** Places the order's free operations on copies of the lanes; the order's end, or null. */
  const placeOrder = (ops: SchedulerOperation[], isEnergyAware: boolean) => {
    const lanes = new Map([...centers].map(([id, c]) => [id, c.lanes.map((l) => [...l] as Lane)]));
    const result = new Map<string, ScheduledOperation>();
    const failed: ScheduleResult['unschedulable'] = [];
    let previousEnd: number | null = null;
    let blocked = false;
    for (const op of ops) {
      const pinned = placed.get(op.id);
      if (pinned) {
        previousEnd = pinned.end;
        continue;
      }
      if (op.pinnedStart !== null) {
        blocked = true; // a pinned operation that could not be placed (already reported)
        continue;
      }
      const c = centers.get(op.workCenterId);
      if (blocked) {
        failed.push({ id: op.id, reason: 'predecessor_unschedulable' });
        continue;
      }
      if (!c || c.windows.length === 0) {
        failed.push({ id: op.id, reason: 'no_working_time' });
        blocked = true;
        continue;
      }
      const earliest = Math.max(op.earliestStart, previousEnd ?? -Infinity);
      const own = lanes.get(op.workCenterId)!;
      let best = bestLane(c.windows, own, earliest, op.durationMs);
      let isShifted = false;
      const periodOf =
        isEnergyAware && energy && (op.isFlexible || energy.allOperations) && (c.wc.powerKw ?? 0) > 0
          ? energy.periodOf
          : null;
      if (best && periodOf && peakMs(best.segments, periodOf) > 0) {
        let bestPeak = peakMs(best.segments, periodOf);
        for (const t of candidateStarts(c.windows, best.start, best.start + searchMs, periodOf)) {
          const p = bestLane(c.windows, own, t, op.durationMs);
          if (!p || (op.dueAt !== null && p.end > op.dueAt)) continue;
          const peak = peakMs(p.segments, periodOf);
          if (peak < bestPeak) {
            best = p;
            bestPeak = peak;
            isShifted = true;
            if (peak === 0) break;
          }
        }
      }
      if (!best) {
        failed.push({ id: op.id, reason: 'beyond_horizon' });
        blocked = true;
        continue;
      }
      insert(own[best.lane]!, [best.start, best.end]);
      result.set(op.id, { id: op.id, ...best, isPinned: false, isShifted });
      previousEnd = best.end;
    }
    return { lanes, result, failed, end: blocked ? null : previousEnd };
  };

  const lateOrders: ScheduleResult['lateOrders'] = [];
  for (const orderId of orderIds) {
    const ops = orders.get(orderId)!;
    const dueAt = ops[0]!.dueAt;
    let plan = placeOrder(ops, false);
    if (energy) {
      const aware = placeOrder(ops, true);
      // energy never makes an order late that would otherwise be on time
      const isLate = (end: number | null) => dueAt !== null && end !== null && end > dueAt;
      if (aware.end !== null && (!isLate(aware.end) || isLate(plan.end))) plan = aware;
    }
    for (const [id, lanes] of plan.lanes) centers.get(id)!.lanes = lanes;
    for (const [id, s] of plan.result) placed.set(id, s);
    unschedulable.push(...plan.failed);
    const end = Math.max(...ops.map((o) => placed.get(o.id)?.end ?? -Infinity));
    if (dueAt !== null && Number.isFinite(end) && end > dueAt) lateOrders.push({ orderId, end, dueAt });
  }
  const operations = [...placed.values()].sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));
  return { operations, unschedulable, lateOrders };
}

export type PlacementWarning =
  | { kind: 'overlap'; operationIds: string[] }
  | { kind: 'outside_working_time' }
  | { kind: 'before_predecessor'; predecessorEnd: number }
  | { kind: 'after_successor'; successorStart: number }
  | { kind: 'after_due'; dueAt: number }
  | { kind: 'beyond_horizon' };

/**
 * What is wrong with an operation at [start, end) — warnings, not refusals: more operations at once
 * on its work center than its capacity, a start outside working time, before its predecessor ends,
 * after its successor starts, an end after the order's due instant.
 */
export function placementWarnings(o: {
  start: number;
  end: number | null;
  capacity: number;
  windows: Array<[number, number]>;
  others: Array<{ id: string; start: number; end: number }>;
  predecessorEnd: number | null;
  successorStart: number | null;
  dueAt: number | null;
}): PlacementWarning[] {
  const out: PlacementWarning[] = [];
  if (o.end === null) return [{ kind: 'beyond_horizon' }];
  const overlapping = o.others.filter((x) => x.start < o.end! && x.end > o.start);
  // the most operations running at once inside [start, end): check at every start inside it
  const points = [o.start, ...overlapping.map((x) => x.start).filter((t) => t > o.start)];
  const most = Math.max(0, ...points.map((t) => overlapping.filter((x) => x.start <= t && x.end > t).length));
  if (most + 1 > Math.max(1, o.capacity))
    out.push({ kind: 'overlap', operationIds: overlapping.map((x) => x.id) });
  if (!o.windows.some(([a, b]) => a <= o.start && o.start < b)) out.push({ kind: 'outside_working_time' });
  if (o.predecessorEnd !== null && o.start < o.predecessorEnd)
    out.push({ kind: 'before_predecessor', predecessorEnd: o.predecessorEnd });
  if (o.successorStart !== null && o.end > o.successorStart)
    out.push({ kind: 'after_successor', successorStart: o.successorStart });
  if (o.dueAt !== null && o.end > o.dueAt) out.push({ kind: 'after_due', dueAt: o.dueAt });
  return out;
}

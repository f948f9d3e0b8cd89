// The finite-capacity scheduler, pure: a hand-worked example over real shift instances (two shifts, a
// break) and fast-check properties — capacity never exceeded, work only inside working windows,
// precedence and earliest starts respected, every operation placed or reported once, the same result
// for the same input in any order — in normal and energy-aware mode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftInstances } from '../../calendars/shift-instances.ts';
import {
  mergeWindows,
  placementWarnings,
  runFrom,
  schedule,
  type SchedulerInput,
  type SchedulerOperation,
  type ScheduleResult,
} from './scheduler.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2027-01-04T00:00:00Z');

/** windows of shift instances minus their breaks */
function windowsOf(from: number, to: number): Array<[number, number]> {
  const instances = shiftInstances({
    calendars: [
      {
        id: 'cal',
        validFrom: '2027-01-01',
        validTo: null,
        shifts: [
          {
            code: 'A',
            name: 'A',
            start: '08:00',
            end: '12:00',
            breaks: [{ start: '10:00', end: '10:30' }],
            weekdays: [1, 2, 3, 4, 5],
          },
          { code: 'B', name: 'B', start: '13:00', end: '17:00', breaks: [], weekdays: [1, 2, 3, 4, 5] },
        ],
        days: [],
      },
    ],
    timezone: 'Asia/Shanghai',
    from,
    to,
  });
  return instances.flatMap((i) => {
    const out: Array<[number, number]> = [];
    let t = i.start;
    for (const [a, b] of i.breaks) {
      out.push([t, a]);
      t = b;
    }
    out.push([t, i.end]);
    return out;
  });
}

const op = (
  o: Partial<SchedulerOperation> & Pick<SchedulerOperation, 'id' | 'orderId'>,
): SchedulerOperation => ({
  orderKey: o.orderId,
  seqNo: 10,
  workCenterId: 'wc',
  durationMs: HOUR,
  earliestStart: T0,
  priority: 5,
  dueAt: null,
  isFlexible: false,
  isStarted: false,
  pinnedStart: null,
  ...o,
});
const iso = (ms: number) => new Date(ms).toISOString();

describe('a hand-worked example', () => {
  // Monday 2027-01-04 in Shanghai (UTC+8): A 08:00–12:00 with a break 10:00–10:30, B 13:00–17:00,
  // i.e. 00:00–02:00, 02:30–04:00, 05:00–09:00 UTC
  const windows = windowsOf(T0 - 86_400_000, T0 + 7 * 86_400_000);

  it('two orders on one work center: priority first, over the break and into the next shift', () => {
    const result = schedule({
      workCenters: [{ id: 'wc', capacity: 1, powerKw: null, windows }],
      operations: [
        // WO-2: priority 5, 3 h
        op({ id: 'b10', orderId: 'WO-2', durationMs: 3 * HOUR }),
        // WO-1: priority 1, 2.5 h
        op({ id: 'a10', orderId: 'WO-1', priority: 1, durationMs: 2.5 * HOUR }),
      ],
    });
    const at = Object.fromEntries(result.operations.map((o) => [o.id, [iso(o.start), iso(o.end)]]));
    // WO-1: 08:00–10:00 + 10:30–11:00 local
    expect(at.a10).toEqual(['2027-01-04T00:00:00.000Z', '2027-01-04T03:00:00.000Z']);
    // WO-2: 11:00–12:00 + 13:00–15:00 local
    expect(at.b10).toEqual(['2027-01-04T03:00:00.000Z', '2027-01-04T07:00:00.000Z']);
    expect(result.operations.find((o) => o.id === 'b10')!.segments).toEqual([
      [Date.parse('2027-01-04T03:00:00Z'), Date.parse('2027-01-04T04:00:00Z')],
      [Date.parse('2027-01-04T05:00:00Z'), Date.parse('2027-01-04T07:00:00Z')],
    ]);
  });

  it('precedence, late orders and unschedulable operations with their reason', () => {
    const result = schedule({
      workCenters: [
        { id: 'wc', capacity: 1, powerKw: null, windows },
        { id: 'none', capacity: 1, powerKw: null, windows: [] },
      ],
      operations: [
        op({ id: 'a10', orderId: 'WO-1', durationMs: 2 * HOUR, dueAt: Date.parse('2027-01-04T01:00:00Z') }),
        op({ id: 'a20', orderId: 'WO-1', seqNo: 20, durationMs: HOUR }),
        op({ id: 'c10', orderId: 'WO-3', workCenterId: 'none' }),
        op({ id: 'c20', orderId: 'WO-3', seqNo: 20 }),
      ],
    });
    const a20 = result.operations.find((o) => o.id === 'a20')!;
    expect([iso(a20.start), iso(a20.end)]).toEqual(['2027-01-04T02:30:00.000Z', '2027-01-04T03:30:00.000Z']);
    expect(result.lateOrders).toEqual([
      { orderId: 'WO-1', end: a20.end, dueAt: Date.parse('2027-01-04T01:00:00Z') },
    ]);
    expect(result.unschedulable).toEqual([
      { id: 'c10', reason: 'no_working_time' },
      { id: 'c20', reason: 'predecessor_unschedulable' },
    ]);
  });

  it('energy-aware: a flexible operation leaves the peak when it stays on time', () => {
    // peak 08:00–11:00 local (00:00–03:00 UTC)
    const periodOf = (ms: number) => {
      const h = new Date(ms).getUTCHours();
      return h < 3 ? 'peak' : 'flat';
    };
    const input: SchedulerInput = {
      workCenters: [{ id: 'wc', capacity: 1, powerKw: 10, windows }],
      operations: [op({ id: 'f10', orderId: 'WO-F', isFlexible: true, durationMs: HOUR })],
      energy: { periodOf },
    };
    const moved = schedule(input).operations[0]!;
    expect([iso(moved.start), iso(moved.end), moved.isShifted]).toEqual([
      '2027-01-04T03:00:00.000Z',
      '2027-01-04T04:00:00.000Z',
      true,
    ]);
    // due before the off-peak slot: it stays
    const due = schedule({
      ...input,
      operations: [
        op({ id: 'f10', orderId: 'WO-F', isFlexible: true, dueAt: Date.parse('2027-01-04T02:00:00Z') }),
      ],
    }).operations[0]!;
    expect(iso(due.start)).toBe('2027-01-04T00:00:00.000Z');
  });

  it('a pinned operation keeps its start; the placement warnings name what is wrong', () => {
    const result = schedule({
      workCenters: [{ id: 'wc', capacity: 1, powerKw: null, windows }],
      operations: [
        op({ id: 'a10', orderId: 'WO-1', priority: 1, durationMs: 2 * HOUR }),
        op({ id: 'p10', orderId: 'WO-2', pinnedStart: Date.parse('2027-01-04T00:30:00Z') }),
      ],
    });
    const at = Object.fromEntries(result.operations.map((o) => [o.id, o]));
    expect(iso(at.p10!.start)).toBe('2027-01-04T00:30:00.000Z');
    // the free one waits for the pinned one: 09:30 local, 2 h over the break → 12:00
    expect([iso(at.a10!.start), iso(at.a10!.end)]).toEqual([
      '2027-01-04T01:30:00.000Z',
      '2027-01-04T04:00:00.000Z',
    ]);
    const run = runFrom(windows, Date.parse('2027-01-04T01:00:00Z'), HOUR)!;
    expect(
      placementWarnings({
        start: Date.parse('2027-01-04T01:00:00Z'),
        end: run.end,
        capacity: 1,
        windows,
        others: [{ id: 'p10', start: at.p10!.start, end: at.p10!.end }],
        predecessorEnd: null,
        successorStart: null,
        dueAt: null,
      }),
    ).toEqual([{ kind: 'overlap', operationIds: ['p10'] }]);
  });
});

// ---- properties ----

const arbInput = (isEnergy: boolean, withPins = false) =>
  fc
    .record({
      centers: fc.array(
        fc.record({
          capacity: fc.integer({ min: 1, max: 3 }),
          powerKw: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
          // [gap before, length] in minutes
          windows: fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 600 })), {
            maxLength: 12,
          }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      orders: fc.array(
        fc.record({
          priority: fc.integer({ min: 1, max: 9 }),
          due: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: null }),
          earliest: fc.integer({ min: 0, max: 2000 }),
          ops: fc.array(
            fc.record({
              center: fc.nat(),
              minutes: fc.integer({ min: 0, max: 900 }),
              isFlexible: fc.boolean(),
              pin: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null, freq: 4 }),
            }),
            { minLength: 1, maxLength: 4 },
          ),
        }),
        { maxLength: 8 },
      ),
    })
    .map(({ centers, orders }): SchedulerInput => {
      const workCenters = centers.map((c, i) => {
        let t = T0;
        const windows: Array<[number, number]> = c.windows.map(([gap, len]) => {
          const a = t + gap * MIN;
          t = a + len * MIN;
          return [a, t];
        });
        return { id: `wc${i}`, capacity: c.capacity, powerKw: c.powerKw, windows };
      });
      // at most one pinned operation per work center: pins may conflict with each other, nothing else may
      const pinnedCenters = new Set<string>();
      const pinOf = (center: string, pin: number | null) => {
        if (!withPins || pin === null || pinnedCenters.has(center)) return null;
        pinnedCenters.add(center);
        return T0 + pin * MIN;
      };
      const operations = orders.flatMap((o, i) =>
        o.ops.map((x, j): SchedulerOperation => ({
          id: `o${i}-${j}`,
          orderId: `o${i}`,
          orderKey: `WO-${i}`,
          seqNo: (j + 1) * 10,
          workCenterId: `wc${x.center % workCenters.length}`,
          durationMs: x.minutes * MIN,
          earliestStart: T0 + o.earliest * MIN,
          priority: o.priority,
          dueAt: o.due === null ? null : T0 + o.due * MIN,
          isFlexible: x.isFlexible,
          isStarted: false,
          pinnedStart: pinOf(`wc${x.center % workCenters.length}`, x.pin),
        })),
      );
      const periodOf = (ms: number) => (Math.floor(ms / HOUR) % 6 < 2 ? 'peak' : 'valley');
      return { workCenters, operations, energy: isEnergy ? { periodOf } : null };
    });

function checkInvariants(input: SchedulerInput, result: ScheduleResult) {
  const ops = new Map(input.operations.map((o) => [o.id, o]));
  const centers = new Map(input.workCenters.map((w) => [w.id, w]));
  // every operation placed or reported, once
  const seen = [...result.operations.map((o) => o.id), ...result.unschedulable.map((u) => u.id)].sort();
  expect(seen).toEqual([...ops.keys()].sort());
  const placed = new Map(result.operations.map((o) => [o.id, o]));
  for (const s of result.operations) {
    const op = ops.get(s.id)!;
    if (op.pinnedStart !== null) {
      expect(s.start).toBe(op.pinnedStart);
      expect(s.isPinned).toBe(true);
    }
    const wc = { windows: mergeWindows(centers.get(op.workCenterId)!.windows) };
    // inside working windows, exactly the duration of work
    const inWindow = (t: number, isEnd: boolean) =>
      wc.windows.some(([a, b]) => (isEnd ? a < t && t <= b : a <= t && t < b));
    if (op.durationMs > 0 && op.pinnedStart === null) {
      expect(inWindow(s.start, false)).toBe(true);
      expect(inWindow(s.end, true)).toBe(true);
    }
    for (const [a, b] of s.segments) {
      expect(wc.windows.some(([p, q]) => p <= a && b <= q)).toBe(true);
      expect(a >= s.start && b <= s.end).toBe(true);
    }
    expect(s.segments.reduce((n, [a, b]) => n + b - a, 0)).toBe(op.durationMs);
    // a pinned start is the planner's call (the move answers its warnings)
    if (op.pinnedStart !== null) continue;
    // precedence and earliest start
    expect(s.start).toBeGreaterThanOrEqual(op.earliestStart);
    const pred = input.operations
      .filter((x) => x.orderId === op.orderId && x.seqNo < op.seqNo)
      .sort((x, y) => y.seqNo - x.seqNo)[0];
    if (pred) {
      expect(placed.has(pred.id)).toBe(true);
      expect(s.start).toBeGreaterThanOrEqual(placed.get(pred.id)!.end);
    }
  }
  // capacity: at every start, the running operations of a center are at most its capacity
  for (const wc of input.workCenters) {
    const spans = result.operations.filter((s) => ops.get(s.id)!.workCenterId === wc.id && s.end > s.start);
    for (const s of spans)
      expect(spans.filter((x) => x.start <= s.start && x.end > s.start).length).toBeLessThanOrEqual(
        wc.capacity,
      );
  }
}

describe('scheduler properties', () => {
  for (const isEnergy of [false, true])
    it(`${isEnergy ? 'energy-aware: ' : ''}capacity, working windows and precedence hold for any input`, () => {
      fc.assert(
        fc.property(arbInput(isEnergy), (input) => checkInvariants(input, schedule(input))),
        { numRuns: 300 },
      );
    });

  it('pinned operations keep their start; everything else still holds around them', () => {
    fc.assert(
      fc.property(arbInput(true, true), (input) => checkInvariants(input, schedule(input))),
      { numRuns: 300 },
    );
  });

  it('deterministic: the same input in any order gives the same schedule', () => {
    fc.assert(
      fc.property(
        arbInput(true, true).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.operations, { minLength: input.operations.length }),
          ),
        ),
        ([input, shuffled]) => {
          expect(schedule({ ...input, operations: shuffled })).toEqual(schedule(input));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('energy-aware moves flexible operations only', () => {
    fc.assert(
      fc.property(arbInput(true), (input) => {
        const result = schedule(input);
        for (const s of result.operations.filter((x) => x.isShifted))
          expect(ops(input).get(s.id)!.isFlexible).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

const ops = (input: SchedulerInput) => new Map(input.operations.map((o) => [o.id, o]));

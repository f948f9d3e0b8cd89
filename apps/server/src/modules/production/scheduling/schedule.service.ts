import { sql } from 'drizzle-orm';
import type {
  TMoveScheduledOperation,
  TMoveScheduledResult,
  TSchedule,
  TScheduleBar,
  TScheduleQuery,
  TScheduleRunParsed,
  TScheduleRunResult,
  TScheduleWarning,
  WorkOrderStatus,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { shiftInstancesOf } from '../../calendars/calendars.service.ts';
import { zonedInstant, type ShiftInstance } from '../../calendars/shift-instances.ts';
import { descendantsOf, isVisible } from '../../modeling/data-scope.ts';
import { loadPlant } from '../../modeling/plant.service.ts';
import { tariffPeriodAt } from '../../energy/tariffs/cost-engine.ts';
import { plansOf } from '../../energy/tariffs/tariffs.service.ts';
import { AUDIT_ENTITY } from '../work-orders.service.ts';
import { energySummary } from './schedule-energy.ts';
import {
  placementWarnings,
  runFrom,
  schedule,
  type SchedulerOperation,
  type SchedulerWorkCenter,
  type ScheduleResult,
} from './scheduler.ts';

const DAY = 86_400_000;
const DEFAULT_DAYS = 14;
const MAX_DAYS = 62;
/** a moved operation's end is looked for this far after its start */
const MOVE_LOOKAHEAD = 31 * DAY;
/** orders the scheduler plans */
const SCHEDULED: WorkOrderStatus[] = ['released', 'in_progress'];
const iso = (ms: number) => new Date(ms).toISOString();

interface OpRow {
  id: string;
  work_order_id: string;
  number: string;
  order_status: WorkOrderStatus;
  product_code: string;
  product_name: string;
  priority: number;
  due_date: string | null;
  seq_no: number;
  code: string;
  name: string;
  status: TScheduleBar['status'];
  work_center_id: string;
  setup_minutes: string;
  run_seconds_per_unit: string;
  planned_quantity: string;
  done_quantity: string;
  planned_start: string | Date | null;
  planned_end: string | Date | null;
  is_pinned: boolean;
  is_energy_flexible: boolean;
}

const SELECT_OPS = sql`SELECT o.id, o.work_order_id, w.number, w.status AS order_status, m.code AS product_code,
    m.name AS product_name, w.priority::int AS priority, w.due_date::text AS due_date, o.seq_no, o.code, o.name,
    o.status, o.work_center_id, o.setup_minutes::text AS setup_minutes,
    o.run_seconds_per_unit::text AS run_seconds_per_unit, o.planned_quantity::text AS planned_quantity,
    (o.good_quantity + o.scrap_quantity)::text AS done_quantity, o.planned_start, o.planned_end, o.is_pinned,
    o.is_energy_flexible
  FROM work_order_operations o
  JOIN work_orders w ON w.tenant_id = o.tenant_id AND w.id = o.work_order_id
  JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id`;

const ms = (v: string | Date | null) => (v === null ? null : Date.parse(toIso(v)));

/** Working time an operation still needs: setup + run × quantity; a started one its remaining run. */
export function durationOf(
  r: Pick<OpRow, 'status' | 'setup_minutes' | 'run_seconds_per_unit' | 'planned_quantity' | 'done_quantity'>,
) {
  const run = Number(r.run_seconds_per_unit) * 1000;
  if (r.status === 'in_progress' || r.status === 'paused')
    return Math.round(run * Math.max(0, Number(r.planned_quantity) - Number(r.done_quantity)));
  return Math.round(Number(r.setup_minutes) * 60_000 + run * Number(r.planned_quantity));
}

/** The order's due instant: the end of its due date in the enterprise's time zone. */
const dueAtOf = (timezone: string, dueDate: string | null) =>
  dueDate === null ? null : zonedInstant(timezone, dueDate, 1440);

/** Shifts minus their breaks. */
export function windowsOf(instances: ShiftInstance[]): Array<[number, number]> {
  return instances.flatMap((i) => {
    const out: Array<[number, number]> = [];
    let t = i.start;
    for (const [a, b] of [...i.breaks].sort((x, y) => x[0] - y[0])) {
      if (a > t) out.push([t, a]);
      t = Math.max(t, b);
    }
    if (i.end > t) out.push([t, i.end]);
    return out;
  });
}

/** The horizon of a request: from (default now) to (default + 14 days), at most 62 days. */
function horizonOf(o: { from?: string | undefined; to?: string | undefined }, path: string) {
  const from = o.from ? Date.parse(o.from) : Date.now();
  const to = o.to ? Date.parse(o.to) : from + DEFAULT_DAYS * DAY;
  if (to <= from)
    throw new AppError('VALIDATION', {}, [{ path: `${path}.to`, message: 'must be after from' }]);
  if (to - from > MAX_DAYS * DAY)
    throw new AppError('VALIDATION', {}, [
      { path: `${path}.to`, message: `at most ${MAX_DAYS} days after from` },
    ]);
  return { from, to };
}

/**
 * The site's work centers in the caller's scope with their capacity — in-service equipment at the
 * work center, at least 1 — and the power one operation draws: the average rated power of that
 * equipment (null when none is rated).
 */
async function workCentersOf(ctx: Ctx, siteId: string) {
  const { nodes, scope } = await loadPlant(ctx);
  const under = descendantsOf(nodes, [siteId]);
  const centers = nodes
    .filter((n) => n.kind === 'work_center' && under.has(n.id) && isVisible(scope, n.id))
    .sort((a, b) => a.code.localeCompare(b.code));
  if (centers.length === 0) return [];
  const equipment = await queryRows<{ node_id: string; n: number; kw: string | null }>(
    ctx.tx,
    sql`SELECT node_id, count(*)::int AS n, avg(rated_power_kw)::text AS kw FROM equipment
        WHERE node_id = ANY(${sql.param(centers.map((c) => c.id))}::uuid[]) AND status = 'in_service'
        GROUP BY node_id`,
  );
  const byNode = new Map(equipment.map((e) => [e.node_id, e]));
  return centers.map((c) => {
    const e = byNode.get(c.id);
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      capacity: Math.max(1, e?.n ?? 0),
      powerKw: e?.kw ? Number(Number(e.kw).toFixed(3)) : null,
    };
  });
}

const shiftsOut = (instances: ShiftInstance[]) =>
  instances.map((i) => ({
    date: i.date,
    shiftCode: i.shiftCode,
    shiftName: i.shiftName,
    start: iso(i.start),
    end: iso(i.end),
    breaks: i.breaks.map(([a, b]) => ({ start: iso(a), end: iso(b) })),
  }));

function toBar(
  r: OpRow,
  timezone: string,
  span?: { start: number; end: number; isShifted: boolean },
): TScheduleBar {
  const start = span?.start ?? ms(r.planned_start)!;
  const end = span?.end ?? ms(r.planned_end) ?? start;
  const dueAt = dueAtOf(timezone, r.due_date);
  return {
    operationId: r.id,
    workOrderId: r.work_order_id,
    workOrderNumber: r.number,
    orderStatus: r.order_status,
    productCode: r.product_code,
    productName: r.product_name,
    priority: r.priority,
    dueDate: r.due_date,
    seqNo: r.seq_no,
    operationCode: r.code,
    operationName: r.name,
    status: r.status,
    workCenterId: r.work_center_id,
    start: iso(start),
    end: iso(end),
    isPinned: r.is_pinned,
    isFlexible: r.is_energy_flexible,
    isLate: dueAt !== null && end > dueAt,
    isShifted: span?.isShifted ?? false,
  };
}

/** GET /production/schedule: the stored plan of a site's work centers over [from, to). */
export async function getSchedule(ctx: Ctx, q: TScheduleQuery): Promise<TSchedule> {
  const { from, to } = horizonOf(q, 'querystring');
  const { timezone, instances } = await shiftInstancesOf(ctx, { siteId: q.siteId, from, to });
  const workCenters = await workCentersOf(ctx, q.siteId);
  const rows = workCenters.length
    ? await queryRows<OpRow>(
        ctx.tx,
        sql`${SELECT_OPS} WHERE o.work_center_id = ANY(${sql.param(workCenters.map((w) => w.id))}::uuid[])
              AND o.planned_start IS NOT NULL AND o.planned_start < ${iso(to)}::timestamptz
              AND coalesce(o.planned_end, o.planned_start) >= ${iso(from)}::timestamptz
              AND w.status NOT IN ('cancelled', 'closed')
            ORDER BY o.planned_start, w.number, o.seq_no`,
      )
    : [];
  return {
    siteId: q.siteId,
    timezone,
    from: iso(from),
    to: iso(to),
    workCenters,
    shifts: shiftsOut(instances),
    bars: rows.map((r) => toBar(r, timezone)),
  };
}

/**
 * POST /production/schedule: schedules the open operations of the site's released and in-progress
 * orders over the horizon; energy-aware, it also schedules normally and reports the difference. A dry
 * run answers the proposal; otherwise planned starts and ends are stored (pinned ones keep their start,
 * unpinned operations that found no place lose their plan) and the orders take their operations' span.
 */
export async function runSchedule(ctx: Ctx, input: TScheduleRunParsed): Promise<TScheduleRunResult> {
  const { from, to } = horizonOf(input, 'body');
  // an applied run reads and writes the site's whole plan: two at once would interleave their writes
  if (!input.dryRun)
    await queryRows(
      ctx.tx,
      sql`SELECT pg_advisory_xact_lock(hashtext(${`production-schedule:${ctx.actor.tenantId}:${input.siteId}`}))`,
    );
  const { timezone, instances } = await shiftInstancesOf(ctx, {
    siteId: input.siteId,
    from,
    to,
    path: 'body.siteId',
  });
  const workCenters = await workCentersOf(ctx, input.siteId);
  const rows = workCenters.length
    ? await queryRows<OpRow>(
        ctx.tx,
        sql`${SELECT_OPS} WHERE o.work_center_id = ANY(${sql.param(workCenters.map((w) => w.id))}::uuid[])
              AND w.status = ANY(${sql.param(SCHEDULED)}::text[]) AND o.status <> 'done'
            ORDER BY w.number, o.seq_no`,
      )
    : [];
  const windows = windowsOf(instances);
  const centers: SchedulerWorkCenter[] = workCenters.map((w) => ({
    id: w.id,
    capacity: w.capacity,
    powerKw: w.powerKw,
    windows,
  }));
  const operations: SchedulerOperation[] = rows.map((r) => ({
    id: r.id,
    orderId: r.work_order_id,
    orderKey: r.number,
    seqNo: r.seq_no,
    workCenterId: r.work_center_id,
    durationMs: durationOf(r),
    earliestStart: from,
    priority: r.priority,
    dueAt: dueAtOf(timezone, r.due_date),
    isFlexible: r.is_energy_flexible,
    isStarted: r.status === 'in_progress' || r.status === 'paused',
    pinnedStart: r.is_pinned ? ms(r.planned_start) : null,
  }));
  const normal = schedule({ operations, workCenters: centers });
  let result: ScheduleResult = normal;
  let energy: TScheduleRunResult['energy'] = null;
  if (input.energyAware) {
    const plans = await plansOf(ctx, 'electricity');
    const periodOf = tariffPeriodAt(plans, timezone);
    result = schedule({
      operations,
      workCenters: centers,
      energy: { periodOf, allOperations: input.allFlexible },
    });
    energy = energySummary({ plans, timezone, centers, operations, before: normal, after: result });
  }

  const byId = new Map(rows.map((r) => [r.id, r]));
  if (!input.dryRun)
    await applySchedule(ctx, { siteId: input.siteId, rows: byId, result, energyAware: input.energyAware });
  const endOf = new Map<string, number>();
  for (const s of result.operations) {
    const orderId = byId.get(s.id)!.work_order_id;
    endOf.set(orderId, Math.max(endOf.get(orderId) ?? 0, s.end));
  }
  const firstOf = (orderId: string) => rows.find((r) => r.work_order_id === orderId)!;
  return {
    siteId: input.siteId,
    timezone,
    from: iso(from),
    to: iso(to),
    workCenters,
    shifts: shiftsOut(instances),
    bars: result.operations.map((s) => toBar(byId.get(s.id)!, timezone, s)),
    isApplied: !input.dryRun,
    energyAware: input.energyAware,
    scheduledCount: result.operations.length,
    lateOrders: result.lateOrders.map((l) => ({
      workOrderId: l.orderId,
      workOrderNumber: firstOf(l.orderId).number,
      dueDate: firstOf(l.orderId).due_date!,
      plannedEnd: iso(l.end),
    })),
    unschedulable: result.unschedulable.map((u) => {
      const r = byId.get(u.id)!;
      return {
        operationId: u.id,
        workOrderNumber: r.number,
        seqNo: r.seq_no,
        workCenterId: r.work_center_id,
        reason: u.reason,
      };
    }),
    energy,
  };
}

async function applySchedule(
  ctx: Ctx,
  o: { siteId: string; rows: Map<string, OpRow>; result: ScheduleResult; energyAware: boolean },
) {
  const changes: Array<{
    operationId: string;
    number: string;
    seqNo: number;
    before: unknown;
    after: unknown;
  }> = [];
  for (const s of o.result.operations) {
    const r = o.rows.get(s.id)!;
    const before = {
      start: r.planned_start && toIso(r.planned_start),
      end: r.planned_end && toIso(r.planned_end),
    };
    await queryRows(
      ctx.tx,
      sql`UPDATE work_order_operations SET planned_start = ${iso(s.start)}::timestamptz,
            planned_end = ${iso(s.end)}::timestamptz, scheduled_at = now() WHERE id = ${s.id}`,
    );
    if (before.start !== iso(s.start) || before.end !== iso(s.end))
      changes.push({
        operationId: s.id,
        number: r.number,
        seqNo: r.seq_no,
        before,
        after: { start: iso(s.start), end: iso(s.end) },
      });
  }
  for (const u of o.result.unschedulable)
    await queryRows(
      ctx.tx,
      // a pin beyond the horizon stays: the planner put it there
      sql`UPDATE work_order_operations SET planned_start = NULL, planned_end = NULL, scheduled_at = now()
          WHERE id = ${u.id} AND NOT is_pinned`,
    );
  const orderIds = [...new Set([...o.rows.values()].map((r) => r.work_order_id))];
  if (orderIds.length)
    await queryRows(
      ctx.tx,
      sql`UPDATE work_orders w SET planned_start = s.first, planned_end = s.last, updated_at = now()
          FROM (SELECT work_order_id, min(planned_start) AS first, max(planned_end) AS last
                FROM work_order_operations WHERE work_order_id = ANY(${sql.param(orderIds)}::uuid[])
                GROUP BY work_order_id) s
          WHERE w.id = s.work_order_id AND s.first IS NOT NULL`,
    );
  await recordAudit(ctx, {
    action: 'schedule',
    entityType: 'production_schedule',
    entityId: o.siteId,
    after: {
      energyAware: o.energyAware,
      scheduled: o.result.operations.length,
      unschedulable: o.result.unschedulable.length,
      lateOrders: o.result.lateOrders.length,
      changes,
    },
  });
}

/** The site of a plant node. */
function siteOf(nodes: Array<{ id: string; parentId: string | null; kind: string }>, nodeId: string) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (let n = byId.get(nodeId); n; n = n.parentId ? byId.get(n.parentId) : undefined)
    if (n.kind === 'site') return n.id;
  return null;
}

const MOVABLE_ORDERS: WorkOrderStatus[] = ['released', 'in_progress', 'on_hold'];

/**
 * PATCH /production/schedule/operations/:id: a planner's move. A start pins the operation there (its
 * end follows the site's working time) and answers what is wrong with it — warnings, not refusals;
 * null unpins it. Started or done operations, and orders not released, in progress or on hold: 409.
 */
export async function moveOperation(
  ctx: Ctx,
  o: { id: string; input: TMoveScheduledOperation },
): Promise<TMoveScheduledResult> {
  const [row] = await queryRows<OpRow>(ctx.tx, sql`${SELECT_OPS} WHERE o.id = ${o.id} FOR UPDATE OF o`);
  const { nodes, scope } = await loadPlant(ctx);
  if (!row || !isVisible(scope, row.work_center_id)) throw notFound('operation');
  if (o.input.plannedStart !== undefined && ['in_progress', 'paused', 'done'].includes(row.status))
    throw new AppError('CONFLICT', {
      reason: `operation ${row.seq_no} ${row.code} of ${row.number} is ${row.status} and can no longer be moved`,
      status: row.status,
    });
  if (!MOVABLE_ORDERS.includes(row.order_status))
    throw new AppError('CONFLICT', {
      reason: `work order ${row.number} is ${row.order_status}; only released, in-progress or held orders are scheduled`,
      status: row.order_status,
    });
  const siteId = siteOf(nodes, row.work_center_id);
  if (!siteId) throw new AppError('CONFLICT', { reason: 'the work center is not under a site' });
  const isFlexible = o.input.isFlexible ?? row.is_energy_flexible;
  const warnings: TScheduleWarning[] = [];
  let start = ms(row.planned_start);
  let end = ms(row.planned_end);
  let isPinned = row.is_pinned;
  if (o.input.plannedStart === null) isPinned = false;
  else if (o.input.plannedStart !== undefined) {
    start = Date.parse(o.input.plannedStart);
    isPinned = true;
    const { timezone, instances } = await shiftInstancesOf(ctx, {
      siteId,
      from: start - DAY,
      to: start + MOVE_LOOKAHEAD,
    });
    const windows = windowsOf(instances);
    end = runFrom(windows, start, durationOf(row))?.end ?? null;
    warnings.push(...(await warningsOf(ctx, { row, start, end, windows, timezone })));
  }
  await queryRows(
    ctx.tx,
    sql`UPDATE work_order_operations SET planned_start = ${start === null ? null : iso(start)}::timestamptz,
          planned_end = ${end === null ? null : iso(end)}::timestamptz, is_pinned = ${isPinned},
          is_energy_flexible = ${isFlexible} WHERE id = ${o.id}`,
  );
  const [after] = await queryRows<OpRow>(ctx.tx, sql`${SELECT_OPS} WHERE o.id = ${o.id}`);
  await recordAudit(ctx, {
    action: 'schedule_move',
    entityType: AUDIT_ENTITY,
    entityId: row.work_order_id,
    before: {
      seqNo: row.seq_no,
      plannedStart: row.planned_start && toIso(row.planned_start),
      plannedEnd: row.planned_end && toIso(row.planned_end),
      isPinned: row.is_pinned,
      isFlexible: row.is_energy_flexible,
    },
    after: {
      seqNo: row.seq_no,
      plannedStart: start === null ? null : iso(start),
      plannedEnd: end === null ? null : iso(end),
      isPinned,
      isFlexible,
      warnings: warnings.map((w) => w.kind),
    },
  });
  return { bar: after!.planned_start === null ? null : toBar(after!, ctx.actor.timezone), warnings };
}

async function warningsOf(
  ctx: Ctx,
  o: { row: OpRow; start: number; end: number | null; windows: Array<[number, number]>; timezone: string },
): Promise<TScheduleWarning[]> {
  const { row } = o;
  const horizonEnd = o.end ?? o.start + MOVE_LOOKAHEAD;
  const others = await queryRows<OpRow>(
    ctx.tx,
    sql`${SELECT_OPS} WHERE o.work_center_id = ${row.work_center_id} AND o.id <> ${row.id}
          AND o.planned_start IS NOT NULL AND o.planned_end IS NOT NULL AND o.status <> 'done'
          AND o.planned_start < ${iso(horizonEnd)}::timestamptz AND o.planned_end > ${iso(o.start)}::timestamptz
          AND w.status NOT IN ('cancelled', 'closed', 'completed')
        ORDER BY o.planned_start`,
  );
  const siblings = await queryRows<OpRow>(
    ctx.tx,
    sql`${SELECT_OPS} WHERE o.work_order_id = ${row.work_order_id} AND o.id <> ${row.id} ORDER BY o.seq_no`,
  );
  const predecessor = siblings.filter((s) => s.seq_no < row.seq_no).pop();
  const successor = siblings.find((s) => s.seq_no > row.seq_no);
  const [capacity] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM equipment WHERE node_id = ${row.work_center_id} AND status = 'in_service'`,
  );
  const raw = placementWarnings({
    start: o.start,
    end: o.end,
    capacity: Math.max(1, capacity?.n ?? 0),
    windows: o.windows,
    others: others.map((x) => ({ id: x.id, start: ms(x.planned_start)!, end: ms(x.planned_end)! })),
    predecessorEnd: predecessor && predecessor.status !== 'done' ? ms(predecessor.planned_end) : null,
    successorStart: successor && successor.status !== 'done' ? ms(successor.planned_start) : null,
    dueAt: dueAtOf(o.timezone, row.due_date),
  });
  const otherById = new Map(others.map((x) => [x.id, x]));
  return raw.map((w) => {
    const at =
      'predecessorEnd' in w
        ? w.predecessorEnd
        : 'successorStart' in w
          ? w.successorStart
          : 'dueAt' in w
            ? w.dueAt
            : null;
    const operations =
      w.kind === 'overlap'
        ? w.operationIds.map((id) => ({
            operationId: id,
            workOrderNumber: otherById.get(id)!.number,
            seqNo: otherById.get(id)!.seq_no,
          }))
        : [];
    const message = {
      overlap: `more operations at once than the work center's capacity: ${operations.map((x) => `${x.workOrderNumber}/${x.seqNo}`).join(', ')}`,
      outside_working_time: 'starts outside working time; work begins with the next shift',
      before_predecessor: 'starts before the previous operation of the order ends',
      after_successor: 'ends after the next operation of the order starts',
      after_due: "ends after the order's due date",
      beyond_horizon: 'no working time for it in the next 31 days',
    }[w.kind];
    return { kind: w.kind, message, operations, at: at === null ? null : iso(at) };
  });
}

import { sql } from 'drizzle-orm';
import type { JobReportKind, TWorkOrder } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { trim } from './boms.service.ts';
import { operationTimeline, overlapMs, type Interval } from './operation-timeline.ts';
import { getWorkOrder } from './work-orders.service.ts';

/**
 * When operations ran, from their job reports, for the modules that attribute something to running time
 * (energy per work order). A report's time is the terminal's `occurred_at`, else the server's `reported_at`;
 * an operation still running is running until `now`.
 */
export interface OperationRun {
  operationId: string;
  workOrderId: string;
  workCenterId: string;
  running: Interval[];
}

interface EventRow {
  operation_id: string;
  work_order_id: string;
  work_center_id: string;
  kind: JobReportKind;
  worker_id: string;
  at: Date | string;
}

const EVENT_TIME = sql`coalesce(r.occurred_at, r.reported_at)`;

function runsOf(rows: EventRow[], now: number): OperationRun[] {
  const byOperation = new Map<string, EventRow[]>();
  for (const r of rows) byOperation.set(r.operation_id, [...(byOperation.get(r.operation_id) ?? []), r]);
  return [...byOperation.values()].map((events) => ({
    operationId: events[0]!.operation_id,
    workOrderId: events[0]!.work_order_id,
    workCenterId: events[0]!.work_center_id,
    running: operationTimeline(
      events.map((e) => ({ at: new Date(e.at).getTime(), kind: e.kind, workerId: e.worker_id })),
      now,
    ).running,
  }));
}

/**
 * Whether operation `o2` may have run in [from, to): a report before `to`, and one at or after `from` or still
 * running or paused (started earlier, no report since). The timeline then says exactly when.
 */
const mayHaveRun = (from: string, to: string) =>
  sql`EXISTS (SELECT 1 FROM job_reports r2 WHERE r2.tenant_id = o2.tenant_id AND r2.operation_id = o2.id
                AND coalesce(r2.occurred_at, r2.reported_at) < ${to}::timestamptz)
      AND (o2.status IN ('in_progress', 'paused')
           OR EXISTS (SELECT 1 FROM job_reports r3 WHERE r3.tenant_id = o2.tenant_id AND r3.operation_id = o2.id
                        AND coalesce(r3.occurred_at, r3.reported_at) >= ${from}::timestamptz))`;

const eventsSql = (where: ReturnType<typeof sql>) =>
  sql`SELECT r.operation_id, r.work_order_id, o.work_center_id, r.kind, r.worker_id, ${EVENT_TIME} AS at
      FROM job_reports r JOIN work_order_operations o ON o.tenant_id = r.tenant_id AND o.id = r.operation_id
      WHERE ${where} ORDER BY r.operation_id, at, r.reported_at, r.id`;

/** A work order (404 when not in the tenant) with its operations' running spans and its good output. */
export async function workOrderRuns(
  ctx: Ctx,
  o: { workOrderId: string; now?: number },
): Promise<{ order: TWorkOrder; runs: Map<string, Interval[]>; goodQuantity: string }> {
  const order = await getWorkOrder(ctx, o.workOrderId);
  const rows = await queryRows<EventRow>(ctx.tx, eventsSql(sql`r.work_order_id = ${o.workOrderId}`));
  const runs = new Map(runsOf(rows, o.now ?? Date.now()).map((r) => [r.operationId, r.running]));
  // the order's output is what its last operation reported good
  const last = order.operations.at(-1);
  return { order, runs, goodQuantity: last ? trim(last.goodQuantity) : '0' };
}

/** Every operation, of any order, that ran on one of the work centers during [from, to), with all its running spans. */
export async function runsOnWorkCenters(
  ctx: Ctx,
  o: { workCenterIds: string[]; from: number; to: number; now?: number },
): Promise<OperationRun[]> {
  if (o.workCenterIds.length === 0) return [];
  const from = new Date(o.from).toISOString();
  const to = new Date(o.to).toISOString();
  const rows = await queryRows<EventRow>(
    ctx.tx,
    eventsSql(sql`r.operation_id IN (
      SELECT o2.id FROM work_order_operations o2
      WHERE o2.work_center_id = ANY(${sql.param(o.workCenterIds)}::uuid[]) AND ${mayHaveRun(from, to)})`),
  );
  const span = { from: o.from, to: o.to };
  return runsOf(rows, o.now ?? Date.now()).filter((r) => r.running.some((s) => overlapMs(s, span) > 0));
}

export interface WorkedOrder {
  workOrderId: string;
  number: string;
  productId: string;
  productCode: string;
  productName: string;
  unitCode: string;
  /** good quantity its last operation reported in the period */
  goodQuantity: string;
}

/** Orders whose operations ran in [from, to), with the good output of their last operation reported then. */
export async function ordersWorkedIn(
  ctx: Ctx,
  o: { from: number; to: number; now?: number },
): Promise<{ orders: WorkedOrder[]; runs: OperationRun[] }> {
  const from = new Date(o.from).toISOString();
  const to = new Date(o.to).toISOString();
  const centers = await queryRows<{ work_center_id: string }>(
    ctx.tx,
    sql`SELECT DISTINCT o2.work_center_id FROM work_order_operations o2 WHERE ${mayHaveRun(from, to)}`,
  );
  const runs = await runsOnWorkCenters(ctx, {
    workCenterIds: centers.map((c) => c.work_center_id),
    from: o.from,
    to: o.to,
    ...(o.now === undefined ? {} : { now: o.now }),
  });
  const ids = [...new Set(runs.map((r) => r.workOrderId))];
  if (ids.length === 0) return { orders: [], runs };
  const rows = await queryRows<{
    id: string;
    number: string;
    product_id: string;
    product_code: string;
    product_name: string;
    unit_code: string;
    good: string | null;
  }>(
    ctx.tx,
    sql`SELECT w.id, w.number, w.product_id, m.code AS product_code, m.name AS product_name, u.code AS unit_code,
          (SELECT sum(r.good_qty)::text FROM job_reports r
            WHERE r.tenant_id = w.tenant_id AND r.operation_id = (
              SELECT lo.id FROM work_order_operations lo WHERE lo.tenant_id = w.tenant_id AND lo.work_order_id = w.id
              ORDER BY lo.seq_no DESC LIMIT 1)
              AND ${EVENT_TIME} >= ${from}::timestamptz AND ${EVENT_TIME} < ${to}::timestamptz) AS good
        FROM work_orders w
        JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id
        JOIN units u ON u.tenant_id = w.tenant_id AND u.id = w.unit_id
        WHERE w.id = ANY(${sql.param(ids)}::uuid[]) ORDER BY m.code, w.number`,
  );
  return {
    orders: rows.map((r) => ({
      workOrderId: r.id,
      number: r.number,
      productId: r.product_id,
      productCode: r.product_code,
      productName: r.product_name,
      unitCode: r.unit_code,
      goodQuantity: trim(r.good ?? '0'),
    })),
    runs,
  };
}

import { sql } from 'drizzle-orm';
import type { TWipBoard, TWipOperation, TWipQuery, WorkOrderStatus } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { isAllowed } from '../modeling/data-scope.ts';
import { assertPlantFilter, productionScope } from './production-scope.ts';
import { readSettings } from '../platform/settings.service.ts';
import { trim } from './boms.service.ts';
import { orderWip, sumDecimals, type WipOperationInput } from './wip.ts';

/** Orders on the floor (drafts have released nothing; a completed order's output has left it). */
const OPEN_ORDERS: WorkOrderStatus[] = ['released', 'in_progress', 'on_hold'];

interface OpRow {
  work_order_id: string;
  number: string;
  order_status: WorkOrderStatus;
  quantity: string;
  product_code: string;
  product_name: string;
  unit_code: string;
  id: string;
  seq_no: number;
  code: string;
  name: string;
  status: WipOperationInput['status'];
  work_center_id: string;
  good: string;
  scrap: string;
  transferred_in: string;
  transferred_out: string;
}

/**
 * The work centers of the filter: one, those under a site, or all — of them, those in the user's data
 * scope. An unknown id is a 404, and so is one the scope hides (a site above the scope stays a filter).
 */
async function workCentersOf(ctx: Ctx, q: TWipQuery) {
  const scope = await productionScope(ctx);
  await assertPlantFilter(ctx, scope, q);
  const centers = await queryRows<{ id: string; code: string; name: string }>(
    ctx.tx,
    sql`WITH RECURSIVE tree AS (
          SELECT id, kind, code, name, sort_order FROM plant_nodes
            WHERE ${q.siteId ? sql`id = ${q.siteId}` : sql`parent_id IS NULL`}
          UNION ALL
          SELECT n.id, n.kind, n.code, n.name, n.sort_order FROM plant_nodes n JOIN tree t ON n.parent_id = t.id)
        SELECT id, code, name FROM tree WHERE kind = 'work_center'
          ${q.workCenterId ? sql`AND id = ${q.workCenterId}` : sql``}
        ORDER BY sort_order, code`,
  );
  return centers.filter((c) => isAllowed(scope, c.id));
}

type WipFlags = Pick<TWipOperation, 'pauseReason' | 'exceptions'>;

/** Per operation: its unresolved Andon exceptions and, when paused, the reason of its last pause. */
async function flagsOf(
  ctx: Ctx,
  operationIds: string[],
  pausedIds: string[],
): Promise<Map<string, WipFlags>> {
  const out = new Map<string, WipFlags>(
    operationIds.map((id) => [id, { pauseReason: null, exceptions: [] }]),
  );
  if (operationIds.length === 0) return out;
  const exceptions = await queryRows<{
    operation_id: string;
    id: string;
    kind: TWipOperation['exceptions'][number]['kind'];
    severity: TWipOperation['exceptions'][number]['severity'];
    is_stopping: boolean;
    description: string;
  }>(
    ctx.tx,
    sql`SELECT operation_id, id, kind, severity, is_stopping, description FROM andon_exceptions
        WHERE operation_id = ANY(${sql.param(operationIds)}::uuid[]) AND status <> 'resolved'
        ORDER BY is_stopping DESC, raised_at`,
  );
  for (const x of exceptions)
    out.get(x.operation_id)?.exceptions.push({
      id: x.id,
      kind: x.kind,
      severity: x.severity,
      isStopping: x.is_stopping,
      description: x.description,
    });
  if (pausedIds.length) {
    const pauses = await queryRows<{ operation_id: string; reason: string | null }>(
      ctx.tx,
      sql`SELECT DISTINCT ON (operation_id) operation_id, reason FROM job_reports
          WHERE operation_id = ANY(${sql.param(pausedIds)}::uuid[]) AND kind = 'pause'
          ORDER BY operation_id, coalesce(occurred_at, reported_at) DESC, reported_at DESC`,
    );
    for (const p of pauses) out.get(p.operation_id)!.pauseReason = p.reason;
  }
  return out;
}

/**
 * WIP per work center and operation: for each open order, what arrived at each operation and is waiting,
 * in process or done there (the pure `orderWip`), with totals. Rows with nothing at them are left out.
 */
export async function wipBoard(ctx: Ctx, q: TWipQuery): Promise<TWipBoard> {
  const { explicitOperationTransfers } = await readSettings(ctx.tx, ctx.actor.tenantId);
  const centers = await workCentersOf(ctx, q);
  const ids = centers.map((c) => c.id);
  // every operation of the orders with an operation on these work centers: WIP needs the whole chain
  const rows =
    ids.length === 0
      ? []
      : await queryRows<OpRow>(
          ctx.tx,
          sql`SELECT w.id AS work_order_id, w.number, w.status AS order_status, w.quantity::text AS quantity,
                m.code AS product_code, m.name AS product_name, u.code AS unit_code,
                o.id, o.seq_no, o.code, o.name, o.status, o.work_center_id,
                o.good_quantity::text AS good, o.scrap_quantity::text AS scrap,
                coalesce((SELECT sum(t.quantity) FROM operation_transfers t
                  WHERE t.tenant_id = o.tenant_id AND t.to_operation_id = o.id), 0)::text AS transferred_in,
                coalesce((SELECT sum(t.quantity) FROM operation_transfers t
                  WHERE t.tenant_id = o.tenant_id AND t.from_operation_id = o.id), 0)::text AS transferred_out
              FROM work_orders w
              JOIN work_order_operations o ON o.tenant_id = w.tenant_id AND o.work_order_id = w.id
              JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id
              JOIN units u ON u.tenant_id = w.tenant_id AND u.id = w.unit_id
              WHERE w.status = ANY(${sql.param(OPEN_ORDERS)}::text[])
                AND w.id IN (SELECT x.work_order_id FROM work_order_operations x
                  WHERE x.work_center_id = ANY(${sql.param(ids)}::uuid[]))
              ORDER BY w.number, o.seq_no`,
        );
  const byOrder = new Map<string, OpRow[]>();
  for (const r of rows) byOrder.set(r.work_order_id, [...(byOrder.get(r.work_order_id) ?? []), r]);
  const inView = new Set(ids);
  const shown = rows.filter((r) => inView.has(r.work_center_id));
  const flags = await flagsOf(
    ctx,
    shown.map((r) => r.id),
    shown.filter((r) => r.status === 'paused').map((r) => r.id),
  );
  const byCenter = new Map<string, TWipOperation[]>(ids.map((id) => [id, []]));
  for (const ops of byOrder.values()) {
    const wip = orderWip({
      released: ops[0]!.quantity,
      explicitTransfers: explicitOperationTransfers,
      operations: ops.map((r) => ({
        status: r.status,
        good: r.good,
        scrap: r.scrap,
        transferredIn: r.transferred_in,
        transferredOut: r.transferred_out,
      })),
    });
    ops.forEach((r, i) => {
      const w = wip[i]!;
      const list = byCenter.get(r.work_center_id);
      const isRunning = r.status === 'in_progress' || r.status === 'paused';
      const isEmpty = w.waiting === '0' && w.inProcess === '0' && w.done === '0';
      if (!list || (isEmpty && !isRunning)) return;
      list.push({
        workOrderId: r.work_order_id,
        workOrderNumber: r.number,
        workOrderStatus: r.order_status,
        productCode: r.product_code,
        productName: r.product_name,
        unitCode: r.unit_code,
        operationId: r.id,
        seqNo: r.seq_no,
        code: r.code,
        name: r.name,
        status: r.status,
        isLast: i === ops.length - 1,
        ...w,
        good: trim(r.good),
        scrap: trim(r.scrap),
        ...flags.get(r.id)!,
      });
    });
  }
  const totalsOf = (ops: TWipOperation[]) => ({
    waiting: sumDecimals(ops.map((o) => o.waiting)),
    inProcess: sumDecimals(ops.map((o) => o.inProcess)),
    done: sumDecimals(ops.map((o) => o.done)),
    orders: new Set(ops.map((o) => o.workOrderId)).size,
  });
  const workCenters = centers.map((c) => {
    const operations = byCenter.get(c.id)!;
    return { ...c, totals: totalsOf(operations), operations };
  });
  return {
    generatedAt: new Date().toISOString(),
    explicitTransfers: explicitOperationTransfers,
    workCenters,
    totals: totalsOf(workCenters.flatMap((c) => c.operations)),
  };
}

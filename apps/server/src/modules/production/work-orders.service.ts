import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  TCreateWorkOrderParsed,
  TExplosionNode,
  TPage,
  TUpdateWorkOrder,
  TWorkOrder,
  TWorkOrderFilters,
  TWorkOrderQuery,
  TWorkOrderSummary,
  WorkOrderAction,
  WorkOrderStatus,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { trim } from './boms.service.ts';
import { materialsById, todayIn } from './definitions.ts';
import { explodeBom } from './explosion.service.ts';
import { getRouting } from './routings.service.ts';
import { nextStatus } from './work-order-rules.ts';

export const ENTITY = 'work order';
export const AUDIT_ENTITY = 'work_order';

interface HeaderRow {
  id: string;
  number: string;
  product_id: string;
  product_code: string;
  product_name: string;
  product_type: TWorkOrderSummary['productType'];
  quantity: string;
  unit_code: string;
  status: WorkOrderStatus;
  priority: number;
  due_date: string | null;
  planned_start: string | Date | null;
  planned_end: string | Date | null;
  effective_on: string;
  bom_id: string | null;
  bom_version: string | null;
  routing_id: string | null;
  routing_version: string | null;
  plan_id: string | null;
  plan_code: string | null;
  parent_id: string | null;
  parent_number: string | null;
  hold_reason: string | null;
  held_from_status: WorkOrderStatus | null;
  note: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const SELECT = sql`SELECT w.id, w.number, w.product_id, m.code AS product_code, m.name AS product_name,
    m.type AS product_type, w.quantity::text AS quantity, u.code AS unit_code, w.status, w.priority::int AS priority,
    w.due_date::text AS due_date, w.planned_start, w.planned_end, w.effective_on::text AS effective_on,
    w.bom_id, w.bom_version, w.routing_id, w.routing_version, w.plan_id, p.code AS plan_code, w.parent_id,
    pw.number AS parent_number, w.hold_reason, w.held_from_status, w.note, w.created_at, w.updated_at
  FROM work_orders w
  JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id
  JOIN units u ON u.tenant_id = w.tenant_id AND u.id = w.unit_id
  LEFT JOIN production_plans p ON p.tenant_id = w.tenant_id AND p.id = w.plan_id
  LEFT JOIN work_orders pw ON pw.tenant_id = w.tenant_id AND pw.id = w.parent_id`;

const isoOrNull = (v: string | Date | null) => (v === null ? null : toIso(v));

export const toSummary = (r: HeaderRow): TWorkOrderSummary => ({
  id: r.id,
  number: r.number,
  productId: r.product_id,
  productCode: r.product_code,
  productName: r.product_name,
  productType: r.product_type,
  quantity: trim(r.quantity),
  unitCode: r.unit_code,
  status: r.status,
  priority: r.priority,
  dueDate: r.due_date,
  plannedStart: isoOrNull(r.planned_start),
  plannedEnd: isoOrNull(r.planned_end),
  bomId: r.bom_id,
  bomVersion: r.bom_version,
  routingId: r.routing_id,
  routingVersion: r.routing_version,
  planId: r.plan_id,
  planCode: r.plan_code,
  parentId: r.parent_id,
  parentNumber: r.parent_number,
  holdReason: r.hold_reason,
  heldFromStatus: r.held_from_status,
  note: r.note,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

const SORTS: Record<TWorkOrderFilters['sort'], SQL> = {
  number: sql`w.number`,
  dueDate: sql`w.due_date`,
  priority: sql`w.priority`,
  createdAt: sql`w.created_at`,
  status: sql`w.status`,
  product: sql`m.code`,
};

function filterSql(f: TWorkOrderFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(sql`(w.number ILIKE ${like} OR m.code ILIKE ${like} OR m.name ILIKE ${like})`);
  }
  if (f.status?.length) parts.push(sql`w.status = ANY(${sql.param(f.status)}::text[])`);
  if (f.productId) parts.push(sql`w.product_id = ${f.productId}`);
  if (f.planId) parts.push(sql`w.plan_id = ${f.planId}`);
  if (f.dueFrom) parts.push(sql`w.due_date >= ${f.dueFrom}::date`);
  if (f.dueTo) parts.push(sql`w.due_date <= ${f.dueTo}::date`);
  if (f.priority) parts.push(sql`w.priority = ${f.priority}`);
  return sql.join(parts, sql` AND `);
}

/** Summaries matching the filters, sorted (ties by number), `limit` of them from `offset`. */
export async function findWorkOrders(
  ctx: Ctx,
  f: TWorkOrderFilters,
  window: { limit: number; offset: number },
): Promise<{ items: TWorkOrderSummary[]; total: number }> {
  const where = filterSql(f);
  const dir = f.order === 'asc' ? sql`ASC` : sql`DESC`;
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM work_orders w
        JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id WHERE ${where}`,
  );
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY ${SORTS[f.sort]} ${dir} NULLS LAST, w.number ${dir}
        LIMIT ${window.limit} OFFSET ${window.offset}`,
  );
  return { items: rows.map(toSummary), total: count!.n };
}

export async function listWorkOrders(ctx: Ctx, query: TWorkOrderQuery): Promise<TPage<TWorkOrderSummary>> {
  const { items, total } = await findWorkOrders(ctx, query, pageWindow(query));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function summariesOf(ctx: Ctx, ids: string[]): Promise<TWorkOrderSummary[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE w.id = ANY(${sql.param(ids)}::uuid[]) ORDER BY w.number`,
  );
  return rows.map(toSummary);
}

interface OperationRow {
  id: string;
  seq_no: number;
  code: string;
  name: string;
  work_center_id: string;
  work_center_code: string;
  work_center_name: string;
  setup_minutes: string;
  run_seconds_per_unit: string;
  required_skill: string | null;
  is_inspection_point: boolean;
  status: TWorkOrder['operations'][number]['status'];
  planned_quantity: string;
  good_quantity: string;
  scrap_quantity: string;
  rework_quantity: string;
  shift_date: string | null;
  shift_code: string | null;
  shift_start: string | Date | null;
  shift_end: string | Date | null;
  operator_ids: string[];
  dispatched_at: string | Date | null;
}
interface MaterialRow {
  line_no: number;
  material_id: string;
  material_code: string;
  material_name: string;
  material_type: TWorkOrder['materials'][number]['materialType'];
  unit_code: string;
  quantity: string;
  scrap_percent: string;
  operation_seq: number | null;
  is_made: boolean;
  child_work_order_id: string | null;
  issued_quantity: string;
}

export async function getWorkOrder(ctx: Ctx, id: string): Promise<TWorkOrder> {
  const [row] = await queryRows<HeaderRow>(ctx.tx, sql`${SELECT} WHERE w.id = ${id}`);
  if (!row) throw notFound(ENTITY);
  const ops = await queryRows<OperationRow>(
    ctx.tx,
    sql`SELECT o.id, o.seq_no, o.code, o.name, o.work_center_id, n.code AS work_center_code,
          n.name AS work_center_name, o.setup_minutes::text AS setup_minutes,
          o.run_seconds_per_unit::text AS run_seconds_per_unit, o.required_skill, o.is_inspection_point, o.status,
          o.planned_quantity::text AS planned_quantity, o.good_quantity::text AS good_quantity,
          o.scrap_quantity::text AS scrap_quantity, o.rework_quantity::text AS rework_quantity,
          o.shift_date::text AS shift_date, o.shift_code, o.shift_start, o.shift_end,
          o.operator_ids::text[] AS operator_ids, o.dispatched_at
        FROM work_order_operations o
        JOIN plant_nodes n ON n.tenant_id = o.tenant_id AND n.id = o.work_center_id
        WHERE o.work_order_id = ${id} ORDER BY o.seq_no`,
  );
  const materials = await queryRows<MaterialRow>(
    ctx.tx,
    sql`SELECT l.line_no, l.material_id, m.code AS material_code, m.name AS material_name,
          m.type AS material_type, u.code AS unit_code, l.quantity::text AS quantity,
          l.scrap_percent::text AS scrap_percent, l.operation_seq, l.is_made, l.child_work_order_id,
          l.issued_quantity::text AS issued_quantity
        FROM work_order_materials l
        JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id
        JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id
        WHERE l.work_order_id = ${id} ORDER BY l.line_no`,
  );
  const children = await queryRows<{
    id: string;
    number: string;
    product_code: string;
    status: WorkOrderStatus;
  }>(
    ctx.tx,
    sql`SELECT w.id, w.number, m.code AS product_code, w.status FROM work_orders w
        JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id
        WHERE w.parent_id = ${id} ORDER BY w.number`,
  );
  return {
    ...toSummary(row),
    effectiveOn: row.effective_on,
    operations: ops.map((o) => ({
      id: o.id,
      seqNo: o.seq_no,
      code: o.code,
      name: o.name,
      workCenterId: o.work_center_id,
      workCenterCode: o.work_center_code,
      workCenterName: o.work_center_name,
      setupMinutes: trim(o.setup_minutes),
      runSecondsPerUnit: trim(o.run_seconds_per_unit),
      requiredSkill: o.required_skill,
      isInspectionPoint: o.is_inspection_point,
      status: o.status,
      plannedQuantity: trim(o.planned_quantity),
      goodQuantity: trim(o.good_quantity),
      scrapQuantity: trim(o.scrap_quantity),
      reworkQuantity: trim(o.rework_quantity),
      shiftDate: o.shift_date,
      shiftCode: o.shift_code,
      shiftStart: isoOrNull(o.shift_start),
      shiftEnd: isoOrNull(o.shift_end),
      operatorIds: o.operator_ids ?? [],
      dispatchedAt: isoOrNull(o.dispatched_at),
    })),
    materials: materials.map((l) => ({
      lineNo: l.line_no,
      materialId: l.material_id,
      materialCode: l.material_code,
      materialName: l.material_name,
      materialType: l.material_type,
      unitCode: l.unit_code,
      quantity: trim(l.quantity),
      scrapPercent: trim(l.scrap_percent),
      operationSeq: l.operation_seq,
      isMade: l.is_made,
      childWorkOrderId: l.child_work_order_id,
      issuedQuantity: trim(l.issued_quantity),
    })),
    children: children.map((c) => ({
      id: c.id,
      number: c.number,
      productCode: c.product_code,
      status: c.status,
    })),
  };
}

/** The order locked for a change (FOR UPDATE), as stored; 404 when not in the tenant. */
export async function lockWorkOrder(ctx: Ctx, id: string): Promise<TWorkOrder> {
  const [row] = await queryRows(ctx.tx, sql`SELECT 1 FROM work_orders WHERE id = ${id} FOR UPDATE`);
  if (!row) throw notFound(ENTITY);
  return getWorkOrder(ctx, id);
}

/**
 * The next number of the enterprise's local day: WO-YYYYMMDD-0001. One counter row per day; the
 * upsert takes its row lock, so concurrent creations queue on it and never share a number.
 */
export async function nextNumber(ctx: Ctx): Promise<string> {
  const day = todayIn(ctx.actor.timezone);
  const [row] = await queryRows<{ last_no: number }>(
    ctx.tx,
    sql`INSERT INTO work_order_counters (tenant_id, day, last_no) VALUES (${ctx.actor.tenantId}, ${day}::date, 1)
        ON CONFLICT (tenant_id, day) DO UPDATE SET last_no = work_order_counters.last_no + 1
        RETURNING last_no`,
  );
  return `WO-${day.replaceAll('-', '')}-${String(row!.last_no).padStart(4, '0')}`;
}

async function effectiveRoutingId(ctx: Ctx, productId: string, date: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM production_routings WHERE product_id = ${productId} AND status = 'active'
          AND effective_from <= ${date}::date AND coalesce(effective_to, 'infinity'::date) >= ${date}::date
        LIMIT 1`,
  );
  return row?.id ?? null;
}

export interface OrderHeader {
  priority: number;
  dueDate: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  planId?: string | null;
  planLineNo?: number | null;
  note?: string | null;
}

/**
 * One order from a node of an explosion tree: its BOM version and direct components (gross), and
 * the routing version effective on `date` with its operations, copied so later changes to either
 * never reach the order. With `makeChildren`, each made component (one with its own BOM on the day)
 * becomes a sub-assembly order below it, recursively. Returns the ids made, top first.
 */
export async function createFromNode(
  ctx: Ctx,
  o: {
    node: TExplosionNode;
    date: string;
    header: OrderHeader;
    parentId: string | null;
    makeChildren: boolean;
    id?: string;
  },
): Promise<string[]> {
  const id = o.id ?? randomUUID();
  const { node, header } = o;
  const routingId = await effectiveRoutingId(ctx, node.materialId, o.date);
  const routing = routingId ? await getRouting(ctx, routingId) : null;
  const number = await nextNumber(ctx);
  await queryRows(
    ctx.tx,
    sql`INSERT INTO work_orders (tenant_id, id, number, product_id, quantity, unit_id, priority, due_date,
          planned_start, planned_end, effective_on, bom_id, bom_version, routing_id, routing_version, plan_id,
          plan_line_no, parent_id, note, created_by)
        SELECT ${ctx.actor.tenantId}, ${id}, ${number}, m.id, ${node.grossQuantity}::numeric, m.unit_id,
          ${header.priority}, ${header.dueDate}::date, ${header.plannedStart ?? null}::timestamptz,
          ${header.plannedEnd ?? null}::timestamptz, ${o.date}::date, ${node.bomId}::uuid, ${node.bomVersion},
          ${routing?.id ?? null}::uuid, ${routing?.version ?? null}, ${header.planId ?? null}::uuid,
          ${header.planLineNo ?? null}::int, ${o.parentId}::uuid, ${header.note ?? null}, ${ctx.actor.userId}
        FROM materials m WHERE m.id = ${node.materialId}`,
  );
  if (routing && routing.operations.length > 0)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO work_order_operations (tenant_id, id, work_order_id, seq_no, code, name, work_center_id,
            setup_minutes, run_seconds_per_unit, required_skill, is_inspection_point, planned_quantity)
          VALUES ${sql.join(
            routing.operations.map(
              (op) =>
                sql`(${ctx.actor.tenantId}::uuid, ${randomUUID()}::uuid, ${id}::uuid, ${op.seqNo}, ${op.code},
                  ${op.name}, ${op.workCenterId}::uuid, ${op.setupMinutes}::numeric,
                  ${op.runSecondsPerUnit}::numeric, ${op.requiredSkill}, ${op.isInspectionPoint},
                  ${node.grossQuantity}::numeric)`,
            ),
            sql`, `,
          )}`,
    );
  const childIds = node.children.map((c) => (o.makeChildren && c.bomId ? randomUUID() : null));
  if (node.children.length > 0)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO work_order_materials (tenant_id, work_order_id, line_no, material_id, quantity,
            scrap_percent, operation_seq, is_made, child_work_order_id)
          VALUES ${sql.join(
            node.children.map(
              (c, i) =>
                sql`(${ctx.actor.tenantId}::uuid, ${id}::uuid, ${i + 1}, ${c.materialId}::uuid,
                  ${c.grossQuantity}::numeric, ${c.scrapPercent}::numeric, ${c.operationSeq}::int,
                  ${c.bomId !== null}, ${childIds[i]}::uuid)`,
            ),
            sql`, `,
          )}`,
    );
  const made = [id];
  for (const [i, child] of node.children.entries()) {
    const childId = childIds[i];
    if (!childId) continue;
    made.push(
      ...(await createFromNode(ctx, {
        node: child,
        date: o.date,
        header: { ...header, note: null },
        parentId: id,
        makeChildren: true,
        id: childId,
      })),
    );
  }
  return made;
}

/** A draft order for one product; sub-assemblies are ordered separately (or from a plan). */
export async function createWorkOrder(ctx: Ctx, input: TCreateWorkOrderParsed): Promise<TWorkOrder> {
  const date = input.effectiveOn ?? todayIn(ctx.actor.timezone);
  if (!(await materialsById(ctx, [input.productId])).has(input.productId))
    throw new AppError('VALIDATION', {}, [{ path: 'body.productId', message: 'unknown material' }]);
  const explosion = await explodeBom(ctx, { productId: input.productId, quantity: input.quantity, date });
  const [id] = await createFromNode(ctx, {
    node: explosion.tree,
    date,
    header: {
      priority: input.priority,
      dueDate: input.dueDate ?? null,
      plannedStart: input.plannedStart ?? null,
      plannedEnd: input.plannedEnd ?? null,
      note: input.note ?? null,
    },
    parentId: null,
    makeChildren: false,
  });
  const after = await getWorkOrder(ctx, id!);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT_ENTITY, entityId: id, after });
  return after;
}

const FINAL: WorkOrderStatus[] = ['completed', 'closed', 'cancelled'];

export async function updateWorkOrder(ctx: Ctx, id: string, input: TUpdateWorkOrder): Promise<TWorkOrder> {
  const before = await lockWorkOrder(ctx, id);
  if (FINAL.includes(before.status))
    throw new AppError('CONFLICT', {
      reason: `work order ${before.number} is ${before.status} and can no longer be changed`,
      status: before.status,
    });
  const pick = <K extends keyof TUpdateWorkOrder>(k: K, current: unknown) =>
    input[k] === undefined ? current : input[k];
  const plannedStart = pick('plannedStart', before.plannedStart) as string | null;
  const plannedEnd = pick('plannedEnd', before.plannedEnd) as string | null;
  if (plannedStart && plannedEnd && Date.parse(plannedEnd) < Date.parse(plannedStart))
    throw new AppError('VALIDATION', {}, [{ path: 'body.plannedEnd', message: 'before plannedStart' }]);
  await queryRows(
    ctx.tx,
    sql`UPDATE work_orders SET due_date = ${pick('dueDate', before.dueDate) as string | null}::date,
          priority = ${pick('priority', before.priority) as number},
          planned_start = ${plannedStart}::timestamptz, planned_end = ${plannedEnd}::timestamptz,
          note = ${pick('note', before.note) as string | null}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getWorkOrder(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

/**
 * One step of the lifecycle. Release needs the snapshots: a BOM version and a routing with
 * operations (else 409); a hold needs a reason and remembers where to resume to.
 */
export async function transitionWorkOrder(
  ctx: Ctx,
  o: { id: string; action: WorkOrderAction; reason?: string | undefined },
): Promise<TWorkOrder> {
  const before = await lockWorkOrder(ctx, o.id);
  const to = nextStatus({ ...before, action: o.action });
  if (o.action === 'release') {
    const missing = [
      before.bomId ? null : `an active BOM on ${before.effectiveOn}`,
      before.routingId && before.operations.length > 0 ? null : `an active routing on ${before.effectiveOn}`,
    ].filter(Boolean);
    if (missing.length)
      throw new AppError('CONFLICT', {
        reason: `work order ${before.number} cannot be released without ${missing.join(' and ')}`,
        from: before.status,
        to,
      });
  }
  if (o.action === 'hold' && !o.reason)
    throw new AppError('VALIDATION', {}, [{ path: 'body.reason', message: 'say why the order is held' }]);
  const heldFrom = o.action === 'hold' ? before.status : null;
  const reason = o.action === 'hold' ? o.reason! : null;
  await queryRows(
    ctx.tx,
    sql`UPDATE work_orders SET status = ${to}, held_from_status = ${heldFrom}, hold_reason = ${reason},
          updated_at = now() WHERE id = ${o.id}`,
  );
  const after = await getWorkOrder(ctx, o.id);
  await recordAudit(ctx, {
    action: o.action,
    entityType: AUDIT_ENTITY,
    entityId: o.id,
    before: { status: before.status, holdReason: before.holdReason },
    after: { status: to, ...(o.reason ? { reason: o.reason } : {}) },
  });
  return after;
}

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  TAuditQuery,
  TDispatchOperation,
  TWorkOrder,
  TWorkOrderFilters,
  WorkOrderStatus,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { writeSheet } from '../../platform/excel/excel.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';
import { shiftInstancesOf } from '../calendars/calendars.service.ts';
import { getWorker } from '../labour/workers.service.ts';
import { loadPlant } from '../modeling/plant.service.ts';
import { listAudit } from '../platform/audit.service.ts';
import { assertSplit, proportionalShares, sumDecimals } from './work-order-rules.ts';
import {
  AUDIT_ENTITY,
  findWorkOrders,
  getWorkOrder,
  lockWorkOrder,
  nextNumber,
} from './work-orders.service.ts';

const SPLITTABLE: WorkOrderStatus[] = ['draft', 'released'];

function assertStatus(o: TWorkOrder, allowed: WorkOrderStatus[], what: string) {
  if (!allowed.includes(o.status))
    throw new AppError('CONFLICT', {
      reason: `work order ${o.number} is ${o.status}; only ${allowed.join(' or ')} orders can be ${what}`,
      status: o.status,
    });
}

/**
 * Splits a draft or released order in two: it keeps `quantities[0]`, a new order (same versions,
 * status, plan and parent) takes `quantities[1]`. Operation and material quantities are shared in
 * proportion with exact decimals: the two shares of every line add up to the line as it was.
 */
export async function splitWorkOrder(
  ctx: Ctx,
  o: { id: string; quantities: [string, string] },
): Promise<{ original: TWorkOrder; created: TWorkOrder }> {
  const before = await lockWorkOrder(ctx, o.id);
  assertStatus(before, SPLITTABLE, 'split');
  assertSplit(before.quantity, o.quantities, before.number);
  const share = (value: string) => proportionalShares(value, o.quantities, before.quantity);
  const newId = randomUUID();
  const number = await nextNumber(ctx);
  await queryRows(
    ctx.tx,
    sql`INSERT INTO work_orders (tenant_id, id, number, product_id, quantity, unit_id, status, priority, due_date,
          planned_start, planned_end, effective_on, bom_id, bom_version, routing_id, routing_version, plan_id,
          plan_line_no, parent_id, split_from_id, note, created_by)
        SELECT tenant_id, ${newId}, ${number}, product_id, ${o.quantities[1]}::numeric, unit_id, status, priority,
          due_date, planned_start, planned_end, effective_on, bom_id, bom_version, routing_id, routing_version,
          plan_id, plan_line_no, parent_id, id, note, ${ctx.actor.userId}
        FROM work_orders WHERE id = ${o.id}`,
  );
  await queryRows(
    ctx.tx,
    sql`UPDATE work_orders SET quantity = ${o.quantities[0]}::numeric, updated_at = now() WHERE id = ${o.id}`,
  );
  for (const op of before.operations) {
    const [keep, give] = share(op.plannedQuantity);
    await queryRows(
      ctx.tx,
      sql`INSERT INTO work_order_operations (tenant_id, id, work_order_id, seq_no, code, name, work_center_id,
            setup_minutes, run_seconds_per_unit, required_skill, is_inspection_point, status, planned_quantity,
            shift_date, shift_code, shift_start, shift_end, operator_ids, dispatched_at, dispatched_by)
          SELECT tenant_id, ${randomUUID()}, ${newId}, seq_no, code, name, work_center_id, setup_minutes,
            run_seconds_per_unit, required_skill, is_inspection_point, status, ${give}::numeric, shift_date,
            shift_code, shift_start, shift_end, operator_ids, dispatched_at, dispatched_by
          FROM work_order_operations WHERE id = ${op.id}`,
    );
    await queryRows(
      ctx.tx,
      sql`UPDATE work_order_operations SET planned_quantity = ${keep}::numeric WHERE id = ${op.id}`,
    );
  }
  for (const line of before.materials) {
    const [keep, give] = share(line.quantity);
    await queryRows(
      ctx.tx,
      sql`INSERT INTO work_order_materials (tenant_id, work_order_id, line_no, material_id, quantity, scrap_percent,
            operation_seq, is_made)
          SELECT tenant_id, ${newId}, line_no, material_id, ${give}::numeric, scrap_percent, operation_seq, is_made
          FROM work_order_materials WHERE work_order_id = ${o.id} AND line_no = ${line.lineNo}`,
    );
    await queryRows(
      ctx.tx,
      sql`UPDATE work_order_materials SET quantity = ${keep}::numeric
          WHERE work_order_id = ${o.id} AND line_no = ${line.lineNo}`,
    );
  }
  const original = await getWorkOrder(ctx, o.id);
  const created = await getWorkOrder(ctx, newId);
  await recordAudit(ctx, {
    action: 'split',
    entityType: AUDIT_ENTITY,
    entityId: o.id,
    before,
    after: { ...original, splitInto: created.number },
  });
  await recordAudit(ctx, {
    action: 'split_from',
    entityType: AUDIT_ENTITY,
    entityId: newId,
    after: { ...created, splitFrom: before.number },
  });
  return { original, created };
}

/**
 * Merges `otherId` into `id`: same product, same BOM and routing versions, both draft or released.
 * The order `id` takes the sum of quantities, operations and materials (line by line); the other is
 * cancelled, pointing at it, and its sub-assembly orders move under it.
 */
export async function mergeWorkOrders(ctx: Ctx, o: { id: string; otherId: string }): Promise<TWorkOrder> {
  if (o.id === o.otherId)
    throw new AppError('VALIDATION', {}, [{ path: 'body.otherId', message: 'the same order' }]);
  // lock in id order so two opposite merges cannot deadlock
  const [first, second] = [o.id, o.otherId].sort();
  const locked = new Map([
    [first!, await lockWorkOrder(ctx, first!)],
    [second!, await lockWorkOrder(ctx, second!)],
  ]);
  const target = locked.get(o.id)!;
  const other = locked.get(o.otherId)!;
  assertStatus(target, SPLITTABLE, 'merged');
  assertStatus(other, SPLITTABLE, 'merged');
  const differences = [
    target.productId !== other.productId ? `product ${target.productCode} ≠ ${other.productCode}` : null,
    target.bomId !== other.bomId ? `BOM ${target.bomVersion ?? '—'} ≠ ${other.bomVersion ?? '—'}` : null,
    target.routingId !== other.routingId
      ? `routing ${target.routingVersion ?? '—'} ≠ ${other.routingVersion ?? '—'}`
      : null,
  ].filter(Boolean);
  if (differences.length)
    throw new AppError('CONFLICT', {
      reason: `work orders ${target.number} and ${other.number} differ (${differences.join('; ')}) and cannot be merged`,
    });
  await queryRows(
    ctx.tx,
    sql`UPDATE work_orders SET quantity = ${sumDecimals([target.quantity, other.quantity])}::numeric,
          updated_at = now() WHERE id = ${o.id}`,
  );
  for (const op of target.operations) {
    const theirs = other.operations.find((x) => x.seqNo === op.seqNo);
    if (theirs)
      await queryRows(
        ctx.tx,
        sql`UPDATE work_order_operations
            SET planned_quantity = ${sumDecimals([op.plannedQuantity, theirs.plannedQuantity])}::numeric
            WHERE id = ${op.id}`,
      );
  }
  for (const line of target.materials) {
    const theirs = other.materials.find((x) => x.lineNo === line.lineNo && x.materialId === line.materialId);
    if (theirs)
      await queryRows(
        ctx.tx,
        sql`UPDATE work_order_materials SET quantity = ${sumDecimals([line.quantity, theirs.quantity])}::numeric
            WHERE work_order_id = ${o.id} AND line_no = ${line.lineNo}`,
      );
  }
  await queryRows(
    ctx.tx,
    sql`UPDATE work_orders SET status = 'cancelled', merged_into_id = ${o.id}, updated_at = now(),
          note = concat_ws(' · ', note, ${`merged into ${target.number}`}::text)
        WHERE id = ${o.otherId}`,
  );
  await queryRows(ctx.tx, sql`UPDATE work_orders SET parent_id = ${o.id} WHERE parent_id = ${o.otherId}`);
  const after = await getWorkOrder(ctx, o.id);
  await recordAudit(ctx, {
    action: 'merge',
    entityType: AUDIT_ENTITY,
    entityId: o.id,
    before: target,
    after: { ...after, mergedFrom: other.number },
  });
  await recordAudit(ctx, {
    action: 'merged_into',
    entityType: AUDIT_ENTITY,
    entityId: o.otherId,
    before: other,
    after: { status: 'cancelled', mergedInto: target.number },
  });
  return after;
}

/** The site above a plant node (the node itself when it is one). */
async function siteOf(ctx: Ctx, nodeId: string): Promise<string | null> {
  const { nodes } = await loadPlant(ctx);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (let n = byId.get(nodeId); n; n = n.parentId ? byId.get(n.parentId) : undefined)
    if (n.kind === 'site') return n.id;
  return null;
}

const DAY = 86_400_000;

/**
 * Assigns an operation of a released (or running) order to a work center, a shift instance of the
 * work center's site calendar and operators (active workers of the labour module); a pending
 * operation becomes ready.
 */
export async function dispatchOperation(
  ctx: Ctx,
  o: { id: string; seqNo: number; input: TDispatchOperation },
): Promise<TWorkOrder> {
  const before = await lockWorkOrder(ctx, o.id);
  assertStatus(before, ['released', 'in_progress'], 'dispatched');
  const op = before.operations.find((x) => x.seqNo === o.seqNo);
  if (!op) throw new AppError('NOT_FOUND', { entity: 'operation' });
  if (op.status === 'done')
    throw new AppError('CONFLICT', { reason: `operation ${op.seqNo} ${op.code} is done`, status: op.status });
  const issues: Array<{ path: string; message: string }> = [];
  const workCenterId = o.input.workCenterId ?? op.workCenterId;
  const [wc] = await queryRows<{ kind: string; code: string }>(
    ctx.tx,
    sql`SELECT kind, code FROM plant_nodes WHERE id = ${workCenterId}`,
  );
  if (!wc) issues.push({ path: 'body.workCenterId', message: 'no such plant node' });
  else if (wc.kind !== 'work_center')
    issues.push({ path: 'body.workCenterId', message: `${wc.code} is a ${wc.kind}, not a work center` });
  const shiftDate = o.input.shiftDate ?? null;
  const shiftCode = o.input.shiftCode ?? null;
  let shift: { start: number; end: number } | null = null;
  if ((shiftDate === null) !== (shiftCode === null))
    issues.push({ path: 'body.shiftCode', message: 'give the shift date and code together' });
  else if (shiftDate && shiftCode && wc) {
    const siteId = await siteOf(ctx, workCenterId);
    if (!siteId) issues.push({ path: 'body.workCenterId', message: 'not under a site' });
    else {
      const day = Date.parse(`${shiftDate}T00:00:00Z`);
      const { instances } = await shiftInstancesOf(ctx, {
        siteId,
        from: day - DAY,
        to: day + 2 * DAY,
        path: 'body.workCenterId',
      });
      shift = instances.find((i) => i.date === shiftDate && i.shiftCode === shiftCode) ?? null;
      if (!shift)
        issues.push({
          path: 'body.shiftCode',
          message: `no shift ${shiftCode} on ${shiftDate} in the site's calendar`,
        });
    }
  }
  const operatorIds = [...new Set(o.input.operatorIds ?? [])];
  for (const [i, workerId] of operatorIds.entries()) {
    const worker = await getWorker(ctx, workerId).catch(() => null);
    if (!worker) issues.push({ path: `body.operatorIds.${i}`, message: 'no such worker' });
    else if (!worker.isActive)
      issues.push({
        path: `body.operatorIds.${i}`,
        message: `${worker.employeeNo} ${worker.name} is inactive`,
      });
  }
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  await queryRows(
    ctx.tx,
    sql`UPDATE work_order_operations SET work_center_id = ${workCenterId}, shift_date = ${shiftDate}::date,
          shift_code = ${shiftCode}, shift_start = ${iso(shift?.start)}::timestamptz,
          shift_end = ${iso(shift?.end)}::timestamptz, operator_ids = ${sql.param(operatorIds)}::uuid[],
          dispatched_at = now(), dispatched_by = ${ctx.actor.userId},
          status = CASE WHEN status = 'pending' THEN 'ready' ELSE status END
        WHERE id = ${op.id}`,
  );
  const after = await getWorkOrder(ctx, o.id);
  await recordAudit(ctx, {
    action: 'dispatch',
    entityType: AUDIT_ENTITY,
    entityId: o.id,
    before: op,
    after: after.operations.find((x) => x.seqNo === o.seqNo),
  });
  return after;
}

/** The order's audit entries, newest first. */
export async function workOrderHistory(ctx: Ctx, id: string) {
  await getWorkOrder(ctx, id);
  const query = { entityType: AUDIT_ENTITY, entityId: id, page: 1, pageSize: 200 } as TAuditQuery;
  return { items: (await listAudit({ ctx, query })).items };
}

const EXPORT_MAX = 10_000;

export async function exportWorkOrders(ctx: Ctx, filters: TWorkOrderFilters): Promise<Buffer> {
  const { items } = await findWorkOrders(ctx, filters, { limit: EXPORT_MAX, offset: 0 });
  return writeSheet({
    sheetName: 'work-orders',
    columns: [
      { key: 'number', header: '工单号 / Number', width: 20 },
      { key: 'productCode', header: '产品编码 / Product' },
      { key: 'productName', header: '产品名称 / Product name', width: 24 },
      { key: 'quantity', header: '数量 / Quantity' },
      { key: 'unitCode', header: '单位 / Unit', width: 8 },
      { key: 'status', header: '状态 / Status' },
      { key: 'priority', header: '优先级 / Priority', width: 10 },
      { key: 'dueDate', header: '交期 / Due date' },
      { key: 'plannedStart', header: '计划开始 / Planned start', width: 22 },
      { key: 'plannedEnd', header: '计划完成 / Planned end', width: 22 },
      { key: 'bomVersion', header: 'BOM 版本 / BOM version', width: 12 },
      { key: 'routingVersion', header: '工艺版本 / Routing version', width: 12 },
      { key: 'planCode', header: '生产计划 / Plan' },
      { key: 'parentNumber', header: '上级工单 / Parent order', width: 20 },
      { key: 'holdReason', header: '暂停原因 / Hold reason', width: 24 },
    ],
    rows: items.map((w) => ({ ...w })),
  });
}

import { sql } from 'drizzle-orm';
import type {
  TIssueMaterial,
  TMaterialMoveResult,
  TOrderLot,
  TOrderMaterialLine,
  TOrderMaterials,
  TReturnMaterial,
  TSetBackflush,
  TLot,
  WorkOrderStatus,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { preparedRows, queryRows } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import {
  findLots,
  getLotSummary,
  lockLot,
  lotsByIds,
  lotsByNumber,
  moveStock,
  movesOf,
} from '../inventory/lots.service.ts';
import { trim } from './boms.service.ts';
import { allocateFifo, less, minus, plus } from './fifo-allocation.ts';
import { AUDIT_ENTITY, ENTITY } from './work-orders.service.ts';

/** Material moves at an order need it on the floor or about to be. */
const ISSUABLE: WorkOrderStatus[] = ['released', 'in_progress'];

const invalid = (path: string, message: string) => new AppError('VALIDATION', {}, [{ path, message }]);

export interface LineRow {
  line_no: number;
  material_id: string;
  material_code: string;
  material_name: string;
  unit_code: string;
  quantity: string;
  issued_quantity: string;
  is_made: boolean;
  is_backflush: boolean;
}

export const toLine = (r: LineRow): TOrderMaterialLine => ({
  lineNo: r.line_no,
  materialId: r.material_id,
  materialCode: r.material_code,
  materialName: r.material_name,
  unitCode: r.unit_code,
  quantity: trim(r.quantity),
  issuedQuantity: trim(r.issued_quantity),
  isMade: r.is_made,
  isBackflush: r.is_backflush,
});

/** The order's material lines, as `LineRow`s (no ORDER BY: the callers order by line_no). */
const linesOf = (workOrderId: string) =>
  sql`SELECT l.line_no, l.material_id, m.code AS material_code, m.name AS material_name, u.code AS unit_code,
        l.quantity::text AS quantity, l.issued_quantity::text AS issued_quantity, l.is_made, l.is_backflush
      FROM work_order_materials l
      JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id
      JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id
      WHERE l.work_order_id = ${workOrderId}`;

export async function orderLines(ctx: Ctx, workOrderId: string): Promise<LineRow[]> {
  return preparedRows<LineRow>(ctx.tx, 'order_lines', sql`${linesOf(workOrderId)} ORDER BY l.line_no`);
}

export interface OrderHead {
  id: string;
  number: string;
  status: WorkOrderStatus;
  product_id: string;
  quantity: string;
}

export async function orderHead(ctx: Ctx, id: string, lock: boolean): Promise<OrderHead> {
  const [order] = await queryRows<OrderHead>(
    ctx.tx,
    sql`SELECT id, number, status, product_id, quantity::text AS quantity FROM work_orders WHERE id = ${id}
        ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!order) throw notFound(ENTITY);
  return order;
}

async function consumedAll(ctx: Ctx, workOrderId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ lot_id: string; q: string }>(
    ctx.tx,
    sql`SELECT consumed_lot_id AS lot_id, sum(quantity)::text AS q FROM production_lot_genealogy
        WHERE work_order_id = ${workOrderId} GROUP BY consumed_lot_id`,
  );
  return new Map(rows.map((r) => [r.lot_id, trim(r.q)]));
}

export interface LotAtOrder {
  lotId: string;
  materialId: string;
  issued: string;
  returned: string;
  atOrder: string;
}
interface LotAtOrderRow {
  lot_id: string;
  material_id: string;
  issued: string;
  returned: string;
  consumed: string;
}

/**
 * `LotAtOrderRow`s, first issued first as `ord` (1, 2, …). Read on every report of an order's last
 * operation, as a prepared statement whose generic plan may have been made on tables far smaller than
 * they are later: so it starts from the order's own issue and return moves, summed per lot once
 * (MATERIALIZED: never re-scanned per lot, whatever the estimates), and only then looks up those few
 * lots and what of each went into the order's output.
 */
const lotsAtOrderOf = (workOrderId: string) =>
  sql`WITH mv AS MATERIALIZED (
        SELECT m.lot_id, min(m.moved_at) AS first_at,
          coalesce(sum(m.quantity) FILTER (WHERE m.kind = 'issue'), 0) AS issued,
          coalesce(sum(m.quantity) FILTER (WHERE m.kind = 'return'), 0) AS returned
        FROM inventory_stock_moves m
        WHERE m.work_order_id = ${workOrderId} AND m.kind IN ('issue', 'return')
        GROUP BY m.lot_id)
      SELECT mv.lot_id, l.material_id, mv.issued::text AS issued, mv.returned::text AS returned,
        (SELECT coalesce(sum(g.quantity), 0) FROM production_lot_genealogy g
          WHERE g.work_order_id = ${workOrderId} AND g.source = 'issued' AND g.consumed_lot_id = mv.lot_id)::text
          AS consumed,
        row_number() OVER (ORDER BY mv.first_at, l.origin_at, l.lot_number) AS ord
      FROM mv JOIN inventory_lots l ON l.id = mv.lot_id`;

const toLotAtOrder = (r: LotAtOrderRow): LotAtOrder => {
  const [issued, returned] = [trim(r.issued), trim(r.returned)];
  return {
    lotId: r.lot_id,
    materialId: r.material_id,
    issued,
    returned,
    atOrder: minus(minus(issued, returned), trim(r.consumed)),
  };
};

/**
 * Lots issued to the order with what is still there (issued − returned − consumed into its output), first
 * issued first.
 */
export async function lotsAtOrder(ctx: Ctx, workOrderId: string): Promise<LotAtOrder[]> {
  const rows = await preparedRows<LotAtOrderRow>(
    ctx.tx,
    'lots_at_order',
    sql`${lotsAtOrderOf(workOrderId)} ORDER BY ord`,
  );
  return rows.map(toLotAtOrder);
}

/**
 * What booking a report's output needs of its order, as one JSON value for a column of the caller's
 * statement (the job report's write, which runs after the order's lock was granted, so it sees every
 * issue committed before): the product's code and serial tracking, the material lines by line number,
 * the lots at the order first issued first. `null` when `wanted` is false — nothing is read then.
 */
export const outputContextSql = (o: { wanted: boolean; workOrderId: string; productId: string }) =>
  sql`CASE WHEN ${o.wanted}::boolean THEN json_build_object(
        'product', (SELECT json_build_object('code', m.code, 'isSerialTracked', m.is_serial_tracked)
          FROM materials m WHERE m.id = ${o.productId}),
        'lines', (SELECT coalesce(json_agg(x ORDER BY x.line_no), '[]') FROM (${linesOf(o.workOrderId)}) x),
        'lots', (SELECT coalesce(json_agg(x ORDER BY x.ord), '[]') FROM (${lotsAtOrderOf(o.workOrderId)}) x)) END`;

export interface OutputContext {
  product: { code: string; isSerialTracked: boolean };
  lines: LineRow[];
  lots: LotAtOrder[];
}

/** `outputContextSql`'s value as read (json is parsed by both drivers). */
export const toOutputContext = (v: {
  product: OutputContext['product'];
  lines: LineRow[];
  lots: LotAtOrderRow[];
}): OutputContext => ({ product: v.product, lines: v.lines, lots: v.lots.map(toLotAtOrder) });

/**
 * The scanned lot among the order's requirements: a number unknown for every material is a 400 on
 * lotNumber, one whose material the order does not need too; a number two requirements share needs
 * materialId.
 */
async function resolveLot(
  ctx: Ctx,
  o: { lotNumber: string; materialId?: string; lines: LineRow[] },
): Promise<TLot> {
  const all = (await lotsByNumber(ctx, o.lotNumber)).filter(
    (l) => !o.materialId || l.materialId === o.materialId,
  );
  if (all.length === 0) throw invalid('body.lotNumber', `unknown lot ${o.lotNumber}`);
  const needed = new Set(o.lines.map((l) => l.material_id));
  const fit = all.filter((l) => needed.has(l.materialId));
  if (fit.length === 0)
    throw invalid(
      'body.lotNumber',
      `lot ${o.lotNumber} is ${all.map((l) => l.materialCode).join(', ')}, not a material of this order`,
    );
  if (fit.length > 1)
    throw invalid(
      'body.materialId',
      `lot ${o.lotNumber} exists for ${fit.map((l) => l.materialCode).join(', ')}`,
    );
  return fit[0]!;
}

async function assertOperation(ctx: Ctx, workOrderId: string, operationId: string | undefined) {
  if (!operationId) return;
  const [op] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM work_order_operations WHERE id = ${operationId} AND work_order_id = ${workOrderId}`,
  );
  if (!op) throw invalid('body.operationId', 'not an operation of this order');
}

/** Adds `quantity` (negative: takes) to the order's lines of a material, first lines first. */
async function bookOnLines(ctx: Ctx, o: { workOrderId: string; lines: LineRow[]; quantity: string }) {
  const taking = o.quantity.startsWith('-');
  const amount = taking ? o.quantity.slice(1) : o.quantity;
  const lines = taking ? [...o.lines].reverse() : o.lines;
  const { allocations, shortfall } = allocateFifo({
    demand: amount,
    sources: lines.map((l) => ({
      id: String(l.line_no),
      available: taking ? l.issued_quantity : maxZero(minus(l.quantity, l.issued_quantity)),
    })),
  });
  // an over-issue beyond every line's requirement stays on the first line
  if (shortfall !== '0') allocations.push({ id: String(lines[0]!.line_no), quantity: shortfall });
  for (const a of allocations)
    await queryRows(
      ctx.tx,
      sql`UPDATE work_order_materials SET issued_quantity = issued_quantity ${taking ? sql`-` : sql`+`} ${a.quantity}::numeric
          WHERE work_order_id = ${o.workOrderId} AND line_no = ${Number(a.id)}`,
    );
}

const maxZero = (v: string) => (v.startsWith('-') ? '0' : v);

async function lineResult(ctx: Ctx, workOrderId: string, materialId: string): Promise<TOrderMaterialLine> {
  const lines = (await orderLines(ctx, workOrderId)).filter((l) => l.material_id === materialId);
  const first = toLine(lines[0]!);
  // several lines of one material read as one: their quantities summed
  return lines.slice(1).reduce(
    (acc, l) => ({
      ...acc,
      quantity: plus(acc.quantity, l.quantity),
      issuedQuantity: plus(acc.issuedQuantity, l.issued_quantity),
    }),
    first,
  );
}

/**
 * 领料: a scanned lot to a released or in-progress order. The lot's material must be one of the order's
 * requirements, the lot available with the quantity on hand, and the quantity within what the order
 * still needs unless `allowOverIssue`; the stock move and the order's issued quantity commit together.
 */
export async function issueMaterial(
  ctx: Ctx,
  o: { workOrderId: string; input: TIssueMaterial },
): Promise<TMaterialMoveResult> {
  const { input } = o;
  const order = await orderHead(ctx, o.workOrderId, true);
  if (!ISSUABLE.includes(order.status))
    throw new AppError('CONFLICT', {
      reason: `work order ${order.number} is ${order.status}: material is issued to a released or in-progress order`,
      status: order.status,
    });
  const allLines = await orderLines(ctx, o.workOrderId);
  const lot = await resolveLot(ctx, {
    lotNumber: input.lotNumber,
    materialId: input.materialId,
    lines: allLines,
  });
  await assertOperation(ctx, o.workOrderId, input.operationId);
  const locked = await lockLot(ctx, lot.id);
  if (locked.status !== 'available')
    throw invalid('body.lotNumber', `lot ${lot.lotNumber} is ${locked.status}`);
  if (less(locked.quantity, input.quantity))
    throw invalid(
      'body.quantity',
      `only ${trim(locked.quantity)} ${lot.unitCode} on hand in lot ${lot.lotNumber}`,
    );
  const lines = allLines.filter((l) => l.material_id === lot.materialId);
  const open = lines.reduce((s, l) => plus(s, maxZero(minus(l.quantity, l.issued_quantity))), '0');
  if (!input.allowOverIssue && less(open, input.quantity))
    throw invalid(
      'body.quantity',
      `over the requirement: ${open} ${lot.unitCode} of ${lot.materialCode} still open`,
    );
  const move = await moveStock(ctx, {
    lotId: lot.id,
    kind: 'issue',
    quantity: input.quantity,
    from: 'stock',
    to: 'work_order',
    workOrderId: o.workOrderId,
    operationId: input.operationId ?? null,
  });
  await bookOnLines(ctx, { workOrderId: o.workOrderId, lines, quantity: input.quantity });
  await recordAudit(ctx, {
    action: 'issue_material',
    entityType: AUDIT_ENTITY,
    entityId: o.workOrderId,
    after: {
      lotId: lot.id,
      lotNumber: lot.lotNumber,
      materialCode: lot.materialCode,
      quantity: move.quantity,
    },
  });
  return {
    move,
    lot: await getLotSummary(ctx, lot.id),
    line: await lineResult(ctx, o.workOrderId, lot.materialId),
  };
}

/** 退料: back to stock, at most what of the lot is still at the order (not consumed into output). */
export async function returnMaterial(
  ctx: Ctx,
  o: { workOrderId: string; input: TReturnMaterial },
): Promise<TMaterialMoveResult> {
  const { input } = o;
  const order = await orderHead(ctx, o.workOrderId, true);
  const allLines = await orderLines(ctx, o.workOrderId);
  const lot = await resolveLot(ctx, {
    lotNumber: input.lotNumber,
    materialId: input.materialId,
    lines: allLines,
  });
  await lockLot(ctx, lot.id);
  const here = (await lotsAtOrder(ctx, o.workOrderId)).find((l) => l.lotId === lot.id);
  const atOrder = here?.atOrder ?? '0';
  if (less(atOrder, input.quantity))
    throw invalid(
      'body.quantity',
      `only ${atOrder} ${lot.unitCode} of lot ${lot.lotNumber} is at order ${order.number}`,
    );
  const move = await moveStock(ctx, {
    lotId: lot.id,
    kind: 'return',
    quantity: input.quantity,
    from: 'work_order',
    to: 'stock',
    workOrderId: o.workOrderId,
  });
  const lines = allLines.filter((l) => l.material_id === lot.materialId);
  await bookOnLines(ctx, { workOrderId: o.workOrderId, lines, quantity: `-${input.quantity}` });
  await recordAudit(ctx, {
    action: 'return_material',
    entityType: AUDIT_ENTITY,
    entityId: o.workOrderId,
    after: {
      lotId: lot.id,
      lotNumber: lot.lotNumber,
      materialCode: lot.materialCode,
      quantity: move.quantity,
    },
  });
  return {
    move,
    lot: await getLotSummary(ctx, lot.id),
    line: await lineResult(ctx, o.workOrderId, lot.materialId),
  };
}

/** A material line consumed by reporting (backflush) or by scanned issue; until the order is completed. */
export async function setBackflush(
  ctx: Ctx,
  o: { workOrderId: string; lineNo: number; input: TSetBackflush },
): Promise<TOrderMaterialLine> {
  const order = await orderHead(ctx, o.workOrderId, true);
  if (['completed', 'closed', 'cancelled'].includes(order.status))
    throw new AppError('CONFLICT', {
      reason: `work order ${order.number} is ${order.status}`,
      status: order.status,
    });
  const line = (await orderLines(ctx, o.workOrderId)).find((l) => l.line_no === o.lineNo);
  if (!line) throw notFound('material line');
  await queryRows(
    ctx.tx,
    sql`UPDATE work_order_materials SET is_backflush = ${o.input.isBackflush}
        WHERE work_order_id = ${o.workOrderId} AND line_no = ${o.lineNo}`,
  );
  await recordAudit(ctx, {
    action: 'set_backflush',
    entityType: AUDIT_ENTITY,
    entityId: o.workOrderId,
    before: { lineNo: o.lineNo, isBackflush: line.is_backflush },
    after: { lineNo: o.lineNo, isBackflush: o.input.isBackflush },
  });
  return toLine({ ...line, is_backflush: o.input.isBackflush });
}

/** The order's material lines, the lots issued to it with their balances, its output lots and its moves. */
export async function orderMaterials(ctx: Ctx, workOrderId: string): Promise<TOrderMaterials> {
  const order = await orderHead(ctx, workOrderId, false);
  const lines = await orderLines(ctx, workOrderId);
  const atOrder = await lotsAtOrder(ctx, workOrderId);
  const consumed = await consumedAll(ctx, workOrderId);
  const lotIds = [...new Set([...atOrder.map((l) => l.lotId), ...consumed.keys()])];
  const lots = new Map((await lotsByIds(ctx, lotIds)).map((l) => [l.id, l]));
  const rows: TOrderLot[] = lotIds.map((id) => {
    const lot = lots.get(id)!;
    const here = atOrder.find((l) => l.lotId === id);
    return {
      lotId: id,
      lotNumber: lot.lotNumber,
      materialId: lot.materialId,
      materialCode: lot.materialCode,
      materialName: lot.materialName,
      unitCode: lot.unitCode,
      issued: here?.issued ?? '0',
      returned: here?.returned ?? '0',
      consumed: consumed.get(id) ?? '0',
      atOrder: here?.atOrder ?? '0',
      onHand: lot.quantity,
    };
  });
  return {
    workOrderId,
    workOrderNumber: order.number,
    lines: lines.map(toLine),
    lots: rows,
    outputLots: (await findLots(ctx, { workOrderId })).items,
    moves: await movesOf(ctx, { workOrderId }),
  };
}

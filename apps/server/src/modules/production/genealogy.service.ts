import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  TLot,
  TLotSerialPage,
  TLotSerialsQuery,
  TSerialTrace,
  TSerialTraceQuery,
  TTrace,
  TTraceNode,
  TTraceQuery,
  TraceDirection,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { preparedRows, queryRows } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import {
  AUDIT_LOT,
  fifoLots,
  getLotSummary,
  LOT_ENTITY,
  lotsByIds,
  lotsByNumber,
  lotsBySerial,
  recordStockMove,
  bookOutput,
} from '../inventory/lots.service.ts';
import { trim } from './boms.service.ts';
import { allocateFifo, isPositive, minus } from './fifo-allocation.ts';
import type { OutputContext } from './material-issue.service.ts';
import { div, mul, parseDecimal, toDecimal } from './rational.ts';
import { checkOutputSerials, recordOutputSerials } from './serials.service.ts';

async function addEdge(
  ctx: Ctx,
  e: {
    outputLotId: string;
    consumedLotId: string;
    quantity: string;
    workOrderId: string;
    jobReportId: string;
    source: 'issued' | 'stock';
    isBackflush: boolean;
  },
) {
  await preparedRows(
    ctx.tx,
    'lot_genealogy_edge',
    sql`INSERT INTO production_lot_genealogy (tenant_id, id, output_lot_id, consumed_lot_id, quantity, work_order_id,
          job_report_id, source, is_backflush, created_at)
        VALUES (${ctx.actor.tenantId}, ${randomUUID()}, ${e.outputLotId}, ${e.consumedLotId}, ${e.quantity}::numeric,
          ${e.workOrderId}, ${e.jobReportId}, ${e.source}, ${e.isBackflush}, clock_timestamp())`,
  );
}

/**
 * Good quantity reported on an order's LAST operation becomes stock: it goes into the order's output lot
 * (numbered as the order, one lot per order, created on the first output) by an output move. Each material
 * line of the order contributes its share — line quantity ÷ order quantity × good, exact — to the
 * genealogy: a backflush line consumes it from the lots issued to the order (first issued first), then
 * from on-hand lots of the material (oldest first), with a backflush move per lot, and is refused (409)
 * when stock runs short; a line issued by scanning links its share to the lots issued to the order, first
 * issued first, as far as they reach (what was issued stays issued: no move). So over a whole order the
 * issued lots are spread over its output in proportion to the output quantities. Called inside the job
 * report's transaction for a report on the last operation with good quantity or serials (the caller
 * reads `context` in its write, `outputContextSql`); without good quantity it changes nothing.
 * A serial-tracked product's good pieces get their serial numbers on the output lot: those reported, or
 * numbered after the lot (see serials.service.ts); serials for any other product are refused (400).
 */
export async function recordOutput(
  ctx: Ctx,
  o: {
    /** the order as the caller has locked it: its number names the output lot */
    order: { number: string; productId: string; quantity: string };
    workOrderId: string;
    operationId: string;
    jobReportId: string;
    goodQty: string;
    /** the good pieces' serial numbers, as reported (serial-tracked products only) */
    serials?: string[];
    /** the product, the order's lines and the lots at the order, read after the order was locked */
    context: OutputContext;
  },
): Promise<{ lotId: string; lotNumber: string } | null> {
  const { order } = o;
  const isSerialTracked = checkOutputSerials({
    product: o.context.product,
    goodQty: o.goodQty,
    serials: o.serials,
  });
  if (!isPositive(o.goodQty)) return null;
  const output = await bookOutput(ctx, {
    lotNumber: order.number,
    materialId: order.productId,
    workOrderId: o.workOrderId,
    operationId: o.operationId,
    jobReportId: o.jobReportId,
    quantity: o.goodQty,
  });
  const serials = isSerialTracked
    ? await recordOutputSerials(ctx, {
        lotId: output.id,
        lotNumber: order.number,
        materialId: order.productId,
        goodQty: o.goodQty,
        serials: o.serials,
      })
    : undefined;
  const perUnit = div({ n: 1n, d: 1n }, parseDecimal(order.quantity));
  const consumed: Array<{ lotId: string; quantity: string; source: string }> = [];
  const { lines } = o.context;
  // read once; what a line draws is taken off here, as an earlier line of the same material leaves less
  const atOrder = o.context.lots;
  for (const line of lines) {
    const demand = toDecimal(mul(mul(parseDecimal(line.quantity), perUnit), parseDecimal(o.goodQty)));
    if (!isPositive(demand)) continue;
    const issued = atOrder.filter((l) => l.materialId === line.material_id);
    const fromIssued = allocateFifo({
      demand,
      sources: issued.map((l) => ({ id: l.lotId, available: l.atOrder })),
    });
    for (const a of fromIssued.allocations) {
      if (line.is_backflush)
        await recordStockMove(ctx, {
          lotId: a.id,
          kind: 'backflush',
          quantity: a.quantity,
          from: 'work_order',
          to: 'consumed',
          workOrderId: o.workOrderId,
          operationId: o.operationId,
          jobReportId: o.jobReportId,
        });
      await addEdge(ctx, {
        outputLotId: output.id,
        consumedLotId: a.id,
        quantity: a.quantity,
        workOrderId: o.workOrderId,
        jobReportId: o.jobReportId,
        source: 'issued',
        isBackflush: line.is_backflush,
      });
      consumed.push({ lotId: a.id, quantity: a.quantity, source: 'issued' });
      const lot = issued.find((l) => l.lotId === a.id)!;
      lot.atOrder = minus(lot.atOrder, a.quantity);
    }
    if (!line.is_backflush || fromIssued.shortfall === '0') continue;
    const onHand = await fifoLots(ctx, line.material_id);
    const fromStock = allocateFifo({
      demand: fromIssued.shortfall,
      sources: onHand.map((l) => ({ id: l.id, available: l.quantity })),
    });
    if (fromStock.shortfall !== '0')
      throw new AppError('CONFLICT', {
        reason: `not enough ${line.material_code} to backflush: ${fromStock.shortfall} missing`,
        materialCode: line.material_code,
        missing: fromStock.shortfall,
      });
    for (const a of fromStock.allocations) {
      await recordStockMove(ctx, {
        lotId: a.id,
        kind: 'backflush',
        quantity: a.quantity,
        from: 'stock',
        to: 'consumed',
        workOrderId: o.workOrderId,
        operationId: o.operationId,
        jobReportId: o.jobReportId,
      });
      await addEdge(ctx, {
        outputLotId: output.id,
        consumedLotId: a.id,
        quantity: a.quantity,
        workOrderId: o.workOrderId,
        jobReportId: o.jobReportId,
        source: 'stock',
        isBackflush: true,
      });
      consumed.push({ lotId: a.id, quantity: a.quantity, source: 'stock' });
    }
    // what the order drew from stock by backflush counts as issued to it
    await preparedRows(
      ctx.tx,
      'backflush_issued',
      sql`UPDATE work_order_materials SET issued_quantity = issued_quantity + ${fromIssued.shortfall}::numeric
          WHERE work_order_id = ${o.workOrderId} AND line_no = ${line.line_no}`,
    );
  }
  await recordAudit(ctx, {
    action: output.isNew ? 'produce' : 'output',
    entityType: AUDIT_LOT,
    entityId: output.id,
    after: { lotNumber: order.number, quantity: o.goodQty, jobReportId: o.jobReportId, consumed, serials },
  });
  return { lotId: output.id, lotNumber: order.number };
}

interface Edge {
  parent: string;
  child: string;
  work_order_id: string;
  is_backflush: boolean;
  quantity: string;
}

/** Edges out of `lotIds` one level: backward to the lots consumed into them, forward to what they went into. */
async function edgesFrom(ctx: Ctx, direction: TraceDirection, lotIds: string[]): Promise<Edge[]> {
  const [from, to] =
    direction === 'backward'
      ? [sql`output_lot_id`, sql`consumed_lot_id`]
      : [sql`consumed_lot_id`, sql`output_lot_id`];
  return queryRows<Edge>(
    ctx.tx,
    sql`SELECT ${from} AS parent, ${to} AS child, work_order_id, bool_or(is_backflush) AS is_backflush,
          sum(quantity)::text AS quantity
        FROM production_lot_genealogy WHERE ${from} = ANY(${sql.param(lotIds)}::uuid[])
        GROUP BY ${from}, ${to}, work_order_id ORDER BY min(created_at)`,
  );
}

/**
 * a lot by id, by number, or by a serial number it carries (materialId picks one when several materials
 * use the number); 404 otherwise.
 */
async function rootLot(ctx: Ctx, q: Omit<TTraceQuery, 'direction'>): Promise<TLot> {
  if (q.lotId) return getLotSummary(ctx, q.lotId);
  const bySerial = !q.lotNumber;
  const lots = (
    bySerial ? await lotsBySerial(ctx, q.serialNumber!) : await lotsByNumber(ctx, q.lotNumber!)
  ).filter((l) => !q.materialId || l.materialId === q.materialId);
  if (lots.length === 0) throw notFound(bySerial ? 'serial number' : LOT_ENTITY);
  if (lots.length > 1)
    throw new AppError('VALIDATION', {}, [
      {
        path: 'query.materialId',
        message: `${bySerial ? 'serial number' : 'lot'} ${q.lotNumber ?? q.serialNumber} exists for ${lots
          .map((l) => l.materialCode)
          .join(', ')}`,
      },
    ]);
  return lots[0]!;
}

/** 序列号追溯: the lot of a serial number, traced backward (what went into it) and forward (where it went). */
export async function traceSerial(ctx: Ctx, q: TSerialTraceQuery): Promise<TSerialTrace> {
  const lot = await rootLot(ctx, q);
  return {
    serialNumber: q.serialNumber,
    lot,
    backward: await traceLot(ctx, { direction: 'backward', lotId: lot.id }),
    forward: await traceLot(ctx, { direction: 'forward', lotId: lot.id }),
  };
}

const MAX_LOTS = 5000;

/**
 * 追溯: backward from an output lot to the lots consumed into it and, recursively, theirs (through
 * semi-finished lots); forward from a component lot to every lot it went into and on. Loads level by
 * level (one query each), then builds the tree; a lot met again on its own path is marked `repeated`.
 */
export async function traceLot(ctx: Ctx, q: TTraceQuery): Promise<TTrace> {
  const root = await rootLot(ctx, q);
  const edges = new Map<string, Edge[]>();
  const seen = new Set([root.id]);
  let frontier = [root.id];
  while (frontier.length && seen.size < MAX_LOTS) {
    const found = await edgesFrom(ctx, q.direction, frontier);
    for (const e of found) edges.set(e.parent, [...(edges.get(e.parent) ?? []), e]);
    frontier = [...new Set(found.map((e) => e.child))].filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  const lots = new Map((await lotsByIds(ctx, [...seen])).map((l) => [l.id, l]));
  const orders = new Map<string, string>();
  const orderIds = [...new Set([...edges.values()].flat().map((e) => e.work_order_id))];
  if (orderIds.length)
    for (const w of await queryRows<{ id: string; number: string }>(
      ctx.tx,
      sql`SELECT id, number FROM work_orders WHERE id = ANY(${sql.param(orderIds)}::uuid[]) ORDER BY number`,
    ))
      orders.set(w.id, w.number);
  const node = (lot: TLot, edge: Edge | null, path: Set<string>): TTraceNode => {
    const repeated = path.has(lot.id);
    const next = new Set(path).add(lot.id);
    return {
      lotId: lot.id,
      lotNumber: lot.lotNumber,
      materialId: lot.materialId,
      materialCode: lot.materialCode,
      materialName: lot.materialName,
      materialType: lot.materialType,
      unitCode: lot.unitCode,
      origin: lot.origin,
      supplier: lot.supplier,
      supplierLot: lot.supplierLot,
      onHand: lot.quantity,
      serialCount: lot.serialCount,
      quantity: edge ? trim(edge.quantity) : null,
      workOrderId: edge?.work_order_id ?? null,
      workOrderNumber: edge ? (orders.get(edge.work_order_id) ?? null) : null,
      isBackflush: edge?.is_backflush ?? false,
      repeated,
      children: repeated
        ? []
        : (edges.get(lot.id) ?? [])
            .filter((e) => lots.has(e.child))
            .map((e) => node(lots.get(e.child)!, e, next)),
    };
  };
  return {
    direction: q.direction,
    root: node(root, null, new Set()),
    workOrders: [...orders].map(([id, number]) => ({ id, number })),
    generatedAt: new Date().toISOString(),
  };
}

/** 序列号: a lot's serial numbers a page at a time, in order, those containing `q`; 404 for an unknown lot. */
export async function lotSerials(
  ctx: Ctx,
  o: { lotId: string; query: TLotSerialsQuery },
): Promise<TLotSerialPage> {
  const lot = await getLotSummary(ctx, o.lotId);
  const { page, pageSize, q } = o.query;
  const where = sql`lot_id = ${lot.id} ${q ? sql`AND serial_number ILIKE ${likePattern(q)}` : sql``}`;
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM inventory_serials WHERE ${where}`,
  );
  const { limit, offset } = pageWindow({ page, pageSize });
  const rows = await queryRows<{ serial_number: string }>(
    ctx.tx,
    sql`SELECT serial_number FROM inventory_serials WHERE ${where}
        ORDER BY serial_number LIMIT ${limit} OFFSET ${offset}`,
  );
  return {
    lotId: lot.id,
    lotNumber: lot.lotNumber,
    items: rows.map((r) => r.serial_number),
    total: count!.n,
    page,
    pageSize,
  };
}

/** The first `perLot` serial numbers of each lot, in order: as many as an export has room for. */
export async function firstSerialsOfLots(
  ctx: Ctx,
  o: { lotIds: string[]; perLot: number },
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (o.lotIds.length === 0) return out;
  const rows = await queryRows<{ lot_id: string; serial_number: string }>(
    ctx.tx,
    sql`SELECT lot_id, serial_number FROM (
          SELECT lot_id, serial_number, row_number() OVER (PARTITION BY lot_id ORDER BY serial_number) AS n
          FROM inventory_serials WHERE lot_id = ANY(${sql.param([...new Set(o.lotIds)])}::uuid[])) s
        WHERE n <= ${o.perLot} ORDER BY lot_id, serial_number`,
  );
  for (const r of rows) {
    const serials = out.get(r.lot_id);
    if (serials) serials.push(r.serial_number);
    else out.set(r.lot_id, [r.serial_number]);
  }
  return out;
}

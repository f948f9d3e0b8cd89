import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  LotStatus,
  StockMoveKind,
  StockPlace,
  TAdjustLot,
  TLot,
  TLotDetail,
  TLotFilters,
  TLotQuery,
  TPage,
  TReceiveLotParsed,
  TStockMove,
  TUpdateLot,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { preparedRows, queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { trim } from '../production/boms.service.ts';
import { minus } from '../production/fifo-allocation.ts';

export const LOT_ENTITY = 'lot';
export const AUDIT_LOT = 'inventory_lot';

interface LotRow {
  id: string;
  lot_number: string;
  material_id: string;
  material_code: string;
  material_name: string;
  material_type: TLot['materialType'];
  quantity: string;
  unit_code: string;
  origin: TLot['origin'];
  supplier: string | null;
  supplier_lot: string | null;
  origin_at: string | Date;
  work_order_id: string | null;
  work_order_number: string | null;
  operation_id: string | null;
  status: LotStatus;
  serial_count: number;
  note: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

// the order's number is read for display only (a produced lot names its order)
const SELECT = sql`SELECT l.id, l.lot_number, l.material_id, m.code AS material_code, m.name AS material_name,
    m.type AS material_type, l.quantity::text AS quantity, u.code AS unit_code, l.origin, l.supplier,
    l.supplier_lot, l.origin_at, l.work_order_id, w.number AS work_order_number, l.operation_id, l.status,
    (SELECT count(*)::int FROM inventory_serials s WHERE s.tenant_id = l.tenant_id AND s.lot_id = l.id)
      AS serial_count, l.note, l.created_at, l.updated_at
  FROM inventory_lots l
  JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id
  JOIN units u ON u.tenant_id = l.tenant_id AND u.id = l.unit_id
  LEFT JOIN work_orders w ON w.tenant_id = l.tenant_id AND w.id = l.work_order_id`;

export const toLot = (r: LotRow): TLot => ({
  id: r.id,
  lotNumber: r.lot_number,
  materialId: r.material_id,
  materialCode: r.material_code,
  materialName: r.material_name,
  materialType: r.material_type,
  quantity: trim(r.quantity),
  unitCode: r.unit_code,
  origin: r.origin,
  supplier: r.supplier,
  supplierLot: r.supplier_lot,
  originAt: toIso(r.origin_at),
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  operationId: r.operation_id,
  status: r.status,
  serialCount: r.serial_count,
  note: r.note,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

interface MoveRow {
  id: string;
  lot_id: string;
  lot_number: string;
  material_code: string;
  kind: StockMoveKind;
  quantity: string;
  from_place: StockPlace;
  to_place: StockPlace;
  work_order_id: string | null;
  work_order_number: string | null;
  operation_id: string | null;
  job_report_id: string | null;
  reason: string | null;
  moved_by: string | null;
  moved_by_name: string | null;
  moved_at: string | Date;
}

const SELECT_MOVE = sql`SELECT mv.id, mv.lot_id, l.lot_number, m.code AS material_code, mv.kind,
    mv.quantity::text AS quantity, mv.from_place, mv.to_place, mv.work_order_id, w.number AS work_order_number,
    mv.operation_id, mv.job_report_id, mv.reason, mv.moved_by, coalesce(us.display_name, us.username) AS moved_by_name,
    mv.moved_at
  FROM inventory_stock_moves mv
  JOIN inventory_lots l ON l.tenant_id = mv.tenant_id AND l.id = mv.lot_id
  JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id
  LEFT JOIN work_orders w ON w.tenant_id = mv.tenant_id AND w.id = mv.work_order_id
  LEFT JOIN users us ON us.tenant_id = mv.tenant_id AND us.id = mv.moved_by`;

const toMove = (r: MoveRow): TStockMove => ({
  id: r.id,
  lotId: r.lot_id,
  lotNumber: r.lot_number,
  materialCode: r.material_code,
  kind: r.kind,
  quantity: trim(r.quantity),
  fromPlace: r.from_place,
  toPlace: r.to_place,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  operationId: r.operation_id,
  jobReportId: r.job_report_id,
  reason: r.reason,
  movedBy: r.moved_by,
  movedByName: r.moved_by_name,
  movedAt: toIso(r.moved_at),
});

function filterSql(f: TLotFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(
      sql`(l.lot_number ILIKE ${like} OR m.code ILIKE ${like} OR m.name ILIKE ${like} OR l.supplier ILIKE ${like}
        OR l.supplier_lot ILIKE ${like})`,
    );
  }
  if (f.lotNumber) parts.push(sql`l.lot_number = ${f.lotNumber}`);
  if (f.materialId) parts.push(sql`l.material_id = ${f.materialId}`);
  if (f.origin) parts.push(sql`l.origin = ${f.origin}`);
  if (f.status) parts.push(sql`l.status = ${f.status}`);
  if (f.workOrderId) parts.push(sql`l.work_order_id = ${f.workOrderId}`);
  if (f.inStock === 'true') parts.push(sql`l.quantity > 0`);
  if (f.inStock === 'false') parts.push(sql`l.quantity = 0`);
  return sql.join(parts, sql` AND `);
}

/** Lots matching the filters, newest first. */
export async function findLots(ctx: Ctx, f: TLotFilters, window?: { limit: number; offset: number }) {
  const where = filterSql(f);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM inventory_lots l
        JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id WHERE ${where}`,
  );
  const rows = await queryRows<LotRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY l.origin_at DESC, l.lot_number
        ${window ? sql`LIMIT ${window.limit} OFFSET ${window.offset}` : sql``}`,
  );
  return { items: rows.map(toLot), total: count!.n };
}

export async function listLots(ctx: Ctx, q: TLotQuery): Promise<TPage<TLot>> {
  const { items, total } = await findLots(ctx, q, pageWindow(q));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function lotsByIds(ctx: Ctx, ids: string[]): Promise<TLot[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<LotRow>(
    ctx.tx,
    sql`${SELECT} WHERE l.id = ANY(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return rows.map(toLot);
}

export async function getLotSummary(ctx: Ctx, id: string): Promise<TLot> {
  const [lot] = await lotsByIds(ctx, [id]);
  if (!lot) throw notFound(LOT_ENTITY);
  return lot;
}

export async function getLot(ctx: Ctx, id: string): Promise<TLotDetail> {
  const lot = await getLotSummary(ctx, id);
  const serials = await queryRows<{ serial_number: string }>(
    ctx.tx,
    sql`SELECT serial_number FROM inventory_serials WHERE lot_id = ${id} ORDER BY serial_number`,
  );
  return { ...lot, serials: serials.map((s) => s.serial_number), moves: await movesOf(ctx, { lotId: id }) };
}

/** Moves of a lot or of a work order, oldest first. */
export async function movesOf(ctx: Ctx, o: { lotId?: string; workOrderId?: string }): Promise<TStockMove[]> {
  const where = o.lotId ? sql`mv.lot_id = ${o.lotId}` : sql`mv.work_order_id = ${o.workOrderId!}`;
  const rows = await queryRows<MoveRow>(
    ctx.tx,
    sql`${SELECT_MOVE} WHERE ${where} ORDER BY mv.moved_at, mv.id`,
  );
  return rows.map(toMove);
}

/** Lots carrying a scanned number (one per material at most). */
export async function lotsByNumber(ctx: Ctx, lotNumber: string): Promise<TLot[]> {
  return (await findLots(ctx, { lotNumber })).items;
}

/** The lot row locked for a change of its quantity; 404 when not in the tenant. */
export async function lockLot(ctx: Ctx, id: string): Promise<{ quantity: string; status: LotStatus }> {
  const [row] = await queryRows<{ quantity: string; status: LotStatus }>(
    ctx.tx,
    sql`SELECT quantity::text AS quantity, status FROM inventory_lots WHERE id = ${id} FOR UPDATE`,
  );
  if (!row) throw notFound(LOT_ENTITY);
  return row;
}

/** Available lots of a material with something on hand, oldest first (FIFO), locked. */
export async function fifoLots(
  ctx: Ctx,
  materialId: string,
): Promise<Array<{ id: string; quantity: string }>> {
  return preparedRows<{ id: string; quantity: string }>(
    ctx.tx,
    'fifo_lots',
    sql`SELECT id, quantity::text AS quantity FROM inventory_lots
        WHERE material_id = ${materialId} AND status = 'available' AND quantity > 0
        ORDER BY origin_at, lot_number FOR UPDATE`,
  );
}

/**
 * One stock move of a lot, the lot's quantity on hand following it in the same transaction (a move
 * into `stock` adds, one out of it takes). The caller has locked the lot and checked the quantity; a
 * move that would leave less than nothing on hand is refused here all the same.
 */
export async function moveStock(ctx: Ctx, m: StockMoveInput): Promise<TStockMove> {
  const id = await recordStockMove(ctx, m);
  const [row] = await queryRows<MoveRow>(ctx.tx, sql`${SELECT_MOVE} WHERE mv.id = ${id}`);
  return toMove(row!);
}

export interface StockMoveInput {
  lotId: string;
  kind: StockMoveKind;
  quantity: string;
  from: StockPlace;
  to: StockPlace;
  workOrderId?: string | null;
  operationId?: string | null;
  jobReportId?: string | null;
  reason?: string | null;
  at?: string;
}

/**
 * The same move without reading it back: its id (job reports book output and backflush on every report,
 * so the lot's quantity and the move are one prepared statement).
 */
const MOVE_COLUMNS = sql`tenant_id, id, lot_id, kind, quantity, from_place, to_place, work_order_id, operation_id,
  job_report_id, reason, moved_by, moved_at`;

/** A move's values in MOVE_COLUMNS' order, typed (they also feed INSERT … SELECT); `lotId` as SQL. */
function moveValues(ctx: Ctx, id: string, m: Omit<StockMoveInput, 'lotId'>, lotId: SQL): SQL {
  // clock time, not the transaction's: the moves of one report keep their order (FIFO reads it)
  return sql`${ctx.actor.tenantId}::uuid, ${id}::uuid, ${lotId}, ${m.kind}::text, ${m.quantity}::numeric,
    ${m.from}::text, ${m.to}::text, ${m.workOrderId ?? null}::uuid, ${m.operationId ?? null}::uuid,
    ${m.jobReportId ?? null}::uuid, ${m.reason ?? null}::text, ${ctx.actor.userId}::uuid,
    coalesce(${m.at ?? null}::timestamptz, clock_timestamp())`;
}

export async function recordStockMove(ctx: Ctx, m: StockMoveInput): Promise<string> {
  const delta = (m.to === 'stock' ? 1 : 0) - (m.from === 'stock' ? 1 : 0);
  const id = randomUUID();
  const move = moveValues(ctx, id, m, sql`${m.lotId}::uuid`);
  const columns = MOVE_COLUMNS;
  if (delta === 0) {
    await preparedRows(
      ctx.tx,
      'stock_move',
      sql`INSERT INTO inventory_stock_moves (${columns}) VALUES (${move})`,
    );
    return id;
  }
  // the move is stored only when the lot could follow it (never less than nothing on hand)
  const signed = delta > 0 ? m.quantity : `-${m.quantity}`;
  const [row] = await preparedRows<{ id: string }>(
    ctx.tx,
    'stock_move_on_hand',
    sql`WITH lot AS (
          UPDATE inventory_lots SET quantity = quantity + ${signed}::numeric, updated_at = now()
          WHERE id = ${m.lotId} AND quantity + ${signed}::numeric >= 0 RETURNING id)
        INSERT INTO inventory_stock_moves (${columns}) SELECT ${move} FROM lot RETURNING id`,
  );
  if (!row)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.quantity', message: 'more than the lot has on hand' },
    ]);
  return id;
}

async function assertMaterial(ctx: Ctx, materialId: string, path: string) {
  const [m] = await queryRows<{ unit_id: string; is_active: boolean }>(
    ctx.tx,
    sql`SELECT unit_id, is_active FROM materials WHERE id = ${materialId}`,
  );
  if (!m) throw new AppError('VALIDATION', {}, [{ path, message: 'unknown material' }]);
  return m;
}

/** Whole pieces, one serial number each: a serialised lot's quantity must be their count. */
export function serialIssues(quantity: string, serials: string[] | undefined): string | null {
  if (!serials?.length) return null;
  if (new Set(serials).size !== serials.length) return 'serial numbers repeat';
  if (minus(quantity, String(serials.length)) !== '0')
    return `${serials.length} serial numbers for a quantity of ${quantity}`;
  return null;
}

/**
 * Serial numbers onto a lot of the material, checked by the caller with `serialIssues`. A serial number is
 * unique per material in the enterprise: one already used (on any lot of it, or by a concurrent
 * transaction that commits first) is refused with a 400 naming them all. One statement, whatever the count.
 */
export async function addSerials(
  ctx: Ctx,
  o: { lotId: string; materialId: string; serials: string[]; path?: string },
): Promise<void> {
  if (o.serials.length === 0) return;
  // DO NOTHING on the unique index: what comes back was stored, the rest was taken
  const stored = await preparedRows<{ serial_number: string }>(
    ctx.tx,
    'add_serials',
    sql`INSERT INTO inventory_serials (tenant_id, lot_id, material_id, serial_number)
        SELECT ${ctx.actor.tenantId}::uuid, ${o.lotId}::uuid, ${o.materialId}::uuid, s
        FROM unnest(${sql.param(o.serials)}::text[]) AS s
        ON CONFLICT DO NOTHING RETURNING serial_number`,
  );
  if (stored.length === o.serials.length) return;
  const isStored = new Set(stored.map((r) => r.serial_number));
  const taken = o.serials.filter((s) => !isStored.has(s));
  throw new AppError('VALIDATION', {}, [
    {
      path: o.path ?? 'body.serials',
      message: `serial numbers already used for this material: ${taken.slice(0, 10).join(', ')}${
        taken.length > 10 ? ` and ${taken.length - 10} more` : ''
      }`,
    },
  ]);
}

/** Lots carrying a serial number (one per material at most). */
export async function lotsBySerial(ctx: Ctx, serialNumber: string): Promise<TLot[]> {
  const rows = await queryRows<{ lot_id: string }>(
    ctx.tx,
    sql`SELECT lot_id FROM inventory_serials WHERE serial_number = ${serialNumber}`,
  );
  return lotsByIds(
    ctx,
    rows.map((r) => r.lot_id),
  );
}

/** How many serial numbers a lot carries. */
export async function serialCountOf(ctx: Ctx, lotId: string): Promise<number> {
  const [row] = await preparedRows<{ n: number }>(
    ctx.tx,
    'serial_count',
    sql`SELECT count(*)::int AS n FROM inventory_serials WHERE lot_id = ${lotId}`,
  );
  return row!.n;
}

/**
 * 收货: a new lot received from a supplier, with its receipt move (and serial numbers). The lot number is
 * unique per material (409 naming it).
 */
export async function receiveLot(ctx: Ctx, input: TReceiveLotParsed, audit = true): Promise<TLot> {
  const material = await assertMaterial(ctx, input.materialId, 'body.materialId');
  const serialIssue = serialIssues(input.quantity, input.serials);
  if (serialIssue) throw new AppError('VALIDATION', {}, [{ path: 'body.serials', message: serialIssue }]);
  const [dup] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM inventory_lots WHERE material_id = ${input.materialId} AND lot_number = ${input.lotNumber}`,
  );
  if (dup) throw new AppError('DUPLICATE_CODE', { code: input.lotNumber, entity: LOT_ENTITY });
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO inventory_lots (tenant_id, id, lot_number, material_id, quantity, unit_id, origin, supplier,
          supplier_lot, origin_at, note, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.lotNumber}, ${input.materialId}, 0, ${material.unit_id},
          'received', ${input.supplier ?? null}, ${input.supplierLot ?? null},
          coalesce(${input.receivedAt ?? null}::timestamptz, now()), ${input.note ?? null}, ${ctx.actor.userId})`,
  );
  await addSerials(ctx, { lotId: id, materialId: input.materialId, serials: input.serials ?? [] });
  await moveStock(ctx, {
    lotId: id,
    kind: 'receipt',
    quantity: input.quantity,
    from: 'supplier',
    to: 'stock',
    at: input.receivedAt,
  });
  const lot = await getLotSummary(ctx, id);
  if (audit) await recordAudit(ctx, { action: 'receive', entityType: AUDIT_LOT, entityId: id, after: lot });
  return lot;
}

export async function updateLot(ctx: Ctx, id: string, input: TUpdateLot): Promise<TLot> {
  await lockLot(ctx, id);
  const before = await getLotSummary(ctx, id);
  const set: SQL[] = [sql`updated_at = now()`];
  if (input.status !== undefined) set.push(sql`status = ${input.status}`);
  if (input.supplier !== undefined) set.push(sql`supplier = ${input.supplier}`);
  if (input.supplierLot !== undefined) set.push(sql`supplier_lot = ${input.supplierLot}`);
  if (input.note !== undefined) set.push(sql`note = ${input.note}`);
  await queryRows(ctx.tx, sql`UPDATE inventory_lots SET ${sql.join(set, sql`, `)} WHERE id = ${id}`);
  const after = await getLotSummary(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT_LOT, entityId: id, before, after });
  return after;
}

/** 盘点调整: the counted quantity; the difference is one adjustment move (none when equal). */
export async function adjustLot(ctx: Ctx, id: string, input: TAdjustLot): Promise<TLotDetail> {
  const { quantity } = await lockLot(ctx, id);
  const diff = minus(input.quantity, quantity);
  if (diff !== '0') {
    const up = !diff.startsWith('-');
    await moveStock(ctx, {
      lotId: id,
      kind: 'adjustment',
      quantity: up ? diff : diff.slice(1),
      from: up ? 'adjustment' : 'stock',
      to: up ? 'stock' : 'adjustment',
      reason: input.reason,
    });
    await recordAudit(ctx, {
      action: 'adjust',
      entityType: AUDIT_LOT,
      entityId: id,
      before: { quantity: trim(quantity) },
      after: { quantity: input.quantity, reason: input.reason },
    });
  }
  return getLot(ctx, id);
}

/** Only a lot nothing happened to since its receipt (no issue, output or genealogy) may be deleted. */
export async function deleteLot(ctx: Ctx, id: string): Promise<void> {
  await lockLot(ctx, id);
  const before = await getLotSummary(ctx, id);
  const [used] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT (SELECT count(*)::int FROM inventory_stock_moves WHERE lot_id = ${id} AND kind <> 'receipt')
      + (SELECT count(*)::int FROM production_lot_genealogy WHERE output_lot_id = ${id} OR consumed_lot_id = ${id})
      AS n`,
  );
  if (used!.n > 0)
    throw new AppError('IN_USE', {
      entity: LOT_ENTITY,
      code: before.lotNumber,
      count: used!.n,
      users: 'moves',
    });
  await queryRows(ctx.tx, sql`DELETE FROM inventory_lots WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_LOT, entityId: id, before });
}

/**
 * Output of a work order into its output lot (see `producedLot`) by an output move. Once the lot exists,
 * which is every report on the order's last operation but its first, the lot's quantity and the move are
 * one prepared statement (the UPDATE locks the lot as `producedLot` would).
 */
export async function bookOutput(
  ctx: Ctx,
  o: {
    lotNumber: string;
    materialId: string;
    workOrderId: string;
    operationId: string;
    jobReportId: string;
    quantity: string;
  },
): Promise<{ id: string; isNew: boolean }> {
  const move = {
    kind: 'output',
    quantity: o.quantity,
    from: 'work_order',
    to: 'stock',
    workOrderId: o.workOrderId,
    operationId: o.operationId,
    jobReportId: o.jobReportId,
  } as const;
  const [booked] = await preparedRows<{ lot_id: string }>(
    ctx.tx,
    'book_output',
    sql`WITH lot AS (
          UPDATE inventory_lots SET quantity = quantity + ${o.quantity}::numeric, updated_at = now()
          WHERE material_id = ${o.materialId} AND lot_number = ${o.lotNumber} AND work_order_id = ${o.workOrderId}
          RETURNING id)
        INSERT INTO inventory_stock_moves (${MOVE_COLUMNS}) SELECT ${moveValues(ctx, randomUUID(), move, sql`lot.id`)}
        FROM lot RETURNING lot_id`,
  );
  if (booked) return { id: booked.lot_id, isNew: false };
  // the first output (or a lot of that number that is not the order's: producedLot refuses it)
  const lot = await producedLot(ctx, o);
  await recordStockMove(ctx, { lotId: lot.id, ...move });
  return lot;
}

/**
 * The output lot of a work order's product (numbered by the caller), created empty on the first output.
 * Locked, so concurrent reports of one order add to it in turn.
 */
export async function producedLot(
  ctx: Ctx,
  o: { lotNumber: string; materialId: string; workOrderId: string; operationId: string },
): Promise<{ id: string; isNew: boolean }> {
  const [found] = await preparedRows<{ id: string; work_order_id: string | null }>(
    ctx.tx,
    'produced_lot',
    sql`SELECT id, work_order_id FROM inventory_lots WHERE material_id = ${o.materialId} AND lot_number = ${o.lotNumber}
        FOR UPDATE`,
  );
  if (found && found.work_order_id !== o.workOrderId)
    throw new AppError('CONFLICT', {
      reason: `lot ${o.lotNumber} of this material exists and is not this order's`,
    });
  if (found) return { id: found.id, isNew: false };
  const material = await assertMaterial(ctx, o.materialId, 'materialId');
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO inventory_lots (tenant_id, id, lot_number, material_id, quantity, unit_id, origin,
          work_order_id, operation_id, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${o.lotNumber}, ${o.materialId}, 0, ${material.unit_id}, 'produced',
          ${o.workOrderId}, ${o.operationId}, ${ctx.actor.userId})`,
  );
  return { id, isNew: true };
}

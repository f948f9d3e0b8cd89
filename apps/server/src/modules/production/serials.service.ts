import { sql } from 'drizzle-orm';
import type { TOrderSerials } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { addSerials, serialCountOf, serialIssues } from '../inventory/lots.service.ts';
import { parseDecimal } from './rational.ts';
import { ENTITY } from './work-orders.service.ts';

/** as many as a report may list (the contract's cap), so a numbered report is no bigger than a scanned one */
const MAX_PIECES = 10_000;
const MAX_SERIAL_LENGTH = 64;

const invalid = (path: string, message: string) => new AppError('VALIDATION', {}, [{ path, message }]);

/** Serial numbers go only with the order's last operation (which makes the output lot): else 400. */
export function assertSerialsOnLast(serials: string[] | undefined, isLastOperation: boolean): void {
  if ((serials?.length ?? 0) > 0 && !isLastOperation)
    throw invalid('body.serials', "serial numbers go with the order's last operation only");
}

/**
 * 序列号: whether a last operation's good quantity takes serial numbers, checked before any output is
 * booked. Serials go only with a serial-tracked product: then one per good piece, none repeated. Without
 * them the pieces are numbered after the lot (`recordOutputSerials`), so the quantity must be whole.
 * Returns whether the product is serial-tracked.
 */
export function checkOutputSerials(o: {
  product: { code: string; isSerialTracked: boolean };
  goodQty: string;
  serials: string[] | undefined;
}): boolean {
  const given = o.serials ?? [];
  const { product } = o;
  if (!product.isSerialTracked) {
    if (given.length > 0) throw invalid('body.serials', `${product.code} is not serial-tracked`);
    return false;
  }
  if (given.length > 0) {
    const issue = serialIssues(o.goodQty, given);
    if (issue) throw invalid('body.serials', issue);
    return true;
  }
  const good = parseDecimal(o.goodQty);
  if (good.d !== 1n) throw invalid('body.goodQty', `${product.code} is serial-tracked: report whole pieces`);
  if (good.n > BigInt(MAX_PIECES))
    throw invalid('body.goodQty', `at most ${MAX_PIECES} serial-tracked pieces in one report`);
  return true;
}

/**
 * The serial numbers of a report's good pieces onto the output lot, after the output is booked (which
 * locks the lot, so concurrent reports of one order number in turn): those scanned, or else numbered
 * on from the lot's count — `<lot number>-0001`, `-0002` … Either way unique per product (400 otherwise).
 */
export async function recordOutputSerials(
  ctx: Ctx,
  o: { lotId: string; lotNumber: string; materialId: string; goodQty: string; serials: string[] | undefined },
): Promise<string[]> {
  let serials = o.serials ?? [];
  if (serials.length === 0) {
    const start = await serialCountOf(ctx, o.lotId);
    const count = Number(parseDecimal(o.goodQty).n);
    serials = Array.from(
      { length: count },
      (_, i) => `${o.lotNumber}-${String(start + i + 1).padStart(4, '0')}`,
    );
    if (serials.some((s) => s.length > MAX_SERIAL_LENGTH))
      throw invalid(
        'body.serials',
        `lot number ${o.lotNumber} is too long to number the pieces after it: scan their serial numbers`,
      );
  }
  await addSerials(ctx, { lotId: o.lotId, materialId: o.materialId, serials });
  return serials;
}

/** What the terminal needs to scan serials for an order: its product's tracking, its output lot's count. */
export async function orderSerials(ctx: Ctx, workOrderId: string): Promise<TOrderSerials> {
  const [row] = await queryRows<{
    product_id: string;
    is_serial_tracked: boolean;
    lot_number: string | null;
    serial_count: number;
  }>(
    ctx.tx,
    sql`SELECT w.product_id, m.is_serial_tracked, l.lot_number,
          (SELECT count(*)::int FROM inventory_serials s WHERE s.lot_id = l.id) AS serial_count
        FROM work_orders w
        JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id
        LEFT JOIN inventory_lots l ON l.tenant_id = w.tenant_id AND l.work_order_id = w.id
          AND l.material_id = w.product_id AND l.lot_number = w.number
        WHERE w.id = ${workOrderId}`,
  );
  if (!row) throw notFound(ENTITY);
  return {
    workOrderId,
    productId: row.product_id,
    isSerialTracked: row.is_serial_tracked,
    outputLotNumber: row.lot_number,
    serialCount: row.serial_count,
  };
}

import { sql } from 'drizzle-orm';
import type { TLotCarbon, TLotCarbonComponent } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { trim } from '../../production/boms.service.ts';
import { sum } from '../calc/engine.ts';
import { workOrderEnergy } from './work-order-energy.service.ts';

/** Semi-finished lots inside semi-finished lots: deep enough for any real BOM, bounded against bad data. */
const MAX_DEPTH = 8;

const METHOD =
  "Energy: the lot's share of its work order's allocated energy and carbon (GET /production/work-orders/:id/energy), " +
  'by quantity — the output the order put into this lot ÷ the good quantity its last operation reported. ' +
  "Materials: each lot consumed into it (the genealogy) × its kgCO₂e per unit — the purchased material's factor " +
  "for a received lot, that lot's own footprint per unit (computed the same way) for a produced one.";

interface LotRow {
  id: string;
  lot_number: string;
  material_id: string;
  material_code: string;
  material_name: string;
  unit_code: string;
  origin: 'received' | 'produced';
  work_order_id: string | null;
  work_order_number: string | null;
  /** produced: the sum of its output moves; received: its receipts */
  quantity: string;
}

async function loadLot(ctx: Ctx, lotId: string): Promise<LotRow | undefined> {
  const [row] = await queryRows<LotRow>(
    ctx.tx,
    sql`SELECT l.id, l.lot_number, l.material_id, m.code AS material_code, m.name AS material_name,
          u.code AS unit_code, l.origin, l.work_order_id, w.number AS work_order_number,
          coalesce((SELECT sum(s.quantity) FROM inventory_stock_moves s WHERE s.tenant_id = l.tenant_id
            AND s.lot_id = l.id AND s.kind = CASE l.origin WHEN 'produced' THEN 'output' ELSE 'receipt' END),
            0)::text AS quantity
        FROM inventory_lots l
        JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id
        JOIN units u ON u.tenant_id = l.tenant_id AND u.id = l.unit_id
        LEFT JOIN work_orders w ON w.tenant_id = l.tenant_id AND w.id = l.work_order_id
        WHERE l.id = ${lotId}`,
  );
  return row;
}

async function materialFactor(ctx: Ctx, materialId: string): Promise<number | null> {
  const [row] = await queryRows<{ factor: string }>(
    ctx.tx,
    sql`SELECT kgco2e_per_unit::text AS factor FROM material_carbon_factors WHERE material_id = ${materialId}`,
  );
  return row ? Number(row.factor) : null;
}

/**
 * The carbon footprint of a lot (404 when not in the tenant). `seen` guards the genealogy walk against a
 * cycle, which the data should never hold.
 */
export async function lotCarbon(
  ctx: Ctx,
  lotId: string,
  seen: ReadonlySet<string> = new Set(),
): Promise<TLotCarbon> {
  const lot = await loadLot(ctx, lotId);
  if (!lot) throw notFound('lot');
  const quantity = Number(lot.quantity);
  const notes: string[] = [];
  const base = {
    lotId: lot.id,
    lotNumber: lot.lot_number,
    materialCode: lot.material_code,
    materialName: lot.material_name,
    unitCode: lot.unit_code,
    origin: lot.origin,
    quantity: trim(lot.quantity),
    workOrderId: lot.work_order_id,
    workOrderNumber: lot.work_order_number,
    method: METHOD,
  };

  if (lot.origin === 'received') {
    const factor = await materialFactor(ctx, lot.material_id);
    if (factor === null) notes.push(`no emission factor for ${lot.material_code}`);
    const total = factor === null ? 0 : factor * quantity;
    return {
      ...base,
      orderGoodQuantity: null,
      share: null,
      energy: null,
      components: [],
      energyKgco2e: 0,
      materialsKgco2e: total,
      totalKgco2e: total,
      perUnitKgco2e: factor,
      missing: factor === null ? [lot.material_code] : [],
      notes,
    };
  }

  const order = await workOrderEnergy(ctx, lot.work_order_id!);
  const orderGood = Number(order.goodQuantity);
  // one output lot per order holds all its output today: the share is 1 unless output went elsewhere
  const share = orderGood > 0 ? Math.min(1, quantity / orderGood) : 0;
  if (orderGood <= 0) notes.push('the order has reported no good output yet: no energy to share');
  notes.push(...order.notes);
  const energy = {
    tceEquivalent: order.total.tceEquivalent * share,
    tceEqual: order.total.tceEqual * share,
    scope1Tco2: order.total.scope1Tco2 * share,
    scope2Tco2: order.total.scope2Tco2 * share,
    totalTco2: order.total.totalTco2 * share,
  };

  const consumed = await queryRows<{ consumed_lot_id: string; quantity: string }>(
    ctx.tx,
    sql`SELECT consumed_lot_id, sum(quantity)::text AS quantity FROM production_lot_genealogy
        WHERE output_lot_id = ${lot.id} GROUP BY consumed_lot_id ORDER BY consumed_lot_id`,
  );
  const components: TLotCarbonComponent[] = [];
  const missing = new Set<string>();
  const path = new Set([...seen, lot.id]);
  for (const c of consumed) {
    const part = await loadLot(ctx, c.consumed_lot_id);
    if (!part) continue;
    let perUnit: number | null;
    if (path.has(part.id) || path.size > MAX_DEPTH) {
      notes.push(`lot ${part.lot_number}: the genealogy loops or runs too deep; left out`);
      perUnit = null;
    } else if (part.origin === 'received') perUnit = await materialFactor(ctx, part.material_id);
    else {
      const upstream = await lotCarbon(ctx, part.id, path);
      perUnit = upstream.perUnitKgco2e;
      upstream.missing.forEach((code) => missing.add(code));
    }
    if (perUnit === null) missing.add(part.material_code);
    const used = Number(c.quantity);
    components.push({
      lotId: part.id,
      lotNumber: part.lot_number,
      materialCode: part.material_code,
      materialName: part.material_name,
      unitCode: part.unit_code,
      origin: part.origin,
      quantity: trim(c.quantity),
      kgco2ePerUnit: perUnit,
      kgco2e: perUnit === null ? null : perUnit * used,
    });
  }
  const energyKgco2e = energy.totalTco2 * 1000;
  const materialsKgco2e = sum(components.map((c) => c.kgco2e ?? 0));
  const totalKgco2e = energyKgco2e + materialsKgco2e;
  return {
    ...base,
    orderGoodQuantity: trim(order.goodQuantity),
    share,
    energy,
    components,
    energyKgco2e,
    materialsKgco2e,
    totalKgco2e,
    perUnitKgco2e: quantity > 0 ? totalKgco2e / quantity : null,
    missing: [...missing].sort(),
    notes,
  };
}

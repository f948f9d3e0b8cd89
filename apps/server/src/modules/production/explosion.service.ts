import { sql } from 'drizzle-orm';
import type { TExplosion, TExplosionQuery } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getBom } from './boms.service.ts';
import { materialsById, todayIn } from './definitions.ts';
import { explode, type ExplosionBom, type ExplosionLine } from './explosion.ts';

interface LineRow {
  bom_id: string;
  product_id: string;
  version: string;
  base_quantity: string;
  line_no: number | null;
  component_id: string | null;
  quantity: string | null;
  line_factor: string | null;
  component_factor: string | null;
  scrap_percent: string | null;
  operation_seq: number | null;
  is_effective: boolean;
}

/** The active version of every product on `date`, lines with their unit factors. */
async function effectiveBoms(
  ctx: Ctx,
  date: string,
  extraBomId?: string,
): Promise<Map<string, ExplosionBom>> {
  const rows = await queryRows<LineRow>(
    ctx.tx,
    sql`SELECT b.id AS bom_id, b.product_id, b.version, b.base_quantity::text AS base_quantity, l.line_no,
          l.component_id, l.quantity::text AS quantity, lu.base_factor::text AS line_factor,
          cu.base_factor::text AS component_factor, l.scrap_percent::text AS scrap_percent, l.operation_seq,
          (b.status = 'active' AND b.effective_from <= ${date}::date
            AND coalesce(b.effective_to, 'infinity'::date) >= ${date}::date) AS is_effective
        FROM production_boms b
        LEFT JOIN production_bom_lines l ON l.tenant_id = b.tenant_id AND l.bom_id = b.id
        LEFT JOIN units lu ON lu.tenant_id = l.tenant_id AND lu.id = l.unit_id
        LEFT JOIN materials c ON c.tenant_id = l.tenant_id AND c.id = l.component_id
        LEFT JOIN units cu ON cu.tenant_id = c.tenant_id AND cu.id = c.unit_id
        WHERE (b.status = 'active' AND b.effective_from <= ${date}::date
               AND coalesce(b.effective_to, 'infinity'::date) >= ${date}::date)
           OR b.id = ${extraBomId ?? null}::uuid
        ORDER BY b.id, l.line_no`,
  );
  const byId = new Map<string, ExplosionBom & { productId: string; isEffective: boolean }>();
  for (const r of rows) {
    const bom = byId.get(r.bom_id) ?? {
      id: r.bom_id,
      productId: r.product_id,
      version: r.version,
      baseQuantity: r.base_quantity,
      isEffective: r.is_effective,
      lines: [] as ExplosionLine[],
    };
    if (r.line_no !== null)
      bom.lines.push({
        lineNo: r.line_no,
        componentId: r.component_id!,
        quantity: r.quantity!,
        lineUnitFactor: r.line_factor!,
        componentUnitFactor: r.component_factor!,
        scrapPercent: r.scrap_percent!,
        operationSeq: r.operation_seq,
      });
    byId.set(r.bom_id, bom);
  }
  // the draft asked for stands at the top only; below, each product's active version
  const byProduct = new Map<string, ExplosionBom>();
  for (const b of byId.values()) if (b.isEffective) byProduct.set(b.productId, b);
  if (extraBomId) {
    const extra = byId.get(extraBomId);
    if (extra) byProduct.set(`top:${extraBomId}`, extra);
  }
  return byProduct;
}

/** The BOMs effective on `date` and the materials they and `productIds` name, read once for any number of explosions. */
async function bomsOn(ctx: Ctx, date: string, productIds: string[], extraBomId?: string) {
  const boms = await effectiveBoms(ctx, date, extraBomId);
  const ids = new Set<string>(productIds);
  for (const b of boms.values()) for (const l of b.lines) ids.add(l.componentId);
  const materials = await materialsById(ctx, [...ids]);
  const explodeOne = (productId: string, quantity: string, topBom: ExplosionBom | null) =>
    explode({
      productId,
      quantity,
      topBom,
      bomOf: (id) => boms.get(id) ?? null,
      material: (id) => {
        const m = materials.get(id)!;
        return { id, code: m.code, name: m.name, type: m.type, unitCode: m.unitCode };
      },
    });
  return { boms, materials, explodeOne };
}

/**
 * The summed requirements of one unit of each product on `date` (null for a product without an active BOM
 * then), from one read of the BOMs however many products are asked for.
 */
export async function unitRequirements(
  ctx: Ctx,
  productIds: string[],
  date: string,
): Promise<Map<string, TExplosion['requirements'] | null>> {
  const { boms, materials, explodeOne } = await bomsOn(ctx, date, productIds);
  return new Map(
    productIds.map((id) => {
      const top = boms.get(id) ?? null;
      return [id, top && materials.has(id) ? explodeOne(id, '1', top).requirements : null];
    }),
  );
}

/**
 * The multi-level explosion of `quantity` of a product on `date`: for each level the version active
 * on that day (or, with `bomId`, that version at the top — a draft can be previewed).
 */
export async function explodeBom(ctx: Ctx, query: TExplosionQuery): Promise<TExplosion> {
  const date = query.date ?? todayIn(ctx.actor.timezone);
  let productId = query.productId;
  if (query.bomId) {
    const top = await getBom(ctx, query.bomId);
    if (productId && productId !== top.productId)
      throw new AppError('VALIDATION', {}, [
        { path: 'query.productId', message: 'not the product of bomId' },
      ]);
    productId = top.productId;
  }
  if (!productId)
    throw new AppError('VALIDATION', {}, [{ path: 'query.productId', message: 'give productId or bomId' }]);
  const { boms, materials, explodeOne } = await bomsOn(ctx, date, [productId], query.bomId);
  const product = materials.get(productId);
  if (!product)
    throw new AppError('VALIDATION', {}, [{ path: 'query.productId', message: 'unknown material' }]);
  const topBom = query.bomId ? boms.get(`top:${query.bomId}`)! : (boms.get(productId) ?? null);
  const { tree, requirements } = explodeOne(productId, query.quantity, topBom);
  const warnings: TExplosion['warnings'] = [];
  if (!topBom) warnings.push({ materialCode: product.code, message: `no active BOM on ${date}` });
  for (const r of requirements)
    if (!r.isMade && r.materialType === 'semi_finished')
      warnings.push({
        materialCode: r.materialCode,
        message: `semi-finished without an active BOM on ${date}`,
      });
  return { date, quantity: query.quantity, tree, requirements, warnings };
}

import { sql } from 'drizzle-orm';
import type {
  TMaterialCarbonFactor,
  TProductMaterialFootprint,
  TPutMaterialCarbonFactor,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { unitRequirements } from '../../production/explosion.service.ts';
import { sum } from '../calc/engine.ts';
import { dec } from '../ledgers/ledger-scope.ts';

interface Row {
  material_id: string;
  material_code: string;
  material_name: string;
  material_type: string;
  unit: string;
  kgco2e_per_unit: string;
  source: string;
  year: number | null;
  note: string | null;
  updated_at: Date | string;
}

/** The purchased materials' emission factors, by material code. */
export async function listMaterialFactors(ctx: Ctx, materialId?: string): Promise<TMaterialCarbonFactor[]> {
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`SELECT f.material_id, mt.code AS material_code, mt.name AS material_name, mt.type AS material_type,
          un.code AS unit, f.kgco2e_per_unit::text AS kgco2e_per_unit, f.source, f.year, f.note, f.updated_at
        FROM material_carbon_factors f
        JOIN materials mt ON mt.tenant_id = f.tenant_id AND mt.id = f.material_id
        JOIN units un ON un.tenant_id = mt.tenant_id AND un.id = mt.unit_id
        ${materialId ? sql`WHERE f.material_id = ${materialId}` : sql``} ORDER BY mt.code`,
  );
  return rows.map((r) => ({
    materialId: r.material_id,
    materialCode: r.material_code,
    materialName: r.material_name,
    materialType: r.material_type,
    unit: r.unit,
    kgco2ePerUnit: dec(r.kgco2e_per_unit)!,
    source: r.source,
    year: r.year,
    note: r.note,
    updatedAt: toIso(r.updated_at),
  }));
}

export async function putMaterialFactor(
  ctx: Ctx,
  materialId: string,
  input: TPutMaterialCarbonFactor,
): Promise<TMaterialCarbonFactor> {
  const [material] = await queryRows(ctx.tx, sql`SELECT 1 FROM materials WHERE id = ${materialId}`);
  if (!material) throw notFound('material');
  const before = (await listMaterialFactors(ctx, materialId))[0];
  await queryRows(
    ctx.tx,
    sql`INSERT INTO material_carbon_factors (tenant_id, material_id, kgco2e_per_unit, source, year, note, updated_by)
        VALUES (${ctx.actor.tenantId}, ${materialId}, ${input.kgco2ePerUnit}::numeric, ${input.source},
                ${input.year ?? null}, ${input.note ?? null}, ${ctx.actor.userId})
        ON CONFLICT (tenant_id, material_id) DO UPDATE SET kgco2e_per_unit = EXCLUDED.kgco2e_per_unit,
          source = EXCLUDED.source, year = EXCLUDED.year, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by,
          updated_at = now()`,
  );
  const after = (await listMaterialFactors(ctx, materialId))[0]!;
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entityType: 'material_carbon_factor',
    entityId: materialId,
    ...(before ? { before } : {}),
    after,
  });
  return after;
}

export async function deleteMaterialFactor(ctx: Ctx, materialId: string): Promise<void> {
  const before = (await listMaterialFactors(ctx, materialId))[0];
  if (!before) throw notFound('material carbon factor');
  await queryRows(ctx.tx, sql`DELETE FROM material_carbon_factors WHERE material_id = ${materialId}`);
  await recordAudit(ctx, {
    action: 'delete',
    entityType: 'material_carbon_factor',
    entityId: materialId,
    before,
  });
}

/** The bought components of one unit of each product (its BOM effective on `date`) × their factors. */
export async function materialFootprints(
  ctx: Ctx,
  productIds: string[],
  date: string,
): Promise<Map<string, TProductMaterialFootprint | null>> {
  const factors = new Map(
    (await listMaterialFactors(ctx)).map((f) => [f.materialId, Number(f.kgco2ePerUnit)]),
  );
  const requirements = await unitRequirements(ctx, productIds, date);
  return new Map(
    productIds.map((productId) => {
      const needs = requirements.get(productId);
      if (!needs) return [productId, null];
      const lines = needs
        .filter((r) => !r.isMade)
        .map((r) => {
          const factor = factors.get(r.materialId) ?? null;
          const quantityPerUnit = Number(r.grossQuantity);
          return {
            materialId: r.materialId,
            materialCode: r.materialCode,
            materialName: r.materialName,
            unit: r.unitCode,
            quantityPerUnit,
            kgco2ePerUnit: factor,
            kgco2e: factor === null ? null : quantityPerUnit * factor,
          };
        });
      return [
        productId,
        {
          date,
          lines,
          kgco2e: sum(lines.map((l) => l.kgco2e ?? 0)),
          missing: lines.filter((l) => l.kgco2e === null).map((l) => l.materialCode),
        },
      ];
    }),
  );
}

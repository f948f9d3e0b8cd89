import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { putMaterialFactor } from '../energy/products/material-factors.service.ts';
import { putProductEnergy } from '../energy/products/products.service.ts';
import { seedCtx } from './demo-ctx.ts';

/**
 * Where the demo's finished products are made, for energy per product: every product passes the machining,
 * assembly and painting workshops (each metered by a level-2 meter); the weights are standard hours per unit
 * in the workshop. The limits are illustrative company targets, not a national limit standard.
 */
const PRODUCT_NODES: Array<{ product: string; weights: Record<string, string>; limit: string }> = [
  { product: 'FG-BV-100', weights: { MC: '1.2', AS: '0.5', PT: '0.3' }, limit: '9' },
  { product: 'FG-GV-150', weights: { MC: '2.4', AS: '0.8', PT: '0.5' }, limit: '16' },
  { product: 'FG-CV-80', weights: { MC: '0.9', AS: '0.4', PT: '0.2' }, limit: '7' },
  { product: 'FG-PMP-150', weights: { MC: '4.5', AS: '2.2', PT: '0.9' }, limit: '35' },
  { product: 'FG-PMP-100', weights: { MC: '2.8', AS: '1.5', PT: '0.6' }, limit: '22' },
];
const TARGET = '企业内控目标（示例）/ company target, illustrative';

/** Cradle-to-gate factors of bought materials, kgCO₂e per unit of the material: illustrative, not from an EPD. */
const MATERIAL_FACTORS: Record<string, string> = {
  'RM-HT200': '47.5', // ≈ 25 kg grey-iron casting × 1.9
  'RM-HT250': '114', // ≈ 60 kg × 1.9
  'RM-WCB': '88', // ≈ 40 kg cast steel × 2.2
  'RM-304-BAR': '6.2',
  'RM-45-BAR': '2.3',
  'RM-2CR13': '3.5',
  'RM-PTFE': '9',
  'RM-EPDM': '3.3',
  'PU-MOTOR-22': '450',
  'PU-BRG-6308': '1.2',
  'PU-MS-40': '6',
  'PU-BOLT-M16': '0.5',
  'CS-PAINT-EP': '3.5',
  'CS-PAINT-PU': '3.8',
  'PK-CRATE': '15',
  'PK-FILM': '2.8',
};
const FACTOR_SOURCE =
  '示例值（演示用），请以供应商 EPD 替换 / illustrative demo value: replace with the supplier EPD';

export async function seedDemoProductEnergy({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(
      tx,
      sql`SELECT 1 FROM energy_products UNION ALL SELECT 1 FROM material_carbon_factors LIMIT 1`,
    );
    if (any) return;
    const idOf = async (table: 'plant_nodes' | 'materials') =>
      new Map(
        (
          await queryRows<{ id: string; code: string }>(
            tx,
            sql`SELECT id, code FROM ${sql.identifier(table)}`,
          )
        ).map((r) => [r.code, r.id]),
      );
    const nodes = await idOf('plant_nodes');
    const materials = await idOf('materials');
    const ctx = await seedCtx(tx, tenant);
    for (const p of PRODUCT_NODES) {
      const materialId = materials.get(p.product);
      const entries = Object.entries(p.weights).filter(([code]) => nodes.has(code));
      if (!materialId || entries.length === 0) continue;
      await putProductEnergy(ctx, materialId, {
        nodes: entries.map(([code, weight]) => ({ nodeId: nodes.get(code)!, weight })),
        limitKgcePerUnit: p.limit,
        limitValueKind: 'equivalent',
        limitStandard: TARGET,
      });
    }
    for (const [code, kgco2ePerUnit] of Object.entries(MATERIAL_FACTORS)) {
      const materialId = materials.get(code);
      if (materialId)
        await putMaterialFactor(ctx, materialId, { kgco2ePerUnit, source: FACTOR_SOURCE, year: 2025 });
    }
  });
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
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

export async function seedDemoProductEnergy({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM energy_products LIMIT 1`);
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
  });
}

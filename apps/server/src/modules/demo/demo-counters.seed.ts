import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { saveCounterConfig } from '../production/counter-proposals.service.ts';
import { seedCtx } from './demo-ctx.ts';

/**
 * Counter-driven reporting on the demo's machine tools: every machine whose controller has a `parts` counter
 * proposes job reports from it, one part per count. Through the service (audited); once — nothing when the
 * tenant has any counter configuration.
 */
export async function seedDemoCounters({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM equipment_counter_configs LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const counters = await queryRows<{ equipment_id: string; metric_id: string }>(
      tx,
      sql`SELECT DISTINCT ON (d.equipment_id) d.equipment_id, m.id::text AS metric_id
          FROM devices d JOIN metrics m ON m.tenant_id = d.tenant_id AND m.device_id = d.id
          WHERE d.equipment_id IS NOT NULL AND m.key = 'parts' AND m.kind = 'counter'
          ORDER BY d.equipment_id, d.code`,
    );
    for (const c of counters)
      await saveCounterConfig(ctx, {
        equipmentId: c.equipment_id,
        input: { metricId: Number(c.metric_id), partsPerCount: '1', mode: 'propose' },
      });
  });
}

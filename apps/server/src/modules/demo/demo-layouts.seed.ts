import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { generatePlan } from '../visualization/layouts/generated-plan.ts';
import {
  createLayout,
  plantModel,
  saveMarkers,
  uploadBackground,
} from '../visualization/layouts/layouts.service.ts';
import { seedCtx } from './demo-ctx.ts';

/**
 * A floor plan of the demo site drawn from its factory model (workshops as halls, lines as bands) with a
 * marker for every piece of equipment, through the layout service (audited). Once: nothing when any exists.
 */
export async function seedDemoLayouts({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM plant_layouts LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const model = await plantModel(ctx);
    const site = model.nodes.find((n) => n.kind === 'site');
    if (!site) return;
    const plan = generatePlan(model, site.id);
    const layout = await createLayout({ ctx, input: { nodeId: site.id, name: `${site.name} 平面布局` } });
    const withImage = await uploadBackground({
      ctx,
      id: layout.id,
      version: layout.version,
      body: Buffer.from(plan.svg, 'utf8'),
    });
    await saveMarkers({
      ctx,
      id: layout.id,
      input: { version: withImage.version, markers: plan.markers },
    });
  });
}

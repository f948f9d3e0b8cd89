import { eq } from 'drizzle-orm';
import type { TCreateEquipment, TCreateMaterial, TCreatePlantNode } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { tenants } from '../platform/platform.schema.ts';
import { createTenant } from '../platform/tenants.service.ts';
import { createEquipment } from '../modeling/equipment.service.ts';
import { createMaterial } from '../modeling/materials.service.ts';
import { createNode } from '../modeling/plant.service.ts';
import { listUnits } from '../modeling/units.service.ts';
import { DEMO_EQUIPMENT, DEMO_MATERIALS, DEMO_NODES } from './demo.data.ts';
import { seedDemoDevices } from './demo-devices.seed.ts';
import { seedDemoLedgers } from './demo-ledgers.seed.ts';
import { seedDemoMeters } from './demo-meters.seed.ts';
import { seedDemoTariffs } from './demo-tariffs.seed.ts';
import { seedDemoCalendars } from './demo-calendars.seed.ts';
import { seedDemoProductEnergy } from './demo-products.seed.ts';
import { seedDemoProduction } from './demo-production.seed.ts';
import { seedDemoLabour } from './demo-labour.seed.ts';
import { seedDemoWorkOrders } from './demo-work-orders.seed.ts';
import { seedDemoCounters } from './demo-counters.seed.ts';
import { seedDemoReasonCodes } from './demo-reason-codes.seed.ts';
import { seedDemoAndon } from './demo-andon.seed.ts';
import { seedDemoAlarmRules } from './demo-alarms.seed.ts';
import { seedDemoLots } from './demo-lots.seed.ts';
import { seedDemoLayouts } from './demo-layouts.seed.ts';
import { seedDemoDashboards } from './demo-dashboards.seed.ts';
import { DEMO_ADMIN, seedCtx } from './demo-ctx.ts';

export const DEMO_TENANT = 'demo';
export { DEMO_ADMIN };

/**
 * Creates the demo enterprise (a valve-and-pump factory) on an empty database, through the same
 * services the API uses, so it is audited like any other data. Does nothing when it exists.
 */
export async function seedDemo({ db, password }: { db: Db; password: string }) {
  const info = { tenant: DEMO_TENANT, username: DEMO_ADMIN, password };
  const [existing] = await db.select().from(tenants).where(eq(tenants.code, DEMO_TENANT));
  if (existing) {
    await seedDemoDevices({ db, tenant: existing });
    await seedDemoLedgers({ db, tenant: existing });
    await seedDemoMeters({ db, tenant: existing });
    await seedDemoTariffs({ db, tenant: existing });
    await seedDemoCalendars({ db, tenant: existing });
    await seedDemoProductEnergy({ db, tenant: existing });
    await seedDemoProduction({ db, tenant: existing });
    await seedDemoLabour({ db, tenant: existing });
    await seedDemoWorkOrders({ db, tenant: existing });
    await seedDemoReasonCodes({ db, tenant: existing });
    await seedDemoAndon({ db, tenant: existing });
    await seedDemoAlarmRules({ db, tenant: existing });
    await seedDemoLots({ db, tenant: existing });
    await seedDemoCounters({ db, tenant: existing });
    await seedDemoLayouts({ db, tenant: existing });
    await seedDemoDashboards({ db, tenant: existing });
    return info;
  }
  const tenant = await createTenant({
    db,
    input: {
      code: DEMO_TENANT,
      name: '绿源泵阀制造有限公司',
      admin: { username: DEMO_ADMIN, password, displayName: '系统管理员' },
    },
    actorName: 'system:demo-seed',
    requestId: null,
    ip: null,
  });
  await inTenant(db, tenant.id, async (tx) => {
    const ctx = await seedCtx(tx, tenant);
    const idByCode = new Map<string, string>();
    for (const n of DEMO_NODES) {
      const input: TCreatePlantNode = { ...n, parentId: n.parent ? idByCode.get(n.parent)! : null };
      delete (input as { parent?: string }).parent;
      idByCode.set(n.code, (await createNode({ ctx, input })).id);
    }
    for (const e of DEMO_EQUIPMENT) {
      const { at, ...rest } = e;
      await createEquipment({ ctx, input: { ...rest, nodeId: idByCode.get(at)! } as TCreateEquipment });
    }
    const unitId = new Map((await listUnits(ctx)).map((u) => [u.code, u.id]));
    for (const m of DEMO_MATERIALS) {
      const { unit, ...rest } = m;
      await createMaterial({ ctx, input: { ...rest, unitId: unitId.get(unit)! } as TCreateMaterial });
    }
  });
  await seedDemoDevices({ db, tenant });
  await seedDemoLedgers({ db, tenant });
  await seedDemoMeters({ db, tenant });
  await seedDemoTariffs({ db, tenant });
  await seedDemoCalendars({ db, tenant });
  await seedDemoProductEnergy({ db, tenant });
  await seedDemoProduction({ db, tenant });
  await seedDemoLabour({ db, tenant });
  await seedDemoWorkOrders({ db, tenant });
  await seedDemoReasonCodes({ db, tenant });
  await seedDemoAndon({ db, tenant });
  await seedDemoAlarmRules({ db, tenant });
  await seedDemoLots({ db, tenant });
  await seedDemoCounters({ db, tenant });
  await seedDemoLayouts({ db, tenant });
  await seedDemoDashboards({ db, tenant });
  return info;
}

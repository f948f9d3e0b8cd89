import { sql } from 'drizzle-orm';
import type { ReasonCodeKind } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createReasonCode } from '../production/reason-codes.service.ts';
import { seedCtx } from './demo-ctx.ts';

/** A valve-and-pump shop's scrap and pause reasons, in the order the terminal lists them. */
export const DEMO_REASON_CODES: Array<[ReasonCodeKind, string, string]> = [
  ['scrap', 'S01', '尺寸超差'],
  ['scrap', 'S02', '铸件砂眼/气孔'],
  ['scrap', 'S03', '表面磕碰划伤'],
  ['scrap', 'S04', '试压泄漏'],
  ['scrap', 'S05', '材料缺陷'],
  ['scrap', 'S09', '其他'],
  ['pause', 'P01', '待料'],
  ['pause', 'P02', '设备故障'],
  ['pause', 'P03', '换型调整'],
  ['pause', 'P04', '待检验'],
  ['pause', 'P05', '用餐/休息'],
  ['pause', 'P09', '其他'],
];

/** The demo's reason codes, through the service (audited). Once: nothing when the tenant has any. */
export async function seedDemoReasonCodes({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM production_reason_codes LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    for (const [i, [kind, code, name]] of DEMO_REASON_CODES.entries())
      await createReasonCode(ctx, { kind, code, name, sortOrder: (i + 1) * 10 });
  });
}

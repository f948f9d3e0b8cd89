import { sql } from 'drizzle-orm';
import type { AndonKind } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createEscalationRule } from '../production/andon-rules.service.ts';
import { seedCtx } from './demo-ctx.ts';

/** Who hears of an exception left unresolved, and when: kind, level, minutes, built-in role. */
export const DEMO_ANDON_RULES: Array<[AndonKind, number, number, string]> = [
  ['equipment_fault', 1, 10, 'equipment_engineer'],
  ['equipment_fault', 2, 30, 'plant_manager'],
  ['material_shortage', 1, 15, 'plant_manager'],
  ['quality_issue', 1, 15, 'quality_inspector'],
  ['quality_issue', 2, 60, 'plant_manager'],
];

/** The demo's Andon escalation rules, through the service (audited). Once: nothing when the tenant has any. */
export async function seedDemoAndon({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM andon_escalation_rules LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const roles = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM roles`)).map((r) => [
        r.code,
        r.id,
      ]),
    );
    for (const [kind, level, afterMinutes, role] of DEMO_ANDON_RULES)
      await createEscalationRule(ctx, {
        kind,
        level,
        afterMinutes,
        notifyRoleId: roles.get(role) ?? null,
        isEnabled: true,
      });
  });
}

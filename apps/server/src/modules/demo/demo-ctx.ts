import { eq } from 'drizzle-orm';
import type { Ctx, TenantActor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { users } from '../platform/platform.schema.ts';

export const DEMO_ADMIN = 'admin';

/** The seed acts as the demo admin, named as the seed in the audit log. */
export async function seedCtx(tx: Tx, tenant: { id: string; code: string; name: string }): Promise<Ctx> {
  const [admin] = await tx.select().from(users).where(eq(users.username, DEMO_ADMIN));
  const actor: TenantActor = {
    kind: 'user',
    tenantId: tenant.id,
    tenantCode: tenant.code,
    tenantName: tenant.name,
    userId: admin!.id,
    username: 'system:demo-seed',
    displayName: 'Demo seed',
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    permissions: new Set(),
    dataScopeNodeIds: null,
    via: { sessionId: 'seed' },
  };
  return { tx, actor, requestId: 'demo-seed', ip: null };
}

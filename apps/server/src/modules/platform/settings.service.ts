import { DEFAULT_SETTINGS, ZSettings, type TSettings } from '@greenmes/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { tenantSettings } from './platform.schema.ts';

/** Stored settings over the defaults; a stored value that no longer validates falls back to the default. */
export async function readSettings(tx: Tx, tenantId: string): Promise<TSettings> {
  const rows = await tx.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
  return settingsOf(rows);
}

/** The settings from their stored rows, as `readSettings` (the job reports read the rows in another statement). */
export function settingsOf(rows: ReadonlyArray<{ key: string; value: unknown }>): TSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) merged[r.key] = r.value;
  const parsed = ZSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function updateSettings({
  ctx,
  patch,
}: {
  ctx: Ctx;
  patch: Partial<TSettings>;
}): Promise<TSettings> {
  const before = await readSettings(ctx.tx, ctx.actor.tenantId);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await ctx.tx
      .insert(tenantSettings)
      .values({ tenantId: ctx.actor.tenantId, key, value })
      .onConflictDoUpdate({
        target: [tenantSettings.tenantId, tenantSettings.key],
        set: { value, updatedAt: sql`now()` },
      });
  }
  const after = await readSettings(ctx.tx, ctx.actor.tenantId);
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'settings',
    entityId: ctx.actor.tenantId,
    before,
    after,
  });
  return after;
}

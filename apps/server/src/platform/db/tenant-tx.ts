import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';
import { preparedRows } from './rows.ts';

export const APP_ROLE = 'greenmes_app';

/**
 * Runs `fn` in a transaction that has dropped to the non-superuser application role and pinned
 * app.tenant_id: row-level security then hides every other tenant's rows, even from a query that
 * forgets its WHERE tenant_id. Both settings are transaction-local (set_config(…, true)).
 */
export function inTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await enterTenant(tx, tenantId);
    return fn(tx);
  });
}

/** Platform-level work (login lookup, tenant provisioning): runs as the connection's own role. */
export function inSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

/** Switch an open system transaction into a tenant's scope (used right after creating the tenant). */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  // every tenant request runs it: prepared
  await preparedRows(
    tx,
    'enter_tenant',
    sql`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`,
  );
}

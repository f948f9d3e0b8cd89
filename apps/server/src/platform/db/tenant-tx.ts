import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './database.ts';
import { preparedRows } from './rows.ts';

export const APP_ROLE = 'greenmes_app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in a transaction that has dropped to the non-superuser application role and pinned
 * app.tenant_id: row-level security then hides every other tenant's rows, even from a query that
 * forgets its WHERE tenant_id. Both settings are transaction-local (set_config(…, true)).
 */
export async function inTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error(`tenant id ${JSON.stringify(tenantId)} is not a uuid`);
  const session = db._.session;
  if (session instanceof NodePgSession) {
    const pooled = session as unknown as PooledSession;
    if (pooled.client instanceof pg.Pool) return pooledTenantTransaction(pooled, tenantId, fn);
  }
  return db.transaction(async (tx) => {
    await enterTenant(tx, tenantId);
    return fn(tx);
  });
}

type SessionArgs = ConstructorParameters<typeof NodePgSession>;
/** what drizzle's pool session holds (private fields, read to open a transaction as drizzle does) */
interface PooledSession {
  client: pg.Pool;
  dialect: SessionArgs[1];
  schema: SessionArgs[2];
  options: SessionArgs[3];
}

/**
 * `inTenant` on node-postgres: drizzle's transaction (a client of the pool, BEGIN, COMMIT or ROLLBACK)
 * with BEGIN and the tenant's settings sent as one simple-protocol query, so every tenant request saves a
 * round trip. Nothing from outside reaches that text: the role is a constant and the tenant id a uuid
 * (`inTenant` checks it).
 */
async function pooledTenantTransaction<T>(
  pool: PooledSession,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const client = await pool.client.connect();
  const session = new NodePgSession(client, pool.dialect, pool.schema, pool.options);
  const tx = new NodePgTransaction(pool.dialect, session, pool.schema) as unknown as Tx;
  let broken = false;
  try {
    await client.query(
      `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true)`,
    );
    const result = await fn(tx);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // a connection that cannot even roll back is not given to the next request
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Platform-level work (login lookup, tenant provisioning): runs as the connection's own role. */
export function inSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

/** Switch an open system transaction into a tenant's scope (used right after creating the tenant). */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  // every tenant request on PGlite runs it: prepared
  await preparedRows(
    tx,
    'enter_tenant',
    sql`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`,
  );
}

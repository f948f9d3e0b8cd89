// preparedRows: named prepared statements inside tenant transactions keep row-level security (a plan
// cached on one connection serves the next tenant with that tenant's rows only), one name takes several
// texts, and on PostgreSQL the statement really is prepared once on the connection.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { openDatabase, type Database } from './database.ts';
import { preparedRows } from './rows.ts';
import { inTenant } from './tenant-tx.ts';

let t: TestApp;
/** one connection, so every transaction below reuses the statements the previous one prepared */
let single: Database;
let a: { tenantId: string };
let b: { tenantId: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('prep-a');
  b = await t.makeTenant('prep-b');
  single = process.env.DATABASE_URL
    ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema: t.database.schema, poolMax: 1 })
    : t.database;
});
afterAll(async () => {
  if (single !== t.database) await single.close();
  await t?.close();
});

const usersOf = (tenantId: string, onlyAdmins: boolean) =>
  inTenant(single.db, tenantId, (tx) =>
    preparedRows<{ tenant_id: string; username: string }>(
      tx,
      'test_users',
      sql`SELECT tenant_id, username FROM users WHERE ${onlyAdmins ? sql`username = ${'admin'}` : sql`true`}`,
    ),
  );

it('answers each tenant with its own rows from the same prepared statement, in any order', async () => {
  for (const tenant of [a, b, a, b, a, b, a]) {
    // PostgreSQL switches to a generic plan after five runs: seven cover both
    const rows = await usersOf(tenant.tenantId, false);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenant_id === tenant.tenantId)).toBe(true);
  }
  const admins = await usersOf(b.tenantId, true);
  expect(admins.map((r) => [r.tenant_id, r.username])).toEqual([[b.tenantId, 'admin']]);
});

it.skipIf(!process.env.DATABASE_URL)(
  'prepares each text once on the connection, one name per text',
  async () => {
    await usersOf(a.tenantId, false);
    await usersOf(a.tenantId, true);
    const names = await inTenant(single.db, a.tenantId, (tx) =>
      preparedRows<{ name: string; statement: string }>(
        tx,
        'test_prepared',
        sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE ${'test_users_%'} ORDER BY name`,
      ),
    );
    expect(names.map((n) => n.name)).toEqual(['test_users_1', 'test_users_2']);
    expect(names[1]!.statement).toContain('username = $1');
  },
);

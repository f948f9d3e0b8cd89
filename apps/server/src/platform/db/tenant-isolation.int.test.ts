import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';
import { queryRows } from './rows.ts';
import { inTenant } from './tenant-tx.ts';

/** Drizzle wraps the driver's error; the database's own message is in `cause`. */
const causedBy = (re: RegExp) => (err: unknown) => re.test(String((err as { cause?: Error }).cause?.message));

let t: TestApp;
let a: { tenantId: string; token: string };
let b: { tenantId: string; token: string };
let plantA: Awaited<ReturnType<typeof makePlant>>;

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('tenant-a');
  b = await t.makeTenant('tenant-b');
  plantA = await makePlant(t, a.token, 'A');
  await makePlant(t, b.token, 'B');
});
afterAll(() => t?.close());

describe('row-level security on the database itself', () => {
  it('hides tenant A from a deliberately unscoped SELECT, UPDATE and DELETE in tenant B', async () => {
    const db = t.database.db;
    await inTenant(db, b.tenantId, async (tx) => {
      const seen = await queryRows<{ tenant_id: string }>(tx, sql`SELECT tenant_id FROM equipment`);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.tenant_id === b.tenantId)).toBe(true);
      const updated = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE equipment SET name = 'pwned' WHERE tenant_id = ${a.tenantId} RETURNING id`,
      );
      expect(updated).toHaveLength(0);
      await tx.execute(sql`UPDATE materials SET name = 'pwned'`);
    });
    await inTenant(db, b.tenantId, (tx) => tx.execute(sql`DELETE FROM equipment`));
    await inTenant(db, a.tenantId, async (tx) => {
      const eq = await queryRows<{ name: string }>(tx, sql`SELECT name FROM equipment`);
      expect(eq.map((r) => r.name)).toEqual(['Lathe']);
      const mats = await queryRows<{ name: string }>(tx, sql`SELECT name FROM materials`);
      expect(mats.map((r) => r.name)).toEqual(['Steel bar']);
    });
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      inTenant(t.database.db, b.tenantId, (tx) =>
        tx.execute(
          sql`INSERT INTO org_units (tenant_id, id, code, name) VALUES (${a.tenantId}, gen_random_uuid(), 'X', 'X')`,
        ),
      ),
    ).rejects.toSatisfy(causedBy(/row-level security/));
  });

  it('sees nothing at all when no tenant is set', async () => {
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('role', 'greenmes_app', true)`);
      return queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM users`);
    });
    expect(rows[0]!.n).toBe(0);
  });

  it('keeps the audit log append-only for the application role', async () => {
    await expect(
      inTenant(t.database.db, a.tenantId, (tx) => tx.execute(sql`DELETE FROM audit_log`)),
    ).rejects.toSatisfy(causedBy(/permission denied/));
    await expect(
      inTenant(t.database.db, a.tenantId, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'x'`)),
    ).rejects.toSatisfy(causedBy(/permission denied/));
  });

  it('has RLS enabled and forced on every tenant-owned table, with tenant_id leading the primary key', async () => {
    const tables = await queryRows<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      first_pk: string;
    }>(
      t.database.db,
      sql`SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
            (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
             WHERE i.indrelid = c.oid AND i.indisprimary) AS first_pk
          FROM pg_class c JOIN pg_attribute col ON col.attrelid = c.oid AND col.attname = 'tenant_id'
          WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const table of tables)
      expect(table, table.relname).toMatchObject({
        relrowsecurity: true,
        relforcerowsecurity: true,
        first_pk: 'tenant_id',
      });
  });

  it('computes the tenant once per statement: every policy reads it through a sub-select (an InitPlan)', async () => {
    const policies = await queryRows<{ tablename: string; qual: string | null; with_check: string | null }>(
      t.database.db,
      sql`SELECT tablename, qual, with_check FROM pg_policies WHERE schemaname = current_schema()`,
    );
    expect(policies.length).toBeGreaterThanOrEqual(50);
    for (const p of policies)
      for (const expr of [p.qual, p.with_check].filter((e): e is string => e !== null)) {
        expect(expr, p.tablename).toContain('app_current_tenant()');
        // a bare call is evaluated per row; `( SELECT app_current_tenant() …)` once
        expect(expr.replace(/SELECT app_current_tenant\(\)/g, ''), p.tablename).not.toContain(
          'app_current_tenant()',
        );
      }
    // and it still isolates: the tenant is read when the statement runs, not when it was planned
    const seen = await Promise.all(
      [a, b].map((x) =>
        inTenant(t.database.db, x.tenantId, (tx) =>
          queryRows<{ tenant_id: string }>(tx, sql`SELECT DISTINCT tenant_id FROM materials`),
        ),
      ),
    );
    expect(seen.map((rows) => rows.map((r) => r.tenant_id))).toEqual([[a.tenantId], [b.tenantId]]);
  });
});

describe('the tenant transaction', () => {
  it('is transaction-local: a connection given back carries neither the role nor the tenant', async () => {
    const db = t.database.db;
    const inside = await inTenant(db, a.tenantId, (tx) =>
      queryRows<{ role: string; tenant: string }>(
        tx,
        sql`SELECT current_user AS role, current_setting('app.tenant_id', true) AS tenant`,
      ),
    );
    expect(inside).toEqual([{ role: 'greenmes_app', tenant: a.tenantId }]);
    // every pooled connection in turn (more than the pool holds at once), outside any tenant transaction
    const after = await Promise.all(
      Array.from({ length: 12 }, () =>
        db.transaction((tx) =>
          queryRows<{ role: string; tenant: string | null }>(
            tx,
            sql`SELECT current_user AS role, nullif(current_setting('app.tenant_id', true), '') AS tenant`,
          ),
        ),
      ),
    );
    for (const [row] of after) expect(row).toMatchObject({ tenant: null });
    expect(after.every(([row]) => row!.role !== 'greenmes_app')).toBe(true);
  });

  it('rolls back everything when the work throws, and the connection serves the next request', async () => {
    const db = t.database.db;
    await expect(
      inTenant(db, a.tenantId, async (tx) => {
        await tx.execute(sql`UPDATE materials SET name = 'rolled back'`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // a statement error aborts the transaction; it is rolled back the same way
    await expect(inTenant(db, a.tenantId, (tx) => tx.execute(sql`SELECT 1 / 0`))).rejects.toSatisfy(
      causedBy(/division by zero/),
    );
    const names = await inTenant(db, a.tenantId, (tx) =>
      queryRows<{ name: string }>(tx, sql`SELECT name FROM materials`),
    );
    expect(names.map((r) => r.name)).toEqual(['Steel bar']);
  });

  it('refuses a tenant id that is not a uuid before it reaches the database', async () => {
    await expect(inTenant(t.database.db, "x', true); DROP TABLE users; --", async () => 1)).rejects.toThrow(
      /not a uuid|invalid input syntax/,
    );
  });
});

describe('tenant B calling every factory-model route with tenant A ids', () => {
  const idRoutes = () =>
    [
      ['GET', `/api/v1/plant/nodes/${plantA.site.id}`],
      ['PATCH', `/api/v1/plant/nodes/${plantA.area.id}`, { name: 'x' }],
      ['POST', `/api/v1/plant/nodes/${plantA.line.id}/move`, { parentId: plantA.area.id, position: 0 }],
      ['DELETE', `/api/v1/plant/nodes/${plantA.line.id}`],
      ['POST', '/api/v1/plant/nodes', { parentId: plantA.site.id, kind: 'area', code: 'SNEAK', name: 'x' }],
      ['GET', `/api/v1/equipment/${plantA.equipment.id}`],
      ['PATCH', `/api/v1/equipment/${plantA.equipment.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/equipment/${plantA.equipment.id}`],
      ['POST', '/api/v1/equipment', { nodeId: plantA.line.id, code: 'SNEAK', name: 'x', category: 'pump' }],
      ['GET', `/api/v1/materials/${plantA.material.id}`],
      ['PATCH', `/api/v1/materials/${plantA.material.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/materials/${plantA.material.id}`],
      ['PATCH', `/api/v1/units/${plantA.units[0]!.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/units/${plantA.units[0]!.id}`],
      ['POST', '/api/v1/materials', { code: 'SNEAK', name: 'x', type: 'raw', unitId: plantA.units[0]!.id }],
    ] as Array<[string, string, unknown?]>;

  it('gets 404 or 400 for every id of A, never A data, and A is unchanged', async () => {
    for (const [method, url, body] of idRoutes()) {
      const res = await t.call({ method, url, token: b.token, body });
      expect([400, 403, 404], `${method} ${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(res.body).not.toContain('"Lathe"');
      expect(res.body).not.toContain('A-S');
    }
    const tree = (await t.call({ url: '/api/v1/plant/tree', token: a.token })).json();
    expect(tree.nodes.map((n: { code: string }) => n.code).sort()).toEqual(['A-A', 'A-L', 'A-S']);
    expect(tree.equipment.map((e: { name: string }) => e.name)).toEqual(['Lathe']);
  });

  it('lists only its own data', async () => {
    for (const url of [
      '/api/v1/plant/tree',
      '/api/v1/equipment',
      '/api/v1/materials',
      '/api/v1/units',
      '/api/v1/users',
      '/api/v1/roles',
      '/api/v1/audit?pageSize=200',
      '/api/v1/equipment/export',
    ]) {
      const res = await t.call({ url, token: b.token });
      expect(res.statusCode, url).toBe(200);
      for (const id of [
        plantA.site.id,
        plantA.equipment.id,
        plantA.material.id,
        plantA.units[0]!.id,
        a.tenantId,
      ])
        expect(res.body, url).not.toContain(id);
    }
  });
});

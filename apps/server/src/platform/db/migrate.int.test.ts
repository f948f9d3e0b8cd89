import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { listMigrations, migrate, pendingMigrations } from './migrate.ts';

/** A database with nothing in it: a brand-new PGlite, or a brand-new PostgreSQL schema. */
async function emptyDatabase(): Promise<{ open: () => Promise<Database>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const pglite = new PGlite();
    return { open: () => openDatabase({ pglite }), drop: () => pglite.close() };
  }
  const schema = `test_mig_${randomBytes(5).toString('hex')}`;
  return {
    open: () => openDatabase({ databaseUrl: url, schema, poolMax: 2 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

describe('migrations', () => {
  it('apply from empty once, even when two instances start together', async () => {
    const empty = await emptyDatabase();
    const first = await empty.open();
    const second = process.env.DATABASE_URL ? await empty.open() : first;
    try {
      expect(await pendingMigrations(first).catch(() => ['schema_migrations missing'])).not.toEqual([]);
      const [a, b] = await Promise.all([migrate(first), migrate(second)]);
      const all = listMigrations().map((m) => m.name);
      expect([...a.applied, ...b.applied].sort()).toEqual(all); // each applied exactly once
      expect(await pendingMigrations(first)).toEqual([]);
      expect((await migrate(first)).applied).toEqual([]);
    } finally {
      if (second !== first) await second.close();
      if (process.env.DATABASE_URL) await first.close();
      await empty.drop();
    }
  });
});

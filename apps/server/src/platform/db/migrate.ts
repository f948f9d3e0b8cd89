import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Advisory lock class for migrations; the second key is the schema, so test schemas don't wait on each other. */
const LOCK_CLASS = 724_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(MIGRATIONS_DIR + name, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so that several
 * instances starting together apply each migration exactly once. Forward-only: an applied
 * migration whose file changed stops the boot.
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const s = await database.rawSession();
  const applied: string[] = [];
  try {
    await s.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [LOCK_CLASS]);
    await s.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await s.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map(
        (r) => [r.name, r.checksum],
      ),
    );
    for (const m of listMigrations()) {
      const prior = done.get(m.name);
      if (prior !== undefined) {
        if (prior !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
        continue;
      }
      await s.exec('BEGIN');
      try {
        await s.exec(m.sql);
        await s.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
        await s.exec('COMMIT');
      } catch (err) {
        await s.exec('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
  } finally {
    await s
      .query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [LOCK_CLASS])
      .catch(() => undefined);
    await s.release();
  }
  return { applied };
}

/** True when every migration file is recorded as applied (readiness check). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const s = await database.rawSession();
  try {
    const rows = await s.query<{ name: string }>('SELECT name FROM schema_migrations');
    const done = new Set(rows.map((r) => r.name));
    return listMigrations()
      .map((m) => m.name)
      .filter((n) => !done.has(n));
  } finally {
    await s.release();
  }
}

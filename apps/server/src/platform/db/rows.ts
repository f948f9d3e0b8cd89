import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';

/** Raw SQL returning rows, the same on node-postgres and PGlite (both answer { rows }). */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The PostgreSQL error behind `err`: drizzle wraps the driver's error (SQLSTATE on its cause), raw clients do not. */
export function pgError(err: unknown): { code?: string; detail?: string; constraint?: string } {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const pg = typeof e?.code === 'string' ? e : typeof e?.cause?.code === 'string' ? e.cause : e;
  return (pg ?? {}) as { code?: string; detail?: string; constraint?: string };
}

/** A timestamp column as read from node-postgres (Date) or PGlite, in ISO 8601. */
export const toIso = (v: Date | string | number) => new Date(v).toISOString();

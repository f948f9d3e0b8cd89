import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './database.ts';

/** Raw SQL returning rows, the same on node-postgres and PGlite (both answer { rows }). */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();
/** statement text → its name; per name, how many texts it has (a query with optional parts has several) */
const statementNames = new Map<string, string>();
const variantsOf = new Map<string, number>();
/** a name with more texts than this builds its text from values: it runs unnamed rather than fill the cache */
const MAX_VARIANTS = 16;

/**
 * `queryRows` as a named prepared statement, in a transaction or on the pool: node-postgres parses it
 * once per connection and PostgreSQL keeps its plan, so a hot statement skips parse and plan on every
 * later run. Row-level security still holds: the policies read current_setting('app.tenant_id') when
 * the statement executes, and PostgreSQL replans a cached statement when the role differs. PGlite runs
 * it unnamed. Each distinct text gets its own name (`name_1`, `name_2`…: PostgreSQL takes one text per
 * name), so optional parts are fine; values must be parameters, never spliced into the text.
 */
export async function preparedRows<T>(db: Db | Tx, name: string, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  let statement = statementNames.get(built.sql);
  if (statement === undefined) {
    const n = (variantsOf.get(name) ?? 0) + 1;
    if (n > MAX_VARIANTS) return queryRows<T>(db, query);
    variantsOf.set(name, n);
    statementNames.set(built.sql, (statement = `${name}_${n}`));
  }
  const result = (await db._.session.prepareQuery(built, undefined, statement, false).execute()) as {
    rows: T[];
  };
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

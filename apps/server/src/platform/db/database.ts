import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { preparedRows } from './rows.ts';

export type Schema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** A plain connection for the migration runner: multi-statement SQL and session-level locks. */
export interface RawSession {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  release(): Promise<void>;
}

/** One transaction on one connection, as the connection's own role (bulk ingest, background jobs). */
export interface BulkSession {
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** COPY `target` (a table with a column list) from PostgreSQL's binary COPY format. */
  copyFrom(target: string, data: Buffer): Promise<void>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  /** Schema holding GreenMES's tables (the connection's search_path). */
  schema: string;
  rawSession(): Promise<RawSession>;
  poolStats(): { total: number; idle: number; waiting: number };
  /** Rows of a hot query outside any transaction: `preparedRows` (rows.ts) on the pool. */
  preparedRows<R>(name: string, query: SQL): Promise<R[]>;
  bulk<T>(fn: (session: BulkSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Already-open PGlite (tests load one from a migrated template). */
  pglite?: PGlite;
  schema?: string;
  poolMax?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options);
}

async function openPostgres(url: string, { schema, poolMax = 10 }: DatabaseOptions): Promise<Database> {
  if (schema) {
    // tests: one schema per test file, created before the pool pins search_path to it
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on next use
  });
  const client = await pool.connect(); // fail fast with a clear error when the URL is wrong
  const [{ current_schema }] = (await client.query<{ current_schema: string }>('SELECT current_schema()'))
    .rows as [{ current_schema: string }];
  client.release();
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    schema: current_schema,
    async rawSession() {
      const c = await pool.connect();
      return {
        exec: async (sql) => void (await c.query(sql)),
        query: async <R>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as R[],
        release: async () => c.release(),
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    preparedRows: <R>(name: string, query: SQL) => preparedRows<R>(db, name, query),
    async bulk(fn) {
      const c = await pool.connect();
      let broken = false;
      try {
        await c.query('BEGIN');
        const result = await fn({
          query: async <R>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as R[],
          copyFrom: (target, data) =>
            pipeline(
              Readable.from([data]),
              c.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT binary)`)),
            ),
        });
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => (broken = true));
        throw err;
      } finally {
        c.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite({ dataDir, pglite, schema }: DatabaseOptions): Promise<Database> {
  let client = pglite;
  if (!client) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    client = new PGlite(dataDir);
  }
  await client.waitReady;
  if (schema) await client.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path = "${schema}"`);
  const own = client;
  const [{ current_schema }] = (await own.query<{ current_schema: string }>('SELECT current_schema()'))
    .rows as [{ current_schema: string }];
  // One connection: a raw session holds it exclusively (as a pooled client would), so two
  // migrators in one process cannot interleave behind a re-entrant advisory lock.
  let held: Promise<void> = Promise.resolve();
  let busy = 0;
  const db = drizzlePglite(own) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    schema: current_schema,
    async rawSession() {
      const previous = held;
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      await previous;
      busy++;
      return {
        exec: async (sql) => void (await own.exec(sql)),
        query: async <R>(sql: string, params?: unknown[]) => (await own.query<R>(sql, params)).rows,
        release: async () => {
          busy--;
          release();
        },
      };
    },
    // PGlite is one connection; queries queue on it
    poolStats: () => ({ total: 1, idle: busy > 0 ? 0 : 1, waiting: 0 }),
    preparedRows: <R>(name: string, query: SQL) => preparedRows<R>(db, name, query),
    bulk: (fn) =>
      own.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows,
          copyFrom: async (target, data) =>
            void (await tx.query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT binary)`, [], {
              blob: new Blob([new Uint8Array(data)]),
            })),
        }),
      ),
    close: () => own.close(),
  };
}

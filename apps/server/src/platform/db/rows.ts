import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';

/** Raw SQL returning rows, the same on node-postgres and PGlite (both answer { rows }). */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

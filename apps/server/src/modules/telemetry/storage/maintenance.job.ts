import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inSystem } from '../../../platform/db/tenant-tx.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const partitionName = (dayMs: number) =>
  `samples_p${new Date(dayMs).toISOString().slice(0, 10).replaceAll('-', '')}`;

/** Day partitions of samples from yesterday to three days ahead (UTC days). */
export async function ensurePartitions(db: Db, now = Date.now()): Promise<string[]> {
  const created: string[] = [];
  const today = now - (now % DAY_MS);
  for (let day = today - DAY_MS; day <= today + 3 * DAY_MS; day += DAY_MS) {
    const name = partitionName(day);
    await inSystem(db, async (tx) => {
      const [exists] = await queryRows(
        tx,
        sql`SELECT 1 FROM pg_class WHERE relname = ${name} AND relnamespace = current_schema()::regnamespace`,
      );
      if (exists) return;
      // rows of that day already in the default partition (written while no partition existed) block it: pack them first
      const [stray] = await queryRows(
        tx,
        sql`SELECT 1 FROM samples_default WHERE ts >= ${new Date(day).toISOString()}::timestamptz AND ts < ${new Date(day + DAY_MS).toISOString()}::timestamptz LIMIT 1`,
      );
      if (stray) return;
      // the same forced policy as every tenant table, should anything ever read a partition directly
      const bounds = `FROM ('${new Date(day).toISOString()}') TO ('${new Date(day + DAY_MS).toISOString()}')`;
      for (const statement of [
        `CREATE TABLE ${name} PARTITION OF samples FOR VALUES ${bounds}`,
        `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`,
        `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`,
        `CREATE POLICY tenant_isolation ON ${name} USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()))`,
      ])
        await tx.execute(sql.raw(statement));
      created.push(name);
    });
  }
  return created;
}

/**
 * Packs raw samples older than `olderThanMs` into one row per metric per hour (offsets and values
 * as arrays: ≈12 bytes a point instead of ≈100), merging with any hour packed before, then drops
 * day partitions left empty. At most `maxHours` hours per call, oldest first.
 */
export async function runCompaction(
  db: Db,
  { olderThanMs, maxHours = 24, now = Date.now() }: { olderThanMs: number; maxHours?: number; now?: number },
): Promise<{ hours: number; points: number; droppedPartitions: string[] }> {
  const cutoff = now - olderThanMs - ((now - olderThanMs) % HOUR_MS);
  let hours = 0;
  let points = 0;
  while (hours < maxHours) {
    const [oldest] = await queryRows<{ ts: string | null }>(
      db,
      sql`SELECT min(ts) AS ts FROM (
            (SELECT min(ts) AS ts FROM samples_default WHERE ts < ${new Date(cutoff).toISOString()}::timestamptz)
            UNION ALL ${oldestInPartitions(cutoff)}) x`,
    );
    if (!oldest?.ts) break;
    const hour =
      Date.parse(new Date(oldest.ts).toISOString()) -
      (Date.parse(new Date(oldest.ts).toISOString()) % HOUR_MS);
    points += await inSystem(db, (tx) => packHour(tx, hour));
    hours++;
  }
  const droppedPartitions = await dropEmptyPartitions(db, cutoff);
  return { hours, points, droppedPartitions };
}

/** The earliest sample of each day partition that lies wholly or partly before the cutoff. */
function oldestInPartitions(cutoff: number) {
  return sql`(SELECT min(ts) AS ts FROM samples WHERE ts < ${new Date(cutoff).toISOString()}::timestamptz)`;
}

async function packHour(tx: Tx, hour: number): Promise<number> {
  const from = new Date(hour).toISOString();
  const to = new Date(hour + HOUR_MS).toISOString();
  const [row] = await queryRows<{ points: number }>(
    tx,
    sql`WITH raw AS (
          DELETE FROM samples WHERE ts >= ${from}::timestamptz AND ts < ${to}::timestamptz
          RETURNING tenant_id, metric_id, ts, value, text_value),
        old AS (
          DELETE FROM samples_packed p WHERE p.hour = ${from}::timestamptz
            AND (p.tenant_id, p.metric_id) IN (SELECT DISTINCT tenant_id, metric_id FROM raw)
          RETURNING p.*),
        merged AS (
          SELECT DISTINCT ON (tenant_id, metric_id, ts) * FROM (
            SELECT tenant_id, metric_id, ts, value, text_value FROM raw
            UNION ALL
            SELECT o.tenant_id, o.metric_id, o.hour + u.o * interval '1 millisecond', u.v, u.t
              FROM old o, unnest(o.offsets_ms, o."values", o.text_values) AS u(o, v, t)) all_rows
          ORDER BY tenant_id, metric_id, ts),
        packed AS (
          INSERT INTO samples_packed (tenant_id, metric_id, hour, offsets_ms, "values", text_values)
          SELECT tenant_id, metric_id, ${from}::timestamptz,
            array_agg((extract(epoch FROM ts - ${from}::timestamptz) * 1000)::integer ORDER BY ts),
            array_agg(value ORDER BY ts),
            CASE WHEN bool_or(text_value IS NOT NULL) THEN array_agg(text_value ORDER BY ts) END
          FROM merged GROUP BY tenant_id, metric_id
          RETURNING 1)
        SELECT count(*)::int AS points FROM raw`,
  );
  return row?.points ?? 0;
}

/** Day partitions wholly before the cutoff hold nothing once packed: drop them (space back at once). */
async function dropEmptyPartitions(db: Db, cutoff: number): Promise<string[]> {
  const parts = await queryRows<{ name: string; bound: string }>(
    db,
    sql`SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'samples'::regclass AND c.relname LIKE 'samples_p%'`,
  );
  const dropped: string[] = [];
  for (const p of parts) {
    const upper = /TO \('([^']+)'\)/.exec(p.bound)?.[1];
    if (!upper || Date.parse(upper) > cutoff) continue;
    await inSystem(db, async (tx) => {
      const [any] = await queryRows(tx, sql.raw(`SELECT 1 FROM ${p.name} LIMIT 1`));
      if (any) return;
      await tx.execute(sql.raw(`DROP TABLE ${p.name}`));
      dropped.push(p.name);
    });
  }
  return dropped;
}

/** Per-tenant retention of samples and each rollup resolution; ingest errors 14 days, finished webhook deliveries 30. */
export async function runRetention(db: Db): Promise<void> {
  await inSystem(db, async (tx) => {
    const days = (key: string, fallback: number) =>
      sql`coalesce((SELECT (value #>> '{}')::int FROM tenant_settings s WHERE s.tenant_id = x.tenant_id AND s.key = ${key}), ${fallback})`;
    await tx.execute(
      sql`DELETE FROM samples_packed x WHERE x.hour < now() - ${days('retentionRawDays', 90)} * interval '1 day'`,
    );
    await tx.execute(sql`DELETE FROM samples x WHERE x.ts < now() - ${days('retentionRawDays', 90)} * interval '1 day'
      AND x.ts < now() - interval '1 day'`);
    await tx.execute(
      sql`DELETE FROM rollups_1m x WHERE x.bucket < now() - ${days('retentionMinuteDays', 365)} * interval '1 day'`,
    );
    await tx.execute(
      sql`DELETE FROM rollups_1h x WHERE x.bucket < now() - ${days('retentionHourDays', 1825)} * interval '1 day'`,
    );
    await tx.execute(
      sql`DELETE FROM rollups_1d x WHERE x.bucket < now() - ${days('retentionDayDays', 3650)} * interval '1 day'`,
    );
    await tx.execute(sql`DELETE FROM ingest_errors WHERE at < now() - interval '14 days'`);
    // webhook deliveries are an outbox: finished ones are kept 30 days for the deliveries view
    await tx.execute(
      sql`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < now() - interval '30 days'`,
    );
  });
}

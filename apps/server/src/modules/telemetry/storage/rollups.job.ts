import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inSystem } from '../../../platform/db/tenant-tx.ts';
import {
  rawAggregateSql,
  rawRowsSql,
  rollupAggregateSql,
  tenantTzSql,
  upsertRollupSql,
} from './rollup-sql.ts';

/** Minutes this close to now are left to the queries: samples may still be in flight. */
export const ROLLUP_LAG_SECONDS = 120;
const MAX_WINDOW_MINUTES = 60;
const LATE_BATCH = 5000;

/**
 * Rolls raw samples up into minutes, minutes into hours, hours into days — incrementally: each
 * run takes the minutes between the watermark and (now − lag), plus the minutes the writer marked
 * as having received late data, and recomputes only the hours and days those touch.
 */
export async function runRollups(
  db: Db,
  { now }: { now?: Date } = {},
): Promise<{ minutes: number; late: number }> {
  return inSystem(db, async (tx) => {
    const [state] = await queryRows<{ watermark: string; target: string }>(
      tx,
      sql`SELECT watermark, least(date_trunc('minute', coalesce(${now?.toISOString() ?? null}::timestamptz, now())
            - ${ROLLUP_LAG_SECONDS} * interval '1 second'), watermark + ${MAX_WINDOW_MINUTES} * interval '1 minute') AS target
          FROM rollup_state WHERE id = 1 FOR UPDATE`,
    );
    if (!state) throw new Error('rollup_state has no row');
    const from = new Date(state.watermark).toISOString();
    const to = new Date(state.target).toISOString();
    let minutes = 0;
    if (to > from) {
      await tx.execute(
        upsertRollupSql(
          'rollups_1m',
          rawAggregateSql({ source: { range: { from, to } }, unit: 'minute', tz: sql`'UTC'` }),
        ),
      );
      await rollUpCoarser(
        tx,
        // the samples of the window (by their partitions), not a scan of the whole minute rollups
        sql`SELECT w.tenant_id, w.metric_id, w.ts AS bucket FROM (${rawRowsSql({ from, to })}) w`,
      );
      await tx.execute(sql`UPDATE rollup_state SET watermark = ${to}::timestamptz WHERE id = 1`);
      minutes = (Date.parse(to) - Date.parse(from)) / 60_000;
    }
    const late = await recomputeLate(tx);
    return { minutes, late };
  });
}

/**
 * Hours and days containing the touched minutes (`touchedMinutes` selects tenant_id, metric_id, bucket) are
 * recomputed from the finer rollups, each through an index range scan per touched bucket.
 */
async function rollUpCoarser(tx: Tx, touchedMinutes: ReturnType<typeof sql>) {
  for (const t of ['rollup_touched_hours', 'rollup_touched_days'])
    await tx.execute(
      sql`CREATE TEMP TABLE IF NOT EXISTS ${sql.identifier(t)} (tenant_id uuid, metric_id bigint,
        bucket_start timestamptz, bucket_end timestamptz) ON COMMIT DROP`,
    );
  await tx.execute(sql`TRUNCATE rollup_touched_hours, rollup_touched_days`);
  await tx.execute(sql`INSERT INTO rollup_touched_hours
    SELECT DISTINCT m.tenant_id, m.metric_id, date_trunc('hour', m.bucket, 'UTC'),
      date_trunc('hour', m.bucket, 'UTC') + interval '1 hour' FROM (${touchedMinutes}) m`);
  await tx.execute(sql`ANALYZE rollup_touched_hours`);
  await tx.execute(
    upsertRollupSql(
      'rollups_1h',
      rollupAggregateSql({
        table: 'rollups_1m',
        touched: sql`rollup_touched_hours`,
        unit: 'hour',
        tz: sql`'UTC'`,
      }),
    ),
  );
  // a day of the tenant's time zone ends where the next one starts (23 or 25 hours across a clock change)
  const tz = tenantTzSql(sql`h.tenant_id`);
  await tx.execute(sql`INSERT INTO rollup_touched_days
    SELECT DISTINCT h.tenant_id, h.metric_id, date_trunc('day', h.bucket_start, ${tz}),
      date_trunc('day', date_trunc('day', h.bucket_start, ${tz}) + interval '26 hours', ${tz})
    FROM rollup_touched_hours h`);
  await tx.execute(sql`ANALYZE rollup_touched_days`);
  await tx.execute(
    upsertRollupSql(
      'rollups_1d',
      rollupAggregateSql({
        table: 'rollups_1h',
        touched: sql`rollup_touched_days`,
        unit: 'day',
        tz: tenantTzSql(sql`r.tenant_id`),
      }),
    ),
  );
}

/**
 * Minutes that received samples after they were rolled up. A counter's next minute with data is
 * recomputed too: the late sample changes where the increase to the next sample falls.
 */
async function recomputeLate(tx: Tx): Promise<number> {
  const late = await queryRows<{ tenant_id: string; metric_id: string; bucket: string }>(
    tx,
    sql`DELETE FROM rollup_late WHERE (tenant_id, metric_id, bucket) IN (
          SELECT tenant_id, metric_id, bucket FROM rollup_late ORDER BY bucket LIMIT ${LATE_BATCH})
        RETURNING tenant_id, metric_id, bucket`,
  );
  if (!late.length) return 0;
  await tx.execute(
    sql`CREATE TEMP TABLE IF NOT EXISTS rollup_late_now (tenant_id uuid, metric_id bigint, bucket timestamptz) ON COMMIT DROP`,
  );
  await tx.execute(sql`TRUNCATE rollup_late_now`);
  await tx.execute(sql`INSERT INTO rollup_late_now
    SELECT * FROM unnest(${sql.param(late.map((l) => l.tenant_id))}::uuid[], ${sql.param(late.map((l) => l.metric_id))}::bigint[],
      ${sql.param(late.map((l) => new Date(l.bucket).toISOString()))}::timestamptz[])`);
  // a counter's next minute with data: its delta starts from the late minute's new last value
  await tx.execute(sql`INSERT INTO rollup_late_now
    SELECT DISTINCT l.tenant_id, l.metric_id, n.bucket FROM rollup_late_now l
    JOIN metrics m ON m.tenant_id = l.tenant_id AND m.id = l.metric_id AND m.kind = 'counter'
    CROSS JOIN LATERAL (SELECT r.bucket FROM rollups_1m r WHERE r.tenant_id = l.tenant_id AND r.metric_id = l.metric_id
      AND r.bucket > l.bucket ORDER BY r.bucket LIMIT 1) n
    WHERE NOT EXISTS (SELECT 1 FROM rollup_late_now x WHERE x.tenant_id = l.tenant_id AND x.metric_id = l.metric_id AND x.bucket = n.bucket)`);
  // all at once: each sample's previous value is the later of the late set's and the untouched rollups' (rawAggregateSql)
  await tx.execute(
    upsertRollupSql(
      'rollups_1m',
      rawAggregateSql({ source: { late: sql`rollup_late_now` }, unit: 'minute', tz: sql`'UTC'` }),
    ),
  );
  await rollUpCoarser(tx, sql`SELECT tenant_id, metric_id, bucket FROM rollup_late_now`);

  return late.length;
}

import { sql, type SQL } from 'drizzle-orm';

/**
 * The aggregate SQL shared by the rollup job and the series queries, so a stored rollup and one
 * computed on the fly are the same numbers. Every part returns partial aggregates:
 * (tenant_id, metric_id, bucket, count, sum, min, max, first, first_ts, last, last_ts, delta).
 */

export type BucketUnit = 'minute' | 'hour' | 'day';
export const ROLLUP_TABLE = { minute: 'rollups_1m', hour: 'rollups_1h', day: 'rollups_1d' } as const;

/** Bucket start of `col`: minutes and hours in UTC, days at midnight in the tenant's time zone. */
export function floorSql(col: SQL, unit: BucketUnit, tz: SQL): SQL {
  return unit === 'day' ? sql`date_trunc('day', ${col}, ${tz})` : sql`date_trunc(${unit}, ${col}, 'UTC')`;
}

/** A counter's increase from prev to value: resets count from zero, rollovers wrap at counter_max. */
export const counterIncSql = sql`CASE WHEN m.kind <> 'counter' THEN NULL
  WHEN d.prev IS NULL OR d.value IS NULL THEN 0
  WHEN d.value >= d.prev THEN d.value - d.prev
  WHEN m.counter_max IS NOT NULL AND d.prev - d.value > m.counter_max / 2 THEN d.value + m.counter_max - d.prev
  ELSE d.value END`;

/** Same rule in JS, for tests and the brute-force check. */
export function counterInc(prev: number | null, value: number, counterMax: number | null): number {
  if (prev === null) return 0;
  if (value >= prev) return value - prev;
  if (counterMax !== null && prev - value > counterMax / 2) return value + counterMax - prev;
  return value;
}

export interface RawRange {
  from: string;
  to: string;
  /** restrict to these metrics (queries); all metrics when absent (the job) */
  metricIds?: number[];
}

/** Raw and packed samples in [from, to) (tenant_id, metric_id, ts, value), pruned by partition and packed hour. */
export function rawRowsSql({ from, to, metricIds }: RawRange): SQL {
  const rawMetric = metricIds ? sql`AND s.metric_id = ANY(${sql.param(metricIds)})` : sql``;
  const packedMetric = metricIds ? sql`AND p.metric_id = ANY(${sql.param(metricIds)})` : sql``;
  return sql`SELECT s.tenant_id, s.metric_id, s.ts, s.value FROM samples s
      WHERE s.ts >= ${from}::timestamptz AND s.ts < ${to}::timestamptz ${rawMetric}
    UNION ALL
    SELECT p.tenant_id, p.metric_id, p.hour + u.o * interval '1 millisecond', u.v
      FROM samples_packed p, unnest(p.offsets_ms, p."values") AS u(o, v)
      WHERE p.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC') AND p.hour < ${to}::timestamptz ${packedMetric}
        AND p.hour + u.o * interval '1 millisecond' >= ${from}::timestamptz
        AND p.hour + u.o * interval '1 millisecond' < ${to}::timestamptz`;
}

/** Samples of given (tenant, metric, minute) buckets (late data), raw and packed. */
function lateSource(late: SQL): SQL {
  // LATERAL: an index probe per late minute, whatever the planner guesses of the late set's size
  return sql`SELECT l.tenant_id, l.metric_id, s.ts, s.value FROM ${late} l
      CROSS JOIN LATERAL (SELECT s.ts, s.value FROM samples s WHERE s.tenant_id = l.tenant_id
        AND s.metric_id = l.metric_id AND s.ts >= l.bucket AND s.ts < l.bucket + interval '1 minute') s
    UNION ALL
    SELECT l.tenant_id, l.metric_id, p.hour + u.o * interval '1 millisecond', u.v FROM ${late} l
      CROSS JOIN LATERAL (SELECT p.hour, p.offsets_ms, p."values" FROM samples_packed p WHERE p.tenant_id = l.tenant_id
        AND p.metric_id = l.metric_id AND p.hour = date_trunc('hour', l.bucket, 'UTC')) p,
      unnest(p.offsets_ms, p."values") AS u(o, v)
      WHERE p.hour + u.o * interval '1 millisecond' >= l.bucket
        AND p.hour + u.o * interval '1 millisecond' < l.bucket + interval '1 minute'`;
}

/**
 * Aggregates raw samples into buckets. A counter's first sample in the source takes its previous
 * value from the last minute rollup before it, so deltas stay right across the seams. Late minutes
 * are not contiguous: there a sample's previous value is the later of the source's sample before it
 * and the last minute rollup before its minute (a minute in between that was not late), so one
 * statement recomputes any number of late minutes.
 */
export function rawAggregateSql({
  source,
  unit,
  tz,
}: {
  source: { range: RawRange } | { late: SQL };
  unit: BucketUnit;
  tz: SQL;
}): SQL {
  const rows = 'range' in source ? rawRowsSql(source.range) : lateSource(source.late);
  const d2 =
    'range' in source
      ? sql`SELECT d.tenant_id, d.metric_id, d.ts, d.value,
        CASE WHEN d.n > 1 THEN d.lagged ELSE (
          SELECT r.last FROM rollups_1m r WHERE r.tenant_id = d.tenant_id AND r.metric_id = d.metric_id
            AND r.bucket < date_trunc('minute', d.ts, 'UTC') ORDER BY r.bucket DESC LIMIT 1) END AS prev
      FROM d`
      : sql`SELECT d.tenant_id, d.metric_id, d.ts, d.value,
        CASE WHEN d.lagged_ts >= date_trunc('minute', d.ts, 'UTC') THEN d.lagged
          WHEN p.last_ts IS NULL OR d.lagged_ts >= p.last_ts THEN d.lagged
          ELSE p.last END AS prev
      FROM d LEFT JOIN LATERAL (
        SELECT r.last, r.last_ts FROM rollups_1m r WHERE r.tenant_id = d.tenant_id AND r.metric_id = d.metric_id
          AND r.bucket < date_trunc('minute', d.ts, 'UTC') ORDER BY r.bucket DESC LIMIT 1) p
        ON d.lagged_ts IS NULL OR d.lagged_ts < date_trunc('minute', d.ts, 'UTC')`;
  return sql`WITH s AS (${rows}),
    d AS (
      SELECT s.tenant_id, s.metric_id, s.ts, s.value,
        lag(s.value) OVER w AS lagged, lag(s.ts) OVER w AS lagged_ts, row_number() OVER w AS n
      FROM s WINDOW w AS (PARTITION BY s.tenant_id, s.metric_id ORDER BY s.ts)
    ),
    d2 AS (${d2})
    SELECT d.tenant_id, d.metric_id, ${floorSql(sql`d.ts`, unit, tz)} AS bucket,
      count(*)::int AS count, sum(d.value) AS sum, min(d.value) AS min, max(d.value) AS max,
      (array_agg(d.value ORDER BY d.ts))[1] AS first, min(d.ts) AS first_ts,
      (array_agg(d.value ORDER BY d.ts DESC))[1] AS last, max(d.ts) AS last_ts,
      sum(${counterIncSql}) AS delta
    FROM d2 d JOIN metrics m ON m.tenant_id = d.tenant_id AND m.id = d.metric_id
    GROUP BY 1, 2, 3`;
}

/** The partial aggregates a bucket carries besides its count; `first` and `last` bring their times. */
export type PartialField = 'sum' | 'min' | 'max' | 'first' | 'last' | 'delta';
export const PARTIAL_FIELDS: readonly PartialField[] = ['sum', 'min', 'max', 'first', 'last', 'delta'];

/** Epoch milliseconds of a timestamptz, cut to the millisecond as node-postgres's Date is. */
export const epochMsSql = (ts: SQL) => sql`floor(extract(epoch FROM ${ts}) * 1000)::float8`;

/**
 * The merge of rollup rows `r` into one bucket's partial aggregates: `count`, then `fields` in table order
 * (the upsert inserts by position). The job stores all of them with timestamptz times; a series query
 * asks only for the fields its aggregate reads, times as epoch milliseconds, which parse far cheaper.
 */
export function mergedPartialsSql({
  fields = PARTIAL_FIELDS,
  epochMs = false,
}: { fields?: readonly PartialField[]; epochMs?: boolean } = {}): SQL {
  const time = (ts: SQL) => (epochMs ? epochMsSql(ts) : ts);
  const merged: Record<PartialField, SQL> = {
    sum: sql`sum(r.sum) AS sum`,
    min: sql`min(r.min) AS min`,
    max: sql`max(r.max) AS max`,
    first: sql`(array_agg(r.first ORDER BY r.first_ts))[1] AS first, ${time(sql`min(r.first_ts)`)} AS first_ts`,
    last: sql`(array_agg(r.last ORDER BY r.last_ts DESC))[1] AS last, ${time(sql`max(r.last_ts)`)} AS last_ts`,
    delta: sql`sum(r.delta) AS delta`,
  };
  return sql.join(
    [
      sql`sum(r.count)::int AS count`,
      ...PARTIAL_FIELDS.filter((f) => fields.includes(f)).map((f) => merged[f]),
    ],
    sql`, `,
  );
}

/**
 * Re-aggregates stored rollups of a finer table into coarser buckets: the rows matching `where`, or those
 * inside the buckets listed in `touched` (tenant_id, metric_id, bucket_start, bucket_end), found by index
 * range scans — the job's way, which stays cheap however large the rollup tables grow.
 */
export function rollupAggregateSql({
  table,
  where,
  touched,
  unit,
  tz,
}: {
  table: (typeof ROLLUP_TABLE)[BucketUnit];
  unit: BucketUnit;
  tz: SQL;
} & ({ where: SQL; touched?: undefined } | { touched: SQL; where?: undefined })): SQL {
  const from = touched
    ? sql`${touched} t JOIN ${sql.identifier(table)} r ON r.tenant_id = t.tenant_id AND r.metric_id = t.metric_id
        AND r.bucket >= t.bucket_start AND r.bucket < t.bucket_end`
    : sql`${sql.identifier(table)} r WHERE ${where}`;
  return sql`SELECT r.tenant_id, r.metric_id, ${floorSql(sql`r.bucket`, unit, tz)} AS bucket, ${mergedPartialsSql()}
    FROM ${from}
    GROUP BY 1, 2, 3`;
}

/** Upsert of aggregate rows into a rollup table (recomputed buckets replace what was there). */
export function upsertRollupSql(table: (typeof ROLLUP_TABLE)[BucketUnit], select: SQL): SQL {
  return sql`INSERT INTO ${sql.identifier(table)} (tenant_id, metric_id, bucket, count, sum, min, max, first, first_ts, last, last_ts, delta)
    ${select}
    ON CONFLICT (tenant_id, metric_id, bucket) DO UPDATE SET count = excluded.count, sum = excluded.sum,
      min = excluded.min, max = excluded.max, first = excluded.first, first_ts = excluded.first_ts,
      last = excluded.last, last_ts = excluded.last_ts, delta = excluded.delta`;
}

/** The tenant's time zone for day buckets, per row (tenant_settings.timezone). */
export const tenantTzSql = (tenantCol: SQL) =>
  sql`coalesce((SELECT value #>> '{}' FROM tenant_settings WHERE tenant_id = ${tenantCol} AND key = 'timezone'), 'Asia/Shanghai')`;

import { sql, type SQL } from 'drizzle-orm';
import type {
  Aggregate,
  Resolution,
  TIngestError,
  TIngestErrorQuery,
  TPage,
  TSeries,
  TSeriesExportQuery,
  TSeriesQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { pageWindow } from '../../platform/db/paging.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { writeSheet, XLSX_TYPE } from '../../platform/excel/excel.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { readSettings } from '../platform/settings.service.ts';
import { deviceScope } from './devices.service.ts';
import {
  aggregateValue,
  lttb,
  merge,
  mergeByTime,
  minMax,
  shownBuckets,
  type Bucket,
  type Point,
} from './storage/downsample.ts';
import {
  epochMsSql,
  mergedPartialsSql,
  PARTIAL_FIELDS,
  rawAggregateSql,
  rawRowsSql,
  rollupAggregateSql,
  ROLLUP_TABLE,
  type BucketUnit,
  type PartialField,
} from './storage/rollup-sql.ts';

const MINUTE = 60_000;
const RAW_MAX_SPAN_MS = 31 * 86_400_000;
const RAW_AUTO_SPAN_MS = 2 * 3_600_000;
const UNIT: Record<Exclude<Resolution, 'raw'>, BucketUnit> = { '1m': 'minute', '1h': 'hour', '1d': 'day' };
const BUCKET_MS: Record<Exclude<Resolution, 'raw'>, number> = {
  '1m': MINUTE,
  '1h': 60 * MINUTE,
  '1d': 1440 * MINUTE,
};

interface MetricInfo {
  id: number;
  key: string;
  name: string;
  unit_code: string | null;
  device_code: string;
}

/** The metrics asked for, if the caller may see them all (else 404 naming the first one missing). */
async function visibleMetrics(ctx: Ctx, ids: number[]): Promise<MetricInfo[]> {
  const scope = await deviceScope(ctx);
  const rows = await queryRows<MetricInfo & { id: string }>(
    ctx.tx,
    sql`SELECT m.id, m.key, m.name, m.unit_code, d.code AS device_code FROM metrics m
        JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
        WHERE m.id = ANY(${sql.param(ids)}) ${scope ? sql`AND ${scope}` : sql``}`,
  );
  const found = new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('NOT_FOUND', { entity: `metric ${missing}` });
  return ids.map((id) => found.get(id)!);
}

/**
 * The most points a series answer carries, whatever `maxPoints` asks: a chart is at most a couple of
 * thousand pixels wide, and more points only cost the browser time and memory (issue 7).
 */
export const MAX_POINTS_PER_SERIES = 2_000;

/**
 * The finest resolution that keeps the bucket count within `readFactor` × the points asked for: the
 * surplus is what downsampling picks peaks from, and a week of a 1-second metric reads its 10,080 minute
 * rollups, not 604,800 samples. Exact answers (no downsampling) take `readFactor` 1 and may skip raw.
 */
export function autoResolution(
  spanMs: number,
  maxPoints: number,
  { readFactor = 20, allowRaw = true }: { readFactor?: number; allowRaw?: boolean } = {},
): Resolution {
  if (allowRaw && spanMs <= RAW_AUTO_SPAN_MS) return 'raw';
  for (const r of ['1m', '1h'] as const) if (spanMs / BUCKET_MS[r] <= maxPoints * readFactor) return r;
  return '1d';
}

/** Columns of a part's rows besides `metric_id` and `bucket`: its partial aggregates, times in epoch ms. */
type PartColumn = 'buckets' | 'count' | PartialField | 'first_ts' | 'last_ts';

/** The fields `agg` is computed from; every field without an aggregate (exports and energy read whole buckets). */
const fieldsFor = (agg?: Aggregate): readonly PartialField[] =>
  agg === undefined ? PARTIAL_FIELDS : agg === 'avg' ? ['sum'] : agg === 'count' ? [] : [agg];

/** `fields` of a partial-aggregate row `p`, as `mergedPartialsSql` names them, times in epoch milliseconds. */
function copiedPartialsSql(fields: readonly PartialField[]): SQL {
  const copied: Record<PartialField, SQL> = {
    sum: sql`p.sum`,
    min: sql`p.min`,
    max: sql`p.max`,
    first: sql`p.first, ${epochMsSql(sql`p.first_ts`)} AS first_ts`,
    last: sql`p.last, ${epochMsSql(sql`p.last_ts`)} AS last_ts`,
    delta: sql`p.delta`,
  };
  return sql.join([sql`p.count`, ...fields.map((f) => copied[f])], sql`, `);
}

/**
 * The rows of `rows` (metric_id, bucket, then `columns`) as one row per metric holding a JSON array per
 * column, in bucket order: node-postgres makes an object per row and a string per value, JSON.parse reads a
 * week of groups at native speed (issue 7). Numbers print as PostgreSQL prints them in rows: the same doubles.
 */
function columnsSql(rows: SQL, columns: readonly PartColumn[]): SQL {
  const arrays = ['bucket', ...columns].map((c) => sql`array_agg(c.${sql.identifier(c)} ORDER BY c.bucket)`);
  return sql`SELECT c.metric_id, json_build_array(${sql.join(arrays, sql`, `)}) AS columns
    FROM (${rows}) c GROUP BY 1`;
}

export { aggregateValue, type Bucket } from './storage/downsample.ts';

/**
 * Buckets of `resolution` over [from, to): stored rollups where complete, re-aggregated finer
 * rollups at the seams, and raw samples after the rollup watermark — the same numbers the job stores.
 */
export async function bucketSeries(
  ctx: Ctx,
  ids: number[],
  from: number,
  to: number,
  resolution: Exclude<Resolution, 'raw'>,
): Promise<Map<number, Bucket[]>> {
  const read = await readBuckets(ctx, ids, from, to, resolution);
  return new Map([...read].map(([id, r]) => [id, r.buckets]));
}

/**
 * `bucketSeries`, optionally merged into wider buckets of `groupMs` (a multiple of the resolution's,
 * counted from the first bucket of the range): the stored rollups are merged by PostgreSQL, so a week of
 * minutes crosses the wire as a couple of thousand rows, not ten thousand. Given `agg`, buckets carry only
 * the fields it reads (the others are null, their times the bucket's). `sourceBuckets` counts the
 * resolution's buckets before merging.
 */
async function readBuckets(
  ctx: Ctx,
  ids: number[],
  from: number,
  to: number,
  resolution: Exclude<Resolution, 'raw'>,
  { groupMs, agg }: { groupMs?: number; agg?: Aggregate } = {},
): Promise<Map<number, { buckets: Bucket[]; sourceBuckets: number }>> {
  const unit = UNIT[resolution];
  // only day buckets follow the tenant's zone: minutes and hours are UTC, and skip reading the settings
  const tz = unit === 'day' ? sql`${(await readSettings(ctx.tx, ctx.actor.tenantId)).timezone}` : sql`'UTC'`;
  // minutes with late samples the job has not recomputed yet are read raw, like those after the watermark
  const [b] = await queryRows<{ w: Date; h: Date; d: Date; f: Date }>(
    ctx.tx,
    sql`SELECT w, date_trunc('hour', w, 'UTC') AS h, date_trunc('day', w, ${tz}) AS d,
          ${unit === 'day' ? sql`date_trunc('day', ${new Date(from).toISOString()}::timestamptz, ${tz})` : sql`date_trunc(${unit}, ${new Date(from).toISOString()}::timestamptz, 'UTC')`} AS f
        FROM (SELECT least(watermark, (SELECT min(bucket) FROM rollup_late WHERE metric_id = ANY(${sql.param(ids)})
          AND bucket >= ${new Date(from).toISOString()}::timestamptz - interval '1 day')) AS w
          FROM rollup_state WHERE id = 1) x`,
  );
  const W = new Date(b!.w).getTime();
  const seams = { day: new Date(b!.d).getTime(), hour: new Date(b!.h).getTime(), minute: W };
  const start = new Date(b!.f).getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const range = (a: number, z: number) =>
    sql`r.metric_id = ANY(${sql.param(ids)}) AND r.bucket >= ${iso(a)}::timestamptz AND r.bucket < ${iso(z)}::timestamptz`;
  // day buckets follow the tenant's zone (23- or 25-hour days): only minutes and hours are merged by width
  const group = groupMs && unit !== 'day' && groupMs > BUCKET_MS[resolution] ? groupMs : undefined;
  const groupOf = (t: number) => (group ? start + Math.floor((t - start) / group) * group : t);
  const fields = fieldsFor(agg);
  const columns: PartColumn[] = [
    'count',
    ...fields.flatMap((f): PartColumn[] => (f === 'first' || f === 'last' ? [f, `${f}_ts`] : [f])),
  ];
  const copied = (part: SQL) =>
    sql`SELECT p.metric_id, ${epochMsSql(sql`p.bucket`)} AS bucket, ${copiedPartialsSql(fields)} FROM (${part}) p`;

  const parts: Array<{ sql: SQL; grouped: boolean }> = [];
  const levels: BucketUnit[] = ['day', 'hour', 'minute'];
  let cursor = start;
  for (const level of levels.slice(levels.indexOf(unit))) {
    const end = Math.min(to, seams[level]);
    if (end > cursor) {
      const table = sql.identifier(ROLLUP_TABLE[level]);
      parts.push(
        level !== unit
          ? {
              sql: copied(
                rollupAggregateSql({ table: ROLLUP_TABLE[level], where: range(cursor, end), unit, tz }),
              ),
              grouped: false,
            }
          : group
            ? {
                // the rollup job's merge over groups of `group` ms instead of calendar units, of the fields shown:
                // the ordered array_agg of first and last is the costly part
                sql: sql`SELECT r.metric_id,
                    ${start}::float8 + floor((extract(epoch FROM r.bucket)::float8 * 1000 - ${start}::float8) / ${group}::float8) * ${group}::float8 AS bucket,
                    count(*)::int AS buckets, ${mergedPartialsSql({ fields, epochMs: true })}
                  FROM ${table} r WHERE ${range(cursor, end)} GROUP BY 1, 2`,
                grouped: true,
              }
            : { sql: copied(sql`SELECT r.* FROM ${table} r WHERE ${range(cursor, end)}`), grouped: false },
      );
      cursor = end;
    }
  }
  if (to > cursor)
    parts.push({
      sql: copied(
        rawAggregateSql({ source: { range: { from: iso(cursor), to: iso(to), metricIds: ids } }, unit, tz }),
      ),
      grouped: false,
    });

  const out = new Map(
    ids.map((id) => [
      id,
      { buckets: [] as Bucket[], sources: new Set<number>(), stored: 0, isOrdered: true },
    ]),
  );
  for (const part of parts) {
    const names: readonly PartColumn[] = part.grouped ? ['buckets', ...columns] : columns;
    const rows = await queryRows<{ metric_id: string | number; columns: Array<Array<number | null>> }>(
      ctx.tx,
      columnsSql(part.sql, names),
    );
    for (const r of rows) {
      const [times, ...values] = r.columns as [number[], ...Array<Array<number | null>>];
      const c: Partial<Record<PartColumn, Array<number | null>>> = {};
      names.forEach((name, k) => (c[name] = values[k]));
      const series = out.get(Number(r.metric_id))!;
      for (let i = 0; i < times.length; i++) {
        const t = times[i]!;
        const bucket: Bucket = {
          t: groupOf(t),
          count: c.count![i]!,
          // fields the aggregate does not read stay null, their times the bucket's
          sum: c.sum?.[i] ?? null,
          min: c.min?.[i] ?? null,
          max: c.max?.[i] ?? null,
          first: c.first?.[i] ?? null,
          firstTs: c.first_ts?.[i] ?? t,
          last: c.last?.[i] ?? null,
          lastTs: c.last_ts?.[i] ?? t,
          delta: c.delta?.[i] ?? null,
        };
        // a bucket split across parts (a seam) is one bucket: count distinct times, or the rows a group merged
        if (part.grouped) series.stored += c.buckets![i]!;
        else series.sources.add(t);
        // the parts follow each other in time, so a seam's other half is the last bucket so far
        const last = series.buckets[series.buckets.length - 1];
        if (last?.t === bucket.t) merge(last, bucket);
        else {
          if (last && last.t > bucket.t) series.isOrdered = false;
          series.buckets.push(bucket);
        }
      }
    }
  }
  return new Map(
    [...out].map(([id, s]) => [
      id,
      {
        buckets: s.isOrdered ? s.buckets : mergeByTime(s.buckets),
        sourceBuckets: s.stored + s.sources.size,
      },
    ]),
  );
}

async function rawSeries(ctx: Ctx, ids: number[], from: number, to: number): Promise<Map<number, Point[]>> {
  if (to - from > RAW_MAX_SPAN_MS)
    throw new AppError('VALIDATION', {}, [
      {
        path: 'querystring.resolution',
        message: 'raw data spans at most 31 days per query; choose 1m, 1h or 1d',
      },
    ]);
  const rows = await queryRows<{ metric_id: string; ts: number; value: number | null }>(
    ctx.tx,
    sql`SELECT r.metric_id, ${epochMsSql(sql`r.ts`)} AS ts, r.value FROM (${rawRowsSql({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), metricIds: ids })}) r
        ORDER BY r.metric_id, r.ts`,
  );
  const out = new Map<number, Point[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(Number(r.metric_id))!.push([r.ts, r.value]);
  return out;
}

async function loadSeries(
  ctx: Ctx,
  query: TSeriesQuery,
  resolution: Resolution,
  limit: number,
): Promise<{ sources: Map<number, number>; shown: Map<number, Point[]> }> {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const sources = new Map<number, number>();
  const shown = new Map<number, Point[]>();
  if (resolution === 'raw') {
    for (const [id, source] of await rawSeries(ctx, query.metricIds, from, to)) {
      sources.set(id, source.length);
      shown.set(
        id,
        query.downsample === 'none' || source.length <= limit
          ? source
          : query.downsample === 'minmax'
            ? minMax(source, limit)
            : lttb(source, limit),
      );
    }
    return { sources, shown };
  }
  // downsampled answers read at most about twice the points they show: PostgreSQL merges the rest
  const buckets = Math.ceil((to - from) / BUCKET_MS[resolution]);
  const groupMs =
    query.downsample !== 'none' && buckets > 2 * limit
      ? Math.ceil(buckets / (2 * limit)) * BUCKET_MS[resolution]
      : BUCKET_MS[resolution];
  const options = { agg: query.agg, limit, downsample: query.downsample, bucketMs: groupMs };
  for (const [id, read] of await readBuckets(ctx, query.metricIds, from, to, resolution, {
    groupMs,
    agg: query.agg,
  })) {
    sources.set(id, read.sourceBuckets);
    shown.set(id, shownBuckets(read.buckets, options));
  }
  return { sources, shown };
}

export async function getSeries({ ctx, query }: { ctx: Ctx; query: TSeriesQuery }): Promise<TSeries> {
  const metrics = await visibleMetrics(ctx, query.metricIds);
  const span = Date.parse(query.to) - Date.parse(query.from);
  // maxPoints above the cap is accepted (older clients send up to 10,000) and answered with the cap
  const limit = Math.min(query.maxPoints, MAX_POINTS_PER_SERIES);
  const exact = query.downsample === 'none';
  let resolution =
    query.resolution === 'auto'
      ? autoResolution(span, limit, exact ? { readFactor: 1 } : {})
      : query.resolution;
  let loaded = await loadSeries(ctx, query, resolution, limit);
  // exact and automatic: raw only when its samples fit, else the finest rollup that does
  if (exact && query.resolution === 'auto' && Math.max(0, ...loaded.sources.values()) > limit) {
    resolution = autoResolution(span, limit, { readFactor: 1, allowRaw: false });
    loaded = await loadSeries(ctx, query, resolution, limit);
  }
  return {
    resolution,
    agg: query.agg,
    series: metrics.map((m) => {
      const sourcePoints = loaded.sources.get(m.id) ?? 0;
      // downsample=none is the exact answer for machines (exports, checks), bounded so it cannot exhaust memory
      if (exact && sourcePoints > 100_000)
        throw new AppError('VALIDATION', {}, [
          {
            path: 'querystring.downsample',
            message: `${sourcePoints} points; downsample or narrow the range`,
          },
        ]);
      return {
        metricId: m.id,
        key: m.key,
        name: m.name,
        unitCode: m.unit_code,
        sourcePoints,
        points: loaded.shown.get(m.id) ?? [],
      };
    }),
  };
}

const EXPORT_MAX_ROWS = { csv: 2_000_000, xlsx: 500_000 };

/** One row per timestamp, one column per metric: raw values, or each bucket's average. */
export async function exportSeries({ ctx, query }: { ctx: Ctx; query: TSeriesExportQuery }) {
  const metrics = await visibleMetrics(ctx, query.metricIds);
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const series =
    query.resolution === 'raw'
      ? await rawSeries(ctx, query.metricIds, from, to)
      : new Map(
          [...(await bucketSeries(ctx, query.metricIds, from, to, query.resolution))].map(([id, buckets]) => [
            id,
            buckets.map((b): Point => [b.t, aggregateValue(b, 'avg')]),
          ]),
        );
  const byTs = new Map<number, Array<number | null>>();
  metrics.forEach((m, i) => {
    for (const [t, v] of series.get(m.id) ?? []) {
      let row = byTs.get(t);
      if (!row) byTs.set(t, (row = new Array<number | null>(metrics.length).fill(null)));
      row[i] = v;
    }
  });
  if (byTs.size > EXPORT_MAX_ROWS[query.format])
    throw new AppError('VALIDATION', {}, [
      {
        path: 'querystring.resolution',
        message: `${byTs.size} rows exceed the ${query.format} limit of ${EXPORT_MAX_ROWS[query.format]}; narrow the range or choose a coarser resolution`,
      },
    ]);
  const times = [...byTs.keys()].sort((a, b) => a - b);
  const headers = metrics.map((m) => `${m.device_code}.${m.key}${m.unit_code ? ` (${m.unit_code})` : ''}`);
  const stamp = `${new Date(from).toISOString().slice(0, 10)}_${query.resolution}`;
  if (query.format === 'csv') {
    const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = [['ts', ...headers].map(quote).join(',')];
    for (const t of times)
      lines.push(
        [new Date(t).toISOString(), ...byTs.get(t)!.map((v) => (v === null ? '' : String(v)))].join(','),
      );
    return {
      body: `\uFEFF${lines.join('\n')}\n`,
      contentType: 'text/csv; charset=utf-8',
      filename: `telemetry-${stamp}.csv`,
    };
  }
  const body = await writeSheet({
    sheetName: 'telemetry',
    columns: [
      { key: 'ts', header: '时间 / Time', width: 26 },
      ...headers.map((h, i) => ({ key: `m${i}`, header: h, width: 18 })),
    ],
    rows: times.map((t) => ({
      ts: new Date(t).toISOString(),
      ...Object.fromEntries(byTs.get(t)!.map((v, i) => [`m${i}`, v])),
    })),
  });
  return { body, contentType: XLSX_TYPE, filename: `telemetry-${stamp}.xlsx` };
}

export async function listIngestErrors({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TIngestErrorQuery;
}): Promise<TPage<TIngestError>> {
  const { limit, offset } = pageWindow(query);
  const where = sql.join(
    [
      sql`true`,
      ...(query.deviceId ? [sql`e.device_id = ${query.deviceId}`] : []),
      ...(query.q
        ? [
            sql`(e.reason ILIKE ${`%${query.q}%`} OR e.metric_key ILIKE ${`%${query.q}%`} OR d.code ILIKE ${`%${query.q}%`})`,
          ]
        : []),
    ],
    sql` AND `,
  );
  const from = sql`FROM ingest_errors e LEFT JOIN devices d ON d.tenant_id = e.tenant_id AND d.id = e.device_id WHERE ${where}`;
  const [{ total }] = (await queryRows<{ total: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS total ${from}`,
  )) as [{ total: number }];
  const rows = await queryRows<{
    id: string;
    device_id: string | null;
    device_code: string | null;
    transport: string;
    at: Date | string;
    metric_key: string | null;
    sample_ts: string | null;
    reason: string;
    detail: string | null;
  }>(
    ctx.tx,
    sql`SELECT e.id, e.device_id, d.code AS device_code, e.transport, e.at, e.metric_key, e.sample_ts, e.reason, e.detail
        ${from} ORDER BY e.at DESC, e.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  if (query.deviceId && !rows.length && total === 0) {
    const [device] = await queryRows(ctx.tx, sql`SELECT 1 FROM devices WHERE id = ${query.deviceId}`);
    if (!device) throw notFound('device');
  }
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      deviceId: r.device_id,
      deviceCode: r.device_code,
      transport: r.transport,
      at: new Date(r.at).toISOString(),
      metricKey: r.metric_key,
      sampleTs: r.sample_ts,
      reason: r.reason,
      detail: r.detail,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

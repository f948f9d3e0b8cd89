/**
 * The long-range chart query: a 1-second metric with seven days of samples, rolled up by the server's own
 * rollup job, then the trend chart's 7-day request timed over HTTP from a few concurrent clients.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { inTenant } from '../../apps/server/src/platform/db/tenant-tx.ts';
import { ensurePartitions } from '../../apps/server/src/modules/telemetry/storage/maintenance.job.ts';
import { runRollups } from '../../apps/server/src/modules/telemetry/storage/rollups.job.ts';
import { expect } from '../ingest/provision.ts';
import { percentile } from '../ingest/report.ts';

const DAY = 86_400_000;

/** A device with one number metric, through the REST API; returns the metric's id. */
export async function makeSecondMetric({ httpUrl, token }: { httpUrl: string; token: string }) {
  const device = await expect<{ id: string }>(httpUrl, 201, {
    method: 'POST',
    path: '/api/v1/devices',
    token,
    body: {
      code: 'BENCH-1S',
      name: 'Spindle power, 1 s',
      metrics: [{ key: 'power', name: 'Power', valueType: 'number', kind: 'gauge' }],
    },
  });
  const metrics = await expect<Array<{ id: number }>>(httpUrl, 200, {
    path: `/api/v1/devices/${device.id}/metrics`,
    token,
  });
  return metrics[0]!.id;
}

/**
 * `days` × 86,400 samples (one a second, ending now) inserted by generate_series in the tenant's RLS
 * transaction, into day partitions made by the partition job; then the rollup job from `days` ago until
 * it has caught up — minute, hour and day rollups as production would hold them. Returns timings.
 */
export async function seedSecondMetric({
  databaseUrl,
  schema,
  tenantId,
  metricId,
  days,
}: {
  databaseUrl: string;
  schema: string;
  tenantId: string;
  metricId: number;
  days: number;
}): Promise<{ samples: number; insertMs: number; rollupMs: number; rollupRuns: number }> {
  const database = await openDatabase({ databaseUrl, schema, poolMax: 2 });
  try {
    const end = Date.now() - (Date.now() % 1000);
    const start = end - days * DAY;
    for (let day = start; day <= end + DAY; day += DAY) await ensurePartitions(database.db, day);
    const t0 = performance.now();
    const samples = days * 86_400;
    await inTenant(database.db, tenantId, async (tx) => {
      // a load curve: a daily shape, a slower drift and noise, so LTTB has peaks to keep
      await tx.execute(sql`INSERT INTO samples (tenant_id, metric_id, ts, value)
        SELECT ${tenantId}::uuid, ${metricId}, ${new Date(start).toISOString()}::timestamptz + i * interval '1 second',
          round((40 + 25 * sin(i * 2 * pi() / 86400) + 5 * sin(i / 1000.0) + 3 * random())::numeric, 2)
        FROM generate_series(0, ${samples - 1}) i`);
    });
    const insertMs = performance.now() - t0;
    await database.db.execute(
      sql`UPDATE rollup_state SET watermark = date_trunc('minute', ${new Date(start).toISOString()}::timestamptz)
          WHERE watermark > ${new Date(start).toISOString()}::timestamptz`,
    );
    const t1 = performance.now();
    let rollupRuns = 0;
    // the job's own code, one hour window a run, until it reaches now − lag (the server's job may run meanwhile)
    for (; rollupRuns < days * 24 + 100; rollupRuns++) if (!(await runRollups(database.db)).minutes) break;
    await database.db.execute(sql`ANALYZE samples`);
    await database.db.execute(sql`ANALYZE rollups_1m`);
    return { samples, insertMs, rollupMs: performance.now() - t1, rollupRuns };
  } finally {
    await database.close();
  }
}

export interface QueryTimes {
  requests: number;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
  resolution: string;
  sourcePoints: number;
  points: number;
  bytes: number;
}

/**
 * The trend chart's request for the last 7 days (TrendPanel: resolution auto, agg avg, maxPoints 1200, LTTB),
 * `requests` times from `concurrency` clients, each on the clock of its own send as the chart's is.
 */
export async function timeSeriesQuery({
  httpUrl,
  token,
  metricId,
  requests,
  concurrency,
  warmup,
}: {
  httpUrl: string;
  token: string;
  metricId: number;
  requests: number;
  concurrency: number;
  warmup: number;
}): Promise<QueryTimes> {
  let last = { resolution: '', sourcePoints: 0, points: 0, bytes: 0 };
  const once = async () => {
    const to = Date.now();
    const query = new URLSearchParams({
      metricIds: String(metricId),
      from: new Date(to - 7 * DAY).toISOString(),
      to: new Date(to).toISOString(),
      resolution: 'auto',
      agg: 'avg',
      maxPoints: '1200',
    });
    const started = performance.now();
    const res = await fetch(`${httpUrl}/api/v1/telemetry/series?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`series query: ${res.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as {
      resolution: string;
      series: Array<{ sourcePoints: number; points: unknown[] }>;
    };
    last = {
      resolution: body.resolution,
      sourcePoints: body.series[0]!.sourcePoints,
      points: body.series[0]!.points.length,
      bytes: text.length,
    };
    return elapsed;
  };
  for (let i = 0; i < warmup; i++) await once();
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) times.push(await once());
    }),
  );
  const wall = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    concurrency,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    perSecond: (times.length / wall) * 1000,
    ...last,
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AGGREGATES } from '@greenmes/contracts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { MAX_POINTS_PER_SERIES } from './series.service.ts';
import { merge, shownBuckets, type Bucket } from './storage/downsample.ts';
import { runRollups } from './storage/rollups.job.ts';

let t: TestApp;
let token: string;
let tenantId: string;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEP_S = 5;
/** Two days of a 5-second gauge and counter, ending an hour ago: rolled up, except the last hour. */
const SPAN = 2 * DAY;
let base: number;
let gauge: number;
let counter: number;
/** The samples' values, as generated in SQL below (i = seconds from base ÷ STEP_S). */
const gaugeAt = (i: number) => (i === 12_345 ? 5000 : i === 23_456 ? -5000 : Math.sin(i / 300) * 100);
const COUNTER_STEP = 3;

interface SeriesAnswer {
  resolution: string;
  series: Array<{ sourcePoints: number; points: Array<[number, number | null]> }>;
}

async function series(params: Record<string, string | number>): Promise<SeriesAnswer> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await t.call({ url: `/api/v1/telemetry/series?${query}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SeriesAnswer>();
}

const range = { from: () => new Date(base).toISOString(), to: () => new Date(base + SPAN).toISOString() };
const values = (a: SeriesAnswer) => a.series[0]!.points.map((p) => p[1]!);

beforeAll(async () => {
  t = await startTestApp();
  ({ token, tenantId } = await t.makeTenant('series-a'));
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/devices',
    token,
    body: {
      code: 'SERIES-1',
      name: 'Series',
      metrics: [
        { key: 'g', name: 'gauge', valueType: 'number', kind: 'gauge' },
        { key: 'c', name: 'counter', valueType: 'number', kind: 'counter' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const metrics = (
    await t.call({ url: `/api/v1/devices/${res.json<{ id: string }>().id}/metrics`, token })
  ).json<Array<{ id: number; key: string }>>();
  gauge = metrics.find((m) => m.key === 'g')!.id;
  counter = metrics.find((m) => m.key === 'c')!.id;

  const now = Date.now();
  base = now - SPAN - HOUR - ((now - SPAN - HOUR) % HOUR);
  const n = SPAN / 1000 / STEP_S;
  // in the tenant's own transaction, as the writer stores them (RLS checks tenant_id)
  await inTenant(t.database.db, tenantId, async (tx) => {
    await tx.execute(sql`INSERT INTO samples (tenant_id, metric_id, ts, value)
      SELECT ${tenantId}::uuid, ${gauge}, ${new Date(base).toISOString()}::timestamptz + i * ${STEP_S} * interval '1 second',
        CASE i WHEN 12345 THEN 5000 WHEN 23456 THEN -5000 ELSE sin(i / 300.0) * 100 END
      FROM generate_series(0, ${n - 1}) i`);
    await tx.execute(sql`INSERT INTO samples (tenant_id, metric_id, ts, value)
      SELECT ${tenantId}::uuid, ${counter}, ${new Date(base).toISOString()}::timestamptz + i * ${STEP_S} * interval '1 second',
        i * ${COUNTER_STEP} FROM generate_series(0, ${n - 1}) i`);
  });
  await t.database.db.execute(
    sql`UPDATE rollup_state SET watermark = ${new Date(base).toISOString()}::timestamptz`,
  );
  // the job's own code, an hour window a run, as in production
  for (let i = 0; i < 200; i++) if (!(await runRollups(t.database.db)).minutes) break;
}, 300_000);
afterAll(() => t?.close());

describe('series answers', () => {
  it(`carry at most ${MAX_POINTS_PER_SERIES} points per series on every path, whatever maxPoints asks`, async () => {
    const combos: Array<[string, string, string]> = [];
    for (const resolution of ['auto', 'raw', '1m', '1h', '1d'])
      for (const agg of ['avg', 'max', 'sum'])
        for (const downsample of ['lttb', 'minmax']) combos.push([resolution, agg, downsample]);
    for (const [resolution, agg, downsample] of combos) {
      const answer = await series({
        metricIds: `${gauge},${counter}`,
        from: range.from(),
        to: range.to(),
        resolution,
        agg,
        downsample,
        maxPoints: 10_000,
      });
      for (const s of answer.series) {
        expect(s.points.length, `${resolution} ${agg} ${downsample}`).toBeLessThanOrEqual(
          MAX_POINTS_PER_SERIES,
        );
        expect(s.points.length).toBeGreaterThan(0);
        for (let i = 1; i < s.points.length; i++)
          expect(s.points[i]![0]).toBeGreaterThan(s.points[i - 1]![0]);
      }
    }
  });

  it('reads minute rollups for a long range, merged by PostgreSQL to twice the points, then keeps the spikes', async () => {
    const answer = await series({ metricIds: gauge, from: range.from(), to: range.to(), maxPoints: 1200 });
    expect(answer.resolution).toBe('1m');
    expect(answer.series[0]!.sourcePoints).toBe(SPAN / MIN); // one bucket a minute, not 34,560 samples
    expect(answer.series[0]!.points).toHaveLength(1200);
    // 2,880 minutes > 2 × 1,200: pairs of minutes (from the range's first) are merged, then LTTB keeps each
    // spike as its pair's exact average
    const perGroup = 2 * (60 / STEP_S);
    const groupAvg = (i: number) => {
      const first = i - (i % perGroup);
      let sum = 0;
      for (let k = first; k < first + perGroup; k++) sum += gaugeAt(k);
      return sum / perGroup;
    };
    const vs = values(answer);
    expect(Math.max(...vs)).toBeCloseTo(groupAvg(12_345), 6);
    expect(Math.min(...vs)).toBeCloseTo(groupAvg(23_456), 6);
    for (const [t] of answer.series[0]!.points) expect((t - base) % (2 * MIN)).toBe(0);
  });

  it('keeps the true extremes of min and max series and the totals of sum, count and delta', async () => {
    const n = SPAN / 1000 / STEP_S;
    // 10,000 → the cap, 2,000: 2,880 minutes shown by merging in JS; 500: PostgreSQL merges triples of minutes first
    for (const [resolution, maxPoints] of [
      ['raw', 10_000],
      ['1m', 10_000],
      ['1m', 500],
      ['1h', 10],
    ] as const) {
      const common = { from: range.from(), to: range.to(), resolution, maxPoints };
      const max = await series({ ...common, metricIds: gauge, agg: 'max' });
      const min = await series({ ...common, metricIds: gauge, agg: 'min' });
      expect(max.series[0]!.points.length).toBeLessThanOrEqual(maxPoints);
      expect(Math.max(...values(max)), resolution).toBe(5000);
      expect(Math.min(...values(min)), resolution).toBe(-5000);
      if (resolution === 'raw') continue; // raw samples carry no aggregate
      const sum = await series({ ...common, metricIds: gauge, agg: 'sum' });
      let expected = 0;
      for (let i = 0; i < n; i++) expected += gaugeAt(i);
      expect(values(sum).reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 3);
      const count = await series({ ...common, metricIds: gauge, agg: 'count' });
      expect(values(count).reduce((a, b) => a + b, 0)).toBe(n);
      const delta = await series({ ...common, metricIds: counter, agg: 'delta' });
      expect(delta.series[0]!.points.length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
      expect(values(delta).reduce((a, b) => a + b, 0)).toBe((n - 1) * COUNTER_STEP);
    }
  });

  it('shows first and last values of the merged groups exactly', async () => {
    // 2,880 minutes for 500 points: PostgreSQL merges triples of minutes, LTTB picks 500 of the 960 groups
    const perGroup = 3 * (60 / STEP_S);
    for (const agg of ['first', 'last'] as const) {
      const answer = await series({
        metricIds: gauge,
        from: range.from(),
        to: range.to(),
        resolution: '1m',
        agg,
        maxPoints: 500,
      });
      expect(answer.series[0]!.points).toHaveLength(500);
      for (const [t, v] of answer.series[0]!.points) {
        const group = (t - base) / (3 * MIN);
        expect(Number.isInteger(group)).toBe(true);
        const i = group * perGroup + (agg === 'first' ? 0 : perGroup - 1);
        expect(v).toBeCloseTo(gaugeAt(i), 9);
      }
    }
  });

  it('answers an automatic exact query with the finest level that fits, never over the cap', async () => {
    const hour = { metricIds: gauge, from: new Date(base).toISOString(), downsample: 'none' };
    const short = await series({ ...hour, to: new Date(base + HOUR).toISOString(), maxPoints: 10_000 });
    expect(short.resolution).toBe('raw'); // 720 samples fit the cap
    expect(short.series[0]!.points).toHaveLength(720);
    const dense = await series({ ...hour, to: new Date(base + 2 * HOUR).toISOString(), maxPoints: 1000 });
    expect(dense.resolution).toBe('1m'); // 1,440 samples do not fit 1,000: the minutes do
    expect(dense.series[0]!.points).toHaveLength(120);
    const long = await series({
      metricIds: gauge,
      from: range.from(),
      to: range.to(),
      downsample: 'none',
      maxPoints: 10_000,
    });
    expect(long.resolution).toBe('1h');
    expect(long.series[0]!.points).toHaveLength(48);
  });

  it('keeps downsample=none exact for explicit resolutions', async () => {
    const raw = await series({
      metricIds: gauge,
      from: new Date(base).toISOString(),
      to: new Date(base + 6 * HOUR).toISOString(),
      resolution: 'raw',
      downsample: 'none',
    });
    expect(raw.series[0]!.points).toHaveLength((6 * HOUR) / 1000 / STEP_S);
  });
});

describe('series across the rollup seams', () => {
  /** The fixture's samples aggregated in JS into groups of `groupMs` from `base`: what every path must answer. */
  function bruteForce(groupMs: number): Bucket[] {
    const out: Bucket[] = [];
    for (let i = 0; i < SPAN / 1000 / STEP_S; i++) {
      const ts = base + i * STEP_S * 1000;
      const v = gaugeAt(i);
      const t = base + Math.floor((ts - base) / groupMs) * groupMs;
      const last = out[out.length - 1];
      const sample: Bucket = {
        ...{ t, count: 1, sum: v, min: v, max: v, first: v, firstTs: ts, last: v, lastTs: ts },
        delta: i === 0 ? 0 : COUNTER_STEP, // the counter's increase over the gauge's timestamps
      };
      if (last?.t === t) merge(last, sample);
      else out.push(sample);
    }
    return out;
  }

  it('equal the raw samples’ aggregates for every aggregate, reading only the fields it needs', async () => {
    // the watermark off the hour, 97 minutes before the end: hour rollups, the minute rollups of the hour it
    // falls in (re-aggregated into that hour), then raw samples; a week's chart crosses the same seams
    const [state] = await queryRows<{ watermark: Date | string }>(
      t.database.db,
      sql`SELECT watermark FROM rollup_state`,
    );
    const watermark = new Date(state!.watermark).toISOString();
    const seam = base + SPAN - 97 * MIN;
    await t.database.db.execute(
      sql`UPDATE rollup_state SET watermark = ${new Date(seam).toISOString()}::timestamptz`,
    );
    try {
      // 2,880 minutes for 200 points: groups of 8 minutes merged by PostgreSQL; 48 hours for 10: groups of 3
      for (const [resolution, bucketMs, maxPoints] of [
        ['1m', MIN, 200],
        ['1h', HOUR, 10],
      ] as const)
        for (const agg of AGGREGATES)
          for (const downsample of ['lttb', 'minmax', 'none'] as const) {
            const label = `${resolution} ${agg} ${downsample}`;
            const groupMs =
              downsample === 'none' ? bucketMs : Math.ceil(SPAN / bucketMs / (2 * maxPoints)) * bucketMs;
            const expected = shownBuckets(bruteForce(groupMs), {
              agg,
              limit: maxPoints,
              downsample,
              bucketMs: groupMs,
            });
            const answer = await series({
              metricIds: agg === 'delta' ? counter : gauge,
              from: range.from(),
              to: range.to(),
              resolution,
              agg,
              downsample,
              maxPoints,
            });
            const s = answer.series[0]!;
            expect(s.sourcePoints, label).toBe(SPAN / bucketMs);
            expect(
              s.points.map((p) => p[0]),
              label,
            ).toEqual(expected.map((p) => p[0]));
            s.points.forEach(([, v], i) => expect(v, `${label} at ${i}`).toBeCloseTo(expected[i]![1]!, 6));
          }
    } finally {
      await t.database.db.execute(sql`UPDATE rollup_state SET watermark = ${watermark}::timestamptz`);
    }
  });
});

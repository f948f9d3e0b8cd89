import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/rows.ts';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';
import { counterInc } from './rollup-sql.ts';
import { runCompaction, runRetention } from './maintenance.job.ts';
import { runRollups } from './rollups.job.ts';

let t: TestApp;
let token: string;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TZ_OFFSET = 8 * HOUR; // the tenant's default zone, Asia/Shanghai (no daylight saving)
const COUNTER_MAX = 1000;

interface Sample {
  ts: number;
  value: number;
}

async function makeDevice(code: string) {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/devices',
    token,
    body: {
      code,
      name: code,
      metrics: [
        { key: 'g', name: 'gauge', valueType: 'number', kind: 'gauge' },
        { key: 'c', name: 'counter', valueType: 'number', kind: 'counter', counterMax: COUNTER_MAX },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  const metrics = (await t.call({ url: `/api/v1/devices/${id}/metrics`, token })).json<
    Array<{ id: number; key: string }>
  >();
  const cred = await t.call({
    method: 'POST',
    url: `/api/v1/devices/${id}/credentials`,
    token,
    body: { kind: 'token' },
  });
  return {
    g: metrics.find((m) => m.key === 'g')!.id,
    c: metrics.find((m) => m.key === 'c')!.id,
    token: cred.json<{ token: string }>().token,
  };
}

async function send(deviceToken: string, key: string, samples: Sample[]) {
  for (let i = 0; i < samples.length; i += 500) {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        samples: samples.slice(i, i + 500).map((s) => ({ ts: s.ts, values: { [key]: s.value } })),
      }),
    });
    expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
  }
}

async function catchUp() {
  for (let i = 0; i < 100; i++) {
    const { minutes, late } = await runRollups(t.database.db);
    if (!minutes && !late) return;
  }
  throw new Error('rollups did not catch up');
}

/** The brute-force answer: every bucket's aggregates straight from the samples. */
function bruteForce(samples: Sample[], floor: (ts: number) => number, isCounter: boolean) {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  const out = new Map<
    number,
    { count: number; sum: number; min: number; max: number; first: number; last: number; delta: number }
  >();
  let prev: number | null = null;
  for (const s of sorted) {
    const b = floor(s.ts);
    const inc = isCounter ? counterInc(prev, s.value, COUNTER_MAX) : 0;
    prev = s.value;
    const a = out.get(b);
    if (!a)
      out.set(b, {
        count: 1,
        sum: s.value,
        min: s.value,
        max: s.value,
        first: s.value,
        last: s.value,
        delta: inc,
      });
    else {
      a.count++;
      a.sum += s.value;
      a.min = Math.min(a.min, s.value);
      a.max = Math.max(a.max, s.value);
      a.last = s.value;
      a.delta += inc;
    }
  }
  return out;
}

const FLOORS = {
  '1m': (ts: number) => ts - (ts % MIN),
  '1h': (ts: number) => ts - (ts % HOUR),
  '1d': (ts: number) => ts + TZ_OFFSET - ((ts + TZ_OFFSET) % DAY) - TZ_OFFSET,
};

async function series(metricId: number, resolution: string, agg: string, from: number, to: number) {
  const res = await t.call({
    url: `/api/v1/telemetry/series?metricIds=${metricId}&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&resolution=${resolution}&agg=${agg}&downsample=none`,
    token,
  });
  expect(res.statusCode, res.body).toBe(200);
  return new Map(res.json<{ series: Array<{ points: Array<[number, number]> }> }>().series[0]!.points);
}

async function expectMatches(
  metricId: number,
  samples: Sample[],
  isCounter: boolean,
  from: number,
  to: number,
) {
  for (const resolution of ['1m', '1h', '1d'] as const) {
    const expected = bruteForce(samples, FLOORS[resolution], isCounter);
    for (const agg of isCounter
      ? (['delta', 'last', 'count'] as const)
      : (['count', 'sum', 'min', 'max', 'first', 'last'] as const)) {
      const got = await series(metricId, resolution, agg, from, to);
      expect([...got.keys()].sort(), `${resolution} buckets`).toEqual([...expected.keys()].sort());
      for (const [bucket, a] of expected)
        expect(got.get(bucket), `${resolution} ${agg} @${new Date(bucket).toISOString()}`).toBeCloseTo(
          a[agg],
          6,
        );
    }
  }
}

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('rollup-a'));
});
afterAll(() => t?.close());

describe('counter increase', () => {
  it('counts resets from zero and wraps rollovers at the modulus', () => {
    const values = [990, 995, 5, 10, 2];
    let prev: number | null = null;
    const incs = values.map((v) => {
      const inc = counterInc(prev, v, 1000);
      prev = v;
      return inc;
    });
    expect(incs).toEqual([0, 5, 10, 5, 2]); // 995 → 5 rolled over 1000; 10 → 2 was a reset
  });
});

describe('rollups', () => {
  it('equal a brute-force aggregate over random data, including late data and counter resets', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 3 * 3600 - 1 }),
            value: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 3 * 3600 - 1 }),
            inc: fc.integer({ min: 0, max: 300 }),
            event: fc.constantFrom('none', 'none', 'none', 'reset', 'rollover'),
          }),
          {
            minLength: 2,
            maxLength: 300,
          },
        ),
        fc.double({ min: 0.2, max: 0.9, noNaN: true }),
        async (gaugeRaw, counterRaw, splitAt) => {
          run++;
          const device = await makeDevice(`R-${run}`);
          // the window: three hours ending a few minutes ago, so part is stored and part is live
          const base = Date.now() - 3 * HOUR - 3 * MIN;
          await t.database.db.execute(
            sql`UPDATE rollup_state SET watermark = date_trunc('minute', ${new Date(base - HOUR).toISOString()}::timestamptz)`,
          );
          const dedupe = (xs: Sample[]) => [...new Map(xs.map((s) => [s.ts, s])).values()];
          const gauge = dedupe(gaugeRaw.map((g) => ({ ts: base + g.at * 1000, value: g.value })));
          // counter values in time order: increments, resets to a small value, rollovers past the modulus
          let v = 500;
          const counter = dedupe(
            [...counterRaw]
              .sort((a, b) => a.at - b.at)
              .map((c) => {
                if (c.event === 'reset') v = c.inc % 50;
                else if (c.event === 'rollover') v = (v + 600) % COUNTER_MAX;
                else v = (v + c.inc) % COUNTER_MAX;
                return { ts: base + c.at * 1000, value: v };
              }),
          );
          // part now, the rest after a rollup run: it arrives late and must correct the rollups
          const cut = (xs: Sample[]) => Math.floor(xs.length * splitAt);
          const shuffledG = [...gauge].sort(() => Math.random() - 0.5);
          const shuffledC = [...counter].sort(() => Math.random() - 0.5);
          await send(device.token, 'g', shuffledG.slice(0, cut(gauge)));
          await send(device.token, 'c', shuffledC.slice(0, cut(counter)));
          await catchUp();
          await send(device.token, 'g', shuffledG.slice(cut(gauge)));
          await send(device.token, 'c', shuffledC.slice(cut(counter)));
          await catchUp();
          const from = base - DAY;
          const to = base + 4 * HOUR;
          await expectMatches(device.g, gauge, false, from, to);
          await expectMatches(device.c, counter, true, from, to);
          const [{ n }] = (await queryRows<{ n: number }>(
            t.database.db,
            sql`SELECT count(*)::int AS n FROM rollups_1m WHERE metric_id = ${device.g}`,
          )) as [{ n: number }];
          expect(n).toBe(bruteForce(gauge, FLOORS['1m'], false).size); // stored, not only computed on the fly
        },
      ),
      { numRuns: 4, endOnFailure: true },
    );
  });

  it('compaction packs raw samples; queries, rollups and replays see the same data', async () => {
    const device = await makeDevice('PACK-1');
    const base = Date.now() - 2 * DAY - ((Date.now() - 2 * DAY) % HOUR);
    const samples = Array.from({ length: 7200 }, (_, i) => ({
      ts: base + i * 1000,
      value: Math.sin(i / 100) * 50,
    }));
    await send(device.token, 'g', samples);
    const before = await series(device.g, 'raw', 'avg', base, base + 2 * HOUR);
    expect(before.size).toBe(7200);
    const result = await runCompaction(t.database.db, { olderThanMs: DAY });
    expect(result.points).toBeGreaterThanOrEqual(7200);
    const [{ raw, packed }] = (await queryRows<{ raw: number; packed: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM samples WHERE metric_id = ${device.g}) AS raw,
                 (SELECT count(*)::int FROM samples_packed WHERE metric_id = ${device.g}) AS packed`,
    )) as [{ raw: number; packed: number }];
    expect(raw).toBe(0);
    expect(packed).toBe(2); // two hours → two rows
    expect(await series(device.g, 'raw', 'avg', base, base + 2 * HOUR)).toEqual(before);
    // a replay of packed samples is taken and stored nowhere twice
    await send(device.token, 'g', samples.slice(0, 100));
    expect((await series(device.g, 'raw', 'avg', base, base + 2 * HOUR)).size).toBe(7200);
    // late sample into a packed hour: kept raw until the next compaction merges it
    await send(device.token, 'g', [{ ts: base + 500, value: 1234 }]);
    const merged = await series(device.g, 'raw', 'avg', base, base + 2 * HOUR);
    expect(merged.size).toBe(7201);
    await runCompaction(t.database.db, { olderThanMs: DAY });
    expect(await series(device.g, 'raw', 'avg', base, base + 2 * HOUR)).toEqual(merged);
  });

  it('retention drops data older than the tenant’s setting per resolution, and nothing newer', async () => {
    const device = await makeDevice('RET-1');
    const put = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings',
      token,
      body: { retentionRawDays: 10, retentionMinuteDays: 20 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const day = (n: number) => Date.now() - n * DAY - ((Date.now() - n * DAY) % HOUR);
    await send(device.token, 'g', [
      { ts: day(15), value: 1 },
      { ts: day(5), value: 2 },
    ]);
    await runCompaction(t.database.db, { olderThanMs: DAY });
    await t.database.db
      .execute(sql`INSERT INTO rollups_1m (tenant_id, metric_id, bucket, count, first_ts, last_ts)
      SELECT tenant_id, id, ${new Date(day(25)).toISOString()}::timestamptz, 1, now(), now() FROM metrics WHERE id = ${device.g}
      UNION ALL SELECT tenant_id, id, ${new Date(day(15)).toISOString()}::timestamptz, 1, now(), now() FROM metrics WHERE id = ${device.g}`);
    await runRetention(t.database.db);
    expect([...(await series(device.g, 'raw', 'avg', day(30), Date.now())).values()]).toEqual([2]);
    const minutes = await queryRows<{ bucket: Date }>(
      t.database.db,
      sql`SELECT bucket FROM rollups_1m WHERE metric_id = ${device.g}`,
    );
    expect(minutes.map((m) => new Date(m.bucket).getTime())).toEqual([day(15)]);
  });

  it('shows late samples in rolled-up series at once, before the job recomputes their minutes', async () => {
    const device = await makeDevice('LATE-1');
    await catchUp();
    const base = Date.now() - 50 * MIN - ((Date.now() - 50 * MIN) % MIN);
    const samples = Array.from({ length: 120 }, (_, i) => ({ ts: base + i * 15_000, value: i }));
    await send(device.token, 'g', samples);
    const expected = bruteForce(samples, FLOORS['1m'], false);
    const got = await series(device.g, '1m', 'sum', base - HOUR, Date.now());
    expect(got.size).toBe(expected.size);
    for (const [bucket, a] of expected) expect(got.get(bucket)).toBeCloseTo(a.sum, 6);
  });
});

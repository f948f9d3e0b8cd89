// Meters in a hierarchy fed by a telemetry counter, manual readings and a formula; consumption by day and month
// in the enterprise's time zone; metering completeness — on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
// 2026-03-01 00:00 Asia/Shanghai
const D0 = Date.parse('2026-03-01T00:00:00+08:00');
const H = 3_600_000;

const call = async (
  method: string,
  url: string,
  token: string,
  body?: unknown,
  status = method === 'POST' ? 201 : 200,
) => {
  const res = await t.call({ method, url, token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json<Record<string, unknown> & { id: string }>();
};

let kwhMetric: number;
let kwMetric: number;
const meters: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('meter-a');
  b = await t.makeTenant('meter-b');
  const device = await call('POST', '/api/v1/devices', a.token, {
    code: 'PM-1',
    name: 'Incomer meter',
    metrics: [
      { key: 'kwh', name: 'Energy', valueType: 'number', kind: 'counter', unitCode: 'kWh' },
      { key: 'kw', name: 'Power', valueType: 'number', kind: 'gauge', unitCode: 'kW' },
    ],
  });
  const metrics = (await t.call({ url: `/api/v1/devices/${device.id}/metrics`, token: a.token })).json<
    Array<{ id: number; key: string }>
  >();
  kwhMetric = metrics.find((m) => m.key === 'kwh')!.id;
  kwMetric = metrics.find((m) => m.key === 'kw')!.id;
  const cred = await call('POST', `/api/v1/devices/${device.id}/credentials`, a.token, { kind: 'token' });
  // counter: 100 → 150 on day 1, → 200 → 260 on day 2
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${String(cred.token)}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      { ts: D0 + 1 * H, values: { kwh: 100 } },
      { ts: D0 + 7 * H, values: { kwh: 150 } },
      { ts: D0 + 25 * H, values: { kwh: 200 } },
      { ts: D0 + 31 * H, values: { kwh: 260 } },
    ]),
  });
  expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
});
afterAll(() => t?.close());

describe('meters', () => {
  it('builds the hierarchy with validation: units, counters, parents, formulas', async () => {
    const base = { medium: 'electricity', unit: 'kWh', level: 1, source: 'manual' };
    const bad = async (body: unknown, path: string) => {
      const res = await t.call({ method: 'POST', url: '/api/v1/energy/meters', token: a.token, body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(path);
    };
    await bad({ ...base, code: 'X', name: 'x', unit: 't' }, 'body.unit');
    await bad({ ...base, code: 'X', name: 'x', source: 'telemetry', metricId: kwMetric }, 'body.metricId');
    await bad({ ...base, code: 'X', name: 'x', source: 'telemetry' }, 'body.metricId');

    meters.main = (
      await call('POST', '/api/v1/energy/meters', a.token, {
        ...base,
        code: 'E-MAIN',
        name: 'Incomer',
        source: 'telemetry',
        metricId: kwhMetric,
        multiplier: 10, // CT ratio
      })
    ).id;
    meters.ws = (
      await call('POST', '/api/v1/energy/meters', a.token, {
        ...base,
        code: 'E-WS',
        name: 'Workshop',
        level: 2,
        parentId: meters.main,
      })
    ).id;
    await bad(
      {
        ...base,
        code: 'G-1',
        name: 'gas',
        medium: 'natural_gas',
        unit: 'm3',
        level: 2,
        parentId: meters.main,
      },
      'body.parentId',
    );
    await bad({ ...base, code: 'E-X', name: 'x', level: 1, parentId: meters.main }, 'body.level');
    await bad(
      { ...base, code: 'E-L', name: 'x', level: 2, source: 'formula', formula: 'E-MAIN E-WS' },
      'body.formula',
    );
    await bad(
      { ...base, code: 'E-L', name: 'x', level: 2, source: 'formula', formula: 'E-MAIN - E-NOPE' },
      'body.formula',
    );
    meters.loss = (
      await call('POST', '/api/v1/energy/meters', a.token, {
        ...base,
        code: 'E-LOSS',
        name: 'Losses',
        level: 2,
        parentId: meters.main,
        source: 'formula',
        formula: 'E-MAIN - E-WS',
      })
    ).id;
    const dup = await t.call({
      method: 'POST',
      url: '/api/v1/energy/meters',
      token: a.token,
      body: { ...base, code: 'E-WS', name: 'again' },
    });
    expect(dup.statusCode).toBe(409);
    const list = await call('GET', '/api/v1/energy/meters?level=2', a.token);
    expect((list.items as Array<{ code: string }>).map((m) => m.code)).toEqual(['E-LOSS', 'E-WS']);
    expect((await call('GET', '/api/v1/energy/meters', b.token)).total).toBe(0);
  });

  it('takes readings on manual meters only; computes consumption by day and month with tce', async () => {
    const rec = (id: string, body: unknown, status = 201) =>
      call('POST', `/api/v1/energy/meters/${id}/records`, a.token, body, status);
    const iso = (ms: number) => new Date(ms).toISOString();
    await rec(meters.main!, { kind: 'reading', ts: iso(D0), value: 1 }, 409);
    await rec(meters.ws!, { kind: 'reading', ts: iso(D0), value: 1000 });
    await rec(meters.ws!, { kind: 'reading', ts: iso(D0 + 24 * H), value: 1300 });
    await rec(meters.ws!, { kind: 'reading', ts: iso(D0 + 48 * H), value: 1500 });
    await rec(meters.ws!, { kind: 'reading', ts: iso(D0 + 48 * H), value: 1500 }, 409);
    const bad = await t.call({
      method: 'POST',
      url: `/api/v1/energy/meters/${meters.ws!}/records`,
      token: a.token,
      body: { kind: 'consumption', ts: iso(D0), value: 5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.periodEnd');

    const q = `from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}`;
    const r = await call('GET', `/api/v1/energy/consumption?${q}&granularity=day`, a.token);
    const byCode = new Map(
      (
        r.meters as Array<{
          code: string;
          points: Array<[number, number | null]>;
          total: number;
          tceEquivalent: number;
        }>
      ).map((m) => [m.code, m]),
    );
    // incomer: counter deltas × CT ratio 10: day 1 150−100 = 50 → 500; day 2 (200−150)+(260−200) = 110 → 1100
    expect(byCode.get('E-MAIN')!.points).toEqual([
      [D0, 500],
      [D0 + 24 * H, 1100],
    ]);
    expect(byCode.get('E-WS')!.points).toEqual([
      [D0, 300],
      [D0 + 24 * H, 200],
    ]);
    expect(byCode.get('E-LOSS')!.points).toEqual([
      [D0, 200],
      [D0 + 24 * H, 900],
    ]);
    expect(byCode.get('E-MAIN')!.total).toBe(1600);
    expect(byCode.get('E-MAIN')!.tceEquivalent).toBeCloseTo(0.19664, 9); // 1600 kWh × 0.1229 kgce/kWh
    expect(r.timezone).toBe('Asia/Shanghai');

    // any period split gives the same totals: 48 hours sum to the 2 days
    const hours = await call('GET', `/api/v1/energy/consumption?${q}&granularity=hour`, a.token);
    for (const m of hours.meters as Array<{ code: string; points: Array<[number, number | null]> }>) {
      expect(m.points).toHaveLength(48);
      const total = m.points.reduce((acc, [, v]) => acc + (v ?? 0), 0);
      expect(total, m.code).toBeCloseTo(byCode.get(m.code)!.total, 9);
    }
    const month = await call(
      'GET',
      `/api/v1/energy/consumption?${q}&granularity=month&meterIds=${meters.ws!}`,
      a.token,
    );
    expect(month.meters).toMatchObject([{ code: 'E-WS', points: [[D0, 500]], total: 500 }]);
    // half a day of the reading interval falls in a 12-hour window, pro rata
    const half = await call(
      'GET',
      `/api/v1/energy/consumption?from=${encodeURIComponent(iso(D0 + 12 * H))}&to=${encodeURIComponent(iso(D0 + 24 * H))}&granularity=hour&meterIds=${meters.ws!}`,
      a.token,
    );
    expect((half.meters as Array<{ total: number }>)[0]!.total).toBeCloseTo(150, 9);
  });

  it('reports metering completeness: the incomer against its measuring sub-meters', async () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const rows = (
      await t.call({
        url: `/api/v1/energy/metering/completeness?from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}`,
        token: a.token,
      })
    ).json<
      Array<{
        code: string;
        total: number;
        childrenTotal: number;
        unexplained: number;
        coverage: number;
        childCount: number;
      }>
    >();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      code: 'E-MAIN',
      total: 1600,
      childCount: 1,
      childrenTotal: 500,
      unexplained: 1100,
    });
    expect(rows[0]!.coverage).toBeCloseTo(0.3125, 9);
  });

  it('refuses to delete a meter with sub-meters, formula users or records', async () => {
    const del = (id: string) =>
      t.call({ method: 'DELETE', url: `/api/v1/energy/meters/${id}`, token: a.token });
    expect((await del(meters.main!)).statusCode).toBe(409);
    expect((await del(meters.ws!)).statusCode).toBe(409);
    expect((await del(meters.loss!)).statusCode).toBe(200);
    const formulaUser = await call('POST', '/api/v1/energy/meters', a.token, {
      code: 'E-SUM',
      name: 'Sum',
      medium: 'electricity',
      unit: 'MWh',
      level: 1,
      source: 'formula',
      formula: 'E-MAIN',
    });
    const renamed = await t.call({
      method: 'PATCH',
      url: `/api/v1/energy/meters/${meters.main!}`,
      token: a.token,
      body: { code: 'E-IN' },
    });
    expect(renamed.statusCode).toBe(409);
    expect((await del(formulaUser.id)).statusCode).toBe(200);
  });
});

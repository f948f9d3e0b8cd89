// EnPI and baseline (ISO 50001): a meter's monthly consumption regressed on the site's output value over a
// baseline, then expected vs actual, cumulative savings and alarms — on a real database, hand-worked numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let token: string;
let siteId: string;
let meterId: string;

const OUTPUT: Record<string, number> = {
  '2025-01': 50,
  '2025-02': 60,
  '2025-03': 55,
  '2025-04': 70,
  '2025-05': 65,
  '2025-06': 80,
  '2025-07': 75,
  '2025-08': 90,
  '2025-09': 60,
};
// baseline Jan–Jun: exactly 100 + 2 × output; Jul 10 below the model, Aug 20 above (7.1 %), Sep on it
const CONSUMPTION: Record<string, number> = {
  '2025-01': 200,
  '2025-02': 220,
  '2025-03': 210,
  '2025-04': 240,
  '2025-05': 230,
  '2025-06': 260,
  '2025-07': 240,
  '2025-08': 300,
  '2025-09': 220,
};

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.makeTenant('enpi-a')).token;
  siteId = (await makePlant(t, token, 'N')).site.id;
  const meter = await t.call({
    method: 'POST',
    url: '/api/v1/energy/meters',
    token,
    body: { code: 'E-1', name: 'Incomer', medium: 'electricity', unit: 'kWh', level: 1, source: 'manual' },
  });
  meterId = meter.json<{ id: string }>().id;
  // register readings at local midnight on the first of each month
  let register = 0;
  const months = Object.keys(CONSUMPTION);
  for (const [i, month] of [...months, '2025-10'].entries()) {
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/energy/meters/${meterId}/records`,
      token,
      body: { kind: 'reading', ts: `${month}-01T00:00:00+08:00`, value: register },
    });
    expect(res.statusCode, res.body).toBe(201);
    register += CONSUMPTION[months[i]!] ?? 0;
  }
  for (const [month, value] of Object.entries(OUTPUT)) {
    const res = await t.call({
      method: 'PUT',
      url: `/api/v1/energy/economics/${siteId}/${month}`,
      token,
      body: { grossOutputValue: String(value), valueAdded: '1' },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t?.close());

describe('EnPI and baseline', () => {
  it('fits the baseline, expects, flags the month beyond the margin and sums the savings', async () => {
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/energy/enpis',
      token,
      body: {
        code: 'X',
        name: 'x',
        meterId,
        siteId,
        driver: 'product_output',
        baselineFrom: '2025-01',
        baselineTo: '2025-06',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.materialId');
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/energy/enpis',
      token,
      body: {
        code: 'ENPI-1',
        name: 'Electricity per 10⁴ yuan',
        meterId,
        siteId,
        driver: 'output_value',
        baselineFrom: '2025-01',
        baselineTo: '2025-06',
        marginPct: 5,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const res = await t.call({ url: `/api/v1/energy/enpis/${id}/evaluation?from=2025-07&to=2025-09`, token });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      model: { intercept: number; coefficients: number[]; r2: number; n: number };
      baseline: Array<{ actual: number }>;
      months: Array<{
        month: string;
        actual: number;
        expected: number;
        deviation: number;
        cumulativeSavings: number;
        isAlarm: boolean;
      }>;
      cumulativeSavings: number;
      alarms: number;
    }>();
    expect(r.model.n).toBe(6);
    expect(r.model.intercept).toBeCloseTo(100, 6);
    expect(r.model.coefficients[0]).toBeCloseTo(2, 8);
    expect(r.model.r2).toBeCloseTo(1, 9);
    expect(r.baseline.map((b) => b.actual)).toEqual(
      [200, 220, 210, 240, 230, 260].map((v) => expect.closeTo(v, 6)),
    );
    expect(r.months.map((m) => m.month)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(r.months.map((m) => m.expected)).toEqual([250, 280, 220].map((v) => expect.closeTo(v, 6)));
    expect(r.months.map((m) => m.isAlarm)).toEqual([false, true, false]);
    expect(r.months.map((m) => m.cumulativeSavings)).toEqual([10, -10, -10].map((v) => expect.closeTo(v, 6)));
    expect(r.cumulativeSavings).toBeCloseTo(-10, 6);
    expect(r.alarms).toBe(1);
  });

  it('a baseline without data says why no model exists', async () => {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/energy/enpis',
      token,
      body: {
        code: 'ENPI-2',
        name: 'Empty',
        meterId,
        siteId,
        driver: 'output_value',
        baselineFrom: '2020-01',
        baselineTo: '2020-12',
      },
    });
    const id = created.json<{ id: string }>().id;
    const r = (
      await t.call({ url: `/api/v1/energy/enpis/${id}/evaluation?from=2025-07&to=2025-07`, token })
    ).json<{
      model: unknown;
      modelError: string;
      months: Array<{ expected: number | null; actual: number }>;
    }>();
    expect(r.model).toBeNull();
    expect(r.modelError).toContain('at least 3');
    expect(r.months[0]).toMatchObject({ expected: null, actual: expect.closeTo(240, 6) });
  });
});

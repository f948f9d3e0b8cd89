// Energy consumption by shift on a real database: a counter meter whose readings give known per-shift
// consumption, for a calendar on the hour (summed from hourly data) and one on the half hour (minute data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TConsumptionResult } from '@greenmes/contracts';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_SHIFTS } from '../demo/demo-calendars.seed.ts';

let t: TestApp;
let a: { token: string };
let siteOnTheHour: string;
let siteHalfPast: string;
const H = 3_600_000;
const M = 60_000;
// Monday 2026-03-02 00:00 Asia/Shanghai
const D0 = Date.parse('2026-03-02T00:00:00+08:00');

const call = async (method: string, url: string, body?: unknown, status = method === 'POST' ? 201 : 200) => {
  const res = await t.call({ method, url: `/api/v1${url}`, token: a.token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json<Record<string, unknown> & { id: string }>();
};
const consumption = (from: number, to: number, extra = '') =>
  t.call({
    url: `/api/v1/energy/consumption?granularity=shift&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}${extra}`,
    token: a.token,
  });
const calendar = (siteId: string, code: string, shifts: unknown[]) =>
  call('POST', '/shift-calendars', { siteId, code, name: code, validFrom: '2026-01-01', shifts });

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('shift-energy');
  siteOnTheHour = (await makePlant(t, a.token, 'S1')).site.id;
  siteHalfPast = (await makePlant(t, a.token, 'S2')).site.id;
  const device = await call('POST', '/devices', {
    code: 'PM-1',
    name: 'Incomer meter',
    metrics: [{ key: 'kwh', name: 'Energy', valueType: 'number', kind: 'counter', unitCode: 'kWh' }],
  });
  const metrics = (await t.call({ url: `/api/v1/devices/${device.id}/metrics`, token: a.token })).json<
    Array<{ id: number }>
  >();
  await call('POST', '/energy/meters', {
    code: 'E-MAIN',
    name: 'Incomer',
    medium: 'electricity',
    unit: 'kWh',
    level: 1,
    source: 'telemetry',
    metricId: metrics[0]!.id,
  });
  const cred = await call('POST', `/devices/${device.id}/credentials`, { kind: 'token' });
  // a counter's increase counts where the later reading falls: 1000 → 1600 kWh over Monday and the night after
  const readings: Array<[number, number]> = [
    [0, 1000],
    [4 * H, 1040],
    [7 * H + 59 * M, 1100],
    [8 * H, 1102],
    [12 * H, 1200],
    [15 * H + 59 * M, 1300],
    [20 * H, 1500],
    [23 * H + 59 * M, 1560],
    [24 * H + 30 * M, 1600],
  ];
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${String(cred.token)}`, 'content-type': 'application/json' },
    body: JSON.stringify(readings.map(([dt, kwh]) => ({ ts: D0 + dt, values: { kwh } }))),
  });
  expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
});
afterAll(() => t?.close());

const byShift = (r: TConsumptionResult) =>
  r.shifts!.map((s, i) => `${s.date} ${s.shiftCode} ${r.meters[0]!.points[i]![1]}`);

describe('consumption by shift', () => {
  it('no site with a calendar: a 400 naming the site', async () => {
    const res = await consumption(D0, D0 + 24 * H);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('querystring.siteId');
  });

  it('shifts on the hour (the demo three shifts): C 100, A 200, B 260, then 40 in the next night', async () => {
    await calendar(siteOnTheHour, 'S1-CAL', DEMO_SHIFTS);
    // the only site with a calendar is the default
    const res = await consumption(D0, D0 + 48 * H);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<TConsumptionResult>();
    expect(r).toMatchObject({ granularity: 'shift', siteId: siteOnTheHour, timezone: 'Asia/Shanghai' });
    expect(byShift(r)).toEqual([
      '2026-03-02 C 100',
      '2026-03-02 A 200',
      '2026-03-02 B 260',
      '2026-03-03 C 40',
      '2026-03-03 A null',
      '2026-03-03 B null',
    ]);
    expect(r.shifts![1]).toMatchObject({ shiftName: '早班', start: D0 + 8 * H, end: D0 + 16 * H });
    expect(r.meters[0]!.total).toBe(600);
    expect(r.meters[0]!.tceEquivalent).toBeCloseTo((600 * 0.1229) / 1000, 12);
    // the same data by hour sums to the same shifts
    const hourly = (
      await t.call({
        url: `/api/v1/energy/consumption?granularity=hour&from=${new Date(D0).toISOString()}&to=${new Date(D0 + 48 * H).toISOString()}`,
        token: a.token,
      })
    ).json<TConsumptionResult>();
    const within = (s: number, e: number) =>
      hourly.meters[0]!.points.filter(([t0]) => t0 >= s && t0 < e).reduce((n, [, v]) => n + (v ?? 0), 0);
    expect(r.shifts!.slice(0, 4).map((s) => within(s.start, s.end))).toEqual([100, 200, 260, 40]);
  });

  it('shifts on the half hour are summed from minute data: Z 40, X 160, Y 300, Z 100', async () => {
    const every = [1, 2, 3, 4, 5, 6, 7];
    await calendar(siteHalfPast, 'S2-CAL', [
      { code: 'X', name: '早班', start: '07:30', end: '15:30', weekdays: every },
      { code: 'Y', name: '中班', start: '15:30', end: '23:30', weekdays: every },
      { code: 'Z', name: '夜班', start: '23:30', end: '07:30', weekdays: every },
    ]);
    const res = await consumption(D0, D0 + 24 * H, `&siteId=${siteHalfPast}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<TConsumptionResult>();
    // the night shift of Sunday 3-01 reaches into the range, so it is a bucket, whole
    expect(byShift(r)).toEqual([
      '2026-03-01 Z 40',
      '2026-03-02 X 160',
      '2026-03-02 Y 300',
      '2026-03-02 Z 100',
    ]);
    expect(r.from).toBe('2026-03-01T15:30:00.000Z');
    expect(r.to).toBe('2026-03-02T23:30:00.000Z');
    expect(r.meters[0]!.total).toBe(600);
  });

  it('two sites with calendars: the site must be named; a long range off the hour is refused', async () => {
    const res = await consumption(D0, D0 + 24 * H);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('querystring.siteId');
    const long = await consumption(D0, D0 + 120 * 24 * H, `&siteId=${siteHalfPast}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('querystring.to');
    expect((await consumption(D0, D0 + 120 * 24 * H, `&siteId=${siteOnTheHour}`)).statusCode).toBe(200);
  });

  it('hour, day, month and year granularities answer as before (no shifts)', async () => {
    const res = await t.call({
      url: `/api/v1/energy/consumption?granularity=day&from=${new Date(D0).toISOString()}&to=${new Date(D0 + 48 * H).toISOString()}`,
      token: a.token,
    });
    const r = res.json<TConsumptionResult>();
    expect(r.shifts).toBeUndefined();
    expect(r.meters[0]!.points).toEqual([
      [D0, 560],
      [D0 + 24 * H, 40],
    ]);
  });
});

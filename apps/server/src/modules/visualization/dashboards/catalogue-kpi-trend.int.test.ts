// Catalogue KPI cards carry a previous figure for their trend where one can be computed: today's energy
// against yesterday's (the local day before); alarm and Andon counts are of this moment and have none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEnergyOverview, TWidgetData } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let token: string;

const call = (method: string, url: string, body?: unknown) =>
  t.call({ method, url: `/api/v1${url}`, token, body });
async function ok<T = { id: string }>(method: string, url: string, body?: unknown) {
  const res = await call(method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const iso = (ms: number) => new Date(ms).toISOString();
const kpi = (kpiName: string) =>
  ok<TWidgetData>('POST', '/dashboards/widget-preview', {
    widget: {
      id: 'k',
      type: 'kpi',
      layout: { x: 0, y: 0, w: 3, h: 3 },
      binding: { source: 'kpi', kpi: kpiName },
    },
  });
/** The local day around an instant, as the energy report buckets it. */
const dayAround = async (at: number) => {
  const q = `from=${encodeURIComponent(iso(at - 60_000))}&to=${encodeURIComponent(iso(at))}&granularity=day`;
  const o = await ok<TEnergyOverview>('GET', `/energy/overview?${q}`);
  return { start: Date.parse(o.from), end: Date.parse(o.to) };
};

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.makeTenant('kpi-trend')).token;
});
afterAll(() => t?.close());

describe('catalogue KPI trend', () => {
  it('gives today’s energy with yesterday’s as the previous figure', async () => {
    const before = await kpi('energy.today.electricityKwh');
    expect(before).toEqual({ kind: 'value', value: 0, previous: 0, unit: 'kWh' });

    const today = await dayAround(Date.now());
    const yesterday = await dayAround(today.start);
    expect(yesterday.end).toBe(today.start);
    const meter = await ok('POST', '/energy/meters', {
      code: 'E-IN',
      name: 'Incomer',
      medium: 'electricity',
      unit: 'kWh',
      level: 1,
      source: 'manual',
    });
    const consumed = (from: number, to: number, value: number) =>
      ok('POST', `/energy/meters/${meter.id}/records`, {
        kind: 'consumption',
        ts: iso(from),
        periodEnd: iso(to),
        value,
      });
    await consumed(yesterday.start, yesterday.end, 1000);
    await consumed(today.start, Math.min(Date.now() - 1000, today.start + 3_600_000), 400);
    // the day before yesterday is not part of either figure
    await consumed(yesterday.start - 86_400_000, yesterday.start, 7000);

    expect(await kpi('energy.today.electricityKwh')).toEqual({
      kind: 'value',
      value: 400,
      previous: 1000,
      unit: 'kWh',
    });
    const tce = await kpi('energy.today.tce');
    if (tce.kind !== 'value' || tce.value === null || tce.previous === null)
      throw new Error(JSON.stringify(tce));
    expect(tce.unit).toBe('tce');
    expect(tce.value).toBeGreaterThan(0);
    expect(tce.previous / tce.value).toBeCloseTo(2.5, 9);
  });

  it('leaves counts of this moment without a previous figure', async () => {
    for (const name of ['alarms.open', 'alarms.unacknowledged', 'andon.unresolved'])
      expect([name, await kpi(name)]).toEqual([
        name,
        { kind: 'value', value: 0, previous: null, unit: null },
      ]);
  });
});

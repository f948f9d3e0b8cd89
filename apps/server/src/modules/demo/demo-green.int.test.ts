// The demo factory's green features out of the box: its paint-shop operations are energy-flexible, so an
// energy-aware scheduling run of its released orders moves them out of peak tariff hours and reports a
// saving; its emission monitors have their legal limits as alarm rules, so the carbon screen shows each
// reading against its limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAlarmRule, TCarbonScreen, TPage, TPlantModel, TScheduleRunResult } from '@greenmes/contracts';
import { ingestAll, startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_EMISSION_LIMITS } from './demo-alarms.seed.ts';
import { DEMO_ENERGY_FLEXIBLE } from './demo-work-orders.seed.ts';
import { seedDemo } from './demo.seed.ts';

const PASSWORD = 'Demo-pass-1';
let t: TestApp;
let token: string;
let siteId: string;

async function call<T>(method: string, url: string, body?: unknown, status = 200) {
  const res = await t.call({ method, url: `/api/v1${url}`, token, body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo({ db: t.database.db, password: PASSWORD });
  await seedDemo({ db: t.database.db, password: PASSWORD }); // a restart: nothing twice
  token = await t.login('demo', 'admin', PASSWORD);
  const model = await call<TPlantModel>('GET', '/visualization/plant-model');
  siteId = model.nodes.find((n) => n.code === 'GY-SITE')!.id;
}, 240_000);
afterAll(() => t?.close());

describe('demo energy-aware scheduling', () => {
  // from now, as a planner runs it: the demo's orders are due days after the demo was made (not on fixed
  // days of the month), so they are on time and their flexible operations may move on any day it runs
  const run = (energyAware: boolean) =>
    call<TScheduleRunResult>('POST', '/production/schedule', { siteId, energyAware });

  it('has its paint-shop operations, and only those, energy-flexible', async () => {
    const normal = await run(false);
    expect(normal.energy).toBeNull();
    const flexible = normal.bars.filter((b) => b.isFlexible);
    // the valve's and the pump's spraying and curing; the gate valve is on hold, so not scheduled
    expect(new Set(flexible.map((b) => b.productCode))).toEqual(new Set(['FG-BV-100', 'FG-PMP-150']));
    expect(new Set(flexible.map((b) => b.operationCode))).toEqual(new Set(DEMO_ENERGY_FLEXIBLE));
    expect(normal.bars.filter((b) => !b.isFlexible).length).toBeGreaterThan(0);
    // the paint shop's stations draw their machines' power, so the energy-aware mode may move them
    const paintShop = normal.workCenters.filter((w) => ['PT-L1-SPRAY', 'PT-L1-CURE'].includes(w.code));
    expect(paintShop.map((w) => [w.code, w.capacity, w.powerKw])).toEqual([
      ['PT-L1-CURE', 1, 18],
      ['PT-L1-SPRAY', 1, 45],
    ]);
  });

  it('moves them out of peak tariff hours and reports the saving, keeping the orders on time', async () => {
    const normal = await run(false);
    // due in working days after the demo was made: on time from now (the fixed 10th and 18th were late
    // from about the 16th, and a late order's operations are never moved)
    expect(normal.lateOrders).toEqual([]);
    const aware = await run(true);
    const e = aware.energy!;
    expect(e.hasTariff).toBe(true); // the demo's time-of-use electricity plan has peak hours
    expect(e.peakKwhBefore).toBeGreaterThan(0);
    expect(e.peakKwhAfter).toBeLessThan(e.peakKwhBefore);
    expect(Number(e.costSaving)).toBeGreaterThan(0);
    expect(Number(e.costSaving)).toBeCloseTo(Number(e.costBefore) - Number(e.costAfter), 2);
    expect(e.shiftedOperations).toBeGreaterThan(0);
    const shifted = aware.bars.filter((b) => b.isShifted);
    expect(shifted).toHaveLength(e.shiftedOperations);
    expect(shifted.every((b) => b.isFlexible && DEMO_ENERGY_FLEXIBLE.includes(b.operationCode))).toBe(true);
    // the same operations, none late that was on time
    expect(aware.scheduledCount).toBe(normal.scheduledCount);
    const late = (r: TScheduleRunResult) => r.lateOrders.map((o) => o.workOrderNumber).sort();
    expect(late(aware)).toEqual(late(normal));
    // a dry run by default: nothing stored
    expect(aware.isApplied).toBe(false);
  });
});

describe('demo emission limits', () => {
  it("shows each monitor's reading against its legal limit on the carbon screen", async () => {
    const devices = await call<TPage<{ id: string; code: string }>>('GET', '/devices?q=CEMS-01');
    const cems = devices.items.find((d) => d.code === 'CEMS-01')!;
    const credential = await call<{ token: string }>(
      'POST',
      `/devices/${cems.id}/credentials`,
      { kind: 'token' },
      201,
    );
    await ingestAll(t, credential.token, [
      { ts: Date.now() - 60_000, values: { so2_mgm3: 4.2, nox_mgm3: 38.5, pm_mgm3: 2.4 } },
    ]);

    const s = await call<TCarbonScreen>('GET', '/screens/carbon');
    const limitOf = (device: string, key: string) =>
      s.pollutants.find((p) => p.deviceCode === device && p.key === key)?.limit;
    // GB 13271-2014 Table 2, gas-fired boilers
    expect(s.pollutants.filter((p) => p.deviceCode === 'CEMS-01')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'so2_mgm3', value: 4.2, limit: 50 }),
        expect.objectContaining({ key: 'nox_mgm3', value: 38.5, limit: 200 }),
        expect.objectContaining({ key: 'pm_mgm3', value: 2.4, limit: 20 }),
      ]),
    );
    expect(limitOf('WW-01', 'cod_mgl')).toBe(500);
    expect(limitOf('WW-01', 'ph')).toBe(9); // the screen shows the upper limit; a low rule watches 6
    expect(limitOf('NOISE-01', 'noise_dba')).toBe(65);
    expect(s.pollutants.filter((p) => p.limit === null)).toEqual([]);
  });

  it('has the rules once, enabled, with the standard they come from', async () => {
    const rules = await call<TPage<TAlarmRule>>('GET', '/alarm-rules?pageSize=100');
    expect(rules.total).toBe(DEMO_EMISSION_LIMITS.length);
    for (const r of rules.items) {
      expect(r, r.name).toMatchObject({ isEnabled: true, severity: 'major' });
      expect(r.message, r.name).toMatch(/^GB /);
      expect(r.durationSeconds, r.name).toBeGreaterThan(0);
    }
    const ph = rules.items.filter((r) => r.deviceCode === 'WW-01' && r.metricName === 'pH');
    expect(ph.map((r) => [r.type, r.threshold]).sort()).toEqual([
      ['high', 9],
      ['low', 6],
    ]);
  });
});

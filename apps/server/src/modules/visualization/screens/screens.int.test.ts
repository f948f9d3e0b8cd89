// The big screens' aggregates on a small factory made through the API, with the figures worked by hand:
// one order of 10 over two operations, three machines, one electricity incomer, one flue-gas monitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TCarbonScreen,
  TEnergyScreen,
  TEquipmentScreen,
  TProductionScreen,
  TSummaryScreen,
  TWorkOrder,
} from '@greenmes/contracts';
import {
  ingestAll,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let order: TWorkOrder;
let so2MetricId: number;
let loadMetricId: number;
const MIN = 60_000;

async function ok<T = { id: string; token?: string }>(
  method: string,
  url: string,
  body?: unknown,
  token = a.token,
) {
  const res = await t.call({ method, url: `/api/v1${url}`, token, body });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const screen = <T>(key: string, token = a.token) => ok<T>('GET', `/screens/${key}`, undefined, token);

/** A device with its metrics and a token to publish with. */
async function device(code: string, metrics: unknown[], equipmentId?: string) {
  const d = await ok('POST', '/devices', {
    code,
    name: code,
    metrics,
    ...(equipmentId ? { equipmentId } : {}),
  });
  const cred = await ok('POST', `/devices/${d.id}/credentials`, { kind: 'token' });
  const ids = await ok<Array<{ id: number; key: string }>>('GET', `/devices/${d.id}/metrics`);
  return { token: cred.token!, metricId: (key: string) => ids.find((m) => m.key === key)!.id };
}
const STATE = {
  key: 'state',
  name: 'State',
  valueType: 'state',
  kind: 'state',
  states: ['idle', 'running', 'down'],
};

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('screens-a');
  b = await t.makeTenant('screens-b');
  const plant = await makePlant(t, a.token, 'SC');
  const { periods } = await screen<TProductionScreen>('production');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: periods.timezone }).format(
    new Date(periods.day[0]),
  );

  // production: 10 due today; 6 good + 1 scrap (S01) at the first operation, 4 good at the last
  const { productId } = await makeRoutedProduct(t, a.token, {
    prefix: 'SC',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'PACK', name: 'Pack' },
    ],
  });
  const workerId = (await ok('POST', '/labour/workers', { employeeNo: 'SC001', name: '王五' })).id;
  await ok('POST', '/production/reason-codes', { kind: 'scrap', code: 'S01', name: '尺寸超差' });
  order = await ok<TWorkOrder>('POST', '/production/work-orders', {
    productId,
    quantity: '10',
    dueDate: today,
  });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  const report = (seq: number, body: object) =>
    ok(
      'POST',
      `/production/work-orders/${order.id}/operations/${order.operations.find((o) => o.seqNo === seq)!.id}/job-reports`,
      {
        workerId,
        ...body,
      },
    );
  await report(10, { kind: 'start' });
  await report(10, { kind: 'quantity', goodQty: '6', scrapQty: '1', scrapReasonCode: 'S01' });
  await report(20, { kind: 'start' });
  await report(20, { kind: 'quantity', goodQty: '4' });

  // equipment: the plant's lathe runs, a press idles, a saw reports nothing
  const press = await ok('POST', '/equipment', {
    nodeId: plant.line.id,
    code: 'SC-EQ2',
    name: 'Press',
    category: 'machine_tool',
    energyMedia: ['electricity'],
  });
  await ok('POST', '/equipment', {
    nodeId: plant.line.id,
    code: 'SC-EQ3',
    name: 'Saw',
    category: 'machine_tool',
    energyMedia: ['electricity'],
  });
  const now = Date.now();
  await ingestAll(t, (await device('PLC-1', [STATE], plant.equipment.id)).token, [
    { ts: now - MIN, values: { state: 'running' } },
  ]);
  await ingestAll(t, (await device('PLC-2', [STATE], press.id)).token, [
    { ts: now - MIN, values: { state: 'idle' } },
  ]);

  // energy: an incomer counter read 100 at the start of the day and 150 now → 50 kWh today
  const kwh = await device('E-MAIN', [
    { key: 'kwh', name: 'kWh', valueType: 'number', kind: 'counter', unitCode: 'kWh' },
    {
      key: 'kw',
      name: 'Load',
      valueType: 'number',
      kind: 'gauge',
      unitCode: 'kW',
      energyMedium: 'electricity',
    },
  ]);
  loadMetricId = kwh.metricId('kw');
  const start = Math.max(periods.day[0], periods.month[0]) + 1_000;
  await ingestAll(t, kwh.token, [
    { ts: start, values: { kwh: 100 } },
    { ts: Math.max(start + 1_000, now - 2 * MIN), values: { kwh: 150, kw: 42.5 } },
  ]);
  await ok('POST', '/energy/meters', {
    code: 'E-MAIN',
    name: 'Incomer',
    medium: 'electricity',
    unit: 'kWh',
    level: 1,
    source: 'telemetry',
    metricId: kwh.metricId('kwh'),
  });

  // environment: SO₂ at 42.5 mg/m³ against a 35 mg/m³ high rule
  const cems = await device('CEMS-1', [{ key: 'so2_mgm3', name: 'SO2', valueType: 'number', kind: 'gauge' }]);
  so2MetricId = cems.metricId('so2_mgm3');
  await ok('POST', '/alarm-rules', {
    name: 'SO2 limit',
    severity: 'major',
    metricId: so2MetricId,
    type: 'high',
    threshold: 35,
  });
  await ingestAll(t, cems.token, [{ ts: now - MIN, values: { so2_mgm3: 42.5 } }]);
});
afterAll(() => t?.close());

describe('production screen', () => {
  it('counts good output at the last operation only, against the quantity due today', async () => {
    const s = await screen<TProductionScreen>('production');
    expect(s.today).toEqual({ goodQty: 4, scrapQty: 1, plannedQty: 10, attainment: 0.4, reports: 4 });
    expect(s.hourly.reduce((sum, [, q]) => sum + q, 0)).toBe(4);
    expect(s.scrapReasons).toEqual([{ code: 'S01', name: '尺寸超差', quantity: 1 }]);
    expect(s.orders).toEqual([
      expect.objectContaining({
        id: order.id,
        quantity: 10,
        goodQty: 4,
        progress: 0.4,
        status: 'in_progress',
      }),
    ]);
    // 10 released − 1 scrap = 9: 3 still at TURN (running), 2 at PACK (running), 4 done
    expect(s.wip).toMatchObject({ waiting: 0, inProcess: 5, done: 4, orders: 1 });
    expect(s.andon.unresolved).toBe(0);
  });
});

describe('equipment screen', () => {
  it('gives every machine its state, the running share of those reporting, and no invented OEE', async () => {
    const s = await screen<TEquipmentScreen>('equipment');
    expect(s.grid.items.map((e) => [e.code, e.state])).toEqual(
      expect.arrayContaining([
        ['SC-EQ1', 'running'],
        ['SC-EQ2', 'idle'],
        ['SC-EQ3', null],
      ]),
    );
    expect(Object.fromEntries(s.byState.map((x) => [x.state, x.count]))).toEqual({
      running: 1,
      idle: 1,
      none: 1,
    });
    expect(s.runningShare).toBe(0.5);
    expect(s.oee).toBeNull();
    const grid = await ok<{ items: unknown[] }>('GET', '/screens/equipment-grid');
    expect(grid.items).toHaveLength(3);
  });

  it('lists the alarm the SO₂ rule raised', async () => {
    let s = await screen<TEquipmentScreen>('equipment');
    // the alarm engine evaluates after the ingest commits
    for (let i = 0; i < 50 && s.alarms.open === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await screen<TEquipmentScreen>('equipment');
    }
    expect(s.alarms.open).toBe(1);
    expect(s.alarms.bySeverity.major).toBe(1);
    expect(s.alarms.items[0]).toMatchObject({ ruleName: 'SO2 limit', severity: 'major' });
  });
});

describe('energy and carbon screens', () => {
  it('turns the 50 kWh of today into tce at 0.1229 kgce/kWh, the same today and this month', async () => {
    const s = await screen<TEnergyScreen>('energy');
    expect(s.today.byMedium).toEqual([
      { medium: 'electricity', unit: 'kWh', quantity: 50, tceEquivalent: expect.closeTo(0.006145, 9) },
    ]);
    expect(s.today.tce).toBeCloseTo(0.006145, 9);
    expect(s.month.tce).toBeCloseTo(0.006145, 9);
    expect(s.trend.reduce((sum, [, v]) => sum + (v ?? 0), 0)).toBeCloseTo(0.006145, 9);
    // no tariff plan: no cost rather than 0
    expect(s.monthCost).toBeNull();
    expect(s.flow.links.find((l) => l.target === 'medium:electricity')?.tce).toBeCloseTo(0.006145, 9);
    // the incomer's device also measures its load: that gauge is the screen's live load
    expect(s.loads).toEqual([
      expect.objectContaining({ meterCode: 'E-MAIN', metricId: loadMetricId, unitCode: 'kW', value: 42.5 }),
    ]);
  });

  it("puts the year's purchased electricity in scope 2 and shows SO₂ against its rule's threshold", async () => {
    const s = await screen<TCarbonScreen>('carbon');
    expect(s.year.scope1Tco2).toBe(0);
    expect(s.year.scope2Tco2).toBeCloseTo(0.028515, 9); // 0.05 MWh × 0.5703 tCO₂/MWh
    expect(s.months.reduce((sum, m) => sum + m.scope2Tco2, 0)).toBeCloseTo(0.028515, 9);
    expect(s.pollutants).toEqual([
      expect.objectContaining({ metricId: so2MetricId, key: 'so2_mgm3', value: 42.5, limit: 35 }),
    ]);
  });
});

describe('summary screen and tenancy', () => {
  it("repeats the other screens' headline figures", async () => {
    const s = await screen<TSummaryScreen>('summary');
    expect(s.production).toMatchObject({ goodQty: 4, plannedQty: 10, attainment: 0.4, openOrders: 1 });
    expect(s.equipment).toEqual({ total: 3, runningShare: 0.5, openAlarms: 1 });
    expect(s.energy.todayTce).toBeCloseTo(0.006145, 9);
    expect(s.carbon.yearTco2).toBeCloseTo(0.028515, 9);
  });

  it("shows another enterprise none of it, and refuses bad input with the field's name", async () => {
    const s = await screen<TSummaryScreen>('summary', b.token);
    expect(s.production).toMatchObject({ goodQty: 0, plannedQty: 0, attainment: null, openOrders: 0 });
    expect(s.equipment).toEqual({ total: 0, runningShare: null, openAlarms: 0 });
    expect(s.energy.todayTce).toBe(0);
    expect((await screen<TCarbonScreen>('carbon', b.token)).pollutants).toEqual([]);
    const bad = await t.call({ url: '/api/v1/screens/energy?at=yesterday', token: a.token });
    expect(bad.statusCode).toBe(400);
    const { details } = bad.json<{ error: { details: Array<{ path: string }> } }>().error;
    expect(details.map((d) => d.path)).toEqual(['querystring.at']);
    expect((await t.call({ url: '/api/v1/screens/summary' })).statusCode).toBe(401);
  });
});

describe('permission and data scope', () => {
  it('refuses a user without the screen permission', async () => {
    const role = await ok('POST', '/roles', {
      code: 'plant_only',
      name: 'Plant only',
      permissions: ['modeling.plant.read'],
    });
    await ok('POST', '/users', {
      username: 'noscreens',
      password: 'Strong-pw-77',
      displayName: 'No screens',
      roleIds: [role.id],
    });
    const token = await t.login('screens-a', 'noscreens', 'Strong-pw-77');
    for (const key of ['summary', 'production', 'equipment', 'energy', 'carbon', 'equipment-grid'])
      expect((await t.call({ url: `/api/v1/screens/${key}`, token })).statusCode, key).toBe(403);
  });

  it("shows a user scoped to one area that area's machines only, and no monitor bound to none", async () => {
    const { nodes } = await ok<{ nodes: Array<{ id: string; code: string }> }>('GET', '/plant/tree');
    const node = (code: string) => nodes.find((n) => n.code === code)!;
    const [site, area] = [node('SC-S'), node('SC-A')];
    const other = await ok('POST', '/plant/nodes', {
      kind: 'area',
      parentId: site.id,
      code: 'SC-B',
      name: 'Other',
    });
    await ok('POST', '/equipment', { nodeId: other.id, code: 'SC-EQ9', name: 'Elsewhere', category: 'pump' });
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    await ok('POST', '/users', {
      username: 'scoped',
      password: 'Strong-pw-77',
      displayName: 'Scoped',
      roleIds: [roles.find((r) => r.code === 'plant_manager')!.id],
      dataScope: { nodeIds: [area.id] },
    });
    const token = await t.login('screens-a', 'scoped', 'Strong-pw-77');
    const codes = (await screen<TEquipmentScreen>('equipment', token)).grid.items.map((e) => e.code).sort();
    expect(codes).toEqual(['SC-EQ1', 'SC-EQ2', 'SC-EQ3']);
    expect((await screen<TEquipmentScreen>('equipment')).grid.items).toHaveLength(4);
    // the flue-gas monitor is bound to no equipment: outside every area scope, as on the device pages
    expect((await screen<TCarbonScreen>('carbon', token)).pollutants).toEqual([]);
  });
});

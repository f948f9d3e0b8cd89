// Energy and carbon per work order on a real database, worked by hand: a work center whose lathe's
// electricity meter measured 10, 20, 30 and 40 kWh in the hours 08–12; order A's operation runs
// 08:30–09:30 and 10:00–10:30, order B's 10:15–11:15 on the same work center. Hour by hour:
//   08–09  10 kWh  A 30 min                    → A 5,  idle 5
//   09–10  20 kWh  A 30 min                    → A 10, idle 10
//   10–11  30 kWh  A 30 min, B 45 min, union 60 → A 12, B 18 (30 split 30:45), idle 0
//   11–12  40 kWh  B 15 min                    → B 10, idle 30
// A = 27 kWh, B = 28 kWh, idle 45 kWh; 27 + 28 + 45 = 100 = the meter. Factors of 2026 (defaults):
// 0.1229 kgce/kWh (GB/T 2589 equivalent), 0.3055 kgce/kWh (equal value), 0.5703 tCO₂/MWh (grid).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TWorkOrder, TWorkOrderEnergy, TWorkOrderEnergyByProduct } from '@greenmes/contracts';
import {
  api,
  details,
  ingestAll,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let orderA: TWorkOrder;
let orderB: TWorkOrder;
let workerId: string;
const DAY = '2026-11-02';
const at = (hhmm: string) => `${DAY}T${hhmm}:00+08:00`;

const { call, ok } = api(
  () => t,
  () => a.token,
);
const report = (order: TWorkOrder, body: object) =>
  ok('POST', `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`, {
    workerId,
    ...body,
  });

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('woe-a');
  const plant = await makePlant(t, a.token, 'WE');
  const { productId, workCenterId } = await makeRoutedProduct(t, a.token, {
    prefix: 'WE',
    parentId: plant.line.id,
    units: plant.units,
  });
  const wc = { id: workCenterId };
  const lathe = await ok('POST', '/equipment', {
    nodeId: wc.id,
    code: 'WE-LATHE',
    name: 'CNC lathe',
    category: 'machine_tool',
    energyMedia: ['electricity'],
  });
  // the line's lathe (outside the work center) is metered too: it must not count
  for (const [code, equipmentId, kwh] of [
    ['E-WC', lathe.id, [10, 20, 30, 40]],
    ['E-OTHER', plant.equipment.id, [500, 500, 500, 500]],
  ] as const) {
    const m = await ok('POST', '/energy/meters', {
      code,
      name: code,
      medium: 'electricity',
      unit: 'kWh',
      level: 3,
      source: 'manual',
      equipmentId,
    });
    for (const [i, value] of kwh.entries())
      await ok('POST', `/energy/meters/${m.id}/records`, {
        kind: 'consumption',
        ts: at(`${8 + i}:00`.padStart(5, '0')),
        periodEnd: at(`${9 + i}:00`.padStart(5, '0')),
        value,
      });
  }
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'WE001', name: '王五' })).id;
  orderA = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '10' });
  orderB = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '5' });
  for (const o of [orderA, orderB]) await ok('POST', `/production/work-orders/${o.id}/release`, {});
  await report(orderA, { kind: 'start', occurredAt: at('08:30') });
  await report(orderA, { kind: 'pause', reason: 'tool change', occurredAt: at('09:30') });
  await report(orderA, { kind: 'resume', occurredAt: at('10:00') });
  await report(orderB, { kind: 'start', occurredAt: at('10:15') });
  await report(orderA, { kind: 'finish', goodQty: '10', occurredAt: at('10:30') });
  await report(orderB, { kind: 'finish', goodQty: '5', occurredAt: at('11:15') });
});
afterAll(() => t?.close());

const energyOf = (order: TWorkOrder, token = a.token) =>
  call('GET', `/production/work-orders/${order.id}/energy`, undefined, token);

describe('energy per work order', () => {
  it('allocates the hours an operation ran to it, with tce, tCO₂ and per good unit; idle apart', async () => {
    const res = await energyOf(orderA);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json<TWorkOrderEnergy>();
    // whole hours around 08:30–10:30
    expect([e.from, e.to]).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-02T03:00:00.000Z']);
    expect(e.goodQuantity).toBe('10');
    const [op] = e.operations;
    expect(op).toMatchObject({
      code: 'TURN',
      workCenterCode: 'WE-WC',
      runningHours: 1.5,
      unmeteredRunningHours: 0,
    });
    expect(op!.energy.media).toEqual([
      {
        medium: 'electricity',
        unit: 'kWh',
        quantity: 27,
        tceEquivalent: expect.any(Number),
        tceEqual: expect.any(Number),
      },
    ]);
    // 27 kWh × 0.1229 kgce/kWh = 3.3183 kgce; × 0.3055 = 8.2485 kgce; 0.027 MWh × 0.5703 = 0.0153981 tCO₂
    expect(op!.energy.tceEquivalent).toBeCloseTo(0.0033183, 12);
    expect(op!.energy.tceEqual).toBeCloseTo(0.0082485, 12);
    expect(op!.energy.scope1Tco2).toBe(0);
    expect(op!.energy.scope2Tco2).toBeCloseTo(0.0153981, 12);
    expect(op!.energy.perGoodUnit!.kgceEquivalent).toBeCloseTo(0.33183, 10);
    expect(op!.energy.perGoodUnit!.kgceEqual).toBeCloseTo(0.82485, 10);
    expect(op!.energy.perGoodUnit!.kgco2).toBeCloseTo(1.53981, 10);
    expect(e.total.media[0]!.quantity).toBe(27);
    expect(e.total.totalTco2).toBeCloseTo(0.0153981, 12);
    expect(e.total.perGoodUnit!.kgco2).toBeCloseTo(1.53981, 10);

    // the work center over A's hours 08–11: 60 kWh = A 27 + B 18 + idle 15
    const [wc] = e.workCenters;
    expect(wc!.meters.map((m) => m.code)).toEqual(['E-WC']);
    expect(wc!.media).toEqual([
      { medium: 'electricity', unit: 'kWh', metered: 60, allocated: 27, otherOrders: 18, idle: 15 },
    ]);
    expect(wc!.idle.media[0]!.quantity).toBe(15);
    expect(wc!.idle.tceEquivalent).toBeCloseTo(0.0018435, 12);
    expect(wc!.idle.perGoodUnit).toBeNull();

    // auditable: the factors and their sources are named
    expect(e.basis.interval).toBe('PT1H');
    expect(e.basis.years).toEqual([
      expect.objectContaining({
        year: 2026,
        gridEmissionFactorTco2PerMWh: 0.5703,
        electricityEqualValueKgcePerKwh: 0.3055,
      }),
    ]);
    expect(e.basis.coefficients).toEqual([
      { medium: 'electricity', unit: 'kWh', sources: [expect.stringContaining('GB/T 2589')] },
    ]);
  });

  it('splits an hour two operations share by running time', async () => {
    const e = (await energyOf(orderB)).json<TWorkOrderEnergy>();
    expect(e.operations[0]!.runningHours).toBe(1);
    expect(e.operations[0]!.energy.media[0]!.quantity).toBe(28); // 18 + 10
    expect(e.operations[0]!.energy.perGoodUnit!.kgceEquivalent).toBeCloseTo((28 * 0.1229) / 5, 10);
    // B's hours 10–12: 70 kWh = B 28 + A 12 + idle 30
    expect(e.workCenters[0]!.media[0]).toMatchObject({
      metered: 70,
      allocated: 28,
      otherOrders: 12,
      idle: 30,
    });
  });

  it('an order nothing ran for has no energy, and says so', async () => {
    const idle = await ok<TWorkOrder>('POST', '/production/work-orders', {
      productId: orderA.productId,
      quantity: '1',
    });
    const e = (await energyOf(idle)).json<TWorkOrderEnergy>();
    expect(e.from).toBeNull();
    expect(e.total).toMatchObject({ media: [], tceEquivalent: 0, totalTco2: 0, perGoodUnit: null });
    expect(e.notes).toEqual([expect.stringMatching(/no operation has run/)]);
  });
});

describe('energy of work orders by product', () => {
  it('sums the orders worked in the period per product; allocated + idle = the meter', async () => {
    const q = `from=${encodeURIComponent(at('08:00'))}&to=${encodeURIComponent(at('12:00'))}`;
    const res = await call('GET', `/energy/products/work-orders?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<TWorkOrderEnergyByProduct>();
    expect(r.products).toHaveLength(1);
    const [p] = r.products;
    expect(p).toMatchObject({ productCode: 'WE-FG', goodQuantity: '15' });
    expect(p!.energy.media[0]!.quantity).toBe(55);
    expect(p!.energy.perGoodUnit!.kgceEquivalent).toBeCloseTo((55 * 0.1229) / 15, 10);
    expect(p!.energy.perGoodUnit!.kgco2).toBeCloseTo((0.055 * 0.5703 * 1000) / 15, 10);
    expect(p!.orders.map((o) => [o.number, o.goodQuantity])).toEqual([
      [orderA.number, '10'],
      [orderB.number, '5'],
    ]);
    expect(r.idle.media[0]!.quantity).toBe(45);
    expect(r.workCenters[0]!.media[0]).toMatchObject({ metered: 100, allocated: 55, idle: 45 });
    expect(p!.energy.media[0]!.quantity + r.idle.media[0]!.quantity).toBe(100);

    // a period starting 11:30 snaps to whole hours: B's 11:00–11:15 is in it
    const later = `from=${encodeURIComponent(at('11:30'))}&to=${encodeURIComponent(at('13:00'))}`;
    const after = (
      await call('GET', `/energy/products/work-orders?${later}`)
    ).json<TWorkOrderEnergyByProduct>();
    expect(after.products.map((x) => x.energy.media[0]?.quantity)).toEqual([10]); // B ran 11:00–11:15
  });

  it('names the bad field', async () => {
    const backwards = await call(
      'GET',
      `/energy/products/work-orders?from=${encodeURIComponent(at('12:00'))}&to=${encodeURIComponent(at('08:00'))}`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(details(backwards.body)[0]!.path).toBe('querystring.to');
    const missing = await call('GET', `/energy/products/work-orders?to=${encodeURIComponent(at('08:00'))}`);
    expect(missing.statusCode).toBe(400);
    expect(details(missing.body).map((d) => d.path)).toContain('querystring.from');
    const tooLong = await call(
      'GET',
      `/energy/products/work-orders?from=${encodeURIComponent('2025-01-01T00:00:00+08:00')}&to=${encodeURIComponent(at('08:00'))}`,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(details(tooLong.body)[0]!.path).toBe('querystring.to');
    const bad = await call('GET', '/production/work-orders/not-a-uuid/energy');
    expect(bad.statusCode).toBe(400);
    expect(details(bad.body)[0]!.path).toBe('params.id');
  });
});

describe('tenants and permissions', () => {
  it('another tenant and unknown ids get 404; roles without energy reports 403', async () => {
    const b = await t.makeTenant('woe-b');
    expect((await energyOf(orderA, b.token)).statusCode).toBe(404);
    expect(
      (await call('GET', '/production/work-orders/00000000-0000-4000-8000-000000000000/energy')).statusCode,
    ).toBe(404);
    const q = `from=${encodeURIComponent(at('08:00'))}&to=${encodeURIComponent(at('12:00'))}`;
    const theirs = (
      await call('GET', `/energy/products/work-orders?${q}`, undefined, b.token)
    ).json<TWorkOrderEnergyByProduct>();
    expect(theirs.products).toEqual([]);
    expect(theirs.workCenters).toEqual([]);

    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    for (const [role, status] of [
      ['production_planner', 403],
      ['operator', 403],
      ['viewer', 200],
      ['energy_manager', 200],
    ] as const) {
      await ok('POST', '/users', {
        username: `woe-${role}`,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      const token = await t.login('woe-a', `woe-${role}`, 'Strong-pw-77');
      expect((await energyOf(orderA, token)).statusCode, role).toBe(status);
    }
  });
});

describe('a work center metered by a telemetry counter', () => {
  it("allocates the hourly rollups' deltas; operation + idle = the consumption report", async () => {
    const plant = await makePlant(t, a.token, 'WT');
    const wc = await ok('POST', '/plant/nodes', {
      kind: 'work_center',
      parentId: plant.line.id,
      code: 'WT-WC',
      name: 'Milling cell',
    });
    const mill = await ok('POST', '/equipment', {
      nodeId: wc.id,
      code: 'WT-MILL',
      name: 'Mill',
      category: 'machine_tool',
      energyMedia: ['electricity'],
    });
    const device = await ok('POST', '/devices', {
      code: 'WT-PM',
      name: 'Mill power meter',
      metrics: [{ key: 'kwh', name: 'Energy', valueType: 'number', kind: 'counter', unitCode: 'kWh' }],
    });
    const [metric] = await ok<Array<{ id: number }>>('GET', `/devices/${device.id}/metrics`);
    const meter = await ok('POST', '/energy/meters', {
      code: 'E-MILL',
      name: 'Mill',
      medium: 'electricity',
      unit: 'kWh',
      level: 3,
      source: 'telemetry',
      metricId: metric!.id,
      equipmentId: mill.id,
    });
    const cred = await ok<{ token: string }>('POST', `/devices/${device.id}/credentials`, { kind: 'token' });
    // the register every 15 minutes from 08:00 to 11:00: +1.5 kWh a quarter, +3 kWh after 09:00
    const start = Date.parse(at('08:00'));
    let register = 1000;
    const samples = Array.from({ length: 13 }, (_, i) => {
      const ts = start + i * 15 * 60_000;
      if (i > 0) register += ts > Date.parse(at('09:00')) ? 3 : 1.5;
      return { ts, values: { kwh: register } };
    });
    await ingestAll(t, cred.token, samples);
    const { productId } = await makeRoutedProduct(t, a.token, {
      prefix: 'WT',
      parentId: plant.line.id,
      units: plant.units,
      workCenterId: wc.id,
      operations: [{ seqNo: 10, code: 'MILL', name: 'Mill' }],
    });
    const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '4' });
    await ok('POST', `/production/work-orders/${order.id}/release`, {});
    await report(order, { kind: 'start', occurredAt: at('08:00') });
    await report(order, { kind: 'finish', goodQty: '4', occurredAt: at('09:30') });

    // what the consumption service says the meter used, hour by hour
    const c = await ok<{ meters: Array<{ points: Array<[number, number | null]> }> }>(
      'GET',
      `/energy/consumption?from=${encodeURIComponent(at('08:00'))}&to=${encodeURIComponent(at('10:00'))}&granularity=hour&meterIds=${meter.id}`,
    );
    const [h8, h9] = c.meters[0]!.points.map((p) => p[1]!);
    // a delta counts in the hour of the later sample: 08:15, 08:30, 08:45 → 4.5; 09:00 → 1.5 and
    // 09:15, 09:30, 09:45 → 9, so 10.5
    expect([h8, h9]).toEqual([4.5, 10.5]);
    const e = (await energyOf(order)).json<TWorkOrderEnergy>();
    // all of 08–09 and half of 09–10: 4.5 + 5.25 = 9.75 kWh; idle the other half of 09–10
    expect(e.operations[0]!.energy.media[0]!.quantity).toBe(9.75);
    expect(e.workCenters[0]!.media[0]).toEqual({
      medium: 'electricity',
      unit: 'kWh',
      metered: 15,
      allocated: 9.75,
      otherOrders: 0,
      idle: 5.25,
    });
    expect(e.workCenters[0]!.media[0]!.allocated + e.workCenters[0]!.media[0]!.idle).toBe(h8! + h9!);
    expect(e.total.perGoodUnit!.kgco2).toBeCloseTo((0.00975 * 0.5703 * 1000) / 4, 10);
  });
});

// Carbon per lot on a real database, worked by hand: the work center's lathe meter measured 10 and 20 kWh in
// the hours 08–10; the order (10 pieces, 1 kg of bar each) ran 08:30–09:30 → 5 + 10 = 15 kWh, all of it the
// order's, whose single output lot holds all 10 good pieces (share 1). 0.015 MWh × 0.5703 tCO₂/MWh (the 2026
// grid default) = 0.0085545 tCO₂ = 8.5545 kg. The bar lot issued to it has a factor of 2.5 kgCO₂e/kg: 10 kg
// consumed → 25 kg. Lot: 33.5545 kgCO₂e, 3.35545 per piece.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TLot, TLotCarbon, TPage, TWorkOrder } from '@greenmes/contracts';
import { api, makePlant, makeRoutedProduct, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let order: TWorkOrder;
let rawLotId: string;
const at = (hhmm: string) => `2026-11-02T${hhmm}:00+08:00`;

const { call, ok } = api(
  () => t,
  () => a.token,
);

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('lotc-a');
  b = await t.makeTenant('lotc-b');
  const plant = await makePlant(t, a.token, 'LC');
  const { productId, rawId, workCenterId } = await makeRoutedProduct(t, a.token, {
    prefix: 'LC',
    parentId: plant.line.id,
    units: plant.units,
  });
  const lathe = await ok('POST', '/equipment', {
    nodeId: workCenterId,
    code: 'LC-LATHE',
    name: 'CNC lathe',
    category: 'machine_tool',
    energyMedia: ['electricity'],
  });
  const meter = await ok('POST', '/energy/meters', {
    code: 'E-LC',
    name: 'E-LC',
    medium: 'electricity',
    unit: 'kWh',
    level: 3,
    source: 'manual',
    equipmentId: lathe.id,
  });
  for (const [i, value] of [10, 20].entries())
    await ok('POST', `/energy/meters/${meter.id}/records`, {
      kind: 'consumption',
      ts: at(`0${8 + i}:00`),
      periodEnd: at(`${String(9 + i).padStart(2, '0')}:00`),
      value,
    });
  await ok('PUT', `/carbon/material-factors/${rawId}`, { kgco2ePerUnit: '2.5', source: 'supplier EPD' });
  rawLotId = (
    await ok('POST', '/inventory/lots', { lotNumber: 'LC-BAR-1', materialId: rawId, quantity: '100' })
  ).id;
  const workerId = (await ok('POST', '/labour/workers', { employeeNo: 'LC001', name: '孙八' })).id;
  order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '10' });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  await ok('POST', `/production/work-orders/${order.id}/material-issues`, {
    lotNumber: 'LC-BAR-1',
    quantity: '10',
  });
  const opUrl = `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`;
  await ok('POST', opUrl, { workerId, kind: 'start', occurredAt: at('08:30') });
  await ok('POST', opUrl, { workerId, kind: 'finish', goodQty: '10', occurredAt: at('09:30') });
});
afterAll(() => t?.close());

describe('carbon per lot', () => {
  it('shares the order’s energy by quantity and adds the consumed lots’ material footprint', async () => {
    const lots = await ok<TPage<TLot>>('GET', `/inventory/lots?lotNumber=${order.number}`);
    const output = lots.items.find((l) => l.origin === 'produced')!;
    const c = await ok<TLotCarbon>('GET', `/inventory/lots/${output.id}/carbon`);
    expect(c).toMatchObject({
      lotNumber: order.number,
      origin: 'produced',
      quantity: '10',
      workOrderId: order.id,
      orderGoodQuantity: '10',
      share: 1,
      missing: [],
    });
    expect(c.energy!.totalTco2).toBeCloseTo(0.0085545, 12);
    expect(c.energy!.tceEquivalent).toBeCloseTo((0.015 * 1000 * 0.1229) / 1000, 12); // 1.8435 kgce
    expect(c.energyKgco2e).toBeCloseTo(8.5545, 9);
    expect(c.components).toEqual([
      {
        lotId: rawLotId,
        lotNumber: 'LC-BAR-1',
        materialCode: 'LC-RM',
        materialName: 'Bar',
        unitCode: 'kg',
        origin: 'received',
        quantity: '10',
        kgco2ePerUnit: 2.5,
        kgco2e: 25,
      },
    ]);
    expect(c.materialsKgco2e).toBe(25);
    expect(c.totalKgco2e).toBeCloseTo(33.5545, 9);
    expect(c.perUnitKgco2e).toBeCloseTo(3.35545, 9);
    expect(c.method).toContain('by quantity');
  });

  it('answers a received lot with its material factor; another tenant gets 404', async () => {
    const raw = await ok<TLotCarbon>('GET', `/inventory/lots/${rawLotId}/carbon`);
    expect(raw).toMatchObject({
      origin: 'received',
      quantity: '100',
      energy: null,
      perUnitKgco2e: 2.5,
      totalKgco2e: 250,
      components: [],
    });
    expect((await call('GET', `/inventory/lots/${rawLotId}/carbon`, undefined, b.token)).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/inventory/lots/not-a-uuid/carbon')).statusCode).toBe(400);
  });
});

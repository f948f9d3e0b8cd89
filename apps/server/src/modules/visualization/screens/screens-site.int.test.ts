// The big screens of one site (?siteId=): two sites with an order, a machine and an electricity incomer each;
// a site's screen shows its own figures only. A bad id is 400 naming the field; an unknown node, a node that
// is not a site, another enterprise's site or one outside the caller's data scope is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TCarbonScreen,
  TEnergyScreen,
  TEquipmentScreen,
  TProductionScreen,
  TSummaryScreen,
  TWorkOrder,
} from '@greenmes/contracts';
import { makePlant, makeRoutedProduct, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let north: Awaited<ReturnType<typeof makePlant>>;
let south: Awaited<ReturnType<typeof makePlant>>;
const orders: Record<string, TWorkOrder> = {};

async function ok<T = { id: string }>(method: string, url: string, body?: unknown, token = a.token) {
  const res = await t.call({ method, url: `/api/v1${url}`, token, body });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const screen = <T>(key: string, siteId?: string, token = a.token) =>
  ok<T>('GET', `/screens/${key}${siteId ? `?siteId=${siteId}` : ''}`, undefined, token);

/** A site's order of 10 due today with `good` reported at its only operation, and its incomer's kWh today. */
async function siteActivity(
  plant: Awaited<ReturnType<typeof makePlant>>,
  prefix: string,
  o: { today: string; day: [number, number]; good: string; kwh: number },
) {
  const { productId } = await makeRoutedProduct(t, a.token, {
    prefix,
    parentId: plant.line.id,
    units: plant.units,
    operations: [{ seqNo: 10, code: 'OP', name: 'Op' }],
  });
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', {
    productId,
    quantity: '10',
    dueDate: o.today,
  });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  const workerId = (await ok('POST', '/labour/workers', { employeeNo: `${prefix}1`, name: prefix })).id;
  const at = `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`;
  await ok('POST', at, { workerId, kind: 'start' });
  await ok('POST', at, { workerId, kind: 'quantity', goodQty: o.good });
  orders[prefix] = order;

  const meter = await ok('POST', '/energy/meters', {
    code: `${prefix}-IN`,
    name: `${prefix} incomer`,
    medium: 'electricity',
    unit: 'kWh',
    level: 1,
    nodeId: plant.site.id,
    source: 'manual',
  });
  await ok('POST', `/energy/meters/${meter.id}/records`, {
    kind: 'consumption',
    ts: new Date(o.day[0]).toISOString(),
    periodEnd: new Date(Math.min(Date.now() - 1000, o.day[0] + 3_600_000)).toISOString(),
    value: o.kwh,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('site-screens-a');
  b = await t.makeTenant('site-screens-b');
  north = await makePlant(t, a.token, 'N');
  south = await makePlant(t, a.token, 'S');
  const { periods } = await screen<TProductionScreen>('production');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: periods.timezone }).format(
    new Date(periods.day[0]),
  );
  await siteActivity(north, 'NP', { today, day: periods.day, good: '3', kwh: 100 });
  await siteActivity(south, 'SP', { today, day: periods.day, good: '5', kwh: 300 });
});
afterAll(() => t?.close());

describe('big screens of one site', () => {
  it("shows a site's production, equipment and energy only", async () => {
    const all = await screen<TProductionScreen>('production');
    expect(all.today).toMatchObject({ goodQty: 8, plannedQty: 20, reports: 4 });
    const n = await screen<TProductionScreen>('production', north.site.id);
    expect(n.today).toEqual({ goodQty: 3, plannedQty: 10, attainment: 0.3, scrapQty: 0, reports: 2 });
    expect(n.orders.map((o) => o.id)).toEqual([orders.NP!.id]);
    expect(n.openOrders).toBe(1);
    expect(n.wip.orders).toBe(1);

    const grid = await screen<TEquipmentScreen>('equipment', south.site.id);
    expect(grid.grid.items.map((e) => e.code)).toEqual(['S-EQ1']);

    const energyAll = await screen<TEnergyScreen>('energy');
    const energyN = await screen<TEnergyScreen>('energy', north.site.id);
    expect(energyAll.today.byMedium.map((m) => [m.medium, m.quantity])).toEqual([['electricity', 400]]);
    expect(energyN.today.byMedium.map((m) => [m.medium, m.quantity])).toEqual([['electricity', 100]]);
    expect(energyN.today.tce / energyAll.today.tce).toBeCloseTo(0.25, 9);

    const carbonAll = await screen<TCarbonScreen>('carbon');
    const carbonS = await screen<TCarbonScreen>('carbon', south.site.id);
    expect(carbonS.year.scope2Tco2 / carbonAll.year.scope2Tco2).toBeCloseTo(0.75, 9);

    const summary = await screen<TSummaryScreen>('summary', north.site.id);
    expect(summary.production).toMatchObject({ goodQty: 3, plannedQty: 10, openOrders: 1 });
    expect(summary.equipment.total).toBe(1);
    expect(summary.energy.todayTce).toBeCloseTo(energyN.today.tce, 12);
  });

  it('names its site for the header, and none for the whole enterprise', async () => {
    for (const key of ['summary', 'production', 'equipment', 'energy', 'carbon']) {
      expect([key, (await screen<{ site: unknown }>(key, south.site.id)).site]).toEqual([
        key,
        { id: south.site.id, name: 'Site' },
      ]);
      expect([key, (await screen<{ site: unknown }>(key)).site]).toEqual([key, null]);
    }
  });

  it('refuses a bad id naming the field, and a site the caller may not see as not found', async () => {
    const bad = await t.call({ url: '/api/v1/screens/production?siteId=north', token: a.token });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json<{ error: { details: Array<{ path: string }> } }>().error.details.map((d) => d.path),
    ).toEqual(['querystring.siteId']);
    const notFound = async (key: string, siteId: string, token = a.token) =>
      (await t.call({ url: `/api/v1/screens/${key}?siteId=${siteId}`, token })).statusCode;
    for (const key of ['summary', 'production', 'equipment', 'energy', 'carbon']) {
      expect([key, await notFound(key, '00000000-0000-4000-8000-000000000000')]).toEqual([key, 404]);
      // an area is not a site
      expect([key, await notFound(key, north.area.id)]).toEqual([key, 404]);
      // another enterprise's site
      expect([key, await notFound(key, north.site.id, b.token)]).toEqual([key, 404]);
    }

    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    await ok('POST', '/users', {
      username: 'south-only',
      password: 'Strong-pw-77',
      displayName: 'South only',
      roleIds: [roles.find((r) => r.code === 'plant_manager')!.id],
      dataScope: { nodeIds: [south.site.id] },
    });
    const southOnly = await t.login('site-screens-a', 'south-only', 'Strong-pw-77');
    expect(await notFound('production', north.site.id, southOnly)).toBe(404);
    const own = await screen<TProductionScreen>('production', south.site.id, southOnly);
    expect(own.today).toMatchObject({ goodQty: 5, plannedQty: 10 });
  });
});

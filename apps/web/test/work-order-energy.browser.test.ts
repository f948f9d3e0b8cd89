// Energy and carbon per work order in the browser. The test sets up, through the API of the demo server, a work
// center whose lathe's manual electricity meter measured 10, 20 and 30 kWh in the hours 08–11 of 2 Nov 2026, and
// an order whose only operation ran 08:30–09:30 and 10:00–10:30 (10 good). Each hour gives the operation the part
// it ran: half of 10 + half of 20 + half of 30 = 30 kWh, the other 30 kWh idle; 30 × 0.1229 kgce/kWh = 0.003687
// tce; 0.030 MWh × 0.5703 tCO₂/MWh = 0.017109 tCO₂; per good unit 0.3687 kgce and 1.7109 kgCO₂. The order's
// energy tab and the product rollup on the energy-per-product page show these.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TWorkOrder } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let order: TWorkOrder;
const pageErrors: string[] = [];
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const at = (hhmm: string) => `2026-11-02T${hhmm}:00+08:00`;

const { api } = pageApi(
  () => page,
  () => server,
);

async function setUp() {
  const units = await api<Array<{ id: string; code: string }>>('GET', '/units');
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  const site = await api('POST', '/plant/nodes', { kind: 'site', code: 'WOE-S', name: '能耗测试厂' });
  const area = await api('POST', '/plant/nodes', {
    kind: 'area',
    parentId: site.id,
    code: 'WOE-A',
    name: '车间',
  });
  const line = await api('POST', '/plant/nodes', {
    kind: 'line',
    parentId: area.id,
    code: 'WOE-L',
    name: '产线',
  });
  const wc = await api('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: line.id,
    code: 'WOE-WC',
    name: '车削单元',
  });
  const lathe = await api('POST', '/equipment', {
    nodeId: wc.id,
    code: 'WOE-LATHE',
    name: '数控车床',
    category: 'machine_tool',
    energyMedia: ['electricity'],
  });
  const meter = await api('POST', '/energy/meters', {
    code: 'E-WOE',
    name: '车床电表',
    medium: 'electricity',
    unit: 'kWh',
    level: 3,
    source: 'manual',
    equipmentId: lathe.id,
  });
  for (const [from, to, value] of [
    ['08:00', '09:00', 10],
    ['09:00', '10:00', 20],
    ['10:00', '11:00', 30],
  ] as const)
    await api('POST', `/energy/meters/${meter.id}/records`, {
      kind: 'consumption',
      ts: at(from),
      periodEnd: at(to),
      value,
    });
  const productId = (
    await api('POST', '/materials', {
      code: 'WOE-FG',
      name: '测试阀体',
      type: 'finished',
      unitId: unit('pcs'),
    })
  ).id;
  const raw = await api('POST', '/materials', {
    code: 'WOE-RM',
    name: '棒料',
    type: 'raw',
    unitId: unit('kg'),
  });
  const bom = await api('POST', '/production/boms', {
    productId,
    version: 'V1',
    effectiveFrom: '2025-01-01',
    lines: [{ componentId: raw.id, quantity: '1' }],
  });
  await api('POST', `/production/boms/${bom.id}/transition`, { status: 'active' });
  const routing = await api('POST', '/production/routings', {
    productId,
    version: 'R1',
    effectiveFrom: '2025-01-01',
    operations: [{ seqNo: 10, code: 'TURN', name: '车削', workCenterId: wc.id }],
  });
  await api('POST', `/production/routings/${routing.id}/transition`, { status: 'active' });
  const workerId = (await api('POST', '/labour/workers', { employeeNo: 'WOE001', name: '王五' })).id;
  order = await api<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '10' });
  await api('POST', `/production/work-orders/${order.id}/release`, {});
  const reports = `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`;
  for (const body of [
    { kind: 'start', occurredAt: at('08:30') },
    { kind: 'pause', reason: '换刀', occurredAt: at('09:30') },
    { kind: 'resume', occurredAt: at('10:00') },
    { kind: 'finish', goodQty: '10', occurredAt: at('10:30') },
  ])
    await api('POST', reports, { workerId, ...body });
}

describe('energy and carbon per work order against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({ onPageError: (m) => pageErrors.push(m) }));
    await setUp();
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `work-order-energy-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the order's energy per operation, its carbon, per good unit, idle apart and the factors", async () => {
    await page.goto(`${server.baseUrl}/production/work-orders/${order.id}`);
    await page.getByTestId('wo-energy-tab').click();
    await page.getByTestId('woe-tab').waitFor();
    await poll(() => page.getByTestId('woe-op-10-media').textContent()).toBe('电力 30 kWh');
    expect(await page.getByTestId('woe-op-10-tce').textContent()).toBe('0.003687');
    expect(await page.getByTestId('woe-op-10-tco2').textContent()).toBe('0.017109');
    expect(await page.getByTestId('woe-total-media').textContent()).toBe('电力 30 kWh');
    // the hours around the order's running time, on the enterprise's wall clock
    expect(await page.getByTestId('woe-period').textContent()).toBe('2026-11-02 08:00 – 2026-11-02 11:00');
    expect(await page.getByTestId('woe-unit-kgce').textContent()).toBe('0.3687');
    expect(await page.getByTestId('woe-unit-kgco2').textContent()).toBe('1.7109');
    // the work center measured 60 kWh in the order's hours: 30 to the order, 30 idle
    expect(await page.getByTestId('idle-WOE-WC-electricity').textContent()).toBe('30 kWh');
    expect(await page.getByTestId('woe-work-centers').textContent()).toContain('E-WOE (WOE-LATHE)');
    expect(await page.getByTestId('woe-basis-2026').textContent()).toContain('0.5703');
    expect(await page.getByTestId('woe-basis').textContent()).toContain('GB/T 2589');
    await screenshot(page, 'work-order-energy-01-tab');
    expect(pageErrors).toEqual([]);
  });

  it('rolls the orders worked in a period up by product', async () => {
    await page.getByTestId('menu-energy-products').click();
    await page.getByTestId('energy-products-page').waitFor();
    await page.getByTestId('energy-products-tab-work-orders').click();
    const range = page.getByTestId('wo-energy-by-product').locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill('2026-11-02');
    await range.nth(0).press('Enter');
    await range.nth(1).fill('2026-11-02');
    await range.nth(1).press('Enter');
    await poll(() => page.getByTestId('wo-energy-WOE-FG-media').count()).toBe(1);
    expect(await page.getByTestId('wo-energy-WOE-FG-media').textContent()).toBe('电力 30 kWh');
    expect(await page.getByTestId('wo-energy-WOE-FG-unit-kgce').textContent()).toBe('0.3687');
    expect(await page.getByTestId('wo-energy-WOE-FG-unit-kgco2').textContent()).toBe('1.7109');
    await screenshot(page, 'work-order-energy-02-by-product');
    expect(pageErrors).toEqual([]);
  });
});

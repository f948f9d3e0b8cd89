// Production pages on the live channel, on the demo enterprise: the WIP board says it is live, and an Andon
// stop raised through the API (as a terminal would) shows on the open board as a stop within seconds — the
// board then polls only every 60 s, so only the pushed event can bring it this fast — and the order's detail
// page shows it on the operation. A produced lot's drawer shows its carbon footprint.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TLot, TLotCarbon, TPage, TWorkOrder, TWorkOrderSummary } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

const { api } = pageApi(
  () => page,
  () => server,
);

describe('live production updates against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `live-production-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('pushes an Andon stop to the open WIP board and shows it on the order', async () => {
    const list = await api<TPage<TWorkOrderSummary>>(
      'GET',
      '/production/work-orders?status=released&pageSize=50',
    );
    const order = await api<TWorkOrder>('GET', `/production/work-orders/${list.items.at(-1)!.id}`);
    const first = order.operations[0]!;
    const workers = await api<TPage<{ id: string }>>('GET', '/labour/workers?pageSize=1');
    const workerId = workers.items[0]!.id;

    await page.getByTestId('menu-wip').click();
    await page.getByTestId('wip-board').waitFor();
    // subscribed: the board says so, and polls only as a backstop from now on
    await expect
      .poll(() => page.getByTestId('wip-refreshed').textContent(), { timeout: 15_000 })
      .toContain('实时');
    await page.getByTestId(`wip-op-${order.number}-${first.seqNo}`).waitFor();

    await api('POST', `/production/work-orders/${order.id}/operations/${first.id}/job-reports`, {
      kind: 'start',
      workerId,
    });
    await api('POST', '/production/andon/exceptions', {
      kind: 'equipment_fault',
      operationId: first.id,
      workerId,
      description: '主轴过热',
      isStopping: true,
    });
    const flags = page.getByTestId(`wip-flags-${order.number}-${first.seqNo}`);
    await expect.poll(() => flags.textContent(), { timeout: 5_000 }).toContain('停机：主轴过热');
    await expect
      .poll(() => page.getByTestId(`wip-op-${order.number}-${first.seqNo}`).textContent(), { timeout: 5_000 })
      .toContain('暂停');
    await screenshot(page, 'live-production-wip-stop');

    await page.goto(`${server.baseUrl}/production/work-orders/${order.id}`);
    await expect
      .poll(() => page.getByTestId(`wo-flags-${first.seqNo}`).textContent(), { timeout: 10_000 })
      .toContain('停机：主轴过热');
    await screenshot(page, 'live-production-order-stop');
  });

  it('shows a produced lot’s carbon footprint in its drawer', async () => {
    const lots = await api<TPage<TLot>>('GET', '/inventory/lots?pageSize=100');
    const produced = lots.items.find((l) => l.origin === 'produced') ?? lots.items[0]!;
    const carbon = await api<TLotCarbon>('GET', `/inventory/lots/${produced.id}/carbon`);

    await page.getByTestId('menu-lots').click();
    await page.getByTestId('lots-page').waitFor();
    await page.getByTestId('lot-search').locator('input').fill(produced.lotNumber);
    await page.getByTestId('lot-search').locator('input').press('Enter');
    await page.getByTestId(`lot-open-${produced.lotNumber}`).first().click();
    const card = page.getByTestId('lot-carbon');
    await card.waitFor();
    const shown = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
    await expect
      .poll(() => page.getByTestId('lot-carbon-total').textContent(), { timeout: 10_000 })
      .toBe(shown(carbon.totalKgco2e));
    await screenshot(page, 'live-production-lot-carbon');
  });
});

// The WIP board in the browser, on the demo enterprise: a released demo order waits in full at its first
// operation; a start and a quantity report sent through the API (as another terminal would) move the
// quantities on the open board — in process at the first operation, waiting at the second — without a reload.
// The demo's lathes propose reports from their `parts` counters: the settings page lists them, and the terminal
// shows the 计数器 box on a running turning operation with its proposal and confirm / edit buttons. With explicit
// transfers switched on, the first order's good output stays done at its operation until the terminal transfers it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TPage, TWorkOrder, TWorkOrderSummary } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let valve: TWorkOrder;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

const { api } = pageApi(
  () => page,
  () => server,
);
/** a figure on the board, as a number (null while the row is not there) */
async function figure(testId: string): Promise<number | null> {
  const cell = page.getByTestId(testId);
  return (await cell.count()) === 0 ? null : Number(await cell.textContent());
}

describe('the WIP board against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `wip-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a demo order's quantities and follows a report made through the API without a reload", async () => {
    const list = await api<TPage<TWorkOrderSummary>>(
      'GET',
      '/production/work-orders?status=released&pageSize=50',
    );
    const summary = list.items.find((w) => w.parentId === null)!;
    const order = await api<TWorkOrder>('GET', `/production/work-orders/${summary.id}`);
    const [first, second] = order.operations;
    const quantity = Number(order.quantity);
    valve = order;

    await page.getByTestId('menu-wip').click();
    await page.getByTestId('wip-board').waitFor();
    const row = (seq: number, key: string) => `wip-op-${order.number}-${seq}-${key}`;
    await poll(() => figure(row(first!.seqNo, 'waiting'))).toBe(quantity);
    await poll(() => figure(row(first!.seqNo, 'inProcess'))).toBe(0);
    await screenshot(page, 'wip-board');

    const workers = await api<TPage<{ id: string }>>('GET', '/labour/workers?pageSize=1');
    const url = `/production/work-orders/${order.id}/operations/${first!.id}/job-reports`;
    await api('POST', url, { kind: 'start', workerId: workers.items[0]!.id });
    await api('POST', url, { kind: 'quantity', workerId: workers.items[0]!.id, goodQty: '2' });

    // the open board catches up on its own
    await poll(() => figure(row(first!.seqNo, 'inProcess'))).toBe(quantity - 2);
    await poll(() => figure(row(first!.seqNo, 'waiting'))).toBe(0);
    await poll(() => figure(row(second!.seqNo, 'waiting'))).toBe(2);
    await screenshot(page, 'wip-board-after-report');
  });

  it('lists the counter configuration and shows the counter box on the terminal', async () => {
    await page.getByTestId('menu-counter-configs').click();
    const table = page.getByTestId('counter-config-page');
    await table.waitFor();
    await poll(() => table.locator('tr.ant-table-row').filter({ hasText: 'CNC-T01' }).count()).toBe(1);
    await screenshot(page, 'wip-counter-configs');

    // a released order whose first operation turns on the lathe cell, started through the API
    const list = await api<TPage<TWorkOrderSummary>>(
      'GET',
      '/production/work-orders?status=released&pageSize=50',
    );
    let order: TWorkOrder | undefined;
    for (const s of list.items) {
      const o = await api<TWorkOrder>('GET', `/production/work-orders/${s.id}`);
      if (o.operations[0]!.workCenterCode === 'MC-L1-TURN') order = o;
      if (order) break;
    }
    const workers = await api<TPage<{ id: string }>>('GET', '/labour/workers?pageSize=1');
    await api(
      'POST',
      `/production/work-orders/${order!.id}/operations/${order!.operations[0]!.id}/job-reports`,
      {
        kind: 'start',
        workerId: workers.items[0]!.id,
      },
    );
    await page.goto(`${server.baseUrl}/terminal`);
    await page.getByTestId('terminal-badge').fill('GY1001');
    await page.getByTestId('terminal-badge').press('Enter');
    await page.getByTestId('terminal-scan').fill(`${order!.number}/${order!.operations[0]!.seqNo}`);
    await page.getByTestId('terminal-scan').press('Enter');
    const box = page.getByTestId('terminal-counter');
    await box.waitFor();
    // whatever the demo's history has counted so far, as a decimal
    await poll(async () =>
      /^\d+(\.\d+)?$/.test((await page.getByTestId('terminal-counter-qty').textContent()) ?? ''),
    ).toBe(true);
    await expect(page.getByTestId('terminal-counter-edit').isEnabled()).resolves.toBe(true);
    await screenshot(page, 'wip-terminal-counter');
  });

  it('with explicit transfers, good output waits at its operation until the terminal transfers it', async () => {
    await api('PATCH', '/settings', { explicitOperationTransfers: true });
    const [first, second] = valve.operations;
    const row = (seq: number, key: string) => `wip-op-${valve.number}-${seq}-${key}`;
    await page.goto(`${server.baseUrl}/production/wip`);
    await poll(() => figure(row(first!.seqNo, 'done'))).toBe(2);
    await poll(() => figure(row(second!.seqNo, 'waiting'))).toBe(null);

    await page.goto(`${server.baseUrl}/terminal`);
    const badge = page.getByTestId('terminal-badge');
    await page.getByTestId('terminal-scan').or(badge).first().waitFor();
    if (await badge.isVisible()) {
      await badge.fill('GY1001');
      await badge.press('Enter');
    }
    await page.getByTestId('terminal-scan').fill(`${valve.number}/${first!.seqNo}`);
    await page.getByTestId('terminal-scan').press('Enter');
    await page.getByTestId('terminal-transfer').click();
    await page.locator('.ant-modal .ant-btn-primary').click();
    await poll(() => page.getByTestId('terminal-transfer').isDisabled()).toBe(true);
    await screenshot(page, 'wip-terminal-transfer');

    await page.goto(`${server.baseUrl}/production/wip`);
    await poll(() => figure(row(second!.seqNo, 'waiting'))).toBe(2);
    await poll(() => figure(row(first!.seqNo, 'done'))).toBe(0);
  });
});

// The shop-floor terminal on a tablet (1280×800), on the demo enterprise: reached from the menu, a worker
// signs in by badge (a scanner types the code and Enter), scans a released order's number (its operations
// as buttons) and an operation card (`number/seq`), starts, pauses with a reason code, resumes, reports
// good and scrap with a reason, is refused an over-report with the server's message on the field, finishes,
// and finishes the remaining operations until the terminal says all are done; signs out and in by employee
// no. + PIN. The order's detail page then shows the reports and totals and prints the operation card with
// the code the terminal scans, and a page left open on another
// order picks up a report made elsewhere without a reload.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TJobReportResult, TWorkerIdentity, TWorkOrder } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const pageErrors: string[] = [];

const { api, releasedOrder } = pageApi(
  () => page,
  () => server,
);
const opStatus = () => page.getByTestId('terminal-op-status').textContent();
async function scan(code: string) {
  await page.getByTestId('terminal-scan').fill(code);
  await page.getByTestId('terminal-scan').press('Enter');
}
async function reportQuantities(o: { good?: string; scrap?: string; reason?: RegExp }) {
  const form = page.getByTestId('terminal-qty-form');
  await form.waitFor();
  if (o.good) await page.getByTestId('terminal-good').fill(o.good);
  if (o.scrap) await page.getByTestId('terminal-scrap').fill(o.scrap);
  if (o.reason) await page.getByTestId('terminal-scrap-codes').getByText(o.reason).click();
  await page.getByTestId('terminal-qty-submit').click();
}

describe('the shop-floor terminal against the real server', () => {
  let pump: TWorkOrder;

  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({
      viewport: { width: 1280, height: 800 },
      onPageError: (m) => pageErrors.push(m),
    }));
    pump = await releasedOrder('FG-PMP-150');
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `terminal-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens from the menu and signs a worker in by badge', async () => {
    await page.getByTestId('menu-terminal').click();
    await page.getByTestId('terminal-sign-in').waitFor();
    // an unknown badge is refused in words
    await page.getByTestId('terminal-badge').fill('NOBODY');
    await page.getByTestId('terminal-badge').press('Enter');
    await poll(() => page.getByTestId('terminal-sign-in-error').textContent()).toContain('工牌未知');
    await page.getByTestId('terminal-badge').fill('GY1001');
    await page.getByTestId('terminal-badge').press('Enter');
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    await expect(page.getByTestId('terminal-sign-out').isVisible()).resolves.toBe(true);
    await screenshot(page, 'terminal-signed-in');
  });

  it('scans an order number (operations to pick) and an operation card', async () => {
    await scan('WO-19990101-0001');
    await poll(() => page.getByTestId('terminal-scan-error').textContent()).toContain('没有找到工单');
    await scan(pump.number.toLowerCase());
    const grid = page.getByTestId('terminal-operations');
    await grid.waitFor();
    await poll(() => grid.locator('button').count()).toBe(pump.operations.length);
    await screenshot(page, 'terminal-pick-operation');
    await scan(`${pump.number}/10`);
    await page.getByTestId('terminal-operation').waitFor();
    await poll(() => page.getByTestId('terminal-op-title').textContent()).toContain(pump.operations[0]!.name);
    await poll(opStatus).toBe('已派工');
    await poll(() => page.getByTestId('terminal-planned').textContent()).toBe(
      pump.operations[0]!.plannedQuantity,
    );
    // a ready operation only starts
    await expect(page.getByTestId('terminal-pause').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('terminal-quantity').isDisabled()).resolves.toBe(true);
  });

  it('starts, pauses with a reason code, resumes', async () => {
    await page.getByTestId('terminal-start').click();
    await poll(opStatus).toBe('进行中');
    await poll(() => page.getByTestId('terminal-order-status').textContent()).toBe('生产中');
    await page.getByTestId('terminal-pause').click();
    await page.getByTestId('terminal-pause-codes').getByText('P01 待料').click();
    await screenshot(page, 'terminal-pause');
    await page.getByTestId('terminal-pause-submit').click();
    await poll(opStatus).toBe('已暂停');
    await expect(page.getByTestId('terminal-start').isDisabled()).resolves.toBe(true);
    await page.getByTestId('terminal-resume').click();
    await poll(opStatus).toBe('进行中');
    await poll(() => page.getByTestId('terminal-reports').textContent()).toContain('P01 待料');
  });

  it('reports good and scrap with its reason; an over-report is refused with the server message', async () => {
    const planned = Number(pump.operations[0]!.plannedQuantity);
    await page.getByTestId('terminal-quantity').click();
    await page.getByTestId('terminal-good').fill(String(planned - 10));
    await page.getByTestId('terminal-scrap').fill('2');
    // scrap needs its reason before anything is sent
    await page.getByTestId('terminal-qty-submit').click();
    await poll(() => page.getByTestId('terminal-qty-form').textContent()).toContain('必须选择报废原因');
    await page.getByTestId('terminal-scrap-codes').getByText('S01 尺寸超差').click();
    await screenshot(page, 'terminal-quantities');
    await page.getByTestId('terminal-qty-submit').click();
    await poll(() => page.getByTestId('terminal-good-total').textContent()).toBe(String(planned - 10));
    await poll(() => page.getByTestId('terminal-scrap-total').textContent()).toBe('2');
    await poll(() => page.getByTestId('terminal-remaining').textContent()).toBe('8');

    await page.getByTestId('terminal-quantity').click();
    await reportQuantities({ good: '20' });
    const explain = page.getByTestId('terminal-qty-form').locator('.ant-form-item-explain-error');
    await poll(() => explain.textContent()).toContain(`over the planned ${planned}`);
    await screenshot(page, 'terminal-over-report');
    await page.locator('.ant-modal-close').click();
    await poll(() => page.getByTestId('terminal-good-total').textContent()).toBe(String(planned - 10));
  });

  it('finishes with the last quantities, then every other operation until all are done', async () => {
    await page.getByTestId('terminal-finish').click();
    await reportQuantities({ good: '8' });
    await poll(opStatus).toBe('已完成');
    await poll(() => page.getByTestId('terminal-remaining').textContent()).toBe('0');
    for (const op of pump.operations.slice(1)) {
      await page.getByTestId('terminal-back-to-operations').click();
      await page.getByTestId(`terminal-pick-${op.seqNo}`).click();
      await poll(() => page.getByTestId('terminal-op-title').textContent()).toContain(op.name);
      await page.getByTestId('terminal-start').click();
      await poll(opStatus).toBe('进行中');
      await page.getByTestId('terminal-finish').click();
      await reportQuantities({ good: op.plannedQuantity });
      await poll(opStatus).toBe('已完成');
    }
    await poll(() => page.getByTestId('terminal-all-done').textContent()).toContain(pump.number);
    await screenshot(page, 'terminal-all-done');
    // still usable on a 1024×768 tablet: nothing runs off the side
    await page.setViewportSize({ width: 1024, height: 768 });
    await poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await screenshot(page, 'terminal-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out, and in again by employee no. and PIN', async () => {
    await page.getByTestId('terminal-sign-out').click();
    await page.getByTestId('terminal-pin-tab').click();
    await page.getByTestId('terminal-employee-no').fill('GY1002');
    await page.getByTestId('terminal-pin').fill('1234');
    await page.getByTestId('terminal-pin-submit').click();
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1002');
  });

  it("shows the reports and totals on the order's detail page", async () => {
    await page.getByTestId('terminal-exit').click();
    await page.getByTestId('side-menu').waitFor();
    await page.goto(`${server.baseUrl}/production/work-orders/${pump.id}`);
    const first = page.getByTestId('wo-operations').locator('tr.ant-table-row').first();
    const planned = Number(pump.operations[0]!.plannedQuantity);
    await poll(() => first.textContent()).toContain(`${planned - 2} / 2 / 0`);
    await poll(() => first.textContent()).toContain('已完成');
    // the operation's printable card carries the code the terminal scans
    await page.getByTestId('wo-card-10').click();
    await poll(() =>
      page.getByTestId('operation-card').getByTestId('operation-card-code').textContent(),
    ).toBe(`${pump.number}/10`);
    await expect(page.getByTestId('operation-card').locator('svg').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'terminal-operation-card');
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('wo-reports-tab').click();
    const reports = page.getByTestId('wo-job-reports');
    // op 10: start, pause, resume, quantity, finish; the others start and finish
    await poll(() => reports.locator('tr.ant-table-row').count()).toBe(
      Math.min(20, 5 + 2 * (pump.operations.length - 1)),
    );
    await poll(() => reports.textContent()).toContain('P01 待料');
    await poll(() => reports.textContent()).toContain('S01 尺寸超差');
    await poll(() => reports.textContent()).toContain('GY1001');
    await screenshot(page, 'terminal-order-reports');
  });

  it('an open detail page picks up a report made elsewhere, without a reload', async () => {
    const valve = await releasedOrder('FG-BV-100');
    await page.goto(`${server.baseUrl}/production/work-orders/${valve.id}`);
    const first = page.getByTestId('wo-operations').locator('tr.ant-table-row').first();
    await poll(() => first.textContent()).toContain('0 / 0 / 0');
    const worker = await api<TWorkerIdentity>('POST', '/labour/workers/sign-in', { badge: 'GY1003' });
    const url = `/production/work-orders/${valve.id}/operations/${valve.operations[0]!.id}/job-reports`;
    await api<TJobReportResult>('POST', url, {
      kind: 'start',
      workerId: worker.id,
      clientId: crypto.randomUUID(),
    });
    await api<TJobReportResult>('POST', url, {
      kind: 'quantity',
      workerId: worker.id,
      goodQty: '5',
      reworkQty: '1',
      clientId: crypto.randomUUID(),
    });
    await poll(() => first.textContent()).toContain('5 / 0 / 1');
    await poll(() => first.textContent()).toContain('进行中');

    // meanwhile at the terminal: another terminal pauses the operation, this one's pause is refused (409)
    await page.goto(`${server.baseUrl}/terminal`);
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1002');
    await scan(`${valve.number}/10`);
    await poll(opStatus).toBe('进行中');
    await page.getByTestId('terminal-pause').click();
    await page.getByTestId('terminal-pause-codes').getByText('P02 设备故障').click();
    await api('POST', url, { kind: 'pause', workerId: worker.id, reason: 'P03' });
    await page.getByTestId('terminal-pause-submit').click();
    await poll(() => page.getByTestId('terminal-dialog-error').textContent()).toBe(
      '工序当前为「已暂停」，不能暂停',
    );
    await screenshot(page, 'terminal-conflict');
    await page.locator('.ant-modal-close').click();
    // the refusal refreshed the operation: it resumes from here
    await poll(opStatus).toBe('已暂停');
    await page.getByTestId('terminal-resume').click();
    await poll(opStatus).toBe('进行中');
  });

  it('maintains the reason codes the terminal offers', async () => {
    await page.goto(`${server.baseUrl}/production/reason-codes`);
    const table = page.getByTestId('reason-codes-table');
    await poll(() => table.locator('tr.ant-table-row').count()).toBe(12);
    await poll(() => table.textContent()).toContain('尺寸超差');
    await page.getByTestId('reason-code-create').click();
    await page.getByTestId('reason-code-code').fill('P06');
    await page.getByTestId('reason-code-name').fill('模具更换');
    await page.locator('.ant-modal').getByText('暂停原因').click();
    await page.getByTestId('reason-code-save').click();
    await poll(() => table.locator('tr.ant-table-row').count()).toBe(13);
    // a taken code is refused on the field
    await page.getByTestId('reason-code-create').click();
    await page.getByTestId('reason-code-code').fill('S01');
    await page.getByTestId('reason-code-name').fill('again');
    await page.getByTestId('reason-code-save').click();
    await poll(() => page.locator('.ant-notification').textContent()).toContain('S01');
    await screenshot(page, 'terminal-reason-codes');
    expect(pageErrors).toEqual([]);
  });
});

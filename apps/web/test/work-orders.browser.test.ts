// Plans and work orders in the browser, on the demo enterprise's seeded plan: the plan list, the work
// orders with their status tags, a draft order opened and released (status changes on the page and in
// the list), its first operation dispatched to a shift of the demo calendar, the hold dialog asking for
// its reason.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

describe('plans and work orders against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `work-orders-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists this month's confirmed plan, all four lines exploded", async () => {
    await page.getByTestId('menu-plans').click();
    const table = page.getByTestId('plans-table');
    await table.waitFor();
    const row = table.locator('tr.ant-table-row').first();
    await poll(() => row.textContent()).toContain('已确认');
    await poll(() => row.textContent()).toContain('4 / 4');
    await screenshot(page, 'work-orders-plans');
  });

  it('lists the work orders with status tags and filters by status', async () => {
    await page.getByTestId('menu-work-orders').click();
    const table = page.getByTestId('work-orders-table');
    await table.waitFor();
    await poll(() => table.locator('.ant-tag').filter({ hasText: '已暂停' }).count()).toBe(1);
    await poll(() => table.locator('.ant-tag').filter({ hasText: '已下达' }).count()).toBeGreaterThan(1);
    await page.getByTestId('wo-search').locator('input').fill('FG-CV-80');
    await page.getByTestId('wo-search').locator('input').press('Enter');
    await poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
    await poll(() => table.locator('tr.ant-table-row').first().textContent()).toContain('草稿');
    await screenshot(page, 'work-orders-list');
  });

  it('opens a draft order and releases it; the status changes', async () => {
    const table = page.getByTestId('work-orders-table');
    const link = table.locator('tr.ant-table-row').first().locator('a').first();
    const number = (await link.textContent())!;
    await link.click();
    const detail = page.getByTestId('wo-detail');
    await detail.waitFor();
    await poll(() => page.getByTestId('wo-number').textContent()).toBe(number);
    await poll(() => page.getByTestId('wo-status').textContent()).toBe('草稿');
    await poll(() => page.getByTestId('wo-operations').locator('tr.ant-table-row').count()).toBeGreaterThan(
      1,
    );
    await page.getByRole('tab', { name: /物料/ }).click();
    await poll(() => page.getByTestId('wo-materials').locator('tr.ant-table-row').count()).toBeGreaterThan(1);
    await screenshot(page, 'work-orders-detail-draft');

    await page.getByTestId('wo-action-release').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await poll(() => page.getByTestId('wo-status').textContent()).toBe('已下达');
    // released: dispatch buttons on the operations, hold asks for a reason
    await page.getByRole('tab', { name: /工序/ }).click();
    await poll(() => page.getByTestId('wo-dispatch-10').count()).toBe(1);
    // dispatch the first operation to the early shift of a working day in the demo calendar
    await page.getByTestId('wo-dispatch-10').click();
    const drawer = page.getByTestId('dispatch-drawer');
    await drawer.waitFor();
    await drawer.locator('.ant-picker input').fill('2026-12-01');
    await drawer.locator('.ant-picker input').press('Enter');
    const shiftSelect = drawer.locator('.ant-select').nth(1);
    await poll(() => shiftSelect.getAttribute('class')).not.toContain('disabled');
    await shiftSelect.click();
    const early = page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^A / });
    // the enterprise's wall clock (Asia/Shanghai), whatever the browser's zone
    await poll(() => early.textContent()).toContain('08:00–16:00');
    await early.click();
    await screenshot(page, 'work-orders-dispatch');
    await page.getByTestId('dispatch-save').click();
    await drawer.waitFor({ state: 'hidden' });
    await poll(() =>
      page.getByTestId('wo-operations').locator('tr.ant-table-row').first().textContent(),
    ).toContain('2026-12-01 A');
    await page.getByTestId('wo-action-hold').click();
    await page.getByTestId('wo-hold-reason').waitFor();
    await page.locator('.ant-modal .ant-btn-primary').click();
    await poll(() => page.locator('.ant-modal .ant-form-item-explain-error').count()).toBe(1);
    await page.locator('.ant-modal .ant-modal-close').click();
    await page.getByRole('tab', { name: /操作记录/ }).click();
    await poll(() => page.getByTestId('wo-history').textContent()).toContain('下达');
    await screenshot(page, 'work-orders-detail-released');

    await page.getByTestId('wo-back').click();
    await page.getByTestId('work-orders-table').waitFor();
    await page.getByTestId('wo-search').locator('input').fill(number);
    await page.getByTestId('wo-search').locator('input').press('Enter');
    await poll(() => page.getByTestId(`wo-status-${number}`).textContent()).toBe('已下达');
  });
});

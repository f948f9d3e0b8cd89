// Emission sources no meter gives, their monthly activity, the GHG inventory that counts them, and the
// energy cost page: the demo tenant's admin through the UI against the real server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import dayjs from 'dayjs';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

// unique per run, in case the database outlives a run (DATABASE_URL)
const CODE = `LIME-${Date.now().toString(36).toUpperCase()}`;
const LAST_MONTH = dayjs().startOf('month').subtract(1, 'month');

const dropdownOption = (text: string) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();

describe('emission sources, activity data, the inventory and energy cost against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({ onPageError: (m) => pageErrors.push(m) }));
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `carbon-sources-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a limestone process source, names the missing factor on its field, enters last month', async () => {
    await page.getByTestId('menu-carbon-sources').click();
    await page.getByTestId('carbon-sources-page').waitFor();
    await page.getByTestId('carbon-source-create').click();
    await page.getByTestId('carbon-source-code').fill(CODE);
    await page.getByTestId('carbon-source-name').fill('石灰石分解');
    await page.getByTestId('carbon-source-unit').fill('t');
    // without a factor the form stops before the server: the field says so
    await page.getByTestId('carbon-source-save').click();
    const factorItem = page
      .locator('.ant-form-item')
      .filter({ has: page.getByTestId('carbon-source-factor') });
    await factorItem.locator('.ant-form-item-explain-error').waitFor();
    await page.getByTestId('carbon-source-factor').fill('0.44');
    await page.getByTestId('carbon-source-save').click();

    const sources = page.getByTestId('carbon-sources-table');
    const row = sources.locator('tr').filter({ hasText: CODE });
    await row.waitFor();
    expect(await row.textContent()).toContain('工业生产过程');
    expect(await row.textContent()).toContain('0.44');

    const year = LAST_MONTH.year();
    if (year !== dayjs().year()) {
      await page.getByTestId('carbon-activity-year').click();
      await dropdownOption(String(year)).click();
    }
    const month = LAST_MONTH.format('YYYY-MM');
    const cell = page.getByTestId(`activity-cell-${CODE}-${month}`);
    await cell.fill('10');
    await cell.press('Enter');
    await page.locator(`[data-testid="activity-cell-${CODE}-${month}"][data-saved="true"]`).waitFor();
    // the refetched activity shows in the year total and the month's tCO₂ (10 t × 0.44)
    await expect.poll(() => page.getByTestId(`activity-total-${CODE}`).textContent()).toContain('10 t');
    await expect.poll(() => page.getByTestId(`activity-month-tco2-${month}`).textContent()).toBe('4.4');
    await screenshot(page, 'carbon-sources-01-activity');

    // the source now has activity: deleting it is refused with the reason
    await page.getByTestId(`carbon-source-delete-${CODE}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('.ant-modal-confirm').getByText('已有 1 个月的活动数据', { exact: false }).waitFor();
    await page.locator('.ant-modal-confirm .ant-btn').click();
    expect(pageErrors).toEqual([]);
  });

  it('counts the process emission in last month’s GHG inventory', async () => {
    await page.getByTestId('menu-ghg-inventory').click();
    await page.getByTestId('ghg-inventory-page').waitFor();
    await page.getByTestId('report-period').getByText('上月', { exact: true }).click();
    await expect.poll(() => page.getByTestId('inventory-process').textContent()).toBe('4.4 tCO₂');
    await expect(page.getByTestId('inventory-export-excel').isEnabled()).resolves.toBe(true);
    const download = page.waitForEvent('download');
    await page.getByTestId('inventory-export-excel').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(page, 'carbon-sources-02-inventory');
    expect(pageErrors).toEqual([]);
  });

  it('opens the energy cost page with its total and per-meter table', async () => {
    await page.getByTestId('menu-energy-cost').click();
    await page.getByTestId('energy-cost-page').waitFor();
    await page.getByTestId('energy-cost-kpi-total').waitFor();
    await page.getByTestId('energy-cost-table').waitFor();
    await page.getByTestId('report-period').getByText('上月', { exact: true }).click();
    await page.getByTestId('energy-cost-kpi-total').waitFor();
    expect(await page.getByTestId('energy-cost-kpi-total').textContent()).toContain('¥');
    await page
      .locator('[data-testid="energy-cost-chart"], [data-testid="energy-cost-chart-empty"]')
      .first()
      .waitFor();
    await screenshot(page, 'carbon-sources-03-energy-cost');
    expect(pageErrors).toEqual([]);
  });
});

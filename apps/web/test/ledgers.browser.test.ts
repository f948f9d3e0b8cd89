// The energy manager's ledgers in the browser, on the demo enterprise's seeded months and projects.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

describe('economic figures and saving projects against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `ledgers-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the seeded months and saves an edited month', async () => {
    await page.getByTestId('menu-energy-economics').click();
    const card = page.getByTestId('economics-page');
    await card.waitFor();
    await expect.poll(() => card.getByText('共 12 条').count()).toBe(1);
    const firstRow = card.locator('tr.ant-table-row').first();
    await firstRow.getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('economics-gross').fill('2468.5');
    await page.getByTestId('economics-save').click();
    await expect.poll(() => card.locator('tr.ant-table-row').first().textContent()).toContain('2468.5');
    await screenshot(page, 'ledgers-economics');
  });

  it('starts a planned project and shows it as ongoing', async () => {
    await page.getByTestId('menu-saving-projects').click();
    await page.getByTestId('saving-projects-page').waitFor();
    await page.getByTestId('saving-totals').waitFor();
    await page.getByTestId('project-search').locator('input').fill('光伏');
    await page.getByTestId('project-search').locator('input').press('Enter');
    const rows = page.getByTestId('saving-projects-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    await expect.poll(() => row.textContent()).toContain('计划');
    await row.getByTestId('project-ongoing').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.textContent()).toContain('实施中');
    await screenshot(page, 'ledgers-saving-projects');
  });
});

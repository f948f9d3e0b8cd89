// Labour definitions in the browser, on the demo enterprise's seeded workers and rates: the roster with a
// skill filter, a new worker with a skill and a PIN (the PIN never shown), the skills page naming the
// routings' skills, and the rate resolver choosing the pump's grade-specific assembly rate and saying why.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { uploadXlsx, workbookOf } from './support/excel.ts';
import { openDemoSession } from './support/session.ts';

const option = (page: Page, text: string | RegExp) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();

let server: RunningServer;
let browser: Browser;
let page: Page;

describe('labour against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `labour-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the twenty demo workers and filters them by skill', async () => {
    await page.getByTestId('menu-workers').click();
    const card = page.getByTestId('workers-page');
    await card.waitFor();
    await expect.poll(() => card.getByText('共 20 条').count()).toBe(1);
    await page.getByTestId('worker-filter-skill').click();
    await option(page, '喷涂工').click();
    const rows = page.getByTestId('workers-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    await screenshot(page, 'labour-workers');
  });

  it('creates a worker with a skill and a PIN; the PIN is never shown', async () => {
    await page.reload(); // drop the skill filter
    await page.getByTestId('workers-page').waitFor();
    await page.getByTestId('worker-create').click();
    await page.getByTestId('worker-employee-no').fill('GY9001');
    await page.getByTestId('worker-name').fill('测试工');
    await page.getByTestId('worker-badge').fill('GY9001');
    await page.getByTestId('worker-pin').fill('24680');
    await page.getByTestId('worker-add-skill').click();
    await page.getByTestId('worker-skill-0').click();
    await option(page, /^检验员$/).click();
    await page.getByTestId('worker-save').click();
    // the drawer traps focus while open: search only once the save has closed it (hashing the PIN takes a moment)
    await page.getByTestId('worker-form').waitFor({ state: 'hidden' });
    await page.getByTestId('worker-search').locator('input').fill('GY9001');
    await page.getByTestId('worker-search').locator('input').press('Enter');
    const rows = page.getByTestId('workers-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain('检验员');
    expect(await rows.first().innerText()).toContain('已设置');
    // nowhere on the page: neither in its text nor in a field (the markup's SVG paths may hold any digits)
    expect(await page.locator('body').innerText()).not.toContain('24680');
    const values = await page
      .locator('input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values).not.toContain('24680');
  });

  it('shows the skill catalogue with every routing skill in it', async () => {
    await page.getByTestId('menu-skills').click();
    await page.getByTestId('skills-grades-page').waitFor();
    await expect.poll(() => page.getByTestId('required-skills').innerText()).toContain('均已建档');
    await expect.poll(() => page.getByTestId('grades-table').locator('tr.ant-table-row').count()).toBe(4);
  });

  it("resolves the 150 pump's assembly rate for a 技师 and explains the candidates", async () => {
    await page.getByTestId('menu-wage-rates').click();
    await page.getByTestId('wage-rates-page').waitFor();
    await expect
      .poll(() => page.getByTestId('piece-rates-table').locator('tr.ant-table-row').count())
      .toBe(20);
    await page.getByTestId('tab-resolve').click();
    await page.getByTestId('resolve-operation').locator('input').fill('ASM');
    await page.getByTestId('resolve-product').click();
    await page.keyboard.type('FG-PMP-150');
    await option(page, 'FG-PMP-150').click();
    await page.getByTestId('resolve-grade').click();
    await option(page, '技师').click();
    await page.getByTestId('resolve-date').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026-03-02');
    await page.keyboard.press('Enter');
    await page.getByTestId('resolve-run').click();
    await expect.poll(() => page.getByTestId('resolve-rate').innerText()).toBe('24');
    expect(await page.getByTestId('resolve-match').innerText()).toBe('产品 + 工序 + 等级');
    const candidates = page.getByTestId('resolve-candidates').locator('tr.ant-table-row');
    await expect.poll(() => candidates.count()).toBe(5);
    expect(await page.getByTestId('resolve-candidates').innerText()).toContain('不如适用单价具体');
    await screenshot(page, 'labour-rate-resolver');
  });

  it('round-trips the piece rates through Excel and names a bad cell by row and column', async () => {
    await page.getByTestId('tab-piece').click();
    const [exported] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/labour/piece-rates/export')),
      page.getByTestId('piece-rates-export').click(),
    ]);
    expect(exported.status()).toBe(200);
    // the page saves the file; the test reads the same URL with the page's session
    const sheet = await workbookOf(await (await page.request.get(exported.url())).body());
    expect(sheet.rows.length).toBeGreaterThanOrEqual(20);

    const rate = sheet.header.findIndex((h) => h.includes('Rate (yuan)'));
    const wrong = sheet.rows.map((r) => [...r]);
    wrong[2]![rate] = '-1';
    await uploadXlsx(page, 'piece-rates-import-file', sheet.header, wrong);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    // row 4: the header is row 1, the third rate row 4
    await expect.poll(() => errors.locator('tr.ant-table-row').first().innerText()).toMatch(/^4\s+rate/);
    await page.keyboard.press('Escape');
    await errors.waitFor({ state: 'hidden' });

    // the export as it is: the check finds nothing to create or update
    await uploadXlsx(page, 'piece-rates-import-file', sheet.header, sheet.rows);
    await expect.poll(() => page.getByRole('dialog').innerText()).toContain('将新增 0 条、更新 0 条');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByRole('dialog').innerText()).toContain('导入完成');
    await page.keyboard.press('Escape');
    await screenshot(page, 'labour-piece-rates-excel');
  });
});

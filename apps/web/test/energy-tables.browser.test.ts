import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, ensureWebBuilt, startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, screenshot } from './support/browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const thisYear = new Date().getFullYear();

/** Clicks Export and waits for both the server's 200 and the browser's download of an .xlsx. */
async function exportAndExpectXlsx(testId: string, path: string) {
  const [response, download] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(path)),
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('spreadsheetml');
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
}

describe('the standard’s energy tables against the real server', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-tenant').fill('demo');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('side-menu').waitFor();
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `energy-tables-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows Table 1 with a column pair per year, the forecast year and both totals, and exports it', async () => {
    await page.getByTestId('menu-energy-tables').click();
    await page.getByTestId('energy-tables-page').waitFor();
    const table = page.getByTestId('table1-table');
    // the demo's readings are recent: end the table at this year so it has data
    const year = page.getByTestId('table1-year');
    await year.click();
    await year.fill(String(thisYear));
    await year.press('Enter');
    const header = table.locator('thead');
    await header.getByText(`${thisYear} 年`, { exact: true }).waitFor();
    for (const y of [thisYear - 2, thisYear - 1])
      expect(await header.getByText(`${y} 年`, { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('table1-forecast-header').textContent()).toContain(
      `${thisYear + 1} 年（预测）`,
    );
    expect(await header.getByText('实物量').count()).toBe(4);

    await page.getByTestId('table1-row-electricity').waitFor();
    expect(await page.getByTestId('table1-row-electricity').textContent()).toContain('电力');
    expect(await page.getByTestId('table1-row-total-equivalent').textContent()).toContain(
      '综合能源消费量（当量值）',
    );
    expect(await page.getByTestId('table1-row-total-equal').textContent()).toContain(
      '综合能源消费量（等价值）',
    );
    // the equal value counts electricity at the generation coal rate: never below the equivalent value
    const lastTce = async (testId: string) => {
      const text =
        (await page
          .getByTestId(testId)
          .locator('td')
          .nth(2 * 3 + 1)
          .textContent()) ?? '';
      return Number(text.replace(/,/g, ''));
    };
    const equivalent = await lastTce('table1-row-total-equivalent');
    expect(Number.isFinite(equivalent)).toBe(true);
    expect(await lastTce('table1-row-total-equal')).toBeGreaterThanOrEqual(equivalent);
    await screenshot(page, 'energy-tables-01-table1');

    await exportAndExpectXlsx('table1-export', '/api/v1/energy/tables/1/export');
    expect(pageErrors).toEqual([]);
  });

  it('lists the demo’s key energy consumers in Table 3 with eliminated models in red, and exports it', async () => {
    await page.getByTestId('energy-tables-tab3').click();
    const table = page.getByTestId('table3-table');
    await page.getByTestId('table3-row-AS-TST-02').waitFor();
    for (const code of ['PT-SPR-01', 'UT-AC-01', 'UT-TR-01'])
      expect(await page.getByTestId(`table3-row-${code}`).count()).toBe(1);
    // not marked as a key energy consumer in the demo factory model
    expect(await page.getByTestId('table3-row-CNC-T01').count()).toBe(0);
    expect(await page.getByTestId('table3-row-PT-SPR-01').textContent()).toContain('压缩空气');
    const eliminated = page.getByTestId('table3-eliminated-UT-AC-02');
    expect(await eliminated.textContent()).toContain('2026-12-31');
    expect(await eliminated.locator('.ant-tag-red').count()).toBe(1);
    expect(await table.getByText('未计量').count()).toBeGreaterThan(0);
    await screenshot(page, 'energy-tables-02-table3');

    await exportAndExpectXlsx('table3-export', '/api/v1/energy/tables/3/export');

    // the code opens the equipment register narrowed to it
    await page.getByTestId('table3-row-AS-TST-02').getByRole('link', { name: 'AS-TST-02' }).click();
    await page.waitForURL(/\/modeling\/equipment\?q=AS-TST-02/);
    await page.getByText('水泵性能试验台').first().waitFor();
    expect(pageErrors).toEqual([]);
  });
});

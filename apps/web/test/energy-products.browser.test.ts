// Energy per product in the browser: the demo seeds production nodes (machining, assembly, painting, weighted
// by standard hours) for its five finished products. The journey edits a weight, sees a nested node refused
// on its field, reads the allocation report and the standard's Table 2.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const PRODUCTS = ['FG-BV-100', 'FG-GV-150', 'FG-CV-80', 'FG-PMP-150', 'FG-PMP-100'];
const openDropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

describe('energy and carbon per product against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({ onPageError: (m) => pageErrors.push(m) }));
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `energy-products-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the five demo products with their nodes and saves an edited weight', async () => {
    await page.getByTestId('menu-energy-products').click();
    await page.getByTestId('energy-products-page').waitFor();
    await page.getByTestId('energy-products-tab-settings').click();
    for (const code of PRODUCTS) await page.getByTestId(`product-settings-row-${code}`).waitFor();
    expect(await page.getByTestId('product-node-FG-BV-100-MC').textContent()).toBe('机加工车间 × 1.2');
    await screenshot(page, 'energy-products-01-settings');

    await page.getByTestId('product-edit-FG-BV-100').click();
    // the nodes come ordered by code: AS, MC, PT
    const weight = page.getByTestId('product-node-weight-1');
    await weight.waitFor();
    expect(await weight.inputValue()).toBe('1.2');

    // a line inside the machining workshop would count its energy twice: the server names the field
    await page.getByTestId('product-node-add').click();
    await page.getByTestId('product-node-3').click();
    await page.keyboard.type('MC-L1');
    await page.locator(openDropdown).getByText('阀体加工线 (MC-L1)').click();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/energy/products/')),
      page.getByTestId('product-save').click(),
    ]);
    expect(refused.status()).toBe(400);
    const fieldError = page.getByTestId('product-node-row-3').locator('.ant-form-item-explain-error');
    await fieldError.first().waitFor();
    expect(await fieldError.first().textContent()).toContain('MC');
    await screenshot(page, 'energy-products-02-nested-node-refused');

    await page.getByTestId('product-node-remove-3').click();
    await weight.fill('1.5');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/energy/products/')),
      page.getByTestId('product-save').click(),
    ]);
    expect(saved.status()).toBe(200);
    await page.getByTestId('product-node-FG-BV-100-MC').getByText('机加工车间 × 1.5').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('reports each product’s allocated energy, unit consumption, carbon, balance and basis', async () => {
    await page.getByTestId('energy-products-tab-report').click();
    for (const code of PRODUCTS) await page.getByTestId(`product-report-row-${code}`).waitFor();
    expect(await page.getByTestId('product-report-row-FG-BV-100').textContent()).toContain('蝶阀');
    await page.getByTestId('product-balance').waitFor();
    expect(await page.getByTestId('product-basis-method').textContent()).toContain('GB/T 2589');
    expect(await page.getByTestId('product-report-period').textContent()).toMatch(/\d{4}-\d{2}/);
    await screenshot(page, 'energy-products-03-report');
    expect(pageErrors).toEqual([]);
  });

  it('shows the standard’s Table 2 with a row per product and exports it', async () => {
    await page.getByTestId('menu-energy-tables').click();
    await page.getByTestId('energy-tables-tab2').click();
    await page.getByTestId('table2-table').waitFor();
    for (const code of PRODUCTS) await page.getByTestId(`table2-row-${code}`).waitFor();
    expect(await page.getByTestId('table2-row-FG-PMP-150').textContent()).toContain('单级离心泵');
    await screenshot(page, 'energy-products-04-table2');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/energy/tables/2/export')),
      page.getByTestId('table2-export').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('spreadsheetml');
    expect(pageErrors).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

/** The open dropdown of an antd Select. */
const dropdownOption = (text: string) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();

async function pick(testId: string, options: { type?: string; option: string }) {
  await page.getByTestId(testId).click();
  if (options.type) await page.keyboard.type(options.type);
  await dropdownOption(options.option).click();
}

const itemRow = (index: number) => page.getByTestId('energy-items').locator('tr.ant-table-row').nth(index);

describe('energy and carbon journeys against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `energy-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the server’s unit error on the cell, then totals coal and electricity in tce', async () => {
    await page.getByTestId('menu-energy-calculator').click();
    await page.getByTestId('energy-calculator-page').waitFor();

    await pick('energy-item-medium-0', { type: '原煤', option: '原煤' });
    await page.getByTestId('energy-item-quantity-0').fill('1000');
    // raw coal in kWh: the client cannot know it is wrong, the server names body.items.0.unit
    await pick('energy-item-unit-0', { option: 'kWh' });
    await page.getByTestId('energy-calculate').click();
    const unitError = itemRow(0).locator('.ant-form-item-explain-error');
    await unitError.waitFor();
    expect(await unitError.count()).toBe(1);
    await screenshot(page, 'energy-01-field-error');

    await pick('energy-item-unit-0', { option: 't' });
    await page.getByTestId('energy-item-add').click();
    await pick('energy-item-medium-1', { type: '电力', option: '电力' });
    await page.getByTestId('energy-item-quantity-1').fill('5000000');
    await page.getByTestId('energy-calculate').click();

    const total = page.getByTestId('energy-total-equivalent');
    await total.waitFor();
    expect(await total.textContent()).toBe('1,328.8');
    const items = await page.getByTestId('energy-result-items').textContent();
    expect(items).toContain('714.3');
    expect(items).toContain('614.5');
    expect(items).toContain('GB/T 2589-2020');
    expect(await unitError.count()).toBe(0);
    await screenshot(page, 'energy-02-result');
  });

  it('calculates purchased electricity emissions with the reporting year’s grid factor', async () => {
    await page.getByTestId('menu-carbon-calculator').click();
    await page.getByTestId('carbon-calculator-page').waitFor();
    // the page starts with one empty combustion row; this inventory has none
    await page.getByTestId('carbon-combustion-remove-0').click();
    await page.getByTestId('carbon-electricity').fill('1000');
    await page.getByTestId('carbon-calculate').click();
    const total = page.getByTestId('carbon-total');
    await total.waitFor();
    // 1000 MWh × 0.5703 tCO₂/MWh, the default reporting convention
    expect(await total.textContent()).toBe('570.3');
    expect(await page.getByTestId('carbon-scope2').textContent()).toBe('570.3');
    await screenshot(page, 'energy-03-carbon');
  });

  it('lists grid factors in the library and the defaults in force for this year', async () => {
    await page.getByTestId('menu-factor-library').click();
    await page.getByTestId('factor-library-page').waitFor();
    await page.getByTestId('factor-tab-grid').click();
    const grid = page.getByTestId('factors-table-grid');
    await grid.getByText('0.5703', { exact: true }).waitFor();
    await grid.getByText('0.5306', { exact: true }).waitFor();
    await page.getByTestId('factor-tab-coal_coefficient').click();
    await page
      .getByTestId('factors-table-coal_coefficient')
      .getByTestId('factor-to-confirm')
      .first()
      .waitFor();

    const years = page.getByTestId('year-settings-table');
    await years.getByTestId('year-settings-default').waitFor();
    expect(await years.textContent()).toContain('0.5703');
    await screenshot(page, 'energy-04-factors');
  });

  it('chooses the 2023 national average as this year’s grid factor', async () => {
    const year = new Date().getFullYear();
    await page.getByTestId(`year-settings-edit-${year}`).click();
    await pick('year-settings-grid', { type: '0.5306', option: '0.5306' });
    await page.getByTestId('year-settings-save').click();
    const years = page.getByTestId('year-settings-table');
    await years.getByTestId('year-settings-default').waitFor({ state: 'detached' });
    expect(await years.textContent()).toContain('0.5306 tCO₂/MWh');
    await screenshot(page, 'energy-05-year-settings');
  });
});

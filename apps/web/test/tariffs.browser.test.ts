import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

describe('tariffs and cost against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `tariffs-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the demo plan with its period bars; a gap in the schedule is named on the field', async () => {
    await page.getByTestId('menu-energy-tariffs').click();
    await page.getByTestId('tariffs-page').waitFor();
    const row = page.locator('tr.ant-table-row').filter({ hasText: 'JS-IND-TOU-10KV' });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('period-bar').first().waitFor();
    expect(await page.getByTestId('period-bar').count()).toBe(2);
    await screenshot(page, 'tariffs-01-plans');

    await row.getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('tariff-form').waitFor();
    // second season, second range: start 08:00 → 08:15 leaves a gap
    const start = page.getByRole('combobox', { name: '开始' }).nth(9);
    const select = start.locator(
      'xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]',
    );
    const isChosen = async () => (await select.innerText()).includes('08:15');
    // the dropdown opens with an animation: pick until the select shows the new start
    for (let attempt = 0; attempt < 5 && !(await isChosen()); attempt++) {
      await start.click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: /^08:15$/ })
        .click();
      await page.waitForTimeout(300);
    }
    expect(await isChosen()).toBe(true);
    await page.getByTestId('tariff-save').click();
    const error = page.locator('.ant-form-item-explain-error').filter({ hasText: 'gap' });
    await error.first().waitFor();
    await screenshot(page, 'tariffs-02-gap-error');
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('tariff-form').waitFor({ state: 'detached' });
  });

  it('prices a summer day under the demo plan: cost per period, maximum demand, charts', async () => {
    await page.getByRole('tab', { name: '费用计算' }).click();
    await page.getByTestId('cost-plan').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: 'JS-IND-TOU-10KV' })
      .first()
      .click();
    await page.getByRole('button', { name: '填入示例（夏季一天逐时）' }).click();
    await page.getByTestId('cost-calculate').click();
    const result = page.getByTestId('cost-result');
    await result.getByText('4,017.6').or(result.getByText('4017.60')).first().waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('1947.40');
    expect(text).toContain('563.20');
    expect(await page.getByTestId('cost-max-demand').textContent()).toContain('330.0 kW');
    await page.getByTestId('cost-pie').locator('canvas').waitFor();
    await screenshot(page, 'tariffs-03-cost');
  });

  it('a summer price for the critical peak overrides the plan’s and gets its own bill line', async () => {
    await page.getByRole('tab', { name: '电价方案' }).click();
    const row = page.locator('tr.ant-table-row').filter({ hasText: 'JS-IND-TOU-10KV' });
    await row.getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('tariff-form').waitFor();
    const sharp = page.getByTestId('tariff-season-0-price-sharp');
    // the placeholder tells the plan's price it overrides; other months have no critical peak
    expect(await sharp.getAttribute('placeholder')).toContain('1.28');
    expect(await page.getByTestId('tariff-season-1-price-sharp').count()).toBe(0);
    await sharp.fill('1.50');
    await screenshot(page, 'tariffs-04-season-price');
    await page.getByTestId('tariff-save').click();
    await page.getByTestId('tariff-form').waitFor({ state: 'detached' });
    await row.getByText('夏季 Summer · 尖峰 1.50').waitFor();

    await page.getByRole('tab', { name: '费用计算' }).click();
    await page.getByTestId('cost-calculate').click();
    const result = page.getByTestId('cost-result');
    // sharp 440 kWh × 1.50 = 660.00 instead of 563.20: 4017.60 − 563.20 + 660.00 = 4114.40
    await result.getByText('4,114.4').or(result.getByText('4114.40')).first().waitFor();
    const line = result.locator('tr').filter({ hasText: '夏季 Summer' });
    expect(await line.textContent()).toContain('660.00');
    await screenshot(page, 'tariffs-05-season-cost');
  });
});

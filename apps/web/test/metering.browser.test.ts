// A manual meter created through the UI, two readings, and their difference in the consumption report.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

// unique per run: the demo tenant may carry seeded meters and earlier runs' meters
const CODE = `E-WEB-${Date.now().toString(36).toUpperCase()}`;
const NAME = '浏览器测试人工表';

async function addReading(options: { at?: dayjs.Dayjs; value: string }) {
  await page.getByTestId('record-add').click();
  const form = page.getByTestId('record-form');
  await form.waitFor();
  if (options.at) {
    const input = form.locator('.ant-picker input').first();
    await input.click();
    await input.fill(options.at.format('YYYY-MM-DD HH:mm'));
    await input.press('Enter');
  }
  await page.getByTestId('record-value').fill(options.value);
  await page.getByTestId('record-save').click();
  await form.waitFor({ state: 'detached' });
}

describe('metering against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `metering-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a manual electricity meter', async () => {
    await page.getByTestId('menu-energy-meters').click();
    await page.getByTestId('meters-page').waitFor();
    await page.getByTestId('meter-create').click();
    await page.getByTestId('meter-form').waitFor();
    await page.getByTestId('meter-code').fill(CODE);
    await page.getByTestId('meter-name').fill(NAME);
    // defaults: electricity, kWh, level 1, manual
    await page.getByTestId('meter-save').click();
    await page.getByTestId('meter-form').waitFor({ state: 'detached' });
    const row = page.getByTestId('meters-table').locator('tr', { hasText: CODE });
    await row.waitFor();
    expect(await row.textContent()).toContain('人工录入');
    await screenshot(page, 'metering-01-meter-created');
  });

  it('takes two readings: 1000 an hour ago, 1250 now', async () => {
    await page.getByTestId(`meter-records-${CODE}`).click();
    await page.getByTestId('records-table').waitFor();
    await addReading({ at: dayjs().subtract(1, 'hour').startOf('minute'), value: '1000' });
    await addReading({ value: '1250' });
    const rows = page.getByTestId('records-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const text = await page.getByTestId('records-table').textContent();
    expect(text).toContain('1,000');
    expect(text).toContain('1,250');
    await screenshot(page, 'metering-02-readings');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.getByTestId('records-table').waitFor({ state: 'detached' });
  });

  it('shows the 250 kWh between the readings in this month’s consumption', async () => {
    await page.getByTestId('menu-energy-consumption').click();
    await page.getByTestId('consumption-page').waitFor();
    // level-1 and level-2 meters are chosen by default, so the new level-1 meter is in the report
    const total = page.getByTestId(`consumption-total-${CODE}`);
    await total.waitFor();
    await expect.poll(() => total.textContent()).toBe('250 kWh');
    const chart = page.getByTestId('consumption-chart');
    await expect.poll(() => chart.getAttribute('data-ready')).toBe('true');
    expect(Number(await chart.getAttribute('data-series-count'))).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'metering-03-consumption');
  });

  it('shows metering completeness for the period', async () => {
    await page.getByTestId('menu-energy-completeness').click();
    await page.getByTestId('completeness-table').waitFor();
    await screenshot(page, 'metering-04-completeness');
  });

  it('imports meters from Excel: row errors first, then a clean file after the check', async () => {
    const sub = `${CODE}-X`;
    const upload = async (unit: string) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('meters').addRows([
        ['Code', 'Name', 'Medium', 'Unit', 'Level', 'Parent meter', 'Source'],
        [sub, '导入的子表', 'electricity', unit, 2, CODE, 'manual'],
      ]);
      await page.getByTestId('meters-import-file').setInputFiles({
        name: 'meters.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
    };
    await page.getByTestId('menu-energy-meters').click();
    await page.getByTestId('meters-page').waitFor();
    await upload('m3');
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('m3 is not a unit of electricity');
    await screenshot(page, 'metering-05-import-errors');
    await page.keyboard.press('Escape');
    await errors.waitFor({ state: 'hidden' });

    await upload('kWh');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-confirm').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('meter-search').locator('input').fill(sub);
    await page.getByTestId('meter-search').locator('input').press('Enter');
    await page.getByTestId('meters-table').locator('tr', { hasText: sub }).waitFor();
    await screenshot(page, 'metering-06-imported');
  });
});

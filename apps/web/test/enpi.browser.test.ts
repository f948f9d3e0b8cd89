// An EnPI and its baseline in the browser: defined through the form on the demo incomer E-MAIN against the
// demo site's output value, then evaluated. The demo seeds twelve past months of economic figures; live
// meter data may be sparse, so the detail view must show either the model's chart or why there is none.
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

// unique per run: the demo tenant may keep EnPIs of earlier runs against the same database
const CODE = `ENPI-${Date.now().toString(36).toUpperCase()}`;
const NAME = '浏览器测试 万元产值电耗';
const SITE = '绿源泵阀 苏州工厂';
// six of the twelve seeded months: the oldest half is the baseline, the rest is reported on
const BASELINE_FROM = dayjs().subtract(12, 'month').format('YYYY-MM');
const BASELINE_TO = dayjs().subtract(7, 'month').format('YYYY-MM');

const openDropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

describe('EnPIs and baselines against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({ onPageError: (m) => pageErrors.push(m) }));
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `enpi-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an EnPI on E-MAIN against the site’s output value with a six-month baseline', async () => {
    await page.getByTestId('menu-energy-enpis').click();
    await page.getByTestId('enpis-page').waitFor();
    await page.getByTestId('enpi-create').click();
    const form = page.getByTestId('enpi-form');
    await form.waitFor();

    // required fields are checked before anything is sent
    await page.getByTestId('enpi-save').click();
    await expect.poll(() => form.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(3);

    await page.getByTestId('enpi-code').fill(CODE);
    await page.getByTestId('enpi-name').fill(NAME);
    await page.getByTestId('enpi-meter').click();
    await page.keyboard.type('E-MAIN');
    await page
      .locator(`${openDropdown} .ant-select-item-option`)
      .filter({ hasText: 'E-MAIN' })
      .first()
      .click();
    await page.getByTestId('enpi-site').click();
    await page.locator(`${openDropdown} .ant-select-tree-title`).filter({ hasText: SITE }).first().click();
    // antd puts the test id on the hidden radio input: click its label
    await form
      .locator('label')
      .filter({ has: page.getByTestId('enpi-driver-output_value') })
      .click();

    const range = form.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(BASELINE_FROM);
    await range.nth(0).press('Enter');
    await range.nth(1).fill(BASELINE_TO);
    await range.nth(1).press('Enter');
    await page.getByTestId('enpi-margin').fill('8');
    await screenshot(page, 'enpi-01-form');

    await page.getByTestId('enpi-save').click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByTestId('enpis-table').locator('tr.ant-table-row').filter({ hasText: CODE });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('E-MAIN');
    expect(text).toContain('工业总产值');
    expect(text).toContain(`${BASELINE_FROM} ~ ${BASELINE_TO}`);
    expect(text).toContain('8%');
    await screenshot(page, 'enpi-02-list');
  });

  it('evaluates it: the model and its chart, or why no model exists, without a script error', async () => {
    await page.getByTestId(`enpi-open-${CODE}`).click();
    const detail = page.getByTestId('enpi-detail');
    await detail.waitFor();
    await page.getByTestId('enpi-model').waitFor();
    const hasModel = (await page.getByTestId('enpi-equation').count()) === 1;
    if (hasModel) {
      expect(await page.getByTestId('enpi-equation').textContent()).toMatch(/^E = .+ × 产值$/);
      await page.locator('[data-testid="enpi-chart"][data-ready="true"]').waitFor();
    } else {
      // a baseline without enough metered months says why instead of drawing a model
      expect(await page.getByTestId('enpi-model-error').textContent()).toContain('无法建立基线模型');
    }
    await page.getByTestId('enpi-months').waitFor();
    await screenshot(page, 'enpi-03-detail');
    expect(pageErrors).toEqual([]);
  });

  it('deletes it from the list', async () => {
    await page.getByTestId('enpi-back').click();
    await page.getByTestId('enpis-page').waitFor();
    await page.getByTestId(`enpi-delete-${CODE}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId(`enpi-open-${CODE}`).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});

// Shift calendars in the browser, on the demo site's seeded 2026 calendar; consumption by shift.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

describe('shift calendars against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `calendars-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the demo three shifts and marks a day as a holiday on the month view', async () => {
    await page.getByTestId('menu-shift-calendars').click();
    const card = page.getByTestId('shift-calendars-page');
    await card.waitFor();
    await expect.poll(() => card.locator('tr.ant-table-row').first().textContent()).toContain('GY-SITE-2026');
    await expect.poll(() => page.getByText('7h 30min').count()).toBe(3);
    const month = page.getByTestId('calendar-month');
    await month.waitFor();
    const before = await month.getByTestId('day-holiday').count();
    // a working day of the month shown, whatever it is
    await month.locator('td.ant-picker-cell-in-view:not(:has([data-testid="day-holiday"]))').nth(10).click();
    await page.getByTestId('day-holiday-choice').click();
    await page.getByTestId('day-save').click();
    await expect.poll(() => month.getByTestId('day-holiday').count()).toBe(before + 1);
    await screenshot(page, 'shift-calendars');
  });

  it('offers consumption by shift', async () => {
    await page.getByTestId('menu-energy-consumption').click();
    await page.getByTestId('consumption-page').waitFor();
    await page.getByTestId('consumption-granularity').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '按班次' }).click();
    await page.getByTestId('consumption-site').waitFor();
    await screenshot(page, 'consumption-by-shift');
  });
});

// Scheduling in the browser, on the demo enterprise (its released work orders and 2026 three-shift
// calendar): the empty stored schedule, a dry run drawing bars on the Gantt with its summary, the
// energy-aware run with its cost figures, applying it, then moving an operation into the meal break (no
// working time in the demo calendar) and reading the server's warning.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

/**
 * Tomorrow 12:10 in Shanghai — inside the demo calendar's meal break, or a day without shifts — as the
 * browser's local "YYYY-MM-DD HH:mm" (the browser runs in this machine's zone).
 */
function tomorrowInTheBreak(): string {
  const date = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const d = new Date(Date.parse(`${date}T04:10:00Z`));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('scheduling against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `scheduling-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the scheduling page on the demo site with nothing scheduled yet', async () => {
    await page.getByTestId('menu-scheduling').click();
    await page.getByTestId('scheduling-page').waitFor();
    await poll(() => page.getByTestId('schedule-site').textContent()).toContain('GY-SITE');
    await page.getByTestId('schedule-empty').waitFor();
  });

  it('a dry run draws the released orders as bars and summarises them', async () => {
    await page.getByTestId('schedule-run').click();
    const summary = page.getByTestId('schedule-summary');
    await summary.waitFor();
    const bars = page.getByTestId('schedule-bars').locator('tr.ant-table-row');
    await poll(() => bars.count()).toBeGreaterThan(2);
    await poll(async () =>
      Number(await page.getByTestId('schedule-gantt').getAttribute('data-bars')),
    ).toBeGreaterThan(2);
    await poll(() => summary.textContent()).toContain('已排工序');
    await poll(() => page.locator('[data-testid=schedule-gantt] canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'scheduling-dry-run');
  });

  it('the energy-aware run reports the cost before and after', async () => {
    await page.getByTestId('schedule-run-energy').click();
    const summary = page.getByTestId('schedule-summary');
    await poll(() => summary.textContent()).toContain('节能排程电费');
    await poll(() => summary.textContent()).toContain('电费节省');
    // every operation flexible: the ones on work centers with rated machines leave the peak periods
    await page.getByTestId('schedule-all-flexible').click();
    await page.getByTestId('schedule-run-energy').click();
    await poll(async () =>
      Number(await page.getByTestId('schedule-shifted').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    await screenshot(page, 'scheduling-energy-aware');
  });

  it('applies the proposal; the stored schedule shows it', async () => {
    await page.getByTestId('schedule-apply').click();
    await poll(() => page.getByTestId('schedule-summary').count()).toBe(0);
    await poll(() => page.getByTestId('schedule-bars').locator('tr.ant-table-row').count()).toBeGreaterThan(
      2,
    );
    await poll(() => page.getByTestId('schedule-empty').count()).toBe(0);
  });

  it("drags the first bar of the top row a day later: the successor's start is a warning", async () => {
    const gantt = page.getByTestId('schedule-gantt');
    const rows = (await gantt.getAttribute('data-rows'))!.split(',');
    const table = page.getByTestId('schedule-bars').locator('tr.ant-table-row');
    // the table is by planned start: the first bar of the top row's work center
    const texts = await table.allTextContents();
    const index = texts.findIndex((x) => x.includes(rows[0]!));
    expect(index).toBeGreaterThanOrEqual(0);
    const cells = await table.nth(index).locator('td').allTextContents();
    const start = new Date(cells[4]!.replace(' ', 'T')).getTime();
    // the page's default horizon: today 00:00 to 7 days later, in the browser's (this machine's) zone
    const t0 = new Date().setHours(0, 0, 0, 0);
    const t1 = new Date(t0).setDate(new Date(t0).getDate() + 7);
    const box = (await gantt.boundingBox())!;
    // the chart's grid: 170 px left, 24 right, 16 top, 56 bottom (ScheduleGantt)
    const x = box.x + 170 + ((start - t0) / (t1 - t0)) * (box.width - 194) + 4;
    const y = box.y + 16 + (box.height - 72) / rows.length / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 60, y, { steps: 5 });
    await page.mouse.move(x + 160, y, { steps: 5 });
    await page.mouse.up();
    const warnings = page.getByTestId('schedule-warnings');
    await warnings.waitFor();
    await poll(() => warnings.textContent()).toContain('晚于后道工序开始');
    await screenshot(page, 'scheduling-drag-warning');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);
  });

  it('moves an operation into a break and shows the warning', async () => {
    const row = page.getByTestId('schedule-bars').locator('tr.ant-table-row').first();
    await row.getByRole('button').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '调整工序' });
    await dialog.waitFor();
    const input = dialog.locator('.ant-picker input');
    await input.click();
    await input.fill(tomorrowInTheBreak());
    await input.press('Enter');
    await page.getByTestId('schedule-move-ok').click();
    const warning = page.getByTestId('schedule-warning-outside_working_time');
    await warning.waitFor();
    await poll(() => warning.textContent()).toContain('不在工作时间内');
    await screenshot(page, 'scheduling-move-warning');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);
  });
});

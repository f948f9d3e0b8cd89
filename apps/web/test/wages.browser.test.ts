// Wage sheets in the browser on the demo enterprise. The demo has no job reports, so the test reports a
// shift's work on the 150 pump's assembly for 胡军 (GY2005, 技师) through the API, last month: start 08:00,
// pause 09:00, resume 09:30, 3 good + 1 scrap + 1 rework at 10:00, finish with 2 good at 11:00 (Shanghai).
// By hand, with the demo's rates (ASM · FG-PMP-150 · 技师 24 yuan, scrap paid at 50 %, rework 6; 技师 38.5
// yuan/h from 2026, 36 before): piece 5 × 24 = 120.00, scrap 1 × 12 = 12.00, rework 1 × 6 = 6.00, hours
// 1 + 1.5 = 2.5 → 96.25 (90.00 before 2026). Then: pick the month, generate, read the totals, open the
// sheet, approve it, export the period.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import dayjs from 'dayjs';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const month = dayjs().subtract(1, 'month');
const day = month.startOf('month').format('YYYY-MM-DD');
const hourly = month.year() >= 2026 ? 38.5 : 36;
const timePay = (2.5 * hourly).toFixed(2);
const total = (120 + 12 + 6 + 2.5 * hourly).toFixed(2);

/** The reports, through the API with the page's session; null when all went through, else the failure. */
async function reportPumpAssembly(): Promise<string | null> {
  return page.evaluate(
    async ({ day }) => {
      const call = async (method: string, path: string, body?: unknown) => {
        const r = await fetch(`/api/v1${path}`, {
          method,
          headers: body ? { 'Content-Type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : undefined,
        });
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<Record<string, unknown>>;
      };
      try {
        const orders = (await call('GET', '/production/work-orders?q=FG-PMP-150&pageSize=50')) as {
          items: Array<{ id: string; productCode: string; parentId: string | null }>;
        };
        const top = orders.items.find((o) => o.productCode === 'FG-PMP-150' && o.parentId === null);
        if (!top) return 'no FG-PMP-150 order';
        const order = (await call('GET', `/production/work-orders/${top.id}`)) as {
          operations: Array<{ id: string; code: string }>;
        };
        const op = order.operations.find((o) => o.code === 'ASM')!;
        const workers = (await call('GET', '/labour/workers?q=GY2005')) as { items: Array<{ id: string }> };
        const workerId = workers.items[0]!.id;
        const at = (time: string) => `${day}T${time}:00+08:00`;
        for (const body of [
          { kind: 'start', occurredAt: at('08:00') },
          { kind: 'pause', occurredAt: at('09:00'), reason: '待料' },
          { kind: 'resume', occurredAt: at('09:30') },
          {
            kind: 'quantity',
            occurredAt: at('10:00'),
            goodQty: '3',
            scrapQty: '1',
            scrapReasonCode: 'S01',
            reworkQty: '1',
          },
          { kind: 'finish', occurredAt: at('11:00'), goodQty: '2' },
        ])
          await call('POST', `/production/work-orders/${top.id}/operations/${op.id}/job-reports`, {
            workerId,
            ...body,
          });
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    },
    { day },
  );
}

describe('wage sheets against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `wages-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("generates last month's sheets from the job reports and shows the totals", async () => {
    expect(await reportPumpAssembly()).toBeNull();
    await page.getByTestId('menu-wage-sheets').click();
    const card = page.getByTestId('wage-sheets-page');
    await card.waitFor();
    // nothing generated yet: the empty state says what to do
    await expect.poll(() => card.innerText()).toContain('点击“生成工资单”');
    await page.getByTestId('wage-month').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(month.format('YYYY-MM'));
    await page.keyboard.press('Enter');
    await page.getByTestId('wage-generate').click();
    await page.getByTestId('wage-generate-ok').click();
    // every active demo worker gets a sheet; only 胡军 earned anything
    await expect.poll(() => card.getByText('共 20 条').count()).toBe(1);
    await expect.poll(() => page.getByTestId('wage-sheets-total').innerText()).toBe(total);
    const row = page
      .getByTestId('wage-sheets-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: 'GY2005' });
    expect(await row.innerText()).toContain('120.00');
    await screenshot(page, 'wages-list');
  });

  it("opens 胡军's sheet: each line with its rate and why, then approves it", async () => {
    await page
      .getByTestId('wage-sheets-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: 'GY2005' })
      .click();
    const drawer = page.getByTestId('wage-sheet-drawer');
    await expect.poll(() => page.getByTestId('wage-sheet-total').innerText()).toBe(total);
    const lines = page.getByTestId('wage-sheet-lines').locator('tr.ant-table-row');
    await expect.poll(() => lines.count()).toBe(3);
    const [first, second, third] = await lines.allInnerTexts();
    // 3 good × 24, 1 scrap paid at 50 %, 1 rework × 6
    for (const text of [
      '3',
      '24',
      '72.00',
      '12.00',
      '6.00',
      '90.00',
      '产品 + 工序 + 等级',
      'ASM · FG-PMP-150 · G4',
    ])
      expect(first).toContain(text);
    expect(second).toContain('48.00');
    expect(third).toContain('2.5');
    expect(third).toContain(timePay);
    expect(third).toContain(String(hourly));
    await page.getByTestId('wage-sheet-approve').click();
    await page.getByTestId('wage-sheet-approve-ok').click();
    await expect.poll(() => page.getByTestId('wage-sheet-status').innerText()).toBe('已审核');
    expect(await drawer.getByTestId('wage-sheet-regenerate').count()).toBe(0);
    await screenshot(page, 'wages-sheet');
  });

  it('exports the period to Excel', async () => {
    await page.getByTestId('wage-sheet-drawer').locator('.ant-drawer-close').click();
    await page.getByTestId('wage-sheet-drawer').waitFor({ state: 'hidden' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/labour/wage-sheets/export')),
      page.getByTestId('wage-export').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('spreadsheetml');
    expect(response.url()).toContain(`from=${day}`);
  });
});

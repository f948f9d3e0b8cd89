// Lots and genealogy on the demo enterprise: a demo casting lot (seeded as received) is issued at the terminal
// to the valve-body order by scanning its label — a lot of a material the order does not use is refused on the
// lot field — the last operation's good quantity is reported there, which registers the order's output lot,
// and the trace page, reached from the menu, follows that output lot backward to the casting lot with the
// quantity consumed, and the order's detail page shows the issued and output lots. The lots page lists the
// casting lot with what it has on hand. The valve body is made serial-tracked first: the finish dialog takes
// its serial numbers by scanner (a repeat is said, not added; the count stands against the good quantity),
// they land on the output lot, and the trace page finds that lot by a serial number too, with its serial count
// opening the lot's serial numbers (filterable).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TLot, TLotDetail, TMaterial, TPage, TWorkOrder, TWorkOrderSummary } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const pageErrors: string[] = [];

const { api } = pageApi(
  () => page,
  () => server,
);
const lotOnHand = async (lotNumber: string) =>
  (await api<TPage<TLot>>('GET', `/inventory/lots?lotNumber=${lotNumber}`)).items[0]?.quantity ?? null;

describe('lots, material issue at the terminal and the genealogy trace', () => {
  let body: TWorkOrder;
  let workerId: string;

  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({
      viewport: { width: 1280, height: 800 },
      onPageError: (m) => pageErrors.push(m),
    }));
    const list = await api<TPage<TWorkOrderSummary>>(
      'GET',
      '/production/work-orders?q=SF-VB-100&status=released&pageSize=50',
    );
    const summary = list.items.find((w) => w.productCode === 'SF-VB-100')!;
    body = await api<TWorkOrder>('GET', `/production/work-orders/${summary.id}`);
    workerId = (await api<TPage<{ id: string }>>('GET', '/labour/workers?pageSize=1')).items[0]!.id;
    const product = (await api<TPage<TMaterial>>('GET', '/materials?q=SF-VB-100')).items.find(
      (m) => m.code === 'SF-VB-100',
    )!;
    await api('PATCH', `/materials/${product.id}`, { isSerialTracked: true });
    // the operations before the last one, through the API: this journey is about the last one
    for (const op of body.operations.slice(0, -1)) {
      const url = `/production/work-orders/${body.id}/operations/${op.id}/job-reports`;
      await api('POST', url, { kind: 'start', workerId });
      await api('POST', url, { kind: 'finish', workerId, goodQty: '2' });
    }
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `genealogy-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the demo casting lots on the lots page', async () => {
    await page.getByTestId('menu-lots').click();
    await page.getByTestId('lots-page').waitFor();
    await page.getByTestId('lot-search').locator('input').fill('HT200');
    await page.getByTestId('lot-search').locator('input').press('Enter');
    const table = page.getByTestId('lots-table');
    await poll(() => table.textContent()).toContain('HT200-A01');
    await poll(() => table.textContent()).toContain('泊头华东铸造');
    await page.getByTestId('lot-open-HT200-A01').click();
    await poll(() => page.getByTestId('lot-on-hand').textContent()).toBe('120 pcs');
    await poll(() => page.getByTestId('lot-moves').textContent()).toContain('收货');
    await screenshot(page, 'genealogy-lots');
    await page.keyboard.press('Escape');
  });

  it('issues the casting lot at the terminal by scanning it; a wrong lot is refused on its field', async () => {
    await page.getByTestId('menu-terminal').click();
    await page.getByTestId('terminal-badge').fill('GY1001');
    await page.getByTestId('terminal-badge').press('Enter');
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    const last = body.operations.at(-1)!;
    await page.getByTestId('terminal-scan').fill(`${body.number}/${last.seqNo}`);
    await page.getByTestId('terminal-scan').press('Enter');
    await page.getByTestId('terminal-operation').waitFor();

    await page.getByTestId('terminal-issue').click();
    // paint is not a material of a machined valve body
    await page.getByTestId('terminal-issue-lot').fill('EP-01');
    await page.getByTestId('terminal-issue-lot').press('Enter');
    await page.getByTestId('terminal-issue-qty').fill('1');
    await page.getByTestId('terminal-issue-ok').click();
    const explain = page.locator('.ant-modal .ant-form-item-explain-error');
    await poll(() => explain.first().textContent()).toContain('not a material of this order');
    await page.getByTestId('terminal-issue-lot').fill('HT200-A01');
    await page.getByTestId('terminal-issue-lot').press('Enter');
    await page.getByTestId('terminal-issue-qty').fill('3');
    await screenshot(page, 'genealogy-terminal-issue');
    await page.getByTestId('terminal-issue-ok').click();
    await poll(() => page.getByTestId('terminal-issued-lots').textContent()).toContain('HT200-A01');
    await poll(() => lotOnHand('HT200-A01')).toBe('117');
  });

  it("reports the last operation's good quantity, which becomes the order's output lot", async () => {
    await page.getByTestId('terminal-start').click();
    await poll(() => page.getByTestId('terminal-op-status').textContent()).toBe('进行中');
    await page.getByTestId('terminal-finish').click();
    await page.getByTestId('terminal-qty-form').waitFor();
    await page.getByTestId('terminal-good').fill('2');
    // a scanner types each serial and Enter: the second VB-SN-001 is a repeat
    const scan = async (serial: string) => {
      await page.getByTestId('terminal-serial-input').fill(serial);
      await page.getByTestId('terminal-serial-input').press('Enter');
    };
    await scan('VB-SN-001');
    await scan('VB-SN-001');
    await poll(() => page.getByTestId('terminal-serial-notice').textContent()).toContain('VB-SN-001 已扫过');
    await poll(() => page.getByTestId('terminal-serial-count').textContent()).toBe('已扫 1 / 合格 2');
    await scan('VB-SN-002');
    await poll(() => page.getByTestId('terminal-serial-count').textContent()).toBe('已扫 2 / 合格 2');
    await screenshot(page, 'genealogy-terminal-serials');
    await page.getByTestId('terminal-qty-submit').click();
    await poll(() => page.getByTestId('terminal-op-status').textContent()).toBe('已完成');
    await poll(() => lotOnHand(body.number)).toBe('2');
    const output = (await api<TPage<TLot>>('GET', `/inventory/lots?lotNumber=${body.number}`)).items[0]!;
    expect((await api<TLotDetail>('GET', `/inventory/lots/${output.id}`)).serials).toEqual([
      'VB-SN-001',
      'VB-SN-002',
    ]);
    await poll(() => page.getByTestId('terminal-issued-lots').textContent()).toContain('2.06');
    await screenshot(page, 'genealogy-terminal-output');
  });

  it('traces the output lot backward to the casting lot, from the menu', async () => {
    await page.getByTestId('terminal-exit').click();
    await page.getByTestId('side-menu').waitFor();
    await page.getByTestId('menu-genealogy').click();
    await page.getByTestId('genealogy-page').waitFor();
    const input = page.getByTestId('trace-lot-input').locator('input');
    await input.fill(body.number);
    await input.press('Enter');
    const casting = page.getByTestId('trace-node-HT200-A01');
    await poll(() => casting.textContent()).toContain('2.06');
    await poll(() => casting.textContent()).toContain(body.number);
    await poll(() => page.getByTestId(`trace-node-${body.number}`).textContent()).toContain('SF-VB-100');
    await screenshot(page, 'genealogy-trace-backward');
    // and forward from the casting lot to the order's lot
    await input.fill('HT200-A01');
    await input.press('Enter');
    await page.getByTestId('trace-direction').getByText('正向追溯', { exact: false }).click();
    await poll(() => page.getByTestId(`trace-node-${body.number}`).textContent()).toContain('2.06');
    await screenshot(page, 'genealogy-trace-forward');
    const download = page.waitForEvent('download');
    await page.getByTestId('trace-export').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    // a piece by its serial number: its lot, backward to the casting lot
    await page.getByTestId('trace-mode').getByText('序列号').click();
    await page.getByTestId('trace-direction').getByText('反向追溯', { exact: false }).click();
    // scanned right after the click, before the page re-rendered: the direction must survive the scan
    await input.fill('VB-SN-002');
    await input.press('Enter');
    await poll(() => page.getByTestId('trace-serial-lot').textContent()).toContain(body.number);
    await poll(() => page.getByTestId('trace-node-HT200-A01').textContent()).toContain('2.06');
    // the lot's serial count opens its serial numbers; the casting lot has none, so no count
    const count = page.getByTestId(`trace-serial-count-${body.number}`);
    await poll(() => count.textContent()).toBe('序列号 2');
    expect(await page.getByTestId('trace-serial-count-HT200-A01').count()).toBe(0);
    await count.click();
    const serials = page.getByTestId(`trace-serials-${body.number}`);
    await poll(() => serials.locator('li').allTextContents()).toEqual(['VB-SN-001', 'VB-SN-002']);
    await screenshot(page, 'genealogy-trace-serial');
    await serials.getByRole('searchbox').fill('002');
    await serials.getByRole('searchbox').press('Enter');
    await poll(() => serials.locator('li').allTextContents()).toEqual(['VB-SN-002']);
    await page.keyboard.press('Escape');
  });

  it("shows the issued and output lots on the order's detail page", async () => {
    await page.goto(`${server.baseUrl}/production/work-orders/${body.id}`);
    await page.getByTestId('wo-lots-tab').click();
    const issued = page.getByTestId('wo-issued-lots');
    await poll(() => issued.textContent()).toContain('HT200-A01');
    await poll(() => issued.textContent()).toContain('2.06');
    await poll(() => page.getByTestId('wo-output-lots').textContent()).toContain(body.number);
    await poll(() => page.getByTestId('lot-moves').textContent()).toContain('产出入库');
    await screenshot(page, 'genealogy-work-order-lots');
    expect(pageErrors).toEqual([]);
  });
});

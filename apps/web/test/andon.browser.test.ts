// Andon on the demo enterprise: a worker signed in at the terminal (badge GY1001) starts an operation and
// raises a stopping equipment fault from the Andon button; the operation shows it and its report buttons are
// disabled with the reason (a pause still allowed). On the Andon board (异常管理) the exception is first, its
// elapsed time ticking; a supervisor acknowledges and resolves it, and its history shows the three steps; the
// demo's escalation rules are listed and a level is added (one that would come too early is refused on the
// field). Back at the terminal the operation takes a quantity report again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TAndonException, TPage, TWorkOrder } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const pageErrors: string[] = [];
const DESCRIPTION = '主轴异响，需停机检查';

const { api, releasedOrder } = pageApi(
  () => page,
  () => server,
);
async function openOperation(code: string) {
  await page.getByTestId('terminal-scan').fill(code);
  await page.getByTestId('terminal-scan').press('Enter');
  await page.getByTestId('terminal-operation').waitFor();
}
const isDisabled = (testId: string) => page.getByTestId(testId).isDisabled();

describe('Andon from the terminal to the board and back', () => {
  let pump: TWorkOrder;
  let exception: TAndonException;

  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({
      viewport: { width: 1280, height: 800 },
      onPageError: (m) => pageErrors.push(m),
    }));
    pump = await releasedOrder('FG-PMP-150');
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `andon-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('raises a stopping exception at the terminal; the report buttons are disabled with the reason', async () => {
    await page.getByTestId('menu-terminal').click();
    await page.getByTestId('terminal-badge').fill('GY1001');
    await page.getByTestId('terminal-badge').press('Enter');
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    await openOperation(`${pump.number}/10`);
    await poll(() => page.getByTestId('terminal-andon').textContent()).toContain('没有未解决的异常');
    await page.getByTestId('terminal-start').click();
    await poll(() => page.getByTestId('terminal-op-status').textContent()).toBe('进行中');
    await expect(isDisabled('terminal-quantity')).resolves.toBe(false);

    await page.getByTestId('terminal-andon-raise').click();
    await page.getByTestId('terminal-andon-kind-equipment_fault').click();
    await page.getByTestId('terminal-andon-stop').click();
    // the description is required before anything is sent
    await page.getByTestId('terminal-andon-submit').click();
    await poll(() => page.locator('.ant-modal .ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await page.getByTestId('terminal-andon-description').fill(DESCRIPTION);
    await screenshot(page, 'andon-terminal-raise');
    await page.getByTestId('terminal-andon-submit').click();

    await poll(() => page.getByTestId('terminal-andon-stopped').textContent()).toContain(DESCRIPTION);
    await poll(() => page.getByTestId('terminal-andon-item').textContent()).toContain('设备故障');
    for (const kind of ['start', 'quantity', 'finish', 'resume'])
      await poll(() => isDisabled(`terminal-${kind}`)).toBe(true);
    // the stop paused the running operation itself: nothing is left to report until it is resolved
    await poll(() => page.getByTestId('terminal-op-status').textContent()).toBe('已暂停');
    await expect(isDisabled('terminal-pause')).resolves.toBe(true);
    await screenshot(page, 'andon-terminal-stopped');

    const open = await api<TPage<TAndonException>>('GET', '/production/andon/exceptions?status=unresolved');
    exception = open.items.find((x) => x.description === DESCRIPTION)!;
    expect(exception).toMatchObject({
      kind: 'equipment_fault',
      isStopping: true,
      status: 'open',
      workOrderId: pump.id,
      raisedByWorkerName: expect.any(String) as string,
    });
    // the server refuses the report too, naming the exception
    const refused = await page.request.fetch(
      `${server.baseUrl}/api/v1/production/work-orders/${pump.id}/operations/${exception.operationId}/job-reports`,
      { method: 'POST', data: { kind: 'quantity', goodQty: '1', workerId: exception.raisedByWorkerId } },
    );
    expect(refused.status()).toBe(409);
    expect(
      ((await refused.json()) as { error: { params: Record<string, string> } }).error.params,
    ).toMatchObject({
      exceptionId: exception.id,
      exceptionKind: 'equipment_fault',
    });
  });

  it('shows it first on the board, ticking; acknowledged and resolved there, with its history', async () => {
    await page.getByTestId('terminal-exit').click();
    await page.getByTestId('side-menu').waitFor();
    await page.getByTestId('menu-andon').click();
    await page.getByTestId('andon-page').waitFor();
    const row = page.locator(`tr[data-row-key="${exception.id}"]`);
    await row.waitFor();
    await expect(
      page.getByTestId('andon-table').locator('tr.ant-table-row').first().getAttribute('data-row-key'),
    ).resolves.toBe(exception.id);
    await poll(() => row.getByTestId('andon-status').textContent()).toBe('待响应');
    await poll(() => row.getByTestId('andon-level').textContent()).toBe('L0');
    const first = await row.getByTestId('andon-elapsed').textContent();
    expect(first).toMatch(/^\d+:\d\d:\d\d$/);
    await poll(() => row.getByTestId('andon-elapsed').textContent()).not.toBe(first);
    await screenshot(page, 'andon-board');

    await row.getByTestId('andon-acknowledge').click();
    await page.getByTestId('andon-action-text').fill('维修已到场');
    await page.getByTestId('andon-action-submit').click();
    await poll(() => row.getByTestId('andon-status').textContent()).toBe('处理中');
    await row.getByTestId('andon-resolve').click();
    // a resolution note is required
    await page.getByTestId('andon-action-submit').click();
    await poll(() => page.locator('.ant-modal .ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await page.getByTestId('andon-action-text').fill('更换主轴轴承');
    await page.getByTestId('andon-action-submit').click();
    // the board shows what is unresolved: the exception leaves it
    await poll(() => row.count()).toBe(0);

    await page.getByTestId('andon-status-filter').getByText('已解决').click();
    await row.waitFor();
    await poll(() => row.getByTestId('andon-status').textContent()).toBe('已解决');
    await row.getByTestId('andon-detail').click();
    const history = page.getByTestId('andon-history');
    await poll(() => history.textContent()).toContain('更换主轴轴承');
    const text = (await history.textContent()) ?? '';
    expect(text.indexOf('发起')).toBeLessThan(text.indexOf('响应'));
    expect(text.indexOf('响应')).toBeLessThan(text.indexOf('解决'));
    await screenshot(page, 'andon-history');
    await page.keyboard.press('Escape');
    await page.getByTestId('andon-detail-drawer').waitFor({ state: 'hidden' });
  });

  it("lists the demo's escalation rules and adds a level", async () => {
    await page.getByRole('tab', { name: '升级规则' }).click();
    const table = page.getByTestId('andon-rules-table');
    // the demo: equipment faults go to the equipment engineer after 10 minutes, the plant manager after 30
    await poll(() => table.textContent()).toContain('设备工程师');
    await poll(() => table.textContent()).toContain('工厂经理');
    const rows = await table.locator('tr.ant-table-row').count();
    await page.getByTestId('andon-rule-create').click();
    await page.getByTestId('andon-rule-level').fill('3');
    await page.getByTestId('andon-rule-minutes').fill('20');
    await page.getByTestId('andon-rule-save').click();
    // level 3 cannot come before level 2's 30 minutes: said on the field
    await poll(() => page.locator('.ant-modal .ant-form-item-explain-error').textContent()).toContain('30');
    await page.getByTestId('andon-rule-minutes').fill('90');
    await page.getByTestId('andon-rule-save').click();
    await poll(() => table.locator('tr.ant-table-row').count()).toBe(rows + 1);
    await poll(() => table.textContent()).toContain('L3');
    await screenshot(page, 'andon-rules');
  });

  it('the operation takes reports again at the terminal', async () => {
    await page.getByTestId('menu-terminal').click();
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    await openOperation(`${pump.number}/10`);
    await poll(() => page.getByTestId('terminal-andon').textContent()).toContain('没有未解决的异常');
    await poll(() => isDisabled('terminal-quantity')).toBe(false);
    await page.getByTestId('terminal-quantity').click();
    await page.getByTestId('terminal-qty-form').waitFor();
    await page.getByTestId('terminal-good').fill('3');
    await page.getByTestId('terminal-qty-submit').click();
    // a loaded machine may keep the embedded database busy with a background job for a while
    await expect
      .poll(() => page.getByTestId('terminal-good-total').textContent(), { timeout: 40_000 })
      .toBe('3');
    await screenshot(page, 'andon-terminal-again');
    expect(pageErrors).toEqual([]);
  });
});

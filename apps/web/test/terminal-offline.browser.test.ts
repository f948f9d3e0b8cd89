// The shop-floor terminal through a Wi-Fi drop (1280×800 tablet, demo enterprise): with the network cut the
// operator starts, reports quantities and pauses; the reports wait on the tablet under a red "offline — N
// waiting" bar, the operation shows where they take it, and nothing reaches the server. With the network back
// but the job-report requests still failing, a reload keeps the queue; once they go through, the queue drains
// in order with the same clientIds and each report is stored exactly once. A report whose first request was
// processed but whose answer was lost is replayed and still stored once. A queued report the server refuses
// on replay (the operation was finished meanwhile) is shown with the server's message until dismissed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { TJobReport, TJobReportResult, TPage, TWorkerIdentity, TWorkOrder } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });
const pageErrors: string[] = [];
/** every job-report request the page made, as sent: the replay must carry the first attempt's clientId */
const sent: Array<{ clientId: string; kind: string; occurredAt: string }> = [];
const REPORTS = /\/api\/v1\/production\/work-orders\/[^/]+\/operations\/[^/]+\/job-reports$/;

const { api, releasedOrder } = pageApi(
  () => page,
  () => server,
);
const opStatus = () => page.getByTestId('terminal-op-status').textContent();
const bannerTitle = () => page.getByTestId('terminal-offline-title').textContent();
const isBannerShown = () => page.getByTestId('terminal-offline').isVisible();
async function scan(code: string) {
  await page.getByTestId('terminal-scan').fill(code);
  await page.getByTestId('terminal-scan').press('Enter');
}
/** job-report POSTs fail as if the access point had no uplink: the page is online, the server unreachable */
const abortReports = (route: Route) =>
  route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback();

describe('the shop-floor terminal keeps reporting through a Wi-Fi drop', () => {
  let order: TWorkOrder;
  let opUrl: string;
  let queued: Array<{ clientId: string; kind: string; occurredAt: string }> = [];
  const storedQueue = () =>
    page.evaluate(() => {
      const keys = Object.keys(localStorage).filter((k) => k.startsWith('greenmes.terminal.reportQueue.'));
      if (keys.length !== 1) throw new Error(`expected one queue, found ${keys.join(', ')}`);
      const state = JSON.parse(localStorage.getItem(keys[0]!)!) as {
        pending: Array<{ body: { clientId: string; kind: string; occurredAt: string } }>;
      };
      return state.pending.map((p) => p.body);
    });
  const stored = async () =>
    (await api<TPage<TJobReport>>('GET', `${opUrl}?pageSize=100`)).items.sort((a, b) =>
      a.reportedAt.localeCompare(b.reportedAt),
    );

  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({
      viewport: { width: 1280, height: 800 },
      onPageError: (m) => pageErrors.push(m),
    }));
    order = await releasedOrder('FG-PMP-150');
    opUrl = `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`;
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !REPORTS.test(new URL(request.url()).pathname)) return;
      const body = request.postDataJSON() as { clientId: string; kind: string; occurredAt: string };
      sent.push({ clientId: body.clientId, kind: body.kind, occurredAt: body.occurredAt });
    });
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `terminal-offline-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs a worker in and opens an operation while online', async () => {
    await page.goto(`${server.baseUrl}/terminal`);
    await page.getByTestId('terminal-badge').fill('GY1001');
    await page.getByTestId('terminal-badge').press('Enter');
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    await scan(`${order.number}/10`);
    await poll(opStatus).toBe('已派工');
    await expect(isBannerShown()).resolves.toBe(false);
  });

  it('queues start, quantities and a pause with the network cut, and says so', async () => {
    await page.context().setOffline(true);
    await page.getByTestId('terminal-start').click();
    await poll(bannerTitle).toBe('离线 — 1 条报工等待发送');
    // the operation moves as the waiting start will move it, so the next reports are enabled
    await poll(opStatus).toBe('进行中');
    await poll(() => page.getByTestId('terminal-op-queued').textContent()).toContain('1');

    await page.getByTestId('terminal-quantity').click();
    await page.getByTestId('terminal-good').fill('5');
    await page.getByTestId('terminal-qty-submit').click();
    await poll(bannerTitle).toBe('离线 — 2 条报工等待发送');
    await poll(() => page.getByTestId('terminal-good-total').textContent()).toBe('5');

    await page.getByTestId('terminal-pause').click();
    await page.getByTestId('terminal-pause-codes').getByText('P01 待料').click();
    await page.getByTestId('terminal-pause-submit').click();
    await poll(bannerTitle).toBe('离线 — 3 条报工等待发送');
    await poll(opStatus).toBe('已暂停');
    const pending = page.getByTestId('terminal-offline-pending').locator('li');
    await poll(() => pending.count()).toBe(3);
    await poll(() => pending.nth(1).textContent()).toContain('合格 5');
    await poll(() => pending.nth(2).textContent()).toContain('P01');
    await screenshot(page, 'terminal-offline-queued');
    // nothing reached the server
    await expect(stored()).resolves.toEqual([]);
  });

  it('keeps the queue across a reload while the server stays out of reach', async () => {
    await page.route(REPORTS, abortReports);
    await page.context().setOffline(false);
    await page.reload();
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    await poll(bannerTitle).toBe('离线 — 3 条报工等待发送');
    await scan(`${order.number}/10`);
    await poll(opStatus).toBe('已暂停');
    await poll(() => page.getByTestId('terminal-good-total').textContent()).toBe('5');
    await expect(stored()).resolves.toEqual([]);
    // kept on the tablet for this enterprise and account
    queued = await storedQueue();
    expect(queued.map((q) => q.kind)).toEqual(['start', 'quantity', 'pause']);
    // tries went out meanwhile (the reload's replay, the backoff): only the head, and always the same one,
    // so nothing overtakes it
    await poll(() => sent.length).toBeGreaterThan(2);
    expect(new Set(sent.map((s) => s.clientId))).toEqual(new Set([queued[0]!.clientId]));
  });

  it('drains in order once the server is reachable, each report stored exactly once', async () => {
    await page.unroute(REPORTS, abortReports);
    // the backoff's next try, without touching anything
    await poll(isBannerShown, 45_000).toBe(false);
    await poll(opStatus).toBe('已暂停');
    await expect(page.getByTestId('terminal-op-queued').count()).resolves.toBe(0);
    await poll(() => page.getByTestId('terminal-good-total').textContent()).toBe('5');
    await poll(() => page.getByTestId('terminal-reports').textContent()).toContain('P01 待料');
    await screenshot(page, 'terminal-offline-drained');

    const reports = await stored();
    expect(reports.map((r) => r.kind)).toEqual(['start', 'quantity', 'pause']);
    expect(reports.map((r) => r.clientId)).toEqual(queued.map((q) => q.clientId));
    // when the operator pressed, not when the server got it
    expect(reports.map((r) => r.occurredAt)).toEqual(queued.map((q) => q.occurredAt));
    expect(reports.every((r) => r.occurredAt! < r.reportedAt)).toBe(true);
    expect(reports[1]!.goodQty).toBe('5');
  });

  it('replays a report whose answer was lost, and the server counts it once', async () => {
    let isLost = false;
    let firstStatus = 0;
    // the server processes the first resume, then the connection drops before its answer arrives
    const loseAnswer = async (route: Route) => {
      if (route.request().method() !== 'POST' || isLost) return route.fallback();
      isLost = true;
      firstStatus = (await route.fetch()).status();
      await route.abort('connectionreset');
    };
    await page.route(REPORTS, loseAnswer);
    const before = sent.length;
    await page.getByTestId('terminal-resume').click();
    await poll(bannerTitle).toBe('离线 — 1 条报工等待发送');
    await poll(opStatus).toBe('进行中');
    // the backoff replays it with the same clientId: the server answers 200 with the first result
    await poll(isBannerShown, 20_000).toBe(false);
    await page.unroute(REPORTS, loseAnswer);
    // the lost request was stored (201): the replay found it by its clientId
    expect(firstStatus).toBe(201);
    const attempts = sent.slice(before);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((a) => a.clientId)).size).toBe(1);
    const resumes = (await stored()).filter((r) => r.kind === 'resume');
    expect(resumes.map((r) => r.clientId)).toEqual([attempts[0]!.clientId]);
    await poll(opStatus).toBe('进行中');
  });

  it('shows a queued report the server refuses on replay until the operator dismisses it', async () => {
    await page.route(REPORTS, abortReports);
    await page.getByTestId('terminal-quantity').click();
    await page.getByTestId('terminal-good').fill('3');
    await page.getByTestId('terminal-qty-submit').click();
    await poll(bannerTitle).toBe('离线 — 1 条报工等待发送');
    // meanwhile another terminal finishes the operation
    const other = await api<TWorkerIdentity>('POST', '/labour/workers/sign-in', { badge: 'GY1002' });
    await api<TJobReportResult>('POST', opUrl, {
      kind: 'finish',
      workerId: other.id,
      clientId: crypto.randomUUID(),
    });
    const refused = sent.at(-1)!;
    await page.unroute(REPORTS, abortReports);
    await page.getByTestId('terminal-offline-retry').click();
    const item = page.getByTestId('terminal-rejected-item');
    await poll(() => item.count()).toBe(1);
    await poll(() => page.getByTestId('terminal-rejected-message').textContent()).toBe(
      '工序当前为「已完成」，不能报数',
    );
    await poll(() => item.textContent()).toContain('合格 3');
    await poll(isBannerShown).toBe(false);
    await screenshot(page, 'terminal-offline-rejected');
    // not stored, and only the operator's dismissal removes it
    expect((await stored()).some((r) => r.clientId === refused.clientId)).toBe(false);
    await poll(opStatus).toBe('已完成');
    await page.getByTestId('terminal-rejected-dismiss').click();
    await poll(() => page.getByTestId('terminal-rejected').count()).toBe(0);
    await page.reload();
    await poll(() => page.getByTestId('terminal-worker').textContent()).toContain('GY1001');
    await expect(page.getByTestId('terminal-rejected').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

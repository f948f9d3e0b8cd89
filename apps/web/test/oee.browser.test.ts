// The OEE page and the equipment big screen in the browser, on the demo enterprise: the page (生产 → OEE) shows
// the same plant figure and per-work-center factors as GET /production/oee, "—" where a factor is unknown with
// its reason, and exports the table to Excel; the big screen's OEE card shows the same plant figure for today.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TOeeReport } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

async function api<T>(path: string): Promise<T> {
  const res = await page.request.fetch(`${server.baseUrl}/api/v1${path}`);
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('OEE against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `oee-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows today's OEE per work center as the API computes it, and exports it", async () => {
    await page.getByTestId('menu-oee').click();
    await page.getByTestId('oee-page').waitFor();
    const report = await api<TOeeReport>('/production/oee');
    expect(report.workCenters.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('oee-plant').textContent(), { timeout: 20_000 })
      .toBe(report.plant ? percent(report.plant.oee) : '—');
    for (const row of report.workCenters.slice(0, 5)) {
      // the page reads its own answer a moment later: the running minutes may differ by then, the factors rarely
      await expect
        .poll(() => page.getByTestId(`oee-q-${row.workCenterCode}`).textContent())
        .toBe(percent(row.quality.value));
      if (row.oee === null)
        await expect.poll(() => page.getByTestId(`oee-value-${row.workCenterCode}`).textContent()).toBe('—');
    }
    await screenshot(page, 'oee-page');

    // the last 7 days (weekdays with the demo's shifts, state history and job reports): the table shows
    // exactly what the page's own request answered
    const answer = page.waitForResponse(
      (r) => r.url().includes('/api/v1/production/oee?') && r.url().includes('from='),
    );
    await page.getByTestId('oee-period').first().click();
    await page.locator('.ant-picker-presets li', { hasText: '近 7 天' }).click();
    const week = (await (await answer).json()) as TOeeReport;
    expect(Date.parse(week.to) - Date.parse(week.from)).toBe(7 * 86_400_000);
    await expect
      .poll(() => page.getByTestId('oee-plant').textContent(), { timeout: 20_000 })
      .toBe(week.plant ? percent(week.plant.oee) : '—');
    for (const row of week.workCenters) {
      const cell = (k: string) => page.getByTestId(`oee-${k}-${row.workCenterCode}`).textContent();
      await expect.poll(() => cell('a')).toBe(percent(row.availability.value));
      await expect.poll(() => cell('q')).toBe(percent(row.quality.value));
      await expect.poll(() => cell('value')).toBe(percent(row.oee));
    }
    console.info(
      `OEE last 7 days: plant ${percent(week.plant?.oee ?? null)}, ` +
        week.workCenters
          .map((w) => `${w.workCenterCode} ${percent(w.oee)} [${w.reasons.join(',')}]`)
          .join('; '),
    );
    await screenshot(page, 'oee-page-last-7-days');

    const download = page.waitForEvent('download');
    await page.getByTestId('oee-export').click();
    expect((await download).suggestedFilename()).toMatch(/^oee-.*\.xlsx$/);
  });

  it('computes a work center with a calendar, a running machine and job reports, on the page and the screen', async () => {
    const post = async <T = { id: string }>(
      path: string,
      data: unknown,
      headers?: Record<string, string>,
    ) => {
      const res = await page.request.fetch(`${server.baseUrl}/api/v1${path}`, {
        method: 'POST',
        data,
        headers,
      });
      if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const node = (kind: string, code: string, parentId?: string) =>
      post('/plant/nodes', { kind, code, name: code, ...(parentId ? { parentId } : {}) });
    const site = await node('site', 'OEE-S');
    const line = await node('line', 'OEE-L', (await node('area', 'OEE-A', site.id)).id);
    const center = await node('work_center', 'OEE-WC', line.id);
    const equipment = await post('/equipment', {
      nodeId: center.id,
      code: 'OEE-PRESS',
      name: 'Press',
      category: 'machine_tool',
      energyMedia: ['electricity'],
    });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await post('/shift-calendars', {
      siteId: site.id,
      code: 'OEE-CAL',
      name: 'Round the clock',
      validFrom: yesterday,
      shifts: [{ code: 'A', name: 'All day', start: '00:00', end: '23:30', weekdays: [1, 2, 3, 4, 5, 6, 7] }],
    });
    const device = await post('/devices', {
      code: 'PLC-OEE-PRESS',
      name: 'Press PLC',
      equipmentId: equipment.id,
      metrics: [
        { key: 'state', name: 'State', valueType: 'state', kind: 'state', states: ['idle', 'running'] },
      ],
    });
    const cred = await post<{ token: string }>(`/devices/${device.id}/credentials`, { kind: 'token' });
    const now = Date.now();
    const ingest = await page.request.fetch(`${server.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cred.token}`, 'content-type': 'application/json' },
      data: JSON.stringify([
        { ts: now - 60 * 60_000, values: { state: 'running' } },
        { ts: now - 20 * 60_000, values: { state: 'idle' } },
      ]),
    });
    expect(ingest.ok(), await ingest.text()).toBe(true);
    const units = await api<Array<{ id: string; code: string }>>('/units');
    const unit = (code: string) => units.find((u) => u.code === code)!.id;
    const productId = (
      await post('/materials', { code: 'OEE-FG', name: 'Flange', type: 'finished', unitId: unit('pcs') })
    ).id;
    const rawId = (
      await post('/materials', { code: 'OEE-RM', name: 'Plate', type: 'raw', unitId: unit('kg') })
    ).id;
    const bom = await post('/production/boms', {
      productId,
      version: 'V1',
      effectiveFrom: yesterday,
      lines: [{ componentId: rawId, quantity: '1' }],
    });
    await post(`/production/boms/${bom.id}/transition`, { status: 'active' });
    const routing = await post('/production/routings', {
      productId,
      version: 'R1',
      effectiveFrom: yesterday,
      operations: [
        { seqNo: 10, code: 'PRESS', name: 'Press', workCenterId: center.id, runSecondsPerUnit: '12' },
      ],
    });
    await post(`/production/routings/${routing.id}/transition`, { status: 'active' });
    const order = await post<{ id: string; operations: Array<{ id: string }> }>('/production/work-orders', {
      productId,
      quantity: '500',
    });
    await post(`/production/work-orders/${order.id}/release`, {});
    const workerId = (await post('/labour/workers', { employeeNo: 'OEE01', name: '赵六' })).id;
    const reports = `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`;
    const at = new Date(now - 60_000).toISOString();
    await post(reports, { workerId, kind: 'start', occurredAt: at });
    await post(reports, { workerId, kind: 'quantity', goodQty: '150', occurredAt: at });

    // 40 min running, 150 × 12 s = 30 min standard, all good
    const report = await api<TOeeReport>(`/production/oee?siteId=${site.id}`);
    const row = report.workCenters[0]!;
    expect(row).toMatchObject({ workCenterCode: 'OEE-WC', standardMinutes: 30, good: '150', reasons: [] });
    expect(row.runningMinutes).toBeCloseTo(40, 0);
    expect(row.performance.value).toBeCloseTo(0.75, 2);
    expect(row.quality.value).toBe(1);

    await page.goto(`${server.baseUrl}/production/oee`);
    await page.getByTestId('oee-page').waitFor();
    await expect.poll(() => page.getByTestId('oee-q-OEE-WC').textContent()).toBe('100.0%');
    await expect.poll(() => page.getByTestId('oee-value-OEE-WC').textContent()).toMatch(/^\d+\.\d%$/);
    await screenshot(page, 'oee-page-with-data');

    await page.goto(`${server.baseUrl}/screens/equipment`);
    await page.locator('[data-testid="screen-body-equipment"][data-screen-ready="true"]').waitFor({
      timeout: 60_000,
    });
    await expect.poll(() => page.getByTestId('screen-oee-top').textContent()).toMatch(/^OEE-WC \d+\.\d%$/);
    // the plant figure is today's so far (planned time grows with the clock): compare with the screen's answer,
    // shown to one decimal (3.0 shows as "3")
    const plant = (await api<{ oee: { value: number } | null }>('/screens/equipment')).oee!.value * 100;
    await expect
      .poll(async () =>
        Number(
          (await page.getByTestId('screen-oee').getByTestId('kpi-value').textContent())?.replace('%', ''),
        ),
      )
      .toBeCloseTo(plant, 0);
    await screenshot(page, 'oee-equipment-screen-with-data');
  });

  it("shows the plant OEE on the equipment big screen, or '—' when no work center has data", async () => {
    await page.goto(`${server.baseUrl}/screens/equipment`);
    await page.locator('[data-testid="screen-body-equipment"][data-screen-ready="true"]').waitFor({
      timeout: 60_000,
    });
    const report = await api<TOeeReport>('/production/oee');
    const card = page.getByTestId('screen-oee').getByTestId('kpi-value');
    if (report.plant === null) await expect.poll(() => card.textContent()).toBe('—');
    else {
      await expect
        .poll(async () => Number((await card.textContent())?.replace(/[^\d.]/g, '')))
        .toBeCloseTo(report.plant.oee * 100, 0);
      await page.getByTestId('screen-oee-top').waitFor();
    }
    await screenshot(page, 'oee-equipment-screen');
  });
});

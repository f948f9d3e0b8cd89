// The big screens in the browser, on the demo enterprise: the picker in the app's menu, each of the five
// screens at 1920×1080 and 1366×768 — first data rendered (`data-screen-ready`), the 1920×1080 design scaled
// to fit the window without overflowing it — with a screenshot of each (test-output/screenshots/screens-*);
// a flue-gas value published by a device over the HTTP ingest appearing on the carbon screen without a
// reload; the rotation moving on to the next screen after its interval; and a site picked on the picker
// kept in the URL, asked of every screen of the rotation and named in the screen's header.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SCREEN_KEYS } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { pageApi } from './support/api.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];

const { api } = pageApi(
  () => page,
  () => server,
);

/** The screen's canvas as drawn: its box in the viewport. */
async function canvasBox() {
  return page.getByTestId('big-screen').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  });
}

describe('big screens against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({
      viewport: VIEWPORTS[0],
      onPageError: (message) => pageErrors.push(message),
    }));
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `screens-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the five screens in the menu and opens one full screen, outside the app layout', async () => {
    await page.getByTestId('menu-screens').click();
    await page.getByTestId('screens-page').waitFor();
    for (const key of SCREEN_KEYS) await page.getByTestId(`screen-card-${key}`).waitFor();
    await screenshot(page, 'screens-00-picker');
    await page.getByTestId('screen-open-summary').click();
    await page.locator('[data-screen-ready="true"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    expect(await page.getByTestId('screen-tenant').textContent()).not.toBe('');
  });

  for (const viewport of VIEWPORTS) {
    it(`renders every screen at ${viewport.width}×${viewport.height}, scaled to fit`, async () => {
      await page.setViewportSize(viewport);
      for (const key of SCREEN_KEYS) {
        const started = Date.now();
        await page.goto(`${server.baseUrl}/screens/${key}`);
        await page
          .locator(`[data-testid="screen-body-${key}"][data-screen-ready="true"]`)
          .waitFor({ timeout: 60_000 });
        const firstRender = Date.now() - started;
        // the charts' canvases exist once ECharts has loaded (its chunk is shared by the screens)
        await expect.poll(() => page.locator('[data-ready="false"]').count(), { timeout: 20_000 }).toBe(0);
        const box = await canvasBox();
        const scale = Math.min(viewport.width / 1920, viewport.height / 1080);
        expect(box.width).toBeCloseTo(1920 * scale, 0);
        expect(box.height).toBeCloseTo(1080 * scale, 0);
        expect(box.left).toBeGreaterThanOrEqual(-0.5);
        expect(box.top).toBeGreaterThanOrEqual(-0.5);
        expect(box.left + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(box.top + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
        console.info(
          `screen ${key} at ${viewport.width}×${viewport.height}: first data in ${firstRender} ms`,
        );
        await screenshot(page, `screens-${key}-${viewport.width}x${viewport.height}`);
      }
      await page.setViewportSize(VIEWPORTS[0]!);
    });
  }

  it('shows a flue-gas value on the carbon screen moments after a device publishes it', async () => {
    const device = await api<{ id: string }>('POST', '/devices', {
      code: 'CEMS-SCREEN',
      name: '大屏测试烟气监测',
      metrics: [{ key: 'so2_mgm3', name: 'SO₂ 浓度', valueType: 'number', kind: 'gauge' }],
    });
    const { token } = await api<{ token: string }>('POST', `/devices/${device.id}/credentials`, {
      kind: 'token',
    });
    const publish = async (value: number) => {
      const res = await fetch(`${server.baseUrl}/api/v1/ingest`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ samples: [{ ts: Date.now(), values: { so2_mgm3: value } }] }),
      });
      expect(res.status).toBe(200);
    };
    await publish(12.5);
    await page.goto(`${server.baseUrl}/screens/carbon`);
    const cell = page.getByTestId('screen-pollutant-CEMS-SCREEN-so2_mgm3');
    await cell.filter({ hasText: '12.5' }).waitFor({ timeout: 30_000 });

    const started = Date.now();
    await publish(87.25);
    // over the live socket; the 15 s poll of a dropped socket would miss this bound
    await cell.filter({ hasText: '87.25' }).waitFor({ timeout: 5_000 });
    console.info(`device → carbon screen: ${Date.now() - started} ms`);
    await screenshot(page, 'screens-carbon-live-value');
  });

  it("shows the incomer's load on the energy screen moments after its power meter publishes it", async () => {
    const meter = (
      await api<{ items: Array<{ id: string; code: string }> }>('GET', '/devices?q=PM-MAIN')
    ).items.find((d) => d.code === 'PM-MAIN')!;
    const { token } = await api<{ token: string }>('POST', `/devices/${meter.id}/credentials`, {
      kind: 'token',
    });
    await page.goto(`${server.baseUrl}/screens/energy`);
    await page
      .locator('[data-testid="screen-body-energy"][data-screen-ready="true"]')
      .waitFor({ timeout: 60_000 });
    const load = page.getByTestId('screen-load-E-MAIN');
    await load.waitFor();
    const started = Date.now();
    const res = await fetch(`${server.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ samples: [{ ts: Date.now(), values: { kw: 321.5 } }] }),
    });
    expect(res.status).toBe(200);
    await load.filter({ hasText: '321.5' }).waitFor({ timeout: 5_000 });
    console.info(`device → energy screen: ${Date.now() - started} ms`);
    await screenshot(page, 'screens-energy-live-load');
  });

  it('draws 1,200 more machines on the equipment screen as one canvas, hover naming each', async () => {
    const tree = await api<{ nodes: Array<{ id: string; kind: string }>; equipment: unknown[] }>(
      'GET',
      '/plant/tree',
    );
    const line = tree.nodes.find((n) => n.kind === 'line')!;
    const codes = Array.from({ length: 1200 }, (_, i) => `BS-${String(i + 1).padStart(4, '0')}`);
    const created = Date.now();
    // a few at a time: the server writes each with its audit entry
    for (let i = 0; i < codes.length; i += 8)
      await Promise.all(
        codes.slice(i, i + 8).map((code) =>
          api('POST', '/equipment', {
            nodeId: line.id,
            code,
            name: `压力机 ${code}`,
            category: 'machine_tool',
            energyMedia: ['electricity'],
          }),
        ),
      );
    console.info(`created 1,200 equipment in ${Date.now() - created} ms`);
    const total = tree.equipment.length + codes.length;

    const started = Date.now();
    await page.goto(`${server.baseUrl}/screens/equipment`);
    await page.locator('[data-testid="screen-body-equipment"][data-screen-ready="true"]').waitFor({
      timeout: 60_000,
    });
    const grid = page.getByTestId('equipment-status-grid');
    await expect.poll(() => grid.getAttribute('data-count')).toBe(String(total));
    console.info(`equipment screen with ${total} machines: first data in ${Date.now() - started} ms`);

    // frames while the pointer sweeps the grid (each move redraws the tooltip)
    const box = (await grid.locator('canvas').boundingBox())!;
    await page.evaluate(() => {
      const w = window as unknown as { frames: number[]; stopFrames: boolean };
      w.frames = [];
      w.stopFrames = false;
      const tick = (t: number) => {
        w.frames.push(t);
        if (!w.stopFrames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    for (let i = 0; i < 60; i++)
      await page.mouse.move(box.x + (box.width * (i + 0.5)) / 60, box.y + (box.height * ((i * 7) % 60)) / 60);
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames: number[]; stopFrames: boolean };
      w.stopFrames = true;
      return w.frames;
    });
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
    console.info(
      `pointer sweep over ${total} cells: ${frames.length} frames, longest gap ${Math.round(Math.max(...gaps))} ms`,
    );
    await page.mouse.move(box.x + 3, box.y + 3);
    await page.getByTestId('equipment-status-tooltip').waitFor();
    await screenshot(page, 'screens-equipment-1200-machines');
  });

  it('picks a site on the picker, keeps it in the URL and carries it through the rotation', async () => {
    const { nodes } = await api<{ nodes: Array<{ id: string; kind: string; code: string; name: string }> }>(
      'GET',
      '/plant/tree',
    );
    const site = nodes.find((n) => n.kind === 'site')!;
    const asked: string[] = [];
    const onRequest = (req: { url: () => string }) => {
      if (req.url().includes('/api/v1/screens/')) asked.push(req.url());
    };
    page.on('request', onRequest);
    await page.goto(`${server.baseUrl}/screens`);
    await page.getByTestId('screens-site').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: site.name })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/screens\\?siteId=${site.id}$`));
    // a reload keeps the site
    await page.reload();
    await page.getByTestId('screens-site').filter({ hasText: site.name }).waitFor();
    expect(await page.getByTestId('screen-open-energy').getAttribute('href')).toBe(
      `/screens/energy?siteId=${site.id}`,
    );
    for (const key of ['equipment', 'energy', 'carbon'])
      await page.getByTestId(`screen-rotate-${key}`).click();
    await page
      .locator('input[data-testid="screens-interval"], [data-testid="screens-interval"] input')
      .fill('10');
    await page.getByTestId('screens-rotate').click();
    await page.waitForURL(`**/screens/summary?rotate=summary,production&interval=10&siteId=${site.id}`);
    await page.waitForURL(`**/screens/production?rotate=summary,production&interval=10&siteId=${site.id}`, {
      timeout: 20_000,
    });
    await page
      .locator('[data-testid="screen-body-production"][data-screen-ready="true"]')
      .waitFor({ timeout: 60_000 });
    // the header names the site the screen shows
    expect(await page.getByTestId('screen-site').textContent()).toBe(site.name);
    page.off('request', onRequest);
    for (const key of ['summary', 'production'])
      expect(
        asked.some((url) => url.includes(`/api/v1/screens/${key}?siteId=${site.id}`)),
        key,
      ).toBe(true);
    expect(asked.filter((url) => !url.includes(`siteId=${site.id}`))).toEqual([]);
    await screenshot(page, 'screens-site-rotation');
  });

  it('rotates to the next screen after the interval', async () => {
    await page.goto(`${server.baseUrl}/screens/summary?rotate=summary,energy&interval=10`);
    await page.getByTestId('screen-rotation').waitFor();
    await page.waitForURL(/\/screens\/energy\?rotate=summary,energy&interval=10/, { timeout: 20_000 });
    await page
      .locator('[data-testid="screen-body-energy"][data-screen-ready="true"]')
      .waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  });
});

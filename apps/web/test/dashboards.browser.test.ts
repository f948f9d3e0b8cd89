// The dashboard builder in the browser, on the demo enterprise: a dashboard is built through the UI — a line
// chart bound to the main meter's power (fed through the HTTP ingest) and a text widget — the chart is resized
// and the text moved by mouse on the grid, it is saved, the page reloaded, and the same widgets sit where they
// were. A TV link is created in the UI and opened in a fresh browser context without login; once revoked, the
// TV says the link is no longer valid. On another TV link, a value ingested after the page opened appears within
// seconds over the live socket (no poll in between), and a plant layout's floor plan loads with the token and
// colours its markers by their equipment's running state, followed live for that layout's machines only; a click
// on a marker opens a read-only popover of the machine, and the TV is refused nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TDashboard, TDevice, TMetric, TPage } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

async function api<T>(method: 'GET' | 'POST', path: string, data?: unknown, token?: string): Promise<T> {
  const res = await page.request.fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    data,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const dropdownOption = (text: string) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();

/** Drags from the centre of `from` by (dx, dy) in small steps, as a hand would. */
async function drag(p: Page, selector: string, dx: number, dy: number) {
  const box = (await p.locator(selector).first().boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await p.mouse.move(x, y);
  await p.mouse.down();
  await p.mouse.move(x + 5, y + 5, { steps: 2 });
  await p.mouse.move(x + dx / 2, y + dy / 2, { steps: 8 });
  await p.mouse.move(x + dx, y + dy, { steps: 8 });
  await p.mouse.up();
}

const boxOf = async (p: Page, testId: string) => {
  const b = (await p.getByTestId(testId).boundingBox())!;
  return { x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.width), h: Math.round(b.height) };
};

/** The box once it stops changing: the grid animates widths (a scrollbar appearing narrows the page). */
async function settledBoxOf(p: Page, testId: string) {
  let last = '';
  await poll(async () => {
    const box = JSON.stringify(await boxOf(p, testId));
    const isSame = box === last;
    last = box;
    return isSame;
  }).toBe(true);
  return JSON.parse(last) as Awaited<ReturnType<typeof boxOf>>;
}

describe('the dashboard builder against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
    // the main meter reports its power for the last half hour
    const devices = await api<TPage<TDevice>>('GET', '/devices?q=PM-MAIN');
    const meter = devices.items.find((d) => d.code === 'PM-MAIN')!;
    const metrics = await api<TMetric[]>('GET', `/devices/${meter.id}/metrics`);
    expect(metrics.some((m) => m.key === 'kw')).toBe(true);
    const cred = await api<{ token: string }>('POST', `/devices/${meter.id}/credentials`, { kind: 'token' });
    const now = Date.now();
    await api(
      'POST',
      '/ingest',
      Array.from({ length: 30 }, (_, i) => ({
        ts: now - (30 - i) * 60_000,
        values: { kw: 400 + 20 * Math.sin(i / 4) },
      })),
      cred.token,
    );
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `dashboards-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds a dashboard with a metric chart and text, resizes and moves, saves, and reloads the same', async () => {
    await page.getByTestId('menu-dashboards').click();
    await page.getByTestId('dashboards-page').waitFor();
    await page.getByTestId('dashboard-create').click();
    await page.getByTestId('dashboard-builder').waitFor();
    await page.getByTestId('dashboard-name').fill('车间能耗看板');

    // a line chart: the drawer opens at once, as it needs its metrics
    await page.getByTestId('palette-line').click();
    await page.getByTestId('widget-config-title').fill('总进线功率');
    await page.getByTestId('widget-config-device').click();
    await page.keyboard.type('PM-MAIN');
    await dropdownOption('PM-MAIN').click();
    await page.getByTestId('widget-config-metrics').click();
    await dropdownOption('有功功率').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('widget-config-range').click();
    await dropdownOption('最近 1 小时').click();
    await page.getByTestId('widget-config-apply').click();
    await page.getByTestId('widget-chart-line-1').locator('canvas').first().waitFor();

    await page.getByTestId('palette-text').click();
    await page.getByTestId('widget-config-text').fill('安全生产，节能降耗');
    await page.getByTestId('widget-config-apply').click();
    await page.getByTestId('widget-text-2').getByText('安全生产，节能降耗').waitFor();
    // the drawer's mask catches the mouse until its closing animation ends
    await page.locator('.ant-drawer-mask').first().waitFor({ state: 'hidden' });

    // resize the chart from its corner (wider and taller), then move the text to the right of it
    const before = await boxOf(page, 'widget-line-1');
    await drag(page, '[data-testid="widget-line-1"] .react-resizable-handle-se', 200, 100);
    await poll(async () => (await boxOf(page, 'widget-line-1')).w).toBeGreaterThan(before.w + 100);
    await drag(page, '[data-testid="widget-title-text-2"]', 1000, -400);
    await poll(async () => (await boxOf(page, 'widget-text-2')).x).toBeGreaterThan(before.x + before.w);
    await screenshot(page, 'dashboards-builder');

    await page.getByTestId('dashboard-save').click();
    await page.getByTestId('dashboard-view').waitFor();
    await page.getByTestId('widget-chart-line-1').locator('canvas').first().waitFor();
    const saved = {
      line: await settledBoxOf(page, 'widget-line-1'),
      text: await settledBoxOf(page, 'widget-text-2'),
    };
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const stored = await api<TDashboard>('GET', `/dashboards/${id}`);
    const line = stored.widgets.find((w) => w.id === 'line-1')!;
    const text = stored.widgets.find((w) => w.id === 'text-2')!;
    expect(line).toMatchObject({
      type: 'line',
      title: '总进线功率',
      binding: { source: 'metrics', agg: 'avg' },
    });
    expect(line.layout.w).toBeGreaterThan(6);
    expect(line.layout.h).toBeGreaterThan(6);
    expect(text.layout.x).toBeGreaterThanOrEqual(line.layout.x + line.layout.w);

    await page.reload();
    await page.getByTestId('dashboard-view').waitFor();
    await expect.poll(() => page.getByTestId('dashboard-view-name').textContent()).toBe('车间能耗看板');
    await page.getByTestId('widget-chart-line-1').locator('canvas').first().waitFor();
    await page.getByTestId('widget-text-2').getByText('安全生产，节能降耗').waitFor();
    expect(await settledBoxOf(page, 'widget-line-1')).toEqual(saved.line);
    expect(await settledBoxOf(page, 'widget-text-2')).toEqual(saved.text);
    await screenshot(page, 'dashboards-view');
  });

  it('opens a TV link in a fresh browser without login, until it is revoked', async () => {
    await page.getByTestId('dashboard-tv-links').click();
    await page.getByTestId('tv-link-label').fill('一车间大屏');
    await page.getByTestId('tv-link-create').click();
    const url = (await page.getByTestId('tv-link-url').textContent())!;
    expect(url).toMatch(/\/tv\/gmv_/);

    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const screen = await tv.newPage();
    await screen.goto(url);
    await screen.getByTestId('tv-dashboard').waitFor();
    expect(await screen.getByTestId('tv-dashboard-name').textContent()).toBe('车间能耗看板');
    await screen.getByTestId('widget-chart-line-1').locator('canvas').first().waitFor();
    await screen.getByTestId('widget-text-2').getByText('安全生产，节能降耗').waitFor();
    await screenshot(screen, 'dashboards-tv');

    await page.getByTestId('tv-link-revoke-一车间大屏').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('tv-link-revoke-一车间大屏').waitFor({ state: 'detached' });
    await screen.reload();
    await screen.getByTestId('tv-invalid').waitFor();
    await tv.close();
    await page.locator('.ant-modal-close').click();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
  });

  it('shows on a TV a value published after it opened, pushed over the live socket', async () => {
    const devices = await api<TPage<TDevice>>('GET', '/devices?q=PM-MAIN');
    const meter = devices.items.find((d) => d.code === 'PM-MAIN')!;
    const kw = (await api<TMetric[]>('GET', `/devices/${meter.id}/metrics`)).find((m) => m.key === 'kw')!;
    const cred = await api<{ token: string }>('POST', `/devices/${meter.id}/credentials`, { kind: 'token' });
    const layouts = await api<TPage<{ id: string; backgroundType: string | null }>>(
      'GET',
      '/visualization/layouts',
    );
    const plan = layouts.items.find((l) => l.backgroundType)!;
    const d = await api<TDashboard>('POST', '/dashboards', {
      name: '进线功率大屏',
      widgets: [
        {
          id: 'power-now',
          type: 'kpi',
          title: '当前功率',
          layout: { x: 0, y: 0, w: 4, h: 3 },
          binding: {
            source: 'metrics',
            metricIds: [kw.id],
            agg: 'last',
            timeRange: { kind: 'relative', last: '1h' },
          },
          options: { precision: 1 },
        },
        // a demo floor plan: its background needs the token too
        {
          id: 'plan',
          type: 'plant-layout',
          layout: { x: 4, y: 0, w: 8, h: 8 },
          options: { layoutId: plan.id },
        },
      ],
    });
    const { token } = await api<{ token: string }>('POST', `/dashboards/${d.id}/tv-links`, {
      label: '进线大屏',
    });
    // one machine on the plan reports 'down' now: the TV colours its marker by it (a TV cannot read /auth/me)
    const marker = (
      await api<{ markers: Array<{ equipmentId: string; equipmentCode: string; equipmentName: string }> }>(
        'GET',
        `/visualization/layouts/${plan.id}`,
      )
    ).markers[0]!;
    const plc = await api<{ id: string }>('POST', '/devices', {
      code: `TV-PLC-${marker.equipmentCode}`,
      name: 'TV state check',
      equipmentId: marker.equipmentId,
      metrics: [
        {
          key: 'state',
          name: 'State',
          valueType: 'state',
          kind: 'state',
          states: ['idle', 'running', 'down'],
        },
      ],
    });
    const plcCred = await api<{ token: string }>('POST', `/devices/${plc.id}/credentials`, { kind: 'token' });
    await api('POST', '/ingest', [{ ts: Date.now(), values: { state: 'down' } }], plcCred.token);

    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const screen = await tv.newPage();
    // the socket confirms the subscription; widget data requests after the push would be polling
    let isSubscribed = false;
    const dataRequests: number[] = [];
    const sent: string[] = [];
    const refusals: string[] = [];
    screen.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"type":"subscribed"')) isSubscribed = true;
        if (String(payload).includes('"type":"error"')) refusals.push(String(payload));
      });
      ws.on('framesent', ({ payload }) => sent.push(String(payload)));
    });
    screen.on('response', (res) => {
      if (res.status() === 401 || res.status() === 403) refusals.push(`${res.status()} ${res.url()}`);
    });
    screen.on('request', (req) => {
      if (req.url().includes(`/dashboards/${d.id}/widgets/power-now/data`)) dataRequests.push(Date.now());
    });
    await screen.goto(`${server.baseUrl}/tv/${token}`);
    const value = screen.getByTestId('widget-power-now').getByTestId('kpi-value');
    await value.waitFor();
    await poll(() => isSubscribed).toBe(true);

    const publishedAt = Date.now();
    await api('POST', '/ingest', [{ ts: publishedAt, values: { kw: 777.7 } }], cred.token);
    await expect.poll(() => value.textContent(), { timeout: 5_000, interval: 100 }).toBe('777.7');
    const shownAfterMs = Date.now() - publishedAt;
    expect(shownAfterMs).toBeLessThan(5_000);
    // pushed, not polled: no widget data was read between publishing and showing it
    expect(dataRequests.filter((at) => at >= publishedAt)).toEqual([]);
    console.info(`TV live value shown ${shownAfterMs} ms after it was published`);
    // the floor plan's image came through the API client with the token, shown by an object URL
    await poll(() =>
      screen
        .getByTestId('widget-plan')
        .locator('[data-testid="plant-layout-canvas"] image')
        .getAttribute('href'),
    ).toMatch(/^blob:/);
    await poll(() =>
      screen
        .getByTestId('widget-plan')
        .getByTestId(`plant-marker-${marker.equipmentCode}`)
        .getAttribute('data-state'),
    ).toBe('down');
    // the plan follows its own layout's machines, the only equipment states a TV link may ask for
    expect(sent.some((f) => f.includes(`"kind":"equipment-states","layoutId":"${plan.id}"`))).toBe(true);

    // a click on a marker: the machine at a glance, not the live drawer (whose endpoints a TV may not call)
    await screen.getByTestId('widget-plan').getByTestId(`plant-marker-${marker.equipmentCode}`).click();
    const popover = screen.getByTestId('plant-marker-popover');
    await popover.waitFor();
    expect(await popover.textContent()).toContain(marker.equipmentCode);
    expect(await popover.textContent()).toContain(marker.equipmentName);
    expect(await screen.getByTestId('plant-marker-popover-state').textContent()).toBe('故障');
    expect(await screen.locator('.ant-drawer').count()).toBe(0);
    await screenshot(screen, 'dashboards-tv-marker');
    expect(refusals).toEqual([]);
    await tv.close();
  });

  it("shows the demo's operations dashboard with KPI cards, charts, the equipment grid and alarms", async () => {
    await page.getByTestId('menu-dashboards').click();
    await page.getByTestId('dashboard-search').locator('input').fill('运营');
    await page.keyboard.press('Enter');
    await page.getByTestId('dashboard-open-工厂运营总览').click();
    await page.getByTestId('dashboard-view').waitFor();
    for (const id of [
      'energy-tce',
      'electricity',
      'alarms',
      'andon',
      'main-power',
      'media',
      'machines',
      'open-alarms',
    ])
      await page.getByTestId(`widget-${id}`).waitFor();
    // every widget answered: no error text, no spinner left
    await poll(() => page.locator('[data-testid="dashboard-grid"] .ant-spin-spinning').count()).toBe(0);
    expect(await page.locator('[data-testid="dashboard-grid"] .ant-typography-danger').count()).toBe(0);
    await screenshot(page, 'dashboards-demo');
  });

  it('asks before leaving the builder with unsaved changes by menu or back button, and not after saving', async () => {
    const d = await api<TDashboard>('POST', '/dashboards', {
      name: '离开确认看板',
      widgets: [
        {
          id: 'intro',
          type: 'text',
          layout: { x: 0, y: 0, w: 4, h: 2 },
          options: { text: '未保存的修改离开前先确认' },
        },
      ],
    });
    const confirm = page.locator('.ant-modal-confirm');
    const confirmTitle = confirm.locator('.ant-modal-confirm-title').getByText('放弃未保存的修改？');
    const confirmButton = (name: string) => confirm.getByRole('button', { name, exact: true });
    const editUrl = `${server.baseUrl}/visualization/dashboards/${d.id}/edit`;
    // into the builder from the view, so the back button has an in-app page to go back to
    const openBuilder = async () => {
      await page.goto(`${server.baseUrl}/visualization/dashboards/${d.id}`);
      await page.getByTestId('dashboard-edit').click();
      await page.getByTestId('dashboard-builder').waitFor();
      await page.getByTestId('widget-intro').waitFor();
    };

    // a KPI card needs no drawer: added, it is an unsaved change at once
    await openBuilder();
    await page.getByTestId('palette-kpi').click();
    await page.getByTestId('widget-kpi-2').waitFor();
    await page.getByTestId('menu-dashboards').click();
    await confirmTitle.waitFor();
    expect(await confirm.count()).toBe(1);
    await screenshot(page, 'dashboards-leave-confirm');
    await confirmButton('留在此页').click();
    await poll(() => confirm.count()).toBe(0);
    expect(page.url()).toBe(editUrl);
    await page.getByTestId('widget-kpi-2').waitFor();

    // the browser's back button asks too, and staying puts the address back
    await page.goBack();
    await confirmTitle.waitFor();
    expect(await confirm.count()).toBe(1);
    await confirmButton('留在此页').click();
    await poll(() => confirm.count()).toBe(0);
    await poll(() => page.url()).toBe(editUrl);
    await page.getByTestId('widget-kpi-2').waitFor();

    // leaving discards: the dashboard reopens as stored, without the card
    await page.getByTestId('menu-dashboards').click();
    await confirmButton('放弃并离开').click();
    await page.getByTestId('dashboards-page').waitFor();
    await page.getByTestId('dashboard-search').locator('input').fill('离开确认');
    await page.keyboard.press('Enter');
    await page.getByTestId('dashboard-open-离开确认看板').click();
    await page.getByTestId('dashboard-view').waitFor();
    await page.getByTestId('widget-intro').waitFor();
    expect(await page.getByTestId('widget-kpi-2').count()).toBe(0);
    expect((await api<TDashboard>('GET', `/dashboards/${d.id}`)).widgets.map((w) => w.id)).toEqual(['intro']);

    // saving leaves for the view unasked, and from there the menu is not blocked either
    await page.getByTestId('dashboard-edit').click();
    await page.getByTestId('dashboard-builder').waitFor();
    expect(await page.getByTestId('widget-kpi-2').count()).toBe(0);
    await page.getByTestId('palette-kpi').click();
    await page.getByTestId('dashboard-save').click();
    await page.getByTestId('dashboard-view').waitFor();
    await page.getByTestId('widget-kpi-2').waitFor();
    expect(await confirm.count()).toBe(0);
    await page.getByTestId('menu-dashboards').click();
    await page.getByTestId('dashboards-page').waitFor();
    expect(await confirm.count()).toBe(0);
    expect((await api<TDashboard>('GET', `/dashboards/${d.id}`)).widgets.map((w) => w.id)).toEqual([
      'intro',
      'kpi-2',
    ]);
  });
});

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, ensureWebBuilt, startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, screenshot } from './support/browser.ts';

const run = Date.now().toString(36).toUpperCase();
const PROFILE = { code: `PM-${run}`, name: `电表模板 ${run}` };
const DEVICE = { code: `METER-${run}`, name: `1 号电表 ${run}` };
const RULE = `功率超限 ${run}`;
const MINUTE = 60_000;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token = '';

/** The open dropdown of an antd Select / AutoComplete. */
const dropdownOption = (target: Page, text: string) =>
  target
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();

async function pick(target: Page, testId: string, options: { type?: string; option: string }) {
  await target.getByTestId(testId).click();
  if (options.type) await target.keyboard.type(options.type);
  await dropdownOption(target, options.option).click();
}

async function ingest(body: unknown): Promise<{ accepted: number; rejected: number }> {
  const response = await fetch(`${server.baseUrl}/api/v1/ingest`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { accepted: number; rejected: number };
}

async function addMetric(
  target: Page,
  metric: { key: string; name: string; unit: string; unitOption: string; kind?: string },
) {
  await target.getByTestId('metric-create').click();
  await target.getByTestId('metric-key').fill(metric.key);
  await target.getByTestId('metric-name').fill(metric.name);
  if (metric.kind) await pick(target, 'metric-kind', { option: metric.kind });
  await pick(target, 'metric-unit', { type: metric.unit, option: metric.unitOption });
  await target.getByTestId('metric-save').click();
  await target.getByTestId('profile-metrics').getByText(metric.key, { exact: true }).waitFor();
}

describe('device data journeys against the real server', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-tenant').fill('demo');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('side-menu').waitFor();
  });

  afterEach(async (test) => {
    // what the page looked like when a step timed out
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `telemetry-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
    // a modal left open must not fail the journeys after this one too
    await page.goto(`${server.baseUrl}/telemetry/devices`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a device profile with two metrics', async () => {
    await page.getByTestId('menu-device-profiles').click();
    await page.getByTestId('device-profiles-page').waitFor();
    await page.getByTestId('profile-create').click();
    await page.getByTestId('profile-code').fill(PROFILE.code);
    await page.getByTestId('profile-name').fill(PROFILE.name);
    await addMetric(page, { key: 'power', name: '有功功率', unit: 'kW', unitOption: 'kW · 千瓦' });
    await addMetric(page, {
      key: 'energy',
      name: '正向有功电量',
      unit: 'kWh',
      unitOption: 'kWh · 千瓦时',
      kind: '累计值',
    });
    await screenshot(page, 'telemetry-01-profile-form');
    await page.getByTestId('profile-save').click();
    const row = page.getByTestId('profiles-table').locator('tr').filter({ hasText: PROFILE.code });
    await row.waitFor();
    expect(await row.textContent()).toContain(PROFILE.name);
  });

  it('creates a device with the profile and issues a token shown once', async () => {
    await page.getByTestId('menu-devices').click();
    await page.getByTestId('devices-page').waitFor();
    await page.getByTestId('device-create').click();
    await page.getByTestId('device-code').fill(DEVICE.code);
    await page.getByTestId('device-name').fill(DEVICE.name);
    await pick(page, 'device-profile', { type: PROFILE.code, option: PROFILE.code });
    await page.getByTestId('device-save').click();

    // saving opens the new device's page
    await page.getByTestId('device-detail-page').waitFor();
    expect(await page.getByTestId('device-title').textContent()).toBe(DEVICE.name);
    expect(await page.getByTestId('connectivity').getAttribute('data-connectivity')).toBe('never_seen');

    await page.getByTestId('device-tab-credentials').click();
    await page.getByTestId('credential-create').click();
    await page.getByTestId('credential-create-ok').click();
    const tokenField = page.getByTestId('credential-token');
    await tokenField.waitFor();
    token = (await tokenField.textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(await page.getByTestId('credential-topic').textContent()).toContain(
      `/devices/${DEVICE.code}/telemetry`,
    );
    await screenshot(page, 'telemetry-02-token-once');
    await page.getByTestId('credential-stored').click();
    await tokenField.waitFor({ state: 'hidden' });
    // the list keeps only the prefix: the token itself is gone for good
    expect(await page.getByTestId('credentials-panel').textContent()).not.toContain(token);
  });

  it('shows ingested samples as latest values and a drawn, zoomable trend', async () => {
    const now = Date.now();
    // an hour of minute samples, then the value the page must show as latest
    const samples = Array.from({ length: 60 }, (_, i) => ({
      ts: now - (60 - i) * MINUTE,
      values: { power: 10 + 5 * Math.sin(i / 6), energy: 1000 + i * 0.2 },
    }));
    samples.push({ ts: now, values: { power: 1.5, energy: 1012.2 } });
    const result = await ingest({ samples });
    expect(result).toMatchObject({ accepted: 122, rejected: 0 });

    await page.getByRole('tab', { name: '实时监测' }).click();
    // live over the socket, or the 5 s poll when the socket is down
    await page.getByTestId('latest-value-power').filter({ hasText: '1.5' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('latest-value-power').textContent()).toContain('kW');
    // the header learns the device is online from the data, not from its 30 s refresh
    await page.getByTestId('device-detail-page').locator('[data-connectivity="online"]').waitFor();

    // the last hour: raw samples, one point each
    await page.getByTestId('trend-presets').getByText('1 小时').click();
    const chart = page.getByTestId('trend-chart');
    await chart.locator('canvas').first().waitFor();
    await expect
      .poll(async () => Number(await chart.getAttribute('data-point-count')), { timeout: 20_000 })
      .toBeGreaterThan(60);
    expect(await page.getByTestId('trend-info').textContent()).toMatch(/绘制 \d+ 点/);
    await screenshot(page, 'telemetry-03-device-live-and-trend');

    // wheel-zoom into the last hour of the 24 h range: the zoomed window is fetched again, finer
    const zoomRequest = page.waitForRequest(
      (request) => request.url().includes('/api/v1/telemetry/series') && !request.url().includes('export'),
    );
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error('chart has no box');
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -400);
    await page.getByTestId('trend-reset-zoom').waitFor();
    await zoomRequest;
    await page.getByTestId('trend-info').filter({ hasText: '已放大' }).waitFor();
    await screenshot(page, 'telemetry-04-trend-zoomed');
  });

  it('lists rejected samples with their reason on the device and on the ingest-errors page', async () => {
    const result = await ingest({ samples: [{ ts: Date.now(), values: { no_such_metric: 1 } }] });
    expect(result.rejected).toBe(1);

    await page.getByRole('tab', { name: '接入错误' }).click();
    const table = page.getByTestId('ingest-errors-table');
    await table.getByText('未知数据点').waitFor();
    expect(await table.textContent()).toContain('no_such_metric');

    await page.getByTestId('menu-ingest-errors').click();
    await page.getByTestId('ingest-errors-page').waitFor();
    await page.getByTestId('ingest-errors-table').getByText(DEVICE.code).first().waitFor();
    await screenshot(page, 'telemetry-05-ingest-errors');
  });

  it('shows the device online with its counts in the list', async () => {
    await page.getByTestId('menu-devices').click();
    const row = page.getByTestId('devices-table').locator('tr').filter({ hasText: DEVICE.code });
    await row.waitFor();
    await row.locator('[data-connectivity="online"]').waitFor();
    // counters are added up after the commit; the list refreshes itself every 30 s
    // 122 accepted; 1 rejected (the unknown metric sent by the ingest-errors journey above)
    await row.filter({ hasText: '122/1' }).waitFor({ timeout: 45_000 });
    await screenshot(page, 'telemetry-06-devices-list');
  });

  it('adds a metric to the saved profile and the device picks it up, read-only there', async () => {
    await page.getByTestId('menu-device-profiles').click();
    await page.getByTestId('profiles-table').getByRole('button', { name: PROFILE.code }).click();
    await page.getByTestId('profile-metrics').getByText('energy', { exact: true }).waitFor();
    await addMetric(page, { key: 'run_hours', name: '运行时间', unit: 'h', unitOption: 'h · 小时' });
    await page.locator('.ant-drawer-open .ant-drawer-close').click();

    await page.getByTestId('menu-devices').click();
    await page.getByTestId(`device-link-${DEVICE.code}`).click();
    await page.getByRole('tab', { name: '数据点' }).click();
    const metrics = page.getByTestId('device-metrics');
    await metrics.getByText('run_hours', { exact: true }).waitFor();
    // profile metrics are edited on the profile: their edit button is disabled here
    const row = metrics.locator('tr').filter({ hasText: 'run_hours' });
    expect(await row.textContent()).toContain('模板');
    expect(await row.getByRole('button').first().isDisabled()).toBe(true);
    await screenshot(page, 'telemetry-07a-device-metrics');
  });

  it('creates a gateway and shows it with its devices', async () => {
    await page.getByTestId('menu-gateways').click();
    await page.getByTestId('gateway-create').click();
    await page.getByTestId('gateway-code').fill(`GW-${run}`);
    await page.getByTestId('gateway-name').fill(`二号车间网关 ${run}`);
    await page.getByTestId('gateway-save').click();
    await page
      .getByTestId('gateways-table')
      .getByRole('link', { name: `GW-${run}` })
      .click();
    await page.getByTestId('gateway-detail-page').waitFor();
    await page.getByTestId('devices-table').waitFor();
    expect(await page.getByTestId('connectivity').first().getAttribute('data-connectivity')).toBe(
      'never_seen',
    );
    await page.getByTestId('gateway-status-empty').waitFor();
    await screenshot(page, 'telemetry-07b-gateway-detail');

    await page.getByTestId('gateway-tab-config').click();
    const editor = page.getByTestId('gateway-config-editor');
    await editor.fill('{"adapters": [');
    await page.getByTestId('gateway-config-parse-error').waitFor();
    expect(await page.getByTestId('gateway-config-save').isDisabled()).toBe(true);
    await editor.fill('{"adapters": [{"name": "plc-1", "protocol": "modbus-tcp"}]}');
    await page.getByTestId('gateway-config-parse-error').waitFor({ state: 'hidden' });
    await page.getByTestId('gateway-config-comment').fill('首个配置');
    await page.getByTestId('gateway-config-save').click();
    const versions = page.getByTestId('gateway-config-versions');
    await versions.getByTestId('config-version-1').waitFor();
    await versions.getByText('首个配置').waitFor();
    await versions.getByTestId('config-version-1').click();
    await page.getByTestId('gateway-config-viewer').getByText('modbus-tcp').waitFor();
    await screenshot(page, 'telemetry-07c-gateway-config');
  });

  it('raises an alarm from a rule, acknowledges it in the console and shows its history', async () => {
    await page.getByTestId('menu-alarm-rules').click();
    await page.getByTestId('alarm-rules-page').waitFor();
    await page.getByTestId('rule-create').click();
    await page.getByTestId('rule-name').fill(RULE);
    await pick(page, 'rule-device', { type: DEVICE.code, option: DEVICE.code });
    await pick(page, 'rule-metric', { option: '有功功率' });
    await page.getByTestId('rule-threshold').fill('30');
    await screenshot(page, 'telemetry-07-rule-form');
    await page.getByTestId('rule-save').click();
    await page.getByTestId('alarm-rules-table').getByText(RULE).waitFor();

    await ingest({ samples: [{ ts: Date.now(), values: { power: 42 } }] });

    await page.getByTestId('menu-alarms').click();
    await page.getByTestId('alarms-page').waitFor();
    const row = page.getByTestId('alarms-table').locator('tr').filter({ hasText: RULE });
    // pushed over the live socket, or picked up by the 15 s poll
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('alarm-state').getAttribute('data-state')).toBe('active');
    await page.getByTestId('alarm-count-major').filter({ hasText: '1' }).waitFor();
    await screenshot(page, 'telemetry-08-alarm-console');

    await row.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('alarm-ack-comment').fill('已通知班组长到现场检查');
    await page.getByTestId('alarm-action-ok').click();
    await row.locator('[data-state="acknowledged"]').waitFor();

    await row.getByRole('button', { name: '报警历史' }).click();
    const history = page.getByTestId('alarm-events');
    await history.getByText('已通知班组长到现场检查').waitFor();
    expect(await history.textContent()).toContain('报警产生');
    await screenshot(page, 'telemetry-09-alarm-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });
  });

  it('creates a webhook whose secret is shown once, sends a test and lists the delivery', async () => {
    // a receiver on loopback, standing in for the plant's chat-bot relay
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      await page.getByTestId('menu-webhooks').click();
      await page.getByTestId('webhooks-page').waitFor();
      await page.getByTestId('webhook-create').click();
      await page.getByTestId('webhook-name').fill(`值班群 ${run}`);
      await page.getByTestId('webhook-url').fill(url);
      await page.getByTestId('webhook-save').click();
      const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
      expect(secret.length).toBeGreaterThan(16);
      await screenshot(page, 'telemetry-10-webhook-secret-once');
      await page.getByTestId('webhook-secret-stored').click();
      expect(await page.getByTestId('webhooks-table').textContent()).not.toContain(secret);

      await page.getByTestId(`webhook-test-值班群 ${run}`).click();
      const deliveries = page.getByTestId('webhook-deliveries');
      await deliveries.getByText('webhook.test').waitFor();
      await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(received[0]?.headers['x-greenmes-signature']).toMatch(/^sha256=/);
      await deliveries.getByText('已送达').waitFor({ timeout: 15_000 });
      await screenshot(page, 'telemetry-11-webhook-deliveries');
      await page.keyboard.press('Escape');
    } finally {
      receiver.close();
    }
  });

  it('shows a machine running on the equipment list, live, and its latest values in a drawer', async () => {
    // the demo's controller of lathe CNC-T01; a token for it, as a device would be given one
    await page.getByTestId('menu-devices').click();
    await page.getByTestId('devices-page').waitFor();
    await page.getByTestId('device-link-PLC-CNC-T01').click();
    await page.getByTestId('device-tab-credentials').click();
    await page.getByTestId('credential-create').click();
    await page.getByTestId('credential-create-ok').click();
    const plcToken = (await page.getByTestId('credential-token').textContent())?.trim() ?? '';
    await page.getByTestId('credential-stored').click();
    const send = async (state: string) => {
      const response = await fetch(`${server.baseUrl}/api/v1/ingest`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${plcToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ values: { state, spindle_kw: state === 'running' ? 6.5 : 0 } }),
      });
      expect(await response.json()).toMatchObject({ rejected: 0 });
    };
    await send('running');

    await page.getByTestId('menu-equipment').click();
    await page.getByTestId('equipment-page').waitFor();
    await page.getByTestId('equipment-search').locator('input').fill('CNC-T01');
    await page.getByTestId('equipment-search').locator('input').press('Enter');
    const cell = page.getByTestId('equipment-live-CNC-T01');
    await cell.locator('[data-state="running"]').waitFor({ timeout: 20_000 });
    expect(await cell.textContent()).toContain('运行');
    // a change arrives without reloading: pushed live, or the 5 s poll when the socket is down
    await send('down');
    await cell.locator('[data-state="down"]').waitFor({ timeout: 20_000 });
    await screenshot(page, 'telemetry-12-equipment-live-state');

    await cell.getByRole('button').click();
    await page.getByTestId('equipment-live').waitFor();
    await page.getByTestId('latest-value-state').filter({ hasText: 'down' }).waitFor();
    expect(await page.getByTestId('latest-value-spindle_kw').textContent()).toContain('0');
    await page.waitForTimeout(400); // the drawer's slide-in, for the screenshot
    await screenshot(page, 'telemetry-13-equipment-live-drawer');
    await page.keyboard.press('Escape');
  });

  it('opens every device-data page without a script error or a failed request', async () => {
    await page.goto(`${server.baseUrl}/telemetry/devices`);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400)
        problems.push(`${response.status()} ${response.url()}`);
    });
    const pages: Array<[menu: string, content: string]> = [
      ['menu-devices', 'devices-page'],
      ['menu-gateways', 'gateways-page'],
      ['menu-device-profiles', 'device-profiles-page'],
      ['menu-ingest-errors', 'ingest-errors-page'],
      ['menu-alarms', 'alarms-page'],
      ['menu-alarm-rules', 'alarm-rules-page'],
      ['menu-webhooks', 'webhooks-page'],
    ];
    for (const [menu, content] of pages) {
      await page.getByTestId(menu).click();
      await page.getByTestId(content).waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.getByTestId('lang-en-US').click();
    await page.getByTestId('menu-devices').filter({ hasText: 'Devices' }).click();
    await page.getByTestId(`device-link-${DEVICE.code}`).click();
    await page.getByTestId('latest-value-power').waitFor();
    await screenshot(page, 'telemetry-14-device-english');
    await page.getByTestId('lang-zh-CN').click();
    expect(problems).toEqual([]);
  });
});

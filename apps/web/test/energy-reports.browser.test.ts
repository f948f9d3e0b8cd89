// The energy overview and the GHG inventory of the demo enterprise, read from its seeded meters.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import dayjs from 'dayjs';
import { DEMO_PASSWORD, ensureWebBuilt, startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, screenshot } from './support/browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** A chart has drawn once ECharts put its canvas into the container. */
const canvasOf = (testId: string) => page.getByTestId(testId).locator('canvas').first();

// unique per run: the demo database may keep earlier runs' meters
const CODE = `D-RPT-${Date.now().toString(36).toUpperCase()}`;

/**
 * The seeded telemetry meters read 0 without the simulator: a level-1 diesel meter of this run with an
 * invoice last month makes sure the boundary has a fuel to show in tce, in the Sankey and in the
 * inventory's data quality, whatever the seed's meters hold. Created through the API with the session.
 */
async function addBoundaryDiesel() {
  const start = dayjs().startOf('month').subtract(1, 'month').add(1, 'day');
  const error = await page.evaluate(
    async ({ code, ts, periodEnd }) => {
      const post = async (path: string, body: unknown) => {
        const r = await fetch(`/api/v1${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { ok: r.ok, body: (await r.json()) as { id: string } };
      };
      const meter = await post('/energy/meters', {
        code,
        name: '浏览器测试柴油总表',
        medium: 'diesel',
        unit: 'kg',
        level: 1,
        source: 'manual',
      });
      if (!meter.ok) return JSON.stringify(meter.body);
      const record = await post(`/energy/meters/${meter.body.id}/records`, {
        kind: 'consumption',
        ts,
        periodEnd,
        value: 800,
        documentNo: `FP-${code}`,
      });
      return record.ok ? null : JSON.stringify(record.body);
    },
    { code: CODE, ts: start.toISOString(), periodEnd: start.add(1, 'day').toISOString() },
  );
  expect(error).toBeNull();
}

async function choosePeriod(label: string) {
  await page.getByTestId('report-period').getByText(label, { exact: true }).click();
}

describe('energy overview and GHG inventory against the real server', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      console.error(`page error: ${error.stack ?? error.message}`);
      pageErrors.push(error.stack ?? error.message);
    });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-tenant').fill('demo');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('side-menu').waitFor();
    await addBoundaryDiesel();
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `energy-reports-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows this month’s overview, then last month’s KPIs, trend, areas and energy flow', async () => {
    await page.getByTestId('menu-energy-overview').click();
    await page.getByTestId('energy-overview-page').waitFor();
    await page.getByTestId('overview-kpis').waitFor();
    await canvasOf('overview-trend-chart').waitFor();
    expect(pageErrors).toEqual([]);

    await choosePeriod('上月');
    await page.getByTestId('overview-media').getByText('柴油').waitFor();
    const total = await page.getByTestId('overview-total-equivalent').textContent();
    expect(total).toMatch(/\d/);
    expect(await page.getByTestId('overview-mom').textContent()).toContain('环比');
    await canvasOf('overview-area-chart').waitFor();
    await canvasOf('energy-flow-chart').waitFor();
    // the table names media in the user's language, and the diesel invoice makes the total non-zero
    expect(await page.getByTestId('overview-media').textContent()).toContain('柴油');
    expect(await page.getByTestId('overview-total-equivalent').textContent()).not.toMatch(/^[^1-9]*$/);
    await screenshot(page, 'energy-reports-01-overview');
    expect(pageErrors).toEqual([]);
  });

  it('lists last month’s inventory with the diesel invoices in the data-quality table', async () => {
    await page.getByTestId('menu-ghg-inventory').click();
    await page.getByTestId('ghg-inventory-page').waitFor();
    await page.getByTestId('inventory-kpis').waitFor();
    await canvasOf('inventory-period-chart').waitFor();
    expect(pageErrors).toEqual([]);

    await choosePeriod('上月');
    const diesel = page.getByTestId('data-quality-diesel');
    await diesel.waitFor();
    expect(await diesel.textContent()).toContain('柴油');
    expect(await page.getByTestId('inventory-scope1').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('inventory-grid-factor').textContent()).toContain('tCO₂/MWh');
    expect(await page.getByTestId('inventory-biomass').textContent()).toContain('0');
    await expect(page.getByTestId('inventory-download').isEnabled()).resolves.toBe(true);
    await screenshot(page, 'energy-reports-02-inventory');
    expect(pageErrors).toEqual([]);
  });
});

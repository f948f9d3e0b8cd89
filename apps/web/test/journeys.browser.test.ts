import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  OPERATOR_PASSWORD,
  ensureWebBuilt,
  startServer,
  type RunningServer,
} from './support/server.ts';
import { launchBrowser, screenshot } from './support/browser.ts';

const SITE_CODE = 'GY-SITE'; // the demo tenant's site, seeded on first start
const run = Date.now().toString(36).toUpperCase();
const AREA = { code: `WS-${run}`, name: `涂装车间 ${run}` };
const EQUIPMENT = { code: `EQ-${run}`, name: `喷涂机器人 ${run}` };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function login(target: Page, options: { tenant?: string; username?: string; password: string }) {
  await target.goto(`${server.baseUrl}/login`);
  await target.getByTestId('login-tenant').fill(options.tenant ?? 'demo');
  await target.getByTestId('login-username').fill(options.username ?? 'admin');
  await target.getByTestId('login-password').fill(options.password);
  await target.getByTestId('login-submit').click();
}

describe('web journeys against the real server', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in as the demo admin and shows the permitted menu', async () => {
    await login(page, { password: DEMO_PASSWORD });
    await page.getByTestId('side-menu').waitFor();
    await page.waitForURL((url) => url.pathname !== '/login');
    expect(await page.getByTestId('tenant-name').textContent()).not.toBe('');
    expect(await page.getByTestId('menu-users').textContent()).toBe('用户管理');
    expect(await page.getByTestId('menu-plant').textContent()).toBe('工厂模型');
    await screenshot(page, '01-logged-in');
  });

  it('creates a workshop under the demo site, equipment in it, and finds it by tree search', async () => {
    await page.getByTestId('menu-plant').click();
    await page.waitForURL('**/modeling/plant');
    await page.getByTestId(`tree-item-${SITE_CODE}`).click();
    await page.getByTestId('plant-add-child').click();
    await page.getByTestId('plant-node-code').fill(AREA.code);
    await page.getByTestId('plant-node-name').fill(AREA.name);
    await page.getByTestId('plant-node-create-ok').click();
    // the new area is selected once the server has it
    await page.getByTestId('plant-node-title').filter({ hasText: AREA.name }).waitFor();
    await page.getByTestId(`tree-item-${AREA.code}`).waitFor();
    await screenshot(page, '02a-area-created');

    await page.getByTestId('plant-add-equipment').click();
    await page.getByTestId('equipment-code').fill(EQUIPMENT.code);
    await page.getByTestId('equipment-name').fill(EQUIPMENT.name);
    await page.getByTestId('equipment-power').fill('15.5');
    await screenshot(page, '02b-equipment-form');
    await page.getByTestId('equipment-save').click();
    await page.getByTestId('equipment-detail').filter({ hasText: EQUIPMENT.name }).waitFor();
    expect(await page.getByTestId('equipment-detail').textContent()).toContain('15.5 kW');

    await page.getByTestId('plant-tree-search').fill(EQUIPMENT.code);
    await page.getByTestId(`tree-item-${EQUIPMENT.code}`).waitFor();
    // the filtered tree keeps the match and its ancestors only
    expect(await page.getByTestId(`tree-item-${AREA.code}`).isVisible()).toBe(true);
    expect(await page.getByTestId(`tree-item-${SITE_CODE}`).isVisible()).toBe(true);
    expect(await page.getByTestId('tree-item-MC').count()).toBe(0);
    await screenshot(page, '02c-tree-search');
  });

  it('switches the language between zh-CN and en-US and the menu follows', async () => {
    await page.getByTestId('lang-en-US').click();
    await page.getByTestId('menu-users').filter({ hasText: 'Users' }).waitFor();
    expect(await page.getByTestId('menu-plant').textContent()).toBe('Plant model');
    await screenshot(page, '03a-english');
    await page.reload();
    await page.getByTestId('menu-users').filter({ hasText: 'Users' }).waitFor(); // remembered in localStorage
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('menu-users').filter({ hasText: '用户管理' }).waitFor();
    await screenshot(page, '03b-chinese');
  });

  it('opens every menu page without a script error or a failed request', async () => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400)
        problems.push(`${response.status()} ${response.url()}`);
    });
    const pages: Array<[menu: string, content: string]> = [
      ['menu-users', 'users-page'],
      ['menu-roles', 'roles-page'],
      ['menu-departments', 'departments-page'],
      ['menu-audit', 'audit-page'],
      ['menu-settings', 'settings-page'],
      ['menu-api-tokens', 'api-tokens-page'],
      ['menu-plant', 'plant-tree-panel'],
      ['menu-equipment', 'equipment-page'],
      ['menu-materials', 'materials-page'],
      ['menu-units', 'units-page'],
    ];
    for (const [menu, content] of pages) {
      await page.getByTestId(menu).click();
      await page.getByTestId(content).waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.getByTestId('menu-equipment').click();
    await page.getByTestId('equipment-table').getByText(EQUIPMENT.code).waitFor();
    await screenshot(page, '03c-equipment-list');
    expect(problems).toEqual([]);
  });

  it('shows an error for a wrong password and stays on the login page', async () => {
    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const loginPage = await anonymous.newPage();
    await login(loginPage, { password: 'not-the-password' });
    const error = loginPage.getByTestId('login-error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).not.toBe('');
    expect(new URL(loginPage.url()).pathname).toBe('/login');
    await screenshot(loginPage, '04-wrong-password');
    await anonymous.close();
  });

  it('lets the system operator sign in to the console and see the demo tenant', async () => {
    const operator = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const adminPage = await operator.newPage();
    await adminPage.goto(`${server.baseUrl}/admin`);
    await adminPage.waitForURL('**/admin/login');
    await adminPage.getByTestId('admin-username').fill('operator');
    await adminPage.getByTestId('admin-password').fill(OPERATOR_PASSWORD);
    await adminPage.getByTestId('admin-login-submit').click();
    await adminPage.getByTestId('tenants-page').waitFor();
    await adminPage.getByTestId('tenant-toggle-demo').waitFor();
    await screenshot(adminPage, '05-operator-tenants');
    await operator.close();
  });
});

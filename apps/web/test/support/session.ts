import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { DEMO_PASSWORD, ensureWebBuilt, startServer, type RunningServer } from './server.ts';

export interface DemoSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
}

/**
 * A journey's start: the built web app served by a real server with the demo enterprise, a browser, and a
 * page (zh-CN, 1440×900 unless told) signed in as the demo admin. Page errors are logged and passed to `onPageError`.
 */
export async function openDemoSession({
  onPageError,
  viewport = { width: 1440, height: 900 },
}: {
  onPageError?: (message: string) => void;
  /** a tablet journey (the shop-floor terminal) asks for its screen */
  viewport?: { width: number; height: number };
} = {}): Promise<DemoSession> {
  ensureWebBuilt();
  const server = await startServer();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    const message = error.stack ?? error.message;
    console.error(`page error: ${message}`);
    onPageError?.(message);
  });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-tenant').fill('demo');
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
  return { server, browser, page };
}

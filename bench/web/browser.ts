/** Chromium through playwright-core, as the browser tests launch it: sign-in, cold screen loads, JS shipped. */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const SCREEN_READY = '[data-screen-ready="true"]';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // the soak serves the app from a copy of dist through request interception: Chromium then sees the page
      // as public and blocks its WebSocket to 127.0.0.1, and the screens would only ever poll
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });
}

export type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Signs in through the login page (the session cookie) and returns the context's state to reuse. */
export async function signIn(
  browser: Browser,
  {
    baseUrl,
    tenant,
    username,
    password,
  }: { baseUrl: string; tenant: string; username: string; password: string },
): Promise<SessionState> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-tenant').waitFor({ timeout: 60_000 });
    await page.getByTestId('login-tenant').fill(tenant);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('side-menu').waitFor({ timeout: 60_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** The chunks an index.html loads before any route: its module script and its modulepreloads (URL paths). */
export function entryChunks(html: string): Set<string> {
  const paths = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g),
  ];
  return new Set(paths.map((m) => m[1]!));
}

export interface ScreenLoad {
  /** navigation start → `[data-screen-ready="true"]` in the DOM, wall clock */
  readyMs: number;
  /** gzip bytes of the JS the page fetched: index.html's chunks, and the rest (lazy chunks of the route) */
  js: { entryGzip: number; lazyGzip: number; entryRaw: number; lazyRaw: number; files: number };
}

/**
 * Opens `path` in a new context (empty cache, the signed-in cookie) and waits for the screen's first real data.
 * Every JS response is gzipped here (zlib, default level 6), so the figure does not depend on how the server
 * compresses.
 */
export async function loadScreen(
  browser: Browser,
  {
    baseUrl,
    session,
    path,
    timeoutMs,
  }: { baseUrl: string; session: SessionState; path: string; timeoutMs: number },
): Promise<ScreenLoad> {
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    storageState: session,
  });
  const bodies: Array<Promise<{ url: string; raw: number; gzip: number } | null>> = [];
  // the entry chunks are read from the index.html this load got: the checkout's dist may be rebuilt meanwhile
  let html: Promise<string> = Promise.resolve('');
  context.on('response', (res) => {
    const url = new URL(res.url());
    if (res.request().resourceType() === 'document') html = res.text().catch(() => '');
    if (!url.pathname.endsWith('.js') || url.origin !== baseUrl) return;
    // a response still arriving when the context closes has no body to read: it is not part of the load
    bodies.push(
      res.body().then(
        (b) => ({ url: url.pathname, raw: b.length, gzip: gzipSync(b).length }),
        () => null,
      ),
    );
  });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'commit' });
    try {
      await page.waitForSelector(SCREEN_READY, { timeout: timeoutMs, state: 'attached' });
    } catch {
      const text = (
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      )
        .slice(0, 200)
        .replace(/\s+/g, ' ');
      throw new Error(
        `${path}: no ${SCREEN_READY} within ${timeoutMs / 1000} s — is the screen route there? page shows: “${text}”`,
      );
    }
    const readyMs = performance.now() - started;
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    const files = new Map((await Promise.all(bodies)).flatMap((f) => (f ? [[f.url, f] as const] : [])));
    const entry = entryChunks(await html);
    const js = { entryGzip: 0, lazyGzip: 0, entryRaw: 0, lazyRaw: 0, files: files.size };
    for (const f of files.values())
      if (entry.has(f.url)) {
        js.entryGzip += f.gzip;
        js.entryRaw += f.raw;
      } else {
        js.lazyGzip += f.gzip;
        js.lazyRaw += f.raw;
      }
    return { readyMs, js };
  } finally {
    await context.close();
  }
}

import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { SCREEN_READY, type SessionState } from './browser.ts';

interface PageGlobals {
  __seen: Array<[number, string]>;
  document: { body: unknown; querySelector(selector: string): { textContent: string | null } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
}

export interface LiveLatency {
  /** device → screen, ms, in publish order (values never seen are left out and counted in `missed`) */
  latencies: number[];
  missed: number;
  intervalMs: number;
}

/**
 * Device → screen latency (issue 7: p95 under 1 s). A flue-gas monitor is created in the signed-in
 * enterprise and publishes `values` distinct SO₂ readings over the HTTP ingest, one every `intervalMs`
 * (slower than the live socket's 4 pushes a second, so coalescing never merges two); the carbon screen
 * shows them. A MutationObserver in the page stamps when each value's text is in the DOM; both clocks
 * are this machine's, so latency = that stamp − the moment the device started its request (which
 * includes the ingest's commit, as a real device's ack does).
 */
export async function measureLiveLatency(
  browser: Browser,
  {
    baseUrl,
    session,
    values,
    intervalMs,
    timeoutMs,
  }: { baseUrl: string; session: SessionState; values: number; intervalMs: number; timeoutMs: number },
): Promise<LiveLatency> {
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    storageState: session,
  });
  try {
    const code = `BENCH-LIVE-${randomBytes(3).toString('hex').toUpperCase()}`;
    const created = await context.request.post(`${baseUrl}/api/v1/devices`, {
      data: {
        code,
        name: '基准测试烟气监测',
        metrics: [{ key: 'so2_mgm3', name: 'SO₂ 浓度', valueType: 'number', kind: 'gauge' }],
      },
    });
    if (!created.ok()) throw new Error(`creating the monitor: ${created.status()} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const credential = await context.request.post(`${baseUrl}/api/v1/devices/${id}/credentials`, {
      data: { kind: 'token' },
    });
    if (!credential.ok()) throw new Error(`its token: ${credential.status()} ${await credential.text()}`);
    const { token } = (await credential.json()) as { token: string };
    const publish = async (value: number) => {
      const res = await fetch(`${baseUrl}/api/v1/ingest`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ samples: [{ ts: Date.now(), values: { so2_mgm3: value } }] }),
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    };

    await publish(1.25);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/screens/carbon`);
    await page.waitForSelector(SCREEN_READY, { timeout: timeoutMs, state: 'attached' });
    const testId = `screen-pollutant-${code}-so2_mgm3`;
    await page.getByTestId(testId).filter({ hasText: '1.25' }).waitFor({ timeout: timeoutMs });
    // the cell may be re-created by React, so watch the whole document and read the cell on each change
    await page.evaluate((id) => {
      // bench/ compiles without the DOM library: the page's globals, as far as this uses them
      const page = globalThis as unknown as PageGlobals;
      const seen: Array<[number, string]> = (page.__seen = []);
      let last = '';
      new page.MutationObserver(() => {
        const text = page.document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
        if (text !== last) seen.push([Date.now(), (last = text)]);
      }).observe(page.document.body, { subtree: true, childList: true, characterData: true });
    }, testId);

    const sent: Array<{ value: string; at: number }> = [];
    for (let i = 0; i < values; i++) {
      const value = 100 + i + 0.25;
      const at = Date.now();
      await publish(value);
      sent.push({ value: String(value), at });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at + intervalMs - Date.now())));
    }
    await page.waitForTimeout(3000);
    const seen = await page.evaluate(() => (globalThis as unknown as PageGlobals).__seen);
    const latencies: number[] = [];
    let missed = 0;
    for (const { value, at } of sent) {
      const hit = seen.find(([, text]) => text.includes(value));
      if (hit) latencies.push(hit[0] - at);
      else missed++;
    }
    return { latencies, missed, intervalMs };
  } finally {
    await context.close();
  }
}

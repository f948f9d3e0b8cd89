import type { Page } from 'playwright-core';
import type { TPage, TWorkOrder, TWorkOrderSummary } from '@greenmes/contracts';
import type { RunningServer } from './server.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A browser test's own API calls, made from node with the page's session (so the browser's offline
 * switch or route interception does not touch them). The page and the server are read at call time, as
 * tests set them in `beforeAll`. `api` gives the parsed body of a 2xx and throws with the status and body
 * otherwise.
 */
export function pageApi(page: () => Page, server: () => RunningServer) {
  async function api<T = { id: string }>(method: Method, path: string, data?: unknown): Promise<T> {
    const res = await page().request.fetch(`${server().baseUrl}/api/v1${path}`, { method, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }
  /** The demo's released top-level order of a product (not a sub-assembly order), in full. */
  async function releasedOrder(productCode: string): Promise<TWorkOrder> {
    const list = await api<TPage<TWorkOrderSummary>>(
      'GET',
      `/production/work-orders?q=${productCode}&status=released&pageSize=50`,
    );
    const top = list.items.find((w) => w.productCode === productCode && w.parentId === null);
    if (!top) throw new Error(`no released top-level order of ${productCode} in the demo`);
    return api<TWorkOrder>('GET', `/production/work-orders/${top.id}`);
  }
  return { api, releasedOrder };
}

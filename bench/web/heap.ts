/** Heap samples of a page through the Chrome DevTools Protocol, and the least-squares slope of a series. */
import type { CDPSession, Page } from 'playwright-core';

export interface HeapSample {
  /** seconds since the soak started */
  at: number;
  screen: string;
  /** Runtime.getHeapUsage before and after HeapProfiler.collectGarbage */
  usedBeforeGc: number;
  usedAfterGc: number;
  totalAfterGc: number;
  /** performance.memory.usedJSHeapSize as the page sees it (precise with --enable-precise-memory-info) */
  pageUsed: number;
  /** Performance.getMetrics: live DOM nodes, event listeners and documents (a leak shows in these too) */
  nodes: number;
  listeners: number;
  documents: number;
}

export const CSV_HEADER =
  'at_s,screen,used_before_gc,used_after_gc,total_after_gc,page_used_js_heap,dom_nodes,js_event_listeners,documents';
export const csvLine = (s: HeapSample) =>
  [
    s.at.toFixed(1),
    s.screen,
    s.usedBeforeGc,
    s.usedAfterGc,
    s.totalAfterGc,
    s.pageUsed,
    s.nodes,
    s.listeners,
    s.documents,
  ].join(',');

export async function sampleHeap(
  page: Page,
  cdp: CDPSession,
  at: number,
  screen: string,
): Promise<HeapSample> {
  const before = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const pageUsed = Number(
    await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : Number.NaN'),
  );
  return {
    at,
    screen,
    usedBeforeGc: before.usedSize,
    usedAfterGc: after.usedSize,
    totalAfterGc: after.totalSize,
    pageUsed,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
  };
}

/** Least-squares slope of y over x, and R²; NaN with fewer than two distinct x. */
export function slope(points: Array<[number, number]>): { slope: number; r2: number } {
  const n = points.length;
  if (n < 2) return { slope: NaN, r2: NaN };
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0) return { slope: NaN, r2: NaN };
  return { slope: sxy / sxx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/**
 * Detached DOM nodes still reachable from JS (a heap snapshot's detached nodes), most frequent first:
 * what a page that grows in DOM nodes holds on to.
 */
export async function detachedNodes(
  cdp: CDPSession,
  top = 10,
): Promise<Array<{ name: string; count: number }>> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => void chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const nameAt = fields.indexOf('name');
  // newer snapshots flag detachedness per node (2 = detached); older ones prefix the name with "Detached "
  const detachedAt = fields.indexOf('detachedness');
  const counts = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const name = snapshot.strings[snapshot.nodes[i + nameAt]!] ?? '';
    const isDetached = detachedAt >= 0 ? snapshot.nodes[i + detachedAt] === 2 : name.startsWith('Detached ');
    if (isDetached) counts.set(name.slice(0, 100), (counts.get(name.slice(0, 100)) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, count]) => ({ name, count }));
}

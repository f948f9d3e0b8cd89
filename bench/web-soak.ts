/**
 * Web soak (issue 7, not in CI): the big screens open in Chromium for hours, rotating, while the JS heap is
 * sampled after a forced garbage collection; writes a CSV and prints the heap's slope in bytes/hour with a
 * verdict. Starts the demo (PGlite in a temp dir) unless `--url` names a running server. Options: bench/README.md.
 *
 *   npm run bench:web-soak -- --minutes 10
 *   npm run bench:web-soak -- --url http://127.0.0.1:3000 --password greenmes-demo
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendResults, codeVersion, fixed, machine } from './ingest/report.ts';
import { machineBusy } from './ingest/cpu.ts';
import { ROOT, startServer } from './ingest/server.ts';
import { launchChromium, SCREEN_READY, signIn } from './web/browser.ts';
import { csvLine, CSV_HEADER, detachedNodes, sampleHeap, slope, type HeapSample } from './web/heap.ts';

const MIB = 1024 * 1024;
const HOUR_S = 3600;

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: String(4 * 60) },
    every: { type: 'string', default: '30' },
    rotate: { type: 'string', default: '60' },
    screens: { type: 'string', default: 'summary,production,equipment,energy,carbon' },
    warmup: { type: 'string' },
    'max-slope': { type: 'string', default: '1' },
    url: { type: 'string' },
    tenant: { type: 'string', default: 'demo' },
    username: { type: 'string', default: 'admin' },
    password: { type: 'string' },
    'history-days': { type: 'string', default: '0' },
    csv: { type: 'string' },
    build: { type: 'boolean', default: false },
    'from-csv': { type: 'string' },
  },
});
const number = (name: keyof typeof args, v: string | undefined) => {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < 0)
    throw new Error(`--${name}=${v}: expected a non-negative number`);
  return n;
};
const o = {
  minutes: number('minutes', args.minutes),
  everyS: number('every', args.every),
  rotateS: number('rotate', args.rotate),
  screens: args.screens!.split(',').filter(Boolean),
  maxSlopeMiBPerHour: number('max-slope', args['max-slope']),
  historyDays: number('history-days', args['history-days']),
  csv:
    args.csv ?? join(ROOT, 'test-output', `web-soak-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`),
  results: process.env.BENCH_RESULTS ?? join(ROOT, 'bench/RESULTS.md'),
};
/** the first minutes are the app settling (lazy chunks, caches filling): not part of the slope */
const warmupMinutes = args.warmup !== undefined ? number('warmup', args.warmup) : Math.min(10, o.minutes / 5);

const cleanups: Array<() => Promise<void> | void> = [];
async function cleanup() {
  for (const fn of cleanups.splice(0).reverse())
    try {
      await fn();
    } catch (err) {
      console.error('cleanup step failed:', err);
    }
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    // Ctrl-C ends the soak early: the samples so far are still summarised
    if (stopping) void cleanup().finally(() => process.exit(130));
    stopping = true;
  });
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const background = await machineBusy();
  let baseUrl = args.url;
  let password = args.password ?? 'greenmes-demo';
  if (!baseUrl) {
    if (args.build || !existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
      log('building the web app (npm run build -w @greenmes/web)');
      execFileSync('npm', ['run', 'build', '-w', '@greenmes/web'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'greenmes-web-soak-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    password = args.password ?? `Demo-${randomBytes(6).toString('hex')}`;
    log(`starting the demo (PGlite in ${dataDir}, ${o.historyDays} days of history, jobs on)`);
    const server = await startServer({
      env: {
        DATA_DIR: dataDir,
        GREENMES_DEMO: 'true',
        GREENMES_DEMO_PASSWORD: password,
        GREENMES_DEMO_HISTORY_DAYS: String(o.historyDays),
        GREENMES_OPERATOR_PASSWORD: `Op-${randomBytes(6).toString('hex')}`,
      },
    });
    cleanups.push(() => server.stop());
    baseUrl = server.httpUrl;
  }

  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const session = await signIn(browser, {
    baseUrl,
    tenant: args.tenant!,
    username: args.username!,
    password,
  });
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    storageState: session,
  });
  if (!args.url) {
    // the page gets the web app from a copy of apps/web/dist taken now: a rebuild in the checkout during the
    // soak (other work shares it) would replace the chunks the open page still imports; API and WebSocket
    // go to the server
    const snapshot = mkdtempSync(join(tmpdir(), 'greenmes-web-dist-'));
    cleanups.push(() => rmSync(snapshot, { recursive: true, force: true }));
    cpSync(join(ROOT, 'apps/web/dist'), snapshot, { recursive: true });
    await context.route(`${baseUrl}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      if (route.request().method() !== 'GET' || pathname.startsWith('/api/')) return route.continue();
      const file = join(snapshot, pathname);
      if (pathname !== '/' && existsSync(file) && statSync(file).isFile())
        return route.fulfill({ path: file });
      if (route.request().resourceType() === 'document')
        return route.fulfill({ path: join(snapshot, 'index.html'), contentType: 'text/html' });
      return route.continue();
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    errors.push(e.message);
    log(`  page error: ${e.message.slice(0, 200)}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  // the screens' own rotation (`?rotate=…&interval=…`, at least 10 s): in-app navigation, so the SPA and
  // whatever it leaks stay loaded, as on a wall display
  const rotation =
    o.rotateS && o.screens.length > 1 ? `?rotate=${o.screens.join(',')}&interval=${o.rotateS}` : '';
  const screenShown = () => /\/screens\/([\w-]+)/.exec(new URL(page.url()).pathname)?.[1] ?? 'unknown';
  log(`opening /screens/${o.screens[0]}${rotation}; ${o.minutes} min, a sample every ${o.everyS} s`);
  await page.goto(`${baseUrl}/screens/${o.screens[0]}${rotation}`);
  try {
    // a locator, not waitForSelector/page.$: their element handles keep the screen's DOM alive (in DevTools'
    // object group) after the rotation removed it, and the soak would measure its own leak
    await page.locator(SCREEN_READY).first().waitFor({ timeout: 60_000, state: 'attached' });
  } catch {
    throw new Error(`/screens/${o.screens[0]} never became ready — does the screen exist?`);
  }
  const visited = new Set<string>();
  let notReady = 0;

  mkdirSync(dirname(o.csv), { recursive: true });
  writeFileSync(o.csv, `${CSV_HEADER}\n`);
  const samples: HeapSample[] = [];
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  let nextSample = 0;
  while (!stopping && elapsedS() < o.minutes * 60) {
    const now = elapsedS();
    if (now >= nextSample) {
      const s = await sampleHeap(page, cdp, elapsedS(), screenShown());
      samples.push(s);
      visited.add(s.screen);
      if ((await page.locator(SCREEN_READY).count()) === 0) notReady++;
      appendFileSync(o.csv, `${csvLine(s)}\n`);
      log(
        `  ${fixed(s.at / 60, 1)} min ${s.screen}: heap ${fixed(s.usedAfterGc / MIB, 1)} MiB after GC (${fixed(s.usedBeforeGc / MIB, 1)} before), ${s.nodes} DOM nodes, ${s.listeners} listeners`,
      );
      nextSample += o.everyS;
    }
    await sleep(Math.max(50, nextSample * 1000 - elapsedS() * 1000));
  }
  // what the page holds on to at the end: detached DOM nodes by kind (a snapshot is large, so only once)
  const detached = await detachedNodes(cdp).catch((err: Error) => [
    { name: `snapshot failed: ${err.message}`, count: 0 },
  ]);
  await context.close();

  summarise(samples, {
    background,
    server: args.url ? `server at ${args.url}` : 'the demo on PGlite',
    code: codeVersion(ROOT, ['apps/web', 'apps/server', 'packages']),
    errors,
    notReady,
    detached,
  });
}

/** What the page held over the run, for the summary; absent when re-reading a CSV (`--from-csv`). */
interface RunNotes {
  background: number | null;
  server: string;
  code: string;
  errors: string[] | null;
  notReady: number | null;
  detached: Array<{ name: string; count: number }> | null;
}

/**
 * The heap's trend after the warm-up: the least-squares slope over all of it, and over its second half —
 * a leak keeps its slope, while caches and optimised code fill up and level off — with the mean heap of
 * each full rotation (every screen once), the figure that compares like with like. The verdict is the
 * late slope's once the run is long enough to have one (an hour or more), else the whole slope's.
 */
function summarise(samples: HeapSample[], notes: RunNotes) {
  const measured = samples.filter((s) => s.at >= warmupMinutes * 60);
  const fit = (pick: (s: HeapSample) => number, of = measured) =>
    slope(of.map((s) => [s.at / HOUR_S, pick(s)]));
  const heap = fit((s) => s.usedAfterGc);
  const nodes = fit((s) => s.nodes);
  const half = measured.length ? (measured[0]!.at + measured[measured.length - 1]!.at) / 2 : 0;
  const lateSamples = measured.filter((s) => s.at >= half);
  const late = fit((s) => s.usedAfterGc, lateSamples);
  const perScreen = o.screens.map((key) => ({
    key,
    ...fit(
      (s) => s.usedAfterGc,
      measured.filter((s) => s.screen === key),
    ),
    late: fit(
      (s) => s.usedAfterGc,
      lateSamples.filter((s) => s.screen === key),
    ).slope,
  }));
  const spanH = measured.length ? (measured[measured.length - 1]!.at - measured[0]!.at) / HOUR_S : 0;
  const heaps = measured.map((s) => s.usedAfterGc);
  // full rotations: every screen shown once, so each mean covers the same screens
  const cycleS = o.rotateS > 0 ? o.rotateS * o.screens.length : 5 * 60;
  const cycles = new Map<number, number[]>();
  for (const s of samples) {
    const c = Math.floor(s.at / cycleS);
    cycles.set(c, [...(cycles.get(c) ?? []), s.usedAfterGc]);
  }
  const complete = [...cycles].filter(
    ([c]) => (c + 1) * cycleS <= samples[samples.length - 1]!.at + o.everyS,
  );
  const cycleMeans = complete.map(([c, v]) => ({
    at: ((c + 1) * cycleS) / 60,
    mib: v.reduce((a, b) => a + b, 0) / v.length / MIB,
  }));
  const shownCycles =
    cycleMeans.length <= 12
      ? cycleMeans
      : cycleMeans.filter(
          (_, i) => i === cycleMeans.length - 1 || i % Math.ceil(cycleMeans.length / 12) === 0,
        );
  const judged = spanH >= 1 ? late : heap;
  const growing = judged.slope / MIB > o.maxSlopeMiBPerHour;
  const verdict = !Number.isFinite(judged.slope)
    ? 'no verdict (too few samples after the warm-up)'
    : `${growing ? '**grows**' : '**no growth**'} (${spanH >= 1 ? 'second-half' : 'whole'} slope ${growing ? '>' : '≤'} ${o.maxSlopeMiBPerHour} MiB/h)${spanH < 1 ? `; a ${fixed(spanH * 60, 0)}-minute window is indicative, run hours for the verdict` : ''}`;
  const rotation =
    o.rotateS && o.screens.length > 1 ? `?rotate=${o.screens.join(',')}&interval=${o.rotateS}` : '';
  const entry = `
## Web soak — big screens in Chromium — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

- Machine: ${machine(notes.server)}; the server, Chromium and this script share the cores${notes.background === null ? '' : `, and the machine was shared with other work (other processes used ${fixed(notes.background, 2)} cores before the start)`}.
- Command: \`npm run bench:web-soak -- --minutes ${o.minutes} --every ${o.everyS} --rotate ${o.rotateS}\`${args['from-csv'] ? ` (summarised again from its CSV with \`--from-csv\`)` : ''} — one page on \`/screens/${o.screens[0]}${rotation}\` (the screens' own rotation through ${o.screens.join(', ')}, ${o.rotateS || 'no'} s each); every ${o.everyS} s: CDP \`Runtime.getHeapUsage\`, \`HeapProfiler.collectGarbage\`, \`Runtime.getHeapUsage\` again, \`Performance.getMetrics\`. Slopes by least squares over the samples after a ${fixed(warmupMinutes, 1)}-minute warm-up, and over the second half of those. CSV: \`${o.csv.replace(ROOT, '')}\`.
- Code: ${notes.code}.
- ${samples.length} samples, ${measured.length} after the warm-up over ${fixed(spanH * 60, 1)} min; heap after GC ${fixed(Math.min(...heaps) / MIB, 1)}–${fixed(Math.max(...heaps) / MIB, 1)} MiB (first ${fixed((heaps[0] ?? NaN) / MIB, 1)}, last ${fixed((heaps[heaps.length - 1] ?? NaN) / MIB, 1)}); DOM nodes ${Math.min(...measured.map((s) => s.nodes))}–${Math.max(...measured.map((s) => s.nodes))}${notes.errors === null ? '' : `; page errors ${notes.errors.length}${notes.errors.length ? ` (first: ${notes.errors[0]!.slice(0, 120)})` : ''}`}; screens seen ${[...new Set(samples.map((s) => s.screen))].join(', ')}${notes.notReady === null ? '' : `; samples taken while the screen was not ready ${notes.notReady}`}.

| series | slope after the warm-up | R² | slope over its second half |
|---|---|---|---|
| JS heap after GC, all samples | ${fixed(heap.slope / MIB, 2)} MiB/h (${Math.round(heap.slope).toLocaleString('en-US')} bytes/h) | ${fixed(heap.r2, 2)} | ${fixed(late.slope / MIB, 2)} MiB/h |
${perScreen.map((p) => `| JS heap after GC, on /screens/${p.key} | ${fixed(p.slope / MIB, 2)} MiB/h | ${fixed(p.r2, 2)} | ${fixed(p.late / MIB, 2)} MiB/h |`).join('\n')}
| DOM nodes | ${fixed(nodes.slope, 0)} nodes/h | ${fixed(nodes.r2, 2)} | |

- Mean heap after GC per full rotation (${fixed(cycleS / 60, 1)} min, every screen once), at the rotation's end: ${shownCycles.map((c) => `${fixed(c.at, 0)} min ${fixed(c.mib, 2)} MiB`).join(' · ')}.
- Verdict: ${verdict}.
${notes.detached === null ? '' : `- Detached DOM nodes still referenced at the end (heap snapshot): ${notes.detached.length ? notes.detached.map((d) => `${d.count} × \`${d.name.replace(/`/g, "'")}\``).join(', ') : 'none'}.\n`}`;
  console.log(entry);
  if (o.results && o.results !== 'none' && measured.length) {
    appendResults(o.results, entry);
    log(`appended to ${o.results}`);
  }
  log(`CSV: ${o.csv}`);
}

/** `--from-csv`: the summary of an earlier run's samples (its CSV), with this run's options. */
function fromCsv(file: string) {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  if (header !== CSV_HEADER) throw new Error(`${file}: not a web-soak CSV (header ${header})`);
  const samples = lines.map((line): HeapSample => {
    const [at, screen, before, after, total, pageUsed, nodes, listeners, documents] = line.split(',');
    return {
      at: Number(at),
      screen: screen!,
      usedBeforeGc: Number(before),
      usedAfterGc: Number(after),
      totalAfterGc: Number(total),
      pageUsed: Number(pageUsed),
      nodes: Number(nodes),
      listeners: Number(listeners),
      documents: Number(documents),
    };
  });
  o.csv = file;
  summarise(samples, {
    background: null,
    server: 'as in the run',
    code: 'as in the run',
    errors: null,
    notReady: null,
    detached: null,
  });
}

(args['from-csv'] ? Promise.resolve(fromCsv(args['from-csv'])) : main())
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());

/**
 * Web benchmark (issue 7): the big screens' first render and the JS each ships (gzip), measured in Chromium
 * against the real server with the demo enterprise, and the trend chart's 7-day query of a 1-second metric
 * (604,800 samples, rolled up by the server's job) timed over HTTP. Appends to bench/RESULTS.md.
 * Options: bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { machineBusy } from './ingest/cpu.ts';
import { provisionTenant } from './ingest/provision.ts';
import { appendResults, codeVersion, fixed, int, machine, percentile } from './ingest/report.ts';
import { ROOT, startServer } from './ingest/server.ts';
import { launchChromium, loadScreen, signIn, type ScreenLoad } from './web/browser.ts';
import { measureLiveLatency, type LiveLatency } from './web/live-latency.ts';
import { makeSecondMetric, seedSecondMetric, timeSeriesQuery } from './web/series.ts';
import { cleanUpOnSignals, cleanup, cleanups, envNumber, log } from './support.ts';

const TARGET = { seriesP95Ms: 100, liveP95Ms: 1000 };
/** the big screens (SCREEN_KEYS of the contracts), each at /screens/<key> */
const SCREENS = ['summary', 'production', 'equipment', 'energy', 'carbon'];

const env = process.env;
const o = {
  databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  screens: (env.BENCH_WEB_SCREENS || SCREENS.join(',')).split(',').filter((s) => s && s !== 'none'),
  runs: envNumber('BENCH_WEB_RUNS', 7),
  liveValues: envNumber('BENCH_WEB_LIVE_VALUES', 40),
  liveIntervalMs: envNumber('BENCH_WEB_LIVE_INTERVAL', 400),
  readyTimeoutMs: envNumber('BENCH_WEB_READY_TIMEOUT', 60) * 1000,
  build: env.BENCH_WEB_BUILD !== 'false',
  days: envNumber('BENCH_WEB_DAYS', 7),
  requests: envNumber('BENCH_WEB_REQUESTS', 300),
  concurrency: envNumber('BENCH_WEB_CONCURRENCY', 4),
  demoHistoryDays: envNumber('BENCH_WEB_DEMO_HISTORY_DAYS', 0),
  results: env.BENCH_RESULTS ?? join(ROOT, 'bench/RESULTS.md'),
  keep: env.BENCH_KEEP === 'true',
  cpuProfileDir: env.BENCH_CPU_PROFILE || undefined,
};

cleanUpOnSignals();
const kib = (bytes: number) => `${fixed(bytes / 1024, 1)} KiB`;

interface ScreenResult {
  key: string;
  loads: ScreenLoad[];
  error?: string;
}

async function main() {
  const operatorPassword = `Bench-${randomBytes(6).toString('hex')}`;
  const demoPassword = `Demo-${randomBytes(6).toString('hex')}`;
  const schema = `bench_web_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: o.databaseUrl });
  await admin.connect();
  const dbVersion = (
    (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?'
  ).split(' ')[0];
  cleanups.push(async () => {
    if (o.keep) log(`kept schema ${schema} (BENCH_KEEP)`);
    else {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      log(`dropped schema ${schema}`);
    }
    await admin.end();
  });
  const background = await machineBusy();
  log(`background load before start: ${fixed(background, 2)} cores busy`);

  if (o.build) {
    log('building the web app (npm run build -w @greenmes/web)');
    execFileSync('npm', ['run', 'build', '-w', '@greenmes/web'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  log(`starting the server with the demo enterprise on PostgreSQL ${dbVersion} (schema ${schema})`);
  const server = await startServer({
    env: {
      GREENMES_OPERATOR_PASSWORD: operatorPassword,
      GREENMES_DEMO: 'true',
      GREENMES_DEMO_PASSWORD: demoPassword,
      GREENMES_DEMO_HISTORY_DAYS: String(o.demoHistoryDays),
      DATABASE_URL: o.databaseUrl,
      DB_SCHEMA: schema,
    },
    nodeArgs: o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [],
  });
  cleanups.push(() => server.stop());

  // ---- the big screens ----
  const screens: ScreenResult[] = [];
  let live: LiveLatency | null = null;
  let chromiumVersion = 'not started';
  if (o.screens.length) {
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    chromiumVersion = browser.version();
    const session = await signIn(browser, {
      baseUrl: server.httpUrl,
      tenant: 'demo',
      username: 'admin',
      password: demoPassword,
    });
    for (const key of o.screens) {
      const result: ScreenResult = { key, loads: [] };
      screens.push(result);
      try {
        for (let run = 0; run < o.runs; run++)
          result.loads.push(
            await loadScreen(browser, {
              baseUrl: server.httpUrl,
              session,
              path: `/screens/${key}`,
              timeoutMs: o.readyTimeoutMs,
            }),
          );
        const times = result.loads.map((l) => l.readyMs).sort((a, b) => a - b);
        const js = result.loads[0]!.js;
        log(
          `  /screens/${key}: ready p50 ${fixed(percentile(times, 50), 0)} ms, p95 ${fixed(percentile(times, 95), 0)} ms; ` +
            `JS ${kib(js.entryGzip + js.lazyGzip)} gzip (${js.files} files)`,
        );
      } catch (err) {
        result.error = (err as Error).message;
        log(`  /screens/${key}: FAILED — ${result.error}`);
      }
    }
    if (o.liveValues > 0) {
      log(
        `device → screen: ${o.liveValues} SO₂ readings over the HTTP ingest, one every ${o.liveIntervalMs} ms`,
      );
      live = await measureLiveLatency(browser, {
        baseUrl: server.httpUrl,
        session,
        values: o.liveValues,
        intervalMs: o.liveIntervalMs,
        timeoutMs: o.readyTimeoutMs,
      });
      const sorted = [...live.latencies].sort((a, b) => a - b);
      log(
        `  device → carbon screen: p50 ${fixed(percentile(sorted, 50), 0)} ms, p95 ${fixed(percentile(sorted, 95), 0)} ms, max ${fixed(sorted.at(-1) ?? NaN, 0)} ms; ${live.missed} never shown`,
      );
    }
    await browser.close();
  }

  // ---- the 7-day chart query ----
  log(`a 1-second metric with ${o.days} days of samples in its own enterprise`);
  const tenant = await provisionTenant({
    httpUrl: server.httpUrl,
    operatorPassword,
    tenantCode: 'bench-web',
    name: 'Web benchmark',
  });
  const metricId = await makeSecondMetric({ httpUrl: server.httpUrl, token: tenant.token });
  const seeded = await seedSecondMetric({
    databaseUrl: o.databaseUrl,
    schema,
    tenantId: tenant.tenantId,
    metricId,
    days: o.days,
  });
  log(
    `  ${int(seeded.samples)} samples in ${fixed(seeded.insertMs / 1000)} s; rollups caught up in ${fixed(seeded.rollupMs / 1000)} s (${seeded.rollupRuns} runs)`,
  );
  // one viewer opening the chart, then several at once on the same 2 cores (server, PostgreSQL and this bench)
  const runs = [];
  for (const concurrency of [...new Set([1, o.concurrency])]) {
    const run = await timeSeriesQuery({
      httpUrl: server.httpUrl,
      token: tenant.token,
      metricId,
      requests: o.requests,
      concurrency,
      warmup: 10,
    });
    runs.push(run);
    log(
      `  7-day series, ${concurrency} concurrent: p50 ${fixed(run.p50)} ms, p95 ${fixed(run.p95)} ms, p99 ${fixed(run.p99)} ms (${run.resolution}, ${int(run.sourcePoints)} buckets → ${run.points} points)`,
    );
  }
  const query = runs[0]!;

  const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');
  const screenRow = (s: ScreenResult) => {
    if (s.error) return `| /screens/${s.key} | failed: ${s.error.replace(/\|/g, '/')} | | | | | |`;
    const times = s.loads.map((l) => l.readyMs).sort((a, b) => a - b);
    const js = s.loads[0]!.js;
    return `| /screens/${s.key} | ${s.loads.length} | ${fixed(percentile(times, 50), 0)} | ${fixed(percentile(times, 95), 0)} | ${kib(js.entryGzip)} | ${kib(js.lazyGzip)} | **${kib(js.entryGzip + js.lazyGzip)}** (${js.files} files, ${kib(js.entryRaw + js.lazyRaw)} raw) |`;
  };
  const failed = screens.filter((s) => s.error);
  const liveSorted = live ? [...live.latencies].sort((a, b) => a - b) : [];
  const liveP95 = percentile(liveSorted, 95);
  const liveText = live
    ? `
- Device → screen: a flue-gas monitor created in the demo enterprise publishes ${int(live.latencies.length + live.missed)} distinct SO₂ readings over the HTTP ingest (\`POST /api/v1/ingest\`, answered after the commit), one every ${live.intervalMs} ms (slower than the live socket's 4 pushes a second, so none is coalesced away), with \`/screens/carbon\` open; a MutationObserver in the page stamps when each value's text is in the DOM. Latency = that stamp − the moment the device started its request (one clock: same machine).

| path | values | shown | p50 ms | p95 ms | max ms |
|---|---|---|---|---|---|
| device → carbon screen | ${int(live.latencies.length + live.missed)} | ${int(live.latencies.length)} | ${fixed(percentile(liveSorted, 50), 0)} | ${fixed(liveP95, 0)} | ${fixed(liveSorted.at(-1) ?? NaN, 0)} |
`
    : '';
  const entryText = `
## Web — big screens and a 7-day chart on PostgreSQL — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

- Machine: ${machine(`PostgreSQL ${dbVersion}`)}, Chromium ${chromiumVersion}; the server, PostgreSQL, Chromium and this bench share the cores, and the machine was shared with other work (other processes used ${fixed(background, 2)} cores before the start).
- Command: \`npm run bench:web\` — the built web app (\`npm run build -w @greenmes/web\`${o.build ? '' : ', skipped: BENCH_WEB_BUILD=false'}) served by the real server (\`node --import tsx apps/server/src/main.ts\`, background jobs on) with the demo enterprise (${o.demoHistoryDays} days of generated history) on a fresh schema.
- Code: ${codeVersion(ROOT, ['apps/server', 'apps/web', 'packages'])}.
- Screens: each route opened ${o.runs} times at 1920×1080 in a new browser context (empty cache, the demo admin's session cookie); first render = navigation start → \`[data-screen-ready="true"]\` (the screen's first real data drawn). JS = every \`.js\` response of the first load, gzipped here (zlib level 6): "entry" is what index.html loads (its module script and modulepreloads), "lazy" the chunks the route added.

| screen | loads | first render p50 ms | p95 ms | JS entry (gzip) | JS lazy (gzip) | JS shipped (gzip) |
|---|---|---|---|---|---|---|
${screens.map(screenRow).join('\n')}

- 7-day chart: one metric with a sample every second for ${o.days} days (${int(seeded.samples)} samples, inserted by generate_series in ${fixed(seeded.insertMs / 1000)} s), rolled up by the server's rollup job (\`runRollups\`, ${seeded.rollupRuns} runs, ${fixed(seeded.rollupMs / 1000)} s). The trend chart's request — \`GET /api/v1/telemetry/series?resolution=auto&agg=avg&maxPoints=1200\` over the last 7 days, bearer token — ${int(query.requests)} times from one client, then from ${o.concurrency} concurrent keep-alive clients, each after 10 warm-up requests. Answer: resolution ${query.resolution}, ${int(query.sourcePoints)} buckets read → ${query.points} points (LTTB), ${kib(query.bytes)} of JSON.

| query | requests | per second | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|---|
${runs.map((r) => `| 7 days of a 1-second metric, ${r.concurrency} concurrent | ${int(r.requests)} | ${fixed(r.perSecond)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${fixed(r.max)} |`).join('\n')}
${liveText}
| target | result | verdict |
|---|---|---|
${runs.map((r) => `| 7-day chart query of a 1-second metric, p95 < ${TARGET.seriesP95Ms} ms, ${r.concurrency} concurrent | p95 ${fixed(r.p95)} ms | ${verdict(r.p95 < TARGET.seriesP95Ms)} |`).join('\n')}
${live ? `| device → screen p95 < ${TARGET.liveP95Ms} ms, every value shown | p95 ${fixed(liveP95, 0)} ms, ${live.missed} missed | ${verdict(liveP95 < TARGET.liveP95Ms && live.missed === 0)} |\n` : ''}| every big screen renders its first data | ${failed.length ? `failed: ${failed.map((s) => s.key).join(', ')}` : `${screens.length} of ${screens.length}`} | ${verdict(!failed.length)} |
`;
  console.log(entryText);
  if (o.results && o.results !== 'none') {
    appendResults(o.results, entryText);
    log(`appended to ${o.results}`);
  }
  if (failed.length) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());

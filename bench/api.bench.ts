/**
 * API benchmark (issue 6): shop-floor job reports submitted by 100 concurrent clients (terminals) to a
 * real GreenMES server process on PostgreSQL, and, in the same run, a bare Fastify route's throughput
 * under the same client — the limit; prints the ratio and appends the result to bench/RESULTS.md.
 * Options: bench/README.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { seedHistory } from './api/history.ts';
import { provisionShopFloor } from './api/provision.ts';
import { runLoad, type LoadClient, type LoadResult } from './api/load.ts';
import { cpuWindow, machineBusy, type CpuSplit } from './ingest/cpu.ts';
import { expect } from './ingest/provision.ts';
import { appendResults, codeVersion, fixed, int, machine } from './ingest/report.ts';
import { ROOT, startServer } from './ingest/server.ts';
import { cleanUpOnSignals, cleanup, cleanups, envNumber, log } from './support.ts';

const TARGET = { p99Ms: 25 };

const env = process.env;
const o = {
  databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  clients: envNumber('BENCH_CLIENTS', 100),
  seconds: envNumber('BENCH_SECONDS', 20),
  warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 3),
  /** open-loop reports/s from all clients together; 0 = half the measured capacity */
  rate: envNumber('BENCH_RATE', 0),
  results: env.BENCH_RESULTS ?? join(ROOT, 'bench/RESULTS.md'),
  /** a directory for the server's V8 CPU profile (written when it stops) */
  cpuProfileDir: env.BENCH_CPU_PROFILE || undefined,
  /** closed orders of history before the run, and quantity reports per order (0 = none) */
  historyOrders: envNumber('BENCH_HISTORY_ORDERS', 2000),
  historyReports: envNumber('BENCH_HISTORY_REPORTS', 50),
  keep: /^(1|true|yes)$/i.test(env.BENCH_KEEP ?? ''),
};

cleanUpOnSignals();

/** The bare Fastify route in its own process; resolves with its base URL and a stop function. */
async function startBare(): Promise<{ pid: number; url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api/bare-fastify.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (b: Buffer) => resolve(b.toString().trim()));
    child.once('exit', (code) => reject(new Error(`bare Fastify exited with ${code}`)));
  });
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

const cpuLine = (c: CpuSplit, server: string) =>
  `${server} ${fixed(c.server, 2)}, load generator ${fixed(c.publishers, 2)}, postgres ${fixed(c.postgres, 2)}, ` +
  `other processes ${fixed(c.others, 2)}, idle ${fixed(c.idle, 2)}`;
const row = (name: string, r: LoadResult, c: CpuSplit) =>
  `| ${name} | ${int(r.requests)} | ${int(r.perSecond)} | ${fixed(r.p50)} | ${fixed(r.p90)} | ${fixed(r.p99)} | ${fixed(r.max)} | ` +
  `${
    Object.entries(r.failures)
      .map(([s, n]) => `${n} × ${s}`)
      .join(', ') || 'none'
  } | ${cpuLine(c, 'server')} |`;

async function main() {
  const operatorPassword = `Bench-${randomBytes(6).toString('hex')}`;
  const schema = `bench_api_${randomBytes(4).toString('hex')}`;
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

  log(`starting the server on PostgreSQL ${dbVersion} (schema ${schema})`);
  const server = await startServer({
    env: {
      GREENMES_OPERATOR_PASSWORD: operatorPassword,
      DATABASE_URL: o.databaseUrl,
      DB_SCHEMA: schema,
      JOBS_ENABLED: 'false',
    },
    nodeArgs: o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [],
  });
  cleanups.push(() => server.stop());

  log(`provisioning ${o.clients} workers and released work orders, each operation started`);
  const floor = await provisionShopFloor({
    httpUrl: server.httpUrl,
    operatorPassword,
    terminals: o.clients,
  });
  const history =
    o.historyOrders > 0 && o.historyReports > 0
      ? await seedHistory(admin, {
          schema,
          template: floor.terminals[0]!,
          workerIds: floor.terminals.map((t) => t.workerId),
          orders: o.historyOrders,
          reportsPerOrder: o.historyReports,
        })
      : { orders: 0, reports: 0, seconds: 0, checkpointed: false };
  if (history.reports > 0)
    log(
      `history: ${int(history.orders)} closed orders with ${int(history.reports)} job reports, their lots, moves, ` +
        `genealogy and audit, then ANALYZE${history.checkpointed ? ' and CHECKPOINT' : ''} — ${fixed(history.seconds, 1)} s`,
    );
  const runId = randomBytes(3).toString('hex');
  const reportClients: LoadClient[] = floor.terminals.map((t, i) => {
    let n = 0; // a new clientId per request, across phases: a reused one answers 200 and counts nothing
    return {
      path: t.path,
      body: () =>
        JSON.stringify({
          kind: 'quantity',
          workerId: t.workerId,
          goodQty: '1',
          clientId: `${runId}-${i}-${n++}`,
        }),
    };
  });
  const common = { warmupMs: o.warmupSeconds * 1000, measureMs: o.seconds * 1000 };

  log(
    `capacity: ${o.clients} clients, each sends its next job report when the last is answered, ${o.seconds} s`,
  );
  let cpu = cpuWindow({ server: server.pid, publishers: [process.pid] });
  const closed = await runLoad({
    ...common,
    baseUrl: server.httpUrl,
    token: floor.token,
    clients: reportClients,
    okStatus: 201,
  });
  const closedCpu = cpu();
  log(`  ${int(closed.perSecond)} reports/s, p50 ${fixed(closed.p50)} ms, p99 ${fixed(closed.p99)} ms`);

  const rate = o.rate || Math.max(o.clients, Math.floor(closed.perSecond / 2 / 10) * 10);
  const intervalMs = (1000 * o.clients) / rate;
  log(
    `rate: ${int(rate)} reports/s offered (each client one every ${fixed(intervalMs, 0)} ms), ${o.seconds} s`,
  );
  cpu = cpuWindow({ server: server.pid, publishers: [process.pid] });
  const open = await runLoad({
    ...common,
    baseUrl: server.httpUrl,
    token: floor.token,
    clients: reportClients,
    okStatus: 201,
    intervalMs,
  });
  const openCpu = cpu();
  log(`  ${int(open.perSecond)} reports/s, p50 ${fixed(open.p50)} ms, p99 ${fixed(open.p99)} ms`);

  // every 201 is a stored report, and nothing else is: the starts plus the answered reports
  const stored = await expect<{ total: number }>(server.httpUrl, 200, {
    path: '/api/v1/production/job-reports?pageSize=1',
    token: floor.token,
  });
  // + each terminal's start and first piece, and the history
  const answered = closed.okTotal + open.okTotal + 2 * o.clients + history.reports;
  await server.stop();

  log('the limit: a bare Fastify route, same clients and body shape, closed loop');
  const bare = await startBare();
  cleanups.push(bare.stop);
  cpu = cpuWindow({ server: bare.pid, publishers: [process.pid] });
  const limit = await runLoad({
    ...common,
    baseUrl: bare.url,
    clients: reportClients.map((c) => ({ path: '/bare', body: c.body })),
    okStatus: 201,
  });
  const limitCpu = cpu();
  bare.stop();
  const ratio = closed.perSecond / limit.perSecond;
  log(`  ${int(limit.perSecond)} req/s, p50 ${fixed(limit.p50)} ms, p99 ${fixed(limit.p99)} ms`);
  log(`job reports ÷ bare Fastify = ${fixed(ratio, 3)} (1 : ${fixed(1 / ratio, 1)})`);

  const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');
  const entry = `
## API — job reports from ${o.clients} concurrent clients on PostgreSQL — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

- Machine: ${machine(`PostgreSQL ${dbVersion}`)}; the server, PostgreSQL and this bench process (the load generator) share the cores; other processes used ${fixed(background, 2)} cores before the start.
- Command: \`npm run bench:api\` — the real server (\`node --import tsx apps/server/src/main.ts\`, its own process, DB_POOL_MAX ${env.DB_POOL_MAX ?? 'default (10)'}, background jobs off) on a fresh schema; ${o.clients} workers, each with its own released work order (a lot of its material issued to it) whose operation it has started and reported a first piece on; ${history.reports > 0 ? `before the run, ${int(history.orders)} closed orders of history with ${int(history.reports)} job reports, their lots, stock moves, genealogy edges and audit entries (copied in SQL from the first terminal's rows), then ANALYZE of the schema — the statistics autovacuum keeps in a running plant${history.checkpointed ? " — and a CHECKPOINT, so the copy's WAL is not checkpointed during the run" : ' (no CHECKPOINT: not allowed for this user)'}` : 'no history (BENCH_HISTORY_ORDERS=0): empty, never analysed tables'}; every request is \`POST /api/v1/production/work-orders/:id/operations/:opId/job-reports {kind: quantity, goodQty: 1, clientId}\` with a bearer token: session check, zod validation, one transaction (BEGIN sent with the tenant's settings) of named prepared statements that locks the order and the operation (reading open Andon stops, the settings and the worker in the same statement), checks the worker, the over-reporting and transfer rules, inserts the report and updates the totals in one statement (Andon read again, and what booking the output needs), books the good quantity into the order's output lot (the operation is the order's last), links the issued lot to it (genealogy edge) and writes the audit rows in one statement: 8 round trips to PostgreSQL with the session check. Keep-alive HTTP/1.1, one connection per client (node:http).
- Code: ${codeVersion(ROOT)}.
- Windows: ${o.warmupSeconds} s warm-up (not counted), then ${o.seconds} s measured per phase. Capacity: closed loop, each client sends its next report when the last is answered, so latency there is mostly queueing (${o.clients} in flight ÷ throughput). Rate: open loop at ${int(rate)} reports/s (${o.rate ? 'BENCH_RATE' : 'half the capacity'}), latency counted from each request's scheduled time.
- Stored: ${int(stored.total)} job reports in the database for ${int(answered)} answered 201 (${stored.total === answered ? 'equal: none lost, none counted twice' : 'NOT EQUAL'}).

| phase | requests | per second | p50 ms | p90 ms | p99 ms | max ms | failures | CPU (cores of 2) |
|---|---|---|---|---|---|---|---|---|
${row(`job reports, capacity (${o.clients} concurrent)`, closed, closedCpu)}
${row(`job reports, ${int(rate)}/s offered`, open, openCpu)}
${row(`bare Fastify route (${o.clients} concurrent)`, limit, limitCpu).replace('server', 'bare Fastify')}

- Ratio: job-report capacity ÷ bare Fastify throughput = **${fixed(ratio, 3)}** (1 : ${fixed(1 / ratio, 1)}).${closed.firstFailure ? `\n- First failure under capacity load: ${closed.firstFailure}` : ''}${open.firstFailure ? `\n- First failure under the offered rate: ${open.firstFailure}` : ''}

| target | result | verdict |
|---|---|---|
| p99 < ${TARGET.p99Ms} ms with ${o.clients} clients sending back to back (closed loop) | p99 ${fixed(closed.p99)} ms at ${int(closed.perSecond)} reports/s | ${verdict(closed.p99 < TARGET.p99Ms)} |
| p99 < ${TARGET.p99Ms} ms with ${o.clients} clients at ${int(rate)} reports/s (open loop) | p99 ${fixed(open.p99)} ms | ${verdict(open.p99 < TARGET.p99Ms)} |
`;
  if (o.results === 'none') console.log(entry);
  else {
    appendResults(o.results, entry);
    log(`appended to ${o.results}`);
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());

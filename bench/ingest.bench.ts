/**
 * Ingest benchmark (issue 3): N simulated devices publish MQTT QoS 1 batches to a real GreenMES
 * server process, which commits them to PostgreSQL (DATABASE_URL) or PGlite, and acknowledges only
 * after the commit. Measures capacity (closed loop), latency at a fixed offered rate (open loop),
 * server RSS, the COPY limit of the same table in the same run, and bytes per point before and
 * after compaction. Appends the result to bench/RESULTS.md. Options: bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuWindow, machineBusy } from './ingest/cpu.ts';
import { runPhase, Publishers } from './ingest/phases.ts';
import { alarmCount, provision } from './ingest/provision.ts';
import { ingestEntry, TARGET } from './ingest/entry.ts';
import { appendResults, codeVersion, fixed, int, mib, ms } from './ingest/report.ts';
import { metricSum, ROOT, rssOf, scrapeMetrics, startServer, watchRss } from './ingest/server.ts';
import { compactAll, copyLimit, openBenchDb, sizes } from './ingest/storage.ts';

const env = process.env;
const num = (name: string, fallback: number) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${v}: expected a non-negative number`);
  return n;
};
const flag = (name: string, fallback: boolean) => (env[name] ? /^(1|true|yes)$/i.test(env[name]!) : fallback);

const o = {
  databaseUrl: env.DATABASE_URL || undefined,
  devices: num('BENCH_DEVICES', 100),
  metrics: num('BENCH_METRICS', 20),
  samplesPerMessage: num('BENCH_SAMPLES_PER_MESSAGE', 50),
  /** open-loop rate in points/s; 0 = the target, or 80 % of the measured capacity when that is lower */
  rate: num('BENCH_RATE', 0),
  seconds: num('BENCH_SECONDS', 30),
  capacitySeconds: num('BENCH_CAPACITY_SECONDS', 20),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 5),
  inflight: num('BENCH_INFLIGHT', 1),
  publishers: num('BENCH_PUBLISHERS', 1),
  alarms: flag('BENCH_ALARMS', true),
  jobs: flag('BENCH_JOBS', true),
  copyBatch: num('BENCH_COPY_BATCH', num('INGEST_BATCH_MAX', 5000)),
  /** COPY formats to measure the limit with: binary (the faster, so the stronger limit) and text (what the server sends) */
  copyFormats: (env.BENCH_COPY_FORMAT === 'text' || env.BENCH_COPY_FORMAT === 'binary'
    ? [env.BENCH_COPY_FORMAT]
    : ['binary', 'text']) as Array<'text' | 'binary'>,
  cpuProfileDir: env.BENCH_CPU_PROFILE || undefined,
  results: env.BENCH_RESULTS ?? join(ROOT, 'bench/RESULTS.md'),
  keep: flag('BENCH_KEEP', false),
  /** wait up to this many seconds for the machine to be quiet (other processes < 0.3 cores) before starting */
  quietWait: num('BENCH_QUIET_WAIT', 0),
};
const pointsPerMessage = o.metrics * o.samplesPerMessage;

const cleanups: Array<() => Promise<void> | void> = [];
async function cleanup() {
  for (const fn of cleanups.splice(0).reverse())
    try {
      await fn();
    } catch (err) {
      console.error('cleanup step failed:', err);
    }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

async function main() {
  const operatorPassword = `Bench-${randomBytes(6).toString('hex')}`;
  const serverEnv: Record<string, string> = {
    GREENMES_OPERATOR_PASSWORD: operatorPassword,
    JOBS_ENABLED: String(o.jobs),
  };
  let target: { url: string; schema: string } | { dataDir: string };
  if (o.databaseUrl) {
    const schema = `bench_ingest_${randomBytes(4).toString('hex')}`;
    target = { url: o.databaseUrl, schema };
    Object.assign(serverEnv, { DATABASE_URL: o.databaseUrl, DB_SCHEMA: schema });
    cleanups.push(async () => {
      if (o.keep) return log(`kept schema ${schema}`);
      const c = new pg.Client({ connectionString: o.databaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
      log(`dropped schema ${schema}`);
    });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'greenmes-bench-ingest-'));
    target = { dataDir: join(dir, 'data') };
    serverEnv.DATA_DIR = target.dataDir;
    delete env.DATABASE_URL;
    cleanups.push(() => {
      if (o.keep) return log(`kept ${dir}`);
      rmSync(dir, { recursive: true, force: true });
      log(`removed ${dir}`);
    });
  }
  const ingestSettings = ['INGEST_BATCH_MAX', 'INGEST_BATCH_DELAY_MS', 'INGEST_QUEUE_MAX', 'DB_POOL_MAX']
    .map((k) => `${k}=${env[k] ?? 'default'}`)
    .join(' ');

  let background = await machineBusy();
  for (const until = Date.now() + o.quietWait * 1000; background > 0.3 && Date.now() < until;)
    background = await machineBusy(5000);
  log(`background load before start: ${fixed(background, 2)} cores busy`);

  log(
    `starting the server (${o.databaseUrl ? 'PostgreSQL' : 'PGlite'}; ${ingestSettings}; jobs ${o.jobs ? 'on' : 'off'})`,
  );
  const server = await startServer({
    env: serverEnv,
    nodeArgs: o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [],
  });
  cleanups.push(() => server.stop());
  const rss = watchRss(server.pid);
  cleanups.push(() => rss.stop());

  log(`provisioning ${o.devices} devices × ${o.metrics} metrics`);
  const p = await provision({
    httpUrl: server.httpUrl,
    operatorPassword,
    devices: o.devices,
    metrics: o.metrics,
    withAlarmRules: o.alarms,
  });
  log(`alarm rules: ${p.alarmRules.note}`);

  const publishers = new Publishers(o.publishers);
  cleanups.push(() => publishers.close());
  await publishers.connect({
    mqttUrl: server.mqttUrl,
    devices: p.devices,
    metricKeys: p.metricKeys,
    samplesPerMessage: o.samplesPerMessage,
  });
  const idleRss = rssOf(server.pid);
  log(`${o.devices} devices connected over MQTT; server RSS ${mib(idleRss)}`);

  const phase = {
    publishers,
    server,
    rss,
    pointsPerMessage,
    devices: o.devices,
    warmupMs: o.warmupSeconds * 1000,
  };
  log(
    `capacity: every device keeps ${o.inflight} message(s) of ${pointsPerMessage} points unacknowledged, ${o.capacitySeconds} s`,
  );
  const capacity = await runPhase({
    ...phase,
    name: 'capacity',
    mode: 'closed',
    inflight: o.inflight,
    measureMs: o.capacitySeconds * 1000,
  });
  log(`  ${int(capacity.pointsPerSecond)} points/s, p50 ${ms(capacity.p50)}, p99 ${ms(capacity.p99)}`);

  const rate =
    o.rate ||
    (capacity.pointsPerSecond >= TARGET.pointsPerSecond
      ? TARGET.pointsPerSecond
      : Math.floor((0.8 * capacity.pointsPerSecond) / 1000) * 1000);
  const intervalMs = (1000 * o.devices * pointsPerMessage) / rate;
  log(
    `rate: ${int(rate)} points/s offered (each device one message every ${fixed(intervalMs, 0)} ms), ${o.seconds} s`,
  );
  const steady = await runPhase({
    ...phase,
    name: 'rate',
    mode: 'open',
    intervalMs,
    measureMs: o.seconds * 1000,
  });
  log(
    `  ${int(steady.pointsPerSecond)} points/s, p50 ${ms(steady.p50)}, p99 ${ms(steady.p99)}, max ${ms(steady.max)}`,
  );

  await publishers.close();
  const acked = capacity.ackedPoints + steady.ackedPoints;
  const metrics = await scrapeMetrics(server.httpUrl);
  const serverCounted = metricSum(metrics, 'greenmes_samples_ingested_total');
  const alarms = p.alarmRules.count ? await alarmCount(server.httpUrl, p.token) : null;
  log('stopping the server');
  await server.stop();

  const db = await openBenchDb(
    o.databaseUrl
      ? { ...(target as { url: string; schema: string }), streams: 2 }
      : (target as { dataDir: string }),
  );
  cleanups.push(() => db.close());
  await db.query('VACUUM ANALYZE samples');
  const before = await sizes(db);
  log(
    `stored: ${int(before.rawRows)} rows (publishers acked ${int(acked)}, server counted ${int(serverCounted)})`,
  );

  const limits = [];
  for (const format of o.copyFormats) {
    log(
      `limit: COPY (${format}) ${int(before.rawRows)} rows into samples in batches of ${o.copyBatch} on ${db.streams} connection(s)`,
    );
    const endCpu = cpuWindow({ server: process.pid, publishers: [] });
    const limit = await copyLimit(db, {
      rows: before.rawRows,
      batch: o.copyBatch,
      samplesPerMessage: o.samplesPerMessage,
      format,
    });
    limits.push({ format, ...limit, cpu: endCpu() });
    log(`  ${int(limit.perSecond)} rows/s`);
  }

  log('compaction');
  const compaction = await compactAll(db);
  const after = await sizes(db);
  await db.close();
  cleanups.pop();

  const entry = ingestEntry({
    kind: db.kind,
    dbVersion: db.version,
    streams: db.streams,
    command: `${o.databaseUrl ? `DATABASE_URL=${o.databaseUrl.replace(/:[^:@/]+@/, ':***@')} ` : ''}npm run bench:ingest`,
    settings: { ...o, ingest: ingestSettings },
    code: codeVersion(ROOT),
    background,
    capacity,
    steady,
    limits,
    before,
    after,
    compaction,
    alarmRules: p.alarmRules,
    alarms,
    idleRss,
    acked,
    serverCounted,
  });
  console.log(entry);
  if (o.results && o.results !== 'none') {
    appendResults(o.results, entry);
    log(`appended to ${o.results}`);
  }
}

main()
  .catch((err: unknown) => {
    console.error('bench:ingest failed:', err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());

/**
 * Edge gateway benchmark (issue 4): the real gateway (apps/edge/src/main.ts) as its own process polls
 * Modbus TCP slaves served by this process — by default 100 devices × 100 registers = 10,000 tags, every
 * value new on every poll (deadband 0) — and uplinks over MQTT QoS 1 to an Aedes broker in this process.
 * Measures sustained tags/s polled and samples/s delivered, the edge's CPU and RSS, then an outage of the
 * cloud: the backlog it queues, the replay rate after it, and that nothing is missing. Appends the result
 * to bench/RESULTS.md. Options: bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { telemetryTopic } from '@greenmes/contracts';
import { cpuWindow, machineBusy } from './ingest/cpu.ts';
import { appendResults, codeVersion, fixed, int, mib } from './ingest/report.ts';
import { ROOT } from './ingest/server.ts';
import { startCloud } from './edge/cloud.ts';
import {
  GATEWAY,
  idleReferences,
  rssSeries,
  EDGE_NODE_FLAGS,
  startEdge,
  TENANT,
  writeEdgeConfig,
  type EdgeProcess,
} from './edge/edge-process.ts';
import { edgeEntry, filesystemOf } from './edge/entry.ts';
import { registerMap, startSlaves } from './edge/modbus-slaves.ts';

const env = process.env;
const num = (name: string, fallback: number) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${v}: expected a non-negative number`);
  return n;
};
const optional = (name: string) => (env[name] ? num(name, 0) : undefined);

const o = {
  tags: num('BENCH_EDGE_TAGS', 10_000),
  registersPerDevice: num('BENCH_EDGE_REGISTERS', 100),
  pollIntervalMs: num('BENCH_EDGE_POLL_MS', 1000),
  seconds: num('BENCH_EDGE_SECONDS', 60),
  warmupSeconds: num('BENCH_EDGE_WARMUP_SECONDS', 10),
  outageSeconds: num('BENCH_EDGE_OUTAGE_SECONDS', 30),
  replayTimeoutSeconds: num('BENCH_EDGE_REPLAY_TIMEOUT', 300),
  samplesPerMessage: optional('BENCH_EDGE_SAMPLES_PER_MESSAGE'),
  maxInFlight: optional('BENCH_EDGE_MAX_IN_FLIGHT'),
  /** js: the edge built to JavaScript (npm run build -w @greenmes/edge), as deployed; tsx: from the sources */
  runtime: env.BENCH_EDGE_RUNTIME === 'tsx' ? ('tsx' as const) : ('js' as const),
  results: env.BENCH_RESULTS ?? join(ROOT, 'bench/RESULTS.md'),
  keep: /^(1|true|yes)$/i.test(env.BENCH_KEEP ?? ''),
  quietWait: num('BENCH_QUIET_WAIT', 0),
};
const devices = Math.ceil(o.tags / o.registersPerDevice);
const tags = devices * o.registersPerDevice;

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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `isDone`, checking every 100 ms; fails when the edge exits or after `timeoutS`. */
async function until(edge: EdgeProcess, what: string, timeoutS: number, isDone: () => boolean) {
  const deadline = performance.now() + timeoutS * 1000;
  while (!isDone()) {
    if (edge.exited) throw new Error(`the edge exited while waiting for ${what}:\n${edge.output()}`);
    if (performance.now() > deadline) throw new Error(`${what}: not after ${timeoutS} s`);
    await sleep(100);
  }
}

async function main() {
  let background = await machineBusy();
  for (const deadline = Date.now() + o.quietWait * 1000; background > 0.3 && Date.now() < deadline;)
    background = await machineBusy(5000);
  log(`background load before start: ${fixed(background, 2)} cores busy`);

  const idle = await idleReferences();
  log(`idle references: node ${mib(idle.node)}, node --import tsx ${mib(idle.nodeTsx)}`);

  const registers = registerMap(o.registersPerDevice);
  const slaves = await startSlaves({ devices, registers });
  cleanups.push(() => slaves.close());
  const cloud = await startCloud({ telemetryTopic: telemetryTopic(TENANT, 'gateway', GATEWAY) });
  cleanups.push(() => cloud.close());

  const dir = mkdtempSync(join(tmpdir(), 'greenmes-bench-edge-'));
  cleanups.push(() => {
    if (o.keep) return log(`kept ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    log(`removed ${dir}`);
  });
  const configFile = writeEdgeConfig({
    dir,
    cloudUrl: cloud.url,
    slaves: slaves.slaves,
    registers,
    pollIntervalMs: o.pollIntervalMs,
    uplink: { samplesPerMessage: o.samplesPerMessage, maxInFlight: o.maxInFlight },
  });
  log(
    `starting the edge: ${devices} Modbus devices × ${o.registersPerDevice} registers = ${int(tags)} tags every ${o.pollIntervalMs} ms (${slaves.servers} slave server(s))`,
  );
  const edge = startEdge({ configFile, runtime: o.runtime });
  cleanups.push(() => edge.stop());
  const rss = rssSeries(edge.pid);
  cleanups.push(() => rss.stop());
  const startedAt = performance.now();

  await until(edge, 'every register polled once', 60, () => slaves.spans().tags >= tags);
  const allPolledS = (performance.now() - startedAt) / 1000;
  log(`every tag polled after ${fixed(allPolledS, 1)} s; warm-up ${o.warmupSeconds} s`);
  await sleep(o.warmupSeconds * 1000);

  // ---- steady: every tag polled and uplinked each interval
  log(`steady: ${o.seconds} s`);
  const st0 = { at: performance.now(), served: slaves.tagsServed, received: cloud.total };
  slaves.recordLateness(true, o.pollIntervalMs);
  const steadyCpu = cpuWindow({ server: edge.pid, publishers: [process.pid] });
  await sleep(o.seconds * 1000);
  const cpu = steadyCpu();
  slaves.recordLateness(false, o.pollIntervalMs);
  const st1 = { at: performance.now(), served: slaves.tagsServed, received: cloud.total };
  const steadyS = (st1.at - st0.at) / 1000;
  const steadyQueue = edge.statuses.filter((s) => s.at >= st0.at && s.at <= st1.at).map((s) => s.queue);
  const steady = {
    seconds: steadyS,
    polledPerSecond: (st1.served - st0.served) / steadyS,
    deliveredPerSecond: (st1.received - st0.received) / steadyS,
    cpu,
    rss: rss.between(st0.at, st1.at),
    queueMax: Math.max(0, ...steadyQueue),
    queueEnd: steadyQueue.at(-1) ?? NaN,
    lateness: [...slaves.lateness()].sort((a, b) => a - b),
  };
  log(
    `  polled ${int(steady.polledPerSecond)} tags/s, delivered ${int(steady.deliveredPerSecond)} samples/s, edge ${fixed(cpu.server, 2)} cores, RSS ${mib(steady.rss.median)} median / ${mib(steady.rss.peak)} peak, queue ≤ ${int(steady.queueMax)}`,
  );

  // ---- outage: the cloud refuses connections; the edge keeps polling into its queue
  log(`outage: ${o.outageSeconds} s`);
  const outageFrom = Date.now();
  const ou0 = { at: performance.now(), served: slaves.tagsServed };
  const outageCpu = cpuWindow({ server: edge.pid, publishers: [process.pid] });
  await cloud.outage();
  await sleep(o.outageSeconds * 1000);
  const ou1 = { at: performance.now(), served: slaves.tagsServed };
  const outage = {
    seconds: (ou1.at - ou0.at) / 1000,
    polledPerSecond: (ou1.served - ou0.served) / ((ou1.at - ou0.at) / 1000),
    cpu: outageCpu(),
    rss: rss.between(ou0.at, ou1.at),
    queueEnd: edge.lastStatus()?.queue ?? NaN,
  };
  log(`  queue ${int(outage.queueEnd)} samples, RSS ${mib(outage.rss.peak)} peak`);

  // ---- replay: accept again; the backlog goes out flagged historical, ahead of anything live
  const restoredAt = performance.now();
  const re0 = { received: cloud.total, historical: cloud.historical };
  cloud.watchFirstLive();
  await cloud.restore({ outageFrom, outageTo: Date.now() });
  const replayCpu = cpuWindow({ server: edge.pid, publishers: [process.pid] });
  await until(edge, 'the replay', o.replayTimeoutSeconds, () => cloud.firstLiveAt !== null);
  const reconnectedAt = cloud.connects().find((t) => t >= restoredAt) ?? restoredAt;
  const firstLiveAt = cloud.firstLiveAt!;
  const historicalReplayed = cloud.historical - re0.historical;
  // caught up: the queue is back to what it held while keeping up
  const caughtUpQueue = Math.max(steady.queueMax, 1000);
  await until(
    edge,
    'catching up',
    o.replayTimeoutSeconds,
    () => (edge.lastStatus()?.at ?? 0) > firstLiveAt && edge.lastStatus()!.queue <= caughtUpQueue,
  );
  const caughtUpAt = edge.lastStatus()!.at;
  const replay = {
    reconnectS: (reconnectedAt - restoredAt) / 1000,
    historical: historicalReplayed,
    historicalSeconds: (firstLiveAt - reconnectedAt) / 1000,
    caughtUpSeconds: (caughtUpAt - reconnectedAt) / 1000,
    caughtUpQueue,
    deliveredUntilCaughtUp: cloud.total - re0.received,
    cpu: replayCpu(),
    rss: rss.between(restoredAt, caughtUpAt),
  };
  log(
    `  reconnected after ${fixed(replay.reconnectS, 1)} s; ${int(replay.historical)} historical samples in ${fixed(replay.historicalSeconds, 1)} s = ${int(replay.historical / replay.historicalSeconds)}/s; caught up after ${fixed(replay.caughtUpSeconds, 1)} s; RSS ${mib(replay.rss.peak)} peak`,
  );

  // ---- the count: freeze the values (no new samples), let the queue drain, compare with what was served
  slaves.freeze();
  let last = -1;
  let stableSince = performance.now();
  await until(edge, 'the queue to drain', 120, () => {
    if (cloud.total !== last) [last, stableSince] = [cloud.total, performance.now()];
    return edge.lastStatus()?.queue === 0 && performance.now() - stableSince > 3000;
  });
  const hwm = rss.hwm();
  const totalS = (performance.now() - startedAt) / 1000;
  await edge.stop();
  const problems = edge.otherLines.filter((l) => /^modbus |dropped|torn|cannot|failed/.test(l));

  const entry = edgeEntry({
    command: `${o.runtime === 'tsx' ? 'BENCH_EDGE_RUNTIME=tsx ' : ''}npm run bench:edge`,
    runtime: o.runtime,
    nodeFlags: EDGE_NODE_FLAGS,
    settings: { ...o, devices, tags },
    code: codeVersion(ROOT, ['apps/edge', 'packages']),
    filesystem: filesystemOf(dir),
    background,
    idle,
    allPolledS,
    steady,
    outage,
    replay,
    count: {
      expected: slaves.changingTags,
      received: cloud.total,
      distinct: cloud.distinct,
      historical: cloud.historical,
      liveInOutage: cloud.liveInOutage,
      messages: cloud.messages,
      bytes: cloud.bytes,
    },
    hwm,
    totalS,
    problems,
  });
  console.log(entry);
  if (o.results && o.results !== 'none') {
    appendResults(o.results, entry);
    log(`appended to ${o.results}`);
  }
}

main()
  .catch((err: unknown) => {
    console.error('bench:edge failed:', err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());

/** Publisher processes and the measured phases they drive. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuWindow, type CpuSplit } from './cpu.ts';
import type { DeviceLogin, PublisherCommand, PublisherReport } from './publisher.ts';
import { percentile } from './report.ts';
import { metricSum, scrapeMetrics, type watchRss } from './server.ts';

type PhaseDone = Extract<PublisherReport, { type: 'phase-done' }>;

export class Publishers {
  readonly #children: ChildProcess[] = [];
  readonly #waiting = new Map<ChildProcess, Array<(m: PublisherReport) => void>>();

  constructor(count: number) {
    const script = fileURLToPath(new URL('./publisher.ts', import.meta.url));
    for (let i = 0; i < count; i++) {
      const child = fork(script, [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      this.#waiting.set(child, []);
      child.on('message', (m: PublisherReport) => this.#waiting.get(child)!.shift()?.(m));
      child.on('exit', (code) => {
        for (const w of this.#waiting.get(child)!.splice(0))
          w({
            type: 'phase-done',
            name: `exited with ${code}`,
            errors: [`publisher exited with ${code}`],
          } as PhaseDone);
      });
      this.#children.push(child);
    }
  }

  get pids(): number[] {
    return this.#children.map((c) => c.pid!);
  }

  #next(child: ChildProcess, timeoutMs: number): Promise<PublisherReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`publisher ${child.pid} silent for ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      this.#waiting.get(child)!.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  #send(child: ChildProcess, m: PublisherCommand) {
    child.send(m);
  }

  /** Splits the devices over the processes and connects them all. */
  async connect(o: {
    mqttUrl: string;
    devices: DeviceLogin[];
    metricKeys: string[];
    samplesPerMessage: number;
  }) {
    const n = this.#children.length;
    await Promise.all(
      this.#children.map((child, i) => {
        const reply = this.#next(child, 120_000);
        this.#send(child, { cmd: 'connect', ...o, devices: o.devices.filter((_, d) => d % n === i) });
        return reply;
      }),
    );
  }

  start(phase: Extract<PublisherCommand, { cmd: 'phase' }>) {
    for (const child of this.#children) this.#send(child, phase);
  }

  /** Stops publishing and waits until every message sent is acknowledged (or `timeoutMs`). */
  async stop(timeoutMs: number): Promise<PhaseDone[]> {
    const replies = this.#children.map((child) => this.#next(child, timeoutMs));
    for (const child of this.#children) this.#send(child, { cmd: 'stop' });
    return (await Promise.all(replies)) as PhaseDone[];
  }

  async close() {
    await Promise.all(
      this.#children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (child.connected) this.#send(child, { cmd: 'exit' });
            else child.kill('SIGTERM');
          }),
      ),
    );
  }
}

export interface PhaseResult {
  name: string;
  mode: 'open' | 'closed';
  /** open loop: the offered rate */
  offeredPointsPerSecond: number | null;
  seconds: number;
  /** points acknowledged (= committed) per second inside the window, as the publishers saw them */
  pointsPerSecond: number;
  messagesPerSecond: number;
  /** greenmes_samples_ingested_total over the window, as the server counted it */
  serverPointsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** the three seconds of the window with the highest p99, as "+12 s: 380 ms" */
  worstSeconds: string[];
  sentMessages: number;
  ackedMessages: number;
  ackedPoints: number;
  /** seconds from "stop publishing" until every message was acknowledged */
  drainSeconds: number;
  meanBatch: number;
  meanWriteMs: number;
  backpressureWaits: number;
  eventLoopLagP99Ms: number;
  rssPeak: number;
  cpu: CpuSplit;
  errors: string[];
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

export async function runPhase({
  publishers,
  server,
  rss,
  name,
  mode,
  intervalMs = 0,
  inflight = 1,
  warmupMs,
  measureMs,
  pointsPerMessage,
  devices,
}: {
  publishers: Publishers;
  server: { pid: number; httpUrl: string };
  rss: ReturnType<typeof watchRss>;
  name: string;
  mode: 'open' | 'closed';
  intervalMs?: number;
  inflight?: number;
  warmupMs: number;
  measureMs: number;
  pointsPerMessage: number;
  devices: number;
}): Promise<PhaseResult> {
  const t0 = Date.now();
  const measureFrom = t0 + warmupMs;
  const measureUntil = measureFrom + measureMs;
  publishers.start({ cmd: 'phase', name, mode, intervalMs, inflight, measureFrom, measureUntil });
  await sleepUntil(measureFrom);
  const m0 = await scrapeMetrics(server.httpUrl);
  const s0 = performance.now();
  const endCpu = cpuWindow({ server: server.pid, publishers: publishers.pids });
  rss.reset();
  await sleepUntil(measureUntil);
  const cpu = endCpu();
  const m1 = await scrapeMetrics(server.httpUrl);
  const serverSeconds = (performance.now() - s0) / 1000;
  const rssPeak = rss.peak;
  const stopAt = performance.now();
  const done = await publishers.stop(180_000);
  const drainSeconds = (performance.now() - stopAt) / 1000;

  const delta = (metric: string) => metricSum(m1, metric) - metricSum(m0, metric);
  const latencies = done.flatMap((d) => d.latencies ?? []).sort((a, b) => a - b);
  const seconds = measureMs / 1000;
  const windowPoints = done.reduce((s, d) => s + (d.windowPoints ?? 0), 0);
  const windowMessages = done.reduce((s, d) => s + (d.windowMessages ?? 0), 0);
  return {
    name,
    mode,
    offeredPointsPerSecond: mode === 'open' ? (devices * pointsPerMessage * 1000) / intervalMs : null,
    seconds,
    pointsPerSecond: windowPoints / seconds,
    messagesPerSecond: windowMessages / seconds,
    serverPointsPerSecond: delta('greenmes_samples_ingested_total') / serverSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    worstSeconds: worstSeconds(done, measureFrom),
    sentMessages: done.reduce((s, d) => s + (d.sentMessages ?? 0), 0),
    ackedMessages: done.reduce((s, d) => s + (d.ackedMessages ?? 0), 0),
    ackedPoints: done.reduce((s, d) => s + (d.ackedPoints ?? 0), 0),
    drainSeconds,
    meanBatch: delta('greenmes_ingest_batch_size_sum') / delta('greenmes_ingest_batch_size_count'),
    meanWriteMs:
      (1000 * delta('greenmes_ingest_write_seconds_sum')) / delta('greenmes_ingest_write_seconds_count'),
    backpressureWaits: delta('greenmes_ingest_backpressure_waits_total'),
    eventLoopLagP99Ms: 1000 * metricSum(m1, 'greenmes_nodejs_eventloop_lag_p99_seconds'),
    rssPeak,
    cpu,
    errors: done.flatMap((d) => d.errors ?? []),
  };
}

/** p99 per second of the window; the worst three, to tell periodic stalls (a job) from noise. */
function worstSeconds(done: PhaseDone[], from: number): string[] {
  const perSecond = new Map<number, number[]>();
  for (const d of done)
    (d.latencies ?? []).forEach((l, i) => {
      const second = Math.floor((d.ackAt[i]! - from) / 1000);
      const list = perSecond.get(second) ?? [];
      list.push(l);
      perSecond.set(second, list);
    });
  return [...perSecond]
    .map(
      ([second, list]) =>
        [
          second,
          percentile(
            list.sort((a, b) => a - b),
            99,
          ),
        ] as const,
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([second, p99]) => `+${second} s: ${Math.round(p99)} ms`);
}

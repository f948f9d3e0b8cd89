/** The RESULTS.md entry of one ingest run: settings, numbers, and a verdict per target of issue 3. */
import { cpus } from 'node:os';
import type { CpuSplit } from './cpu.ts';
import type { PhaseResult } from './phases.ts';
import { cpuText, fixed, int, machine, mib, ms } from './report.ts';
import type { CopyFormat, sizes } from './storage.ts';

export const TARGET = { pointsPerSecond: 100_000, ratio: 0.5, p99Ms: 1000, bytesPerPoint: 16 };

type Sizes = Awaited<ReturnType<typeof sizes>>;

export interface IngestRun {
  kind: 'postgres' | 'pglite';
  dbVersion: string;
  /** connections the limit used */
  streams: number;
  command: string;
  settings: {
    devices: number;
    metrics: number;
    samplesPerMessage: number;
    publishers: number;
    jobs: boolean;
    inflight: number;
    copyBatch: number;
    /** the server's ingest settings in effect */
    ingest: string;
  };
  code: string;
  /** cores busy on the machine before the start */
  background: number;
  capacity: PhaseResult;
  steady: PhaseResult;
  limits: Array<{ format: CopyFormat; rows: number; perSecond: number; cpu: CpuSplit }>;
  before: Sizes;
  after: Sizes;
  compaction: { seconds: number; points: number; hours: number };
  alarmRules: { count: number; note: string };
  alarms: number | null;
  idleRss: number;
  acked: number;
  serverCounted: number;
}

export function ingestEntry(r: IngestRun): string {
  const {
    capacity,
    steady,
    limits,
    before,
    after,
    compaction,
    alarms,
    idleRss,
    acked,
    serverCounted,
    background,
  } = r;
  const limit = limits.reduce((best, l) => (l.perSecond > best.perSecond ? l : best));
  const pointsPerMessage = r.settings.metrics * r.settings.samplesPerMessage;
  const ratio = capacity.pointsPerSecond / limit.perSecond;
  const busiest = Math.max(capacity.cpu.others, steady.cpu.others, ...limits.map((l) => l.cpu.others));
  // a ratio of two rates measured under different background load says more about the load
  const isRatioFair = Math.abs(capacity.cpu.others - limit.cpu.others) <= 0.3;
  const rawBpp = before.raw / before.rawRows;
  const packedBpp = (after.raw + after.packed) / (after.packedPoints + after.rawRows);
  const isSustained =
    steady.pointsPerSecond >= 0.98 * (steady.offeredPointsPerSecond ?? 0) && steady.drainSeconds < 5;
  const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');
  const meetsRate =
    isSustained && steady.pointsPerSecond >= 0.98 * TARGET.pointsPerSecond && r.alarmRules.count > 0;
  const phaseRow = (ph: PhaseResult) =>
    `| ${ph.name} (${ph.mode === 'open' ? `open loop, ${int(ph.offeredPointsPerSecond!)} offered` : `closed loop, ${r.settings.inflight} in flight/device`}) | ` +
    `${int(ph.pointsPerSecond)} | ${int(ph.serverPointsPerSecond)} | ${fixed(ph.messagesPerSecond, 0)} | ${ms(ph.p50)} | ${ms(ph.p99)} | ${ms(ph.max)} | ` +
    `${int(ph.meanBatch)} | ${fixed(ph.meanWriteMs, 0)} ms | ${ms(ph.eventLoopLagP99Ms)} | ${mib(ph.rssPeak)} |`;
  const perPoint = (ph: PhaseResult) => {
    const us = (cores: number) => (cores * 1e6) / ph.pointsPerSecond;
    const total = us(ph.cpu.server) + us(ph.cpu.publishers) + us(ph.cpu.postgres);
    return (
      `server ${fixed(us(ph.cpu.server), 1)} µs, postgres ${fixed(us(ph.cpu.postgres), 1)} µs, publishers ${fixed(us(ph.cpu.publishers), 1)} µs ` +
      `(${fixed(total, 1)} µs: ≈ ${int((cpus().length * 1e6) / total)} points/s if these ${cpus().length} cores did nothing else)`
    );
  };
  const dbName = r.kind === 'postgres' ? `${r.dbVersion}, same machine` : r.dbVersion;
  const entry = `
## Ingest over MQTT — ${r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

- Machine: ${machine(dbName)}. Server, database${r.kind === 'pglite' ? ' (in the server process)' : ''} and publishers share the cores; other processes on the machine used ${fixed(background, 2)} cores before the start, ${fixed(capacity.cpu.others, 2)} during the capacity window, ${fixed(steady.cpu.others, 2)} during the rate window and ${limits.map((l) => fixed(l.cpu.others, 2)).join(' / ')} during the limit${limits.length > 1 ? 's' : ''}${busiest > 0.3 ? ' — **the machine was busy: rates measured then are lower than an idle machine gives**' : ''}.
- Command: \`${r.command}\` — ${r.settings.devices} devices × ${r.settings.metrics} number metrics, ${r.settings.samplesPerMessage} samples per message (${pointsPerMessage} points, ≈${fixed((pointsPerMessage * 13) / 1024, 0)} kB JSON), MQTT QoS 1 to the embedded Aedes broker, ${r.settings.publishers} publisher process(es); ${r.settings.ingest}; background jobs ${r.settings.jobs ? 'on' : 'off'}.
- Code: ${r.code}.
- Alarm rules: ${r.alarmRules.note}${alarms === null ? '' : `; alarms raised: ${alarms}`}.
- Latency = publish → PUBACK, and the server sends the PUBACK only after the commit. Open loop counts from the scheduled send time.

| phase | points/s acked | points/s (server counter) | msgs/s | p50 | p99 | max | mean batch | mean write | event-loop lag p99 | server RSS peak |
|---|---|---|---|---|---|---|---|---|---|---|
${phaseRow(capacity)}
${phaseRow(steady)}

- CPU, capacity window: ${cpuText(capacity.cpu)}. Per point: ${perPoint(capacity)}.
- CPU, rate window: ${cpuText(steady.cpu)}. Per point: ${perPoint(steady)}.
- Worst seconds of the rate window by p99 (from its start; the rollup job runs every 15 s): ${steady.worstSeconds.join(', ')}.
- Server RSS: ${mib(idleRss)} idle with devices connected, ${mib(Math.max(capacity.rssPeak, steady.rssPeak))} peak while ingesting. Drain after stopping: ${fixed(steady.drainSeconds, 1)} s. Back-pressure waits: ${int(capacity.backpressureWaits + steady.backpressureWaits)}.
- Stored: ${int(before.rawRows)} rows; publishers had ${int(acked)} points acknowledged, the server counted ${int(serverCounted)}.${before.rawRows === acked ? ' All match.' : ' **Mismatch.**'}
- Limit: COPY of ${int(limit.rows)} rows of the same shape into the same table (another day partition, emptied after), batches of ${r.settings.copyBatch} each committed, ${r.streams} connection(s), server stopped: ${limits.map((l) => `${l.format} format **${int(l.perSecond)} rows/s** (CPU per row: this process${r.kind === 'pglite' ? ' (making rows and PGlite)' : ' making rows'} ${fixed((l.cpu.server * 1e6) / l.perSecond, 1)} µs, postgres ${fixed((l.cpu.postgres * 1e6) / l.perSecond, 1)} µs; other processes ${fixed(l.cpu.others, 2)} cores)`).join('; ')}. Pipeline capacity ÷ the faster limit (${limit.format}) = **${fixed(ratio, 2)}**${isRatioFair ? '' : ' — **the capacity and the limit ran under different background load (see above): this ratio is unreliable**'}${
    limits.length > 1
      ? ` (÷ ${limits
          .filter((l) => l !== limit)
          .map((l) => `${l.format}: ${fixed(capacity.pointsPerSecond / l.perSecond, 2)}`)
          .join(', ')})`
      : ''
  }.
- At rest, after VACUUM ANALYZE: raw ${mib(before.raw)} = **${fixed(rawBpp, 1)} bytes/point** (all partitions with indexes). After the compaction job (${int(compaction.points)} points in ${compaction.hours} hour(s) packed in ${fixed(compaction.seconds, 1)} s = ${int(compaction.points / compaction.seconds)} points/s; VACUUM FULL of the emptied raw partition standing in for the partition drop the job does for past days): samples_packed ${mib(after.packed)} for ${int(after.packedPoints)} points in ${int(after.packedRows)} rows, raw left ${mib(after.raw)} = **${fixed(packedBpp, 1)} bytes/point**.

| target | result | verdict |
|---|---|---|
| ≥ ${int(TARGET.pointsPerSecond)} points/s sustained with alarm rules active | ${int(steady.pointsPerSecond)} of ${int(steady.offeredPointsPerSecond!)} offered${isSustained ? ' (kept up)' : ' (fell behind)'}; capacity ${int(capacity.pointsPerSecond)}${r.alarmRules.count ? '' : '; alarm rules not active'} | ${verdict(meetsRate)} |
| ≥ ${TARGET.ratio} of the COPY limit | ${fixed(ratio, 2)}${isRatioFair ? '' : ' (unreliable: unequal background load)'} | ${verdict(ratio >= TARGET.ratio)} |
| p99 publish → committed < 1 s | ${ms(steady.p99)} at ${int(steady.offeredPointsPerSecond!)} points/s | ${verdict(steady.p99 < TARGET.p99Ms && isSustained)} |
| ≤ ${TARGET.bytesPerPoint} bytes/point after compaction | ${fixed(packedBpp, 1)} | ${verdict(packedBpp <= TARGET.bytesPerPoint)} |
${[...capacity.errors, ...steady.errors].length ? `\nPublish errors: ${[...capacity.errors, ...steady.errors].join('; ')}\n` : ''}`;
  return entry;
}

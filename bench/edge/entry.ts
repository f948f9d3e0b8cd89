/** The RESULTS.md entry of one edge run: settings, numbers, and a verdict per target of issue 4. */
import { execFileSync } from 'node:child_process';
import type { CpuSplit } from '../ingest/cpu.ts';
import { fixed, int, machine, mib, ms, percentile } from '../ingest/report.ts';

/** Issue 4: 10,000 tags polled every second in under 150 MB RSS. */
export const TARGET = { tagsPerSecond: 10_000, rssBytes: 150_000_000 };

interface RssStats {
  median: number;
  peak: number;
}

export interface EdgeRun {
  command: string;
  /** js: the edge built to JavaScript, as deployed; tsx: run from the TypeScript sources */
  runtime: 'js' | 'tsx';
  nodeFlags: string[];
  settings: {
    tags: number;
    devices: number;
    registersPerDevice: number;
    pollIntervalMs: number;
    seconds: number;
    warmupSeconds: number;
    outageSeconds: number;
    samplesPerMessage?: number;
    maxInFlight?: number;
  };
  code: string;
  filesystem: string;
  background: number;
  idle: { node: number; nodeTsx: number };
  allPolledS: number;
  steady: {
    seconds: number;
    polledPerSecond: number;
    deliveredPerSecond: number;
    cpu: CpuSplit;
    rss: RssStats;
    queueMax: number;
    queueEnd: number;
    lateness: number[];
  };
  outage: { seconds: number; polledPerSecond: number; cpu: CpuSplit; rss: RssStats; queueEnd: number };
  replay: {
    reconnectS: number;
    historical: number;
    historicalSeconds: number;
    caughtUpSeconds: number;
    caughtUpQueue: number;
    deliveredUntilCaughtUp: number;
    cpu: CpuSplit;
    rss: RssStats;
  };
  count: {
    expected: number;
    received: number;
    distinct: number;
    historical: number;
    liveInOutage: number;
    messages: number;
    bytes: number;
  };
  /** VmHWM of the edge at the end: its peak RSS over the whole run */
  hwm: number;
  totalS: number;
  /** edge log lines about adapter errors, drops, torn segments, failed publishes */
  problems: string[];
}

/** The filesystem type of the queue directory (fsync costs differ: tmpfs, ext4, overlay…). */
export function filesystemOf(dir: string): string {
  try {
    return execFileSync('df', ['--output=fstype', dir], { encoding: 'utf8' }).split('\n')[1]?.trim() || '?';
  } catch {
    return '?';
  }
}

const cpuOf = (c: CpuSplit) =>
  `edge ${fixed(c.server, 2)}, bench process (Modbus slaves + broker) ${fixed(c.publishers, 2)}, other processes ${fixed(c.others, 2)}, idle ${fixed(c.idle, 2)}`;
const MB = (bytes: number) => `${mib(bytes)} (${fixed(bytes / 1e6, 0)} MB)`;

export function edgeEntry(r: EdgeRun): string {
  const { steady, outage, replay, count, settings: s } = r;
  const offered = (s.tags * 1000) / s.pollIntervalMs;
  const late = steady.lateness;
  const missing = count.expected - count.distinct;
  const duplicates = count.received - count.distinct;
  const isSustained =
    steady.polledPerSecond >= 0.98 * offered &&
    steady.deliveredPerSecond >= 0.98 * steady.polledPerSecond &&
    steady.queueEnd <= offered;
  const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');
  const historicalRate = replay.historical / replay.historicalSeconds;
  const catchUpRate = replay.deliveredUntilCaughtUp / replay.caughtUpSeconds;
  const replayPeak = Math.max(outage.rss.peak, replay.rss.peak, r.hwm);
  const busiest = Math.max(steady.cpu.others, outage.cpu.others, replay.cpu.others);
  const uplink = `${s.samplesPerMessage ?? 'default (500)'} samples per message, ${s.maxInFlight ?? 'default (4)'} in flight`;
  return `
## Edge gateway — ${int(s.tags)} Modbus tags every ${s.pollIntervalMs} ms${r.runtime === 'tsx' ? ' — from the sources (tsx)' : ''} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

- Machine: ${machine(`queue directory on ${r.filesystem}`)}. The edge, and this bench process (Modbus slaves and the broker), share the cores; other processes used ${fixed(r.background, 2)} cores before the start, ${fixed(steady.cpu.others, 2)} / ${fixed(outage.cpu.others, 2)} / ${fixed(replay.cpu.others, 2)} during the steady, outage and replay windows${busiest > 0.3 ? ' — **the machine was busy: rates measured then are lower than an idle machine gives**' : ''}.
- Command: \`${r.command}\` — the real gateway (\`node ${r.nodeFlags.join(' ')} ${r.runtime === 'js' ? 'apps/edge/dist/main.js' : '--import tsx apps/edge/src/main.ts'}\`, its own process; node-opcua is not loaded, no OPC UA adapter being configured) polls ${s.devices} Modbus TCP devices × ${s.registersPerDevice} holding registers (uint16 and uint32 alternating; ${s.devices} connections) every ${s.pollIntervalMs} ms; every value is new on every poll and the deadband is 0 (keep-alive off), so every tag polled is a sample — the worst case. Default queue (fsync group commit every 200 ms or 1000 samples); uplink ${uplink}, QoS 1, reconnect back-off 0.5–2 s.
- Cloud: an Aedes broker inside the bench process that counts the samples in each telemetry message and sends the PUBACK at once — this measures the edge, not the GreenMES server (see the ingest entries for that).
- Code: ${r.code}.
- Windows: ${s.warmupSeconds} s warm-up after every tag had been polled once (${fixed(r.allPolledS, 1)} s after the start), steady ${fixed(steady.seconds, 0)} s, outage ${fixed(outage.seconds, 0)} s (listener closed and connections dropped: the edge can neither publish nor reconnect), then the replay until the queue is back to ≤ ${int(replay.caughtUpQueue)} samples. Whole run ${fixed(r.totalS, 0)} s.

| window | tags/s polled | samples/s delivered | edge CPU (cores) | edge RSS median | edge RSS peak | queue |
|---|---|---|---|---|---|---|
| steady | ${int(steady.polledPerSecond)} of ${int(offered)} | ${int(steady.deliveredPerSecond)} | ${fixed(steady.cpu.server, 2)} | ${mib(steady.rss.median)} | ${mib(steady.rss.peak)} | ≤ ${int(steady.queueMax)}, ${int(steady.queueEnd)} at the end |
| outage | ${int(outage.polledPerSecond)} | 0 | ${fixed(outage.cpu.server, 2)} | ${mib(outage.rss.median)} | ${mib(outage.rss.peak)} | ${int(outage.queueEnd)} at the end |
| replay | — | ${int(catchUpRate)} until caught up | ${fixed(replay.cpu.server, 2)} | ${mib(replay.rss.median)} | ${mib(replay.rss.peak)} | back to ≤ ${int(replay.caughtUpQueue)} |

- CPU (cores, of the machine's): steady ${cpuOf(steady.cpu)}; outage ${cpuOf(outage.cpu)}; replay ${cpuOf(replay.cpu)}. Per tag in the steady window: ${fixed((steady.cpu.server * 1e6) / steady.polledPerSecond, 1)} µs of edge CPU (poll, report-by-exception, queue with fsync, JSON, MQTT).
- Poll lateness (the same span read again, minus the ${s.pollIntervalMs} ms interval, seen by the slaves; ${int(late.length)} intervals): p50 ${ms(percentile(late, 50))}, p99 ${ms(percentile(late, 99))}, max ${ms(late.at(-1) ?? NaN)}.
- Replay: the edge reconnected ${fixed(replay.reconnectS, 1)} s after the broker came back; the ${int(replay.historical)} samples queued before that went out flagged historical in ${fixed(replay.historicalSeconds, 1)} s = **${int(historicalRate)} samples/s** (${fixed(historicalRate / offered, 1)}× the production rate, while polling went on); the queue was back to ≤ ${int(replay.caughtUpQueue)} samples ${fixed(replay.caughtUpSeconds, 1)} s after the reconnect (${int(catchUpRate)} samples/s delivered meanwhile).
- Count, after freezing the values and letting the queue drain: the slaves served ${int(count.expected)} new tag values; the cloud received ${int(count.received)} samples in ${int(count.messages)} messages (${fixed(count.bytes / count.messages / 1024, 1)} kB each), ${int(count.distinct)} distinct (device, metric, ts): **${missing === 0 ? 'none missing' : `${int(missing)} missing`}**, ${int(duplicates)} re-delivered${duplicates > 0 ? ' (in flight when the connections were dropped: at-least-once on the wire, stored once by the idempotent cloud)' : ''}; ${int(count.historical)} flagged historical, ${count.liveInOutage === 0 ? 'none' : `**${int(count.liveInOutage)}**`} stamped inside the outage arrived flagged live.
- Edge RSS: peak over the whole run (VmHWM) ${MB(r.hwm)}. Reference in the same run: an idle \`node\` ${mib(r.idle.node)}, an idle \`node --import tsx\` ${mib(r.idle.nodeTsx)} (the loader's share, ${mib(r.idle.nodeTsx - r.idle.node)}, is not paid by the built edge).${r.problems.length ? `\n- Edge log lines about problems (${r.problems.length}): ${r.problems.slice(0, 5).join(' | ')}` : ''}

| target | result | verdict |
|---|---|---|
| ${int(TARGET.tagsPerSecond)} tags/s sustained (polled every second, delivered to the cloud) | ${int(steady.polledPerSecond)} tags/s polled, ${int(steady.deliveredPerSecond)} samples/s delivered${isSustained ? ' (kept up)' : ' (fell behind)'} | ${verdict(isSustained && s.tags >= TARGET.tagsPerSecond && s.pollIntervalMs <= 1000)} |
| RSS < 150 MB while polling ${int(s.tags)} tags every second | steady peak ${MB(steady.rss.peak)}, median ${mib(steady.rss.median)} | ${verdict(steady.rss.peak < TARGET.rssBytes)} |
| RSS < 150 MB through the outage and the replay | peak ${MB(replayPeak)} (VmHWM) | ${verdict(replayPeak < TARGET.rssBytes)} |
| replay after a ${fixed(outage.seconds, 0)} s outage, none missing | ${int(historicalRate)} samples/s; ${int(missing)} missing | ${verdict(missing === 0 && count.liveInOutage === 0)} |
`;
}

/**
 * The edge gateway as a separate process (`node <apps/edge/node-flags.json> apps/edge/dist/main.js <config.json>`), so its
 * RSS is its own: a generated config, the status line it logs every second (uplink, queue depth), and
 * its RSS sampled from /proc every 250 ms. Also the RSS of idle `node` and idle `node --import tsx`
 * processes, the floor the edge's figure includes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from '../ingest/report.ts';
import { ROOT, rssOf } from '../ingest/server.ts';
import type { BenchRegister, SlaveDevice } from './modbus-slaves.ts';

export const TENANT = 'bench';
export const GATEWAY = 'edge-bench';

export function writeEdgeConfig({
  dir,
  cloudUrl,
  slaves,
  registers,
  pollIntervalMs,
  uplink,
}: {
  dir: string;
  cloudUrl: string;
  slaves: SlaveDevice[];
  registers: BenchRegister[];
  pollIntervalMs: number;
  uplink: { samplesPerMessage?: number; maxInFlight?: number };
}): string {
  const config = {
    gateway: { cloudUrl, token: 'gmd_bench', tenantCode: TENANT, gatewayCode: GATEWAY },
    queue: { dir: 'queue' },
    // a short reconnect back-off: the replay is measured from the reconnect, not from a 30 s back-off wait
    uplink: { ...uplink, reconnectMinMs: 500, reconnectMaxMs: 2_000 },
    statusIntervalS: 1,
    adapters: slaves.map((s) => ({
      kind: 'modbus',
      name: s.device,
      host: '127.0.0.1',
      port: s.port,
      unitId: s.unitId,
      pollIntervalMs,
      device: s.device,
      // deadband 0: every change is a sample; keep-alive off, so the count of samples is exact
      registers: registers.map((r) => ({ ...r, deadband: 0, keepAliveS: 0 })),
    })),
  };
  const file = join(dir, 'gateway.json');
  writeFileSync(file, JSON.stringify(config, null, 1));
  return file;
}

export interface EdgeStatus {
  at: number;
  connected: boolean;
  queue: number;
}

/** The V8 heap limits the edge is deployed with (apps/edge/node-flags.json, apps/edge/README.md). */
export const EDGE_NODE_FLAGS = JSON.parse(
  readFileSync(join(ROOT, 'apps/edge/node-flags.json'), 'utf8'),
) as string[];

export function startEdge({ configFile, runtime }: { configFile: string; runtime: 'js' | 'tsx' }) {
  if (runtime === 'js') {
    const built = spawnSync('npm', ['run', 'build', '-w', '@greenmes/edge'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build -w @greenmes/edge failed');
  }
  const entry =
    runtime === 'js'
      ? [...EDGE_NODE_FLAGS, 'apps/edge/dist/main.js']
      : [...EDGE_NODE_FLAGS, '--import', 'tsx', 'apps/edge/src/main.ts'];
  const child = spawn(process.execPath, [...entry, configFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partial = '';
  const statuses: EdgeStatus[] = [];
  const otherLines: string[] = [];
  child.stdout.on('data', (b: Buffer) => {
    const text = partial + b.toString();
    const lines = text.split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const m = /^status: uplink (connected|offline), queue (\d+) samples/.exec(line);
      if (m) statuses.push({ at: performance.now(), connected: m[1] === 'connected', queue: Number(m[2]) });
      else otherLines.push(line);
    }
    output = (output + b.toString()).slice(-20_000);
  });
  child.stderr.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return {
    pid: child.pid!,
    get exited() {
      return exited;
    },
    output: () => output,
    statuses,
    /** log lines other than the status line (adapter errors, uplink reconnects, queue drops) */
    otherLines,
    lastStatus: () => statuses.at(-1) ?? null,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
export type EdgeProcess = ReturnType<typeof startEdge>;

/** Child processes of `pid` (e.g. a helper a loader started); their RSS is not in the process's own. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** RSS of a process every `everyMs`, kept with the time, so each phase gets its own median and peak. */
export function rssSeries(pid: number, everyMs = 250) {
  const points: Array<{ at: number; rss: number }> = [];
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (rss > 0) points.push({ at: performance.now(), rss });
  }, everyMs);
  timer.unref();
  return {
    /** median and peak between two performance.now() times */
    between(from: number, to: number) {
      const rss = points
        .filter((p) => p.at >= from && p.at <= to)
        .map((p) => p.rss)
        .sort((a, b) => a - b);
      return { median: percentile(rss, 50), peak: rss.at(-1) ?? NaN, samples: rss.length };
    },
    /** the kernel's high-water mark of the process (VmHWM): a peak no 250 ms sampling can miss */
    hwm: () => rssOf(pid, 'VmHWM'),
    stop: () => clearInterval(timer),
  };
}

/** RSS after `settleMs` of an idle `node` and an idle `node --import tsx` (what the edge's RSS starts from). */
export async function idleReferences(settleMs = 3000): Promise<{ node: number; nodeTsx: number }> {
  const run = async (args: string[]) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, settleMs));
    const rss = rssOf(child.pid!);
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
    return rss;
  };
  const [node, nodeTsx] = await Promise.all([
    run(['-e', 'setInterval(() => {}, 1000)']),
    run(['--import', 'tsx', 'bench/edge/idle.ts']),
  ]);
  return { node, nodeTsx };
}

/** The GreenMES server as a separate process, its ports, and what /proc and /metrics say about it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  pid: number;
  httpUrl: string;
  mqttUrl: string;
  /** stdout and stderr so far (for a failure message) */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx apps/server/src/main.ts` and waits until /readyz answers. */
export async function startServer({
  env,
  nodeArgs = [],
}: {
  env: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const [port, mqttPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        MQTT_PORT: String(mqttPort), // never 1883: Mosquitto has it
        MQTT_HOST: '127.0.0.1',
        GREENMES_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (b: Buffer) => (output = (output + b.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const httpUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`server exited during start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 120 s:\n${output}`);
    }
    const ok = await fetch(`${httpUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM'); // graceful: the writer commits what is queued, PGlite closes its directory
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process in bytes (VmRSS), or the kernel's peak (VmHWM); 0 once it is gone. */
export function rssOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs`; `peak` is the largest seen since the last reset. */
export function watchRss(pid: number, everyMs = 250) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs);
  timer.unref();
  return {
    get peak() {
      return Math.max(peak, rssOf(pid));
    },
    reset() {
      peak = rssOf(pid);
    },
    stop: () => clearInterval(timer),
  };
}

/** Prometheus text → { 'name{labels}': value } for the few series the report reads. */
export async function scrapeMetrics(httpUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** Sum of every series whose name (before the labels) is `name`. */
export function metricSum(m: Map<string, number>, name: string): number {
  let sum = 0;
  for (const [k, v] of m) if (k === name || k.startsWith(`${name}{`)) sum += v;
  return sum;
}

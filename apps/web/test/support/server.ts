import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const WEB_DIR = join(REPO_ROOT, 'apps/web');
export const OUTPUT_DIR = join(REPO_ROOT, 'test-output');
export const DEMO_PASSWORD = 'greenmes-demo';
export const OPERATOR_PASSWORD = 'operator-Browser-1';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the web app when dist is missing or older than its sources, so the server serves this code. */
export function ensureWebBuilt(): void {
  const index = join(WEB_DIR, 'dist/index.html');
  const sources = Math.max(
    newestMtime(join(WEB_DIR, 'src')),
    newestMtime(join(WEB_DIR, 'index.html')),
    newestMtime(join(WEB_DIR, 'vite.config.ts')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Starts the real server on a fresh embedded database; the first start seeds the demo tenant. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  // the embedded MQTT broker too: 1883 may belong to a local broker or a parallel test run
  const mqttPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'greenmes-web-e2e-'));
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const log = createWriteStream(join(OUTPUT_DIR, 'browser-test-server.log'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MQTT_PORT: String(mqttPort),
      MQTT_HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      GREENMES_DEMO_PASSWORD: DEMO_PASSWORD,
      GREENMES_OPERATOR_PASSWORD: OPERATOR_PASSWORD,
      // a year of generated meter history takes minutes to roll up: the journeys run on live data only
      GREENMES_DEMO_HISTORY_DAYS: process.env.GREENMES_DEMO_HISTORY_DAYS ?? '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exitCode: number | null = null;
  child.on('exit', (code) => (exitCode = code ?? -1));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== null)
      throw new Error(`server exited with ${exitCode}; see test-output/browser-test-server.log`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server not ready within 60 s; see test-output/browser-test-server.log');
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  const stop = async () => {
    if (exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop };
}

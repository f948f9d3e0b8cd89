// `npm start`: builds the web app when the build is missing or older than its sources, then runs the server
// (TypeScript through tsx) and, for the demo, the factory simulator and an edge gateway commissioned against
// it; signals are passed through for a graceful shutdown.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'apps/web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/contracts/src']
  .map((p) => join(root, p))
  .filter(existsSync)
  .map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs));
const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources);
if (stale && existsSync(join(root, 'apps/web/src'))) {
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@greenmes/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const env = process.env;
const off = (v) => /^(0|false|no|off)$/i.test(v ?? '');
const children = new Set();
let exiting = false;
function exitAll(code) {
  if (exiting) return;
  exiting = true;
  for (const c of children) c.kill('SIGTERM');
  const wait = setInterval(() => {
    if ([...children].every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code);
  }, 50);
  setTimeout(() => process.exit(code), 15_000).unref();
  wait.unref?.();
}

/** Runs a TypeScript entry (or node with `nodeArgs`); the simulator's and the edge's lines carry their name. */
function run(name, file, args = [], extraEnv = {}, nodeArgs = ['--import', 'tsx', join(root, file)]) {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', name === 'server' ? 'inherit' : 'pipe'],
  });
  children.add(child);
  const prefix = name === 'server' ? '' : `[${name}] `;
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${prefix}${line}\n`);
    child.emit('line', line);
  });
  if (child.stderr)
    createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`${prefix}${line}\n`));
  return child;
}

const server = run('server', 'apps/server/src/main.ts');
/** the server's HTTP and MQTT ports, once it says it is ready (main.ts prints them) */
const ready = new Promise((resolve) => {
  let http;
  server.on('line', (line) => {
    http ??= /GreenMES is running at http:\/\/localhost:(\d+)/.exec(line)?.[1];
    const mqtt = /embedded broker on mqtt:\/\/localhost:(\d+)/.exec(line)?.[1];
    if (http && mqtt) resolve({ http, mqtt });
  });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => exitAll(0));

// The demo factory comes alive: the simulator serves Modbus, OPC UA and MQTT, and an edge gateway reads it and
// uploads to the server. GREENMES_SIMULATOR=false (or GREENMES_DEMO=false, or an external MQTT_URL) skips it.
const why = off(env.GREENMES_DEMO)
  ? 'GREENMES_DEMO is off'
  : off(env.GREENMES_SIMULATOR)
    ? 'GREENMES_SIMULATOR is off'
    : env.MQTT_URL
      ? 'MQTT_URL points at an external broker, which does not know the gateway credentials'
      : null;
if (why) console.log(`Factory simulator and edge gateway not started: ${why}.`);
else void startFactory();

async function startFactory() {
  const ports = await ready;
  const baseUrl = `http://127.0.0.1:${ports.http}`;
  const factoryEnv = {
    SIM_MQTT_BROKER_PORT: env.SIM_MQTT_BROKER_PORT || '11883',
    GREENMES_URL: baseUrl,
    GREENMES_CLOUD_MQTT_URL: `mqtt://127.0.0.1:${ports.mqtt}`,
    EDGE_DIR: join(env.DATA_DIR || join(root, 'data'), 'edge'),
    // commissioning writes the cloud's counter readings there; the simulator continues from them
    SIM_COUNTERS_FILE: join(env.DATA_DIR || join(root, 'data'), 'edge', 'counters.json'),
  };
  let code = 1;
  for (let attempt = 1; attempt <= 3 && code !== 0 && !exiting; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, 2_000));
    const commission = run('commission', 'apps/simulator/src/demo/commission-main.ts', [], factoryEnv);
    [code] = await once(commission, 'exit');
    children.delete(commission);
  }
  if (code !== 0 || exiting) {
    if (code !== 0)
      console.error('The demo edge gateway could not be commissioned; the server runs without it.');
    return;
  }
  const keep = (name, child) =>
    child.on('exit', (c, signal) => {
      children.delete(child);
      if (!exiting) console.error(`[${name}] exited (${signal ?? `code ${c}`}); the server keeps running`);
    });
  keep('simulator', run('simulator', 'apps/simulator/src/main.ts', [], factoryEnv));
  // the edge as it is deployed: built to JavaScript, with its heap limits (apps/edge/README.md)
  const built = spawnSync('npm', ['run', 'build', '-w', '@greenmes/edge'], { cwd: root, stdio: 'ignore' });
  const edgeFlags = JSON.parse(readFileSync(join(root, 'apps/edge/node-flags.json'), 'utf8'));
  const edgeArgs = [join(factoryEnv.EDGE_DIR, 'gateway.json')];
  keep(
    'edge',
    built.status === 0
      ? run('edge', '', edgeArgs, factoryEnv, [...edgeFlags, join(root, 'apps/edge/dist/main.js')])
      : run('edge', 'apps/edge/src/main.ts', edgeArgs, factoryEnv),
  );
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import pg from 'pg';

/**
 * The promise behind "ack after commit": SIGKILL the server while a device publishes with QoS 1,
 * restart it, let the device resend what was never acknowledged — every acknowledged sample is
 * stored, and every sample exactly once. Runs the real server process on PGlite, or PostgreSQL
 * when DATABASE_URL is set.
 */
const SERVER = join(import.meta.dirname, '../../../main.ts');
const OPERATOR_PASSWORD = 'operator-Pass-1';
const dataDir = mkdtempSync(join(tmpdir(), 'greenmes-crash-'));
const schema = process.env.DATABASE_URL ? `crash_${randomBytes(4).toString('hex')}` : undefined;
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function start(port: number, mqttPort: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MQTT_PORT: String(mqttPort),
      MQTT_HOST: '127.0.0.1',
      GREENMES_DEMO: 'false',
      GREENMES_OPERATOR_PASSWORD: OPERATOR_PASSWORD,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      ...(schema ? { DB_SCHEMA: schema } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('GreenMES is running')) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  server = child;
  return child;
}

async function api(port: number, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

afterAll(async () => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  if (schema) {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
});

describe('crash safety', () => {
  it('every sample acknowledged before a SIGKILL is stored, and after the resend every sample exactly once', async () => {
    const port = await freePort();
    const mqttPort = await freePort();
    let child = await start(port, mqttPort);

    const operator = await api(port, 'POST', '/api/v1/admin/auth/login', undefined, {
      username: 'operator',
      password: OPERATOR_PASSWORD,
    });
    await api(port, 'POST', '/api/v1/admin/tenants', operator.token as string, {
      code: 'crash',
      name: 'Crash test',
      admin: { username: 'admin', password: 'Secret-pass-1' },
    });
    const { token } = (await api(port, 'POST', '/api/v1/auth/login', undefined, {
      tenant: 'crash',
      username: 'admin',
      password: 'Secret-pass-1',
    })) as { token: string };
    const device = await api(port, 'POST', '/api/v1/devices', token, {
      code: 'D1',
      name: 'D1',
      metrics: [{ key: 'v', name: 'v', valueType: 'number', kind: 'gauge' }],
    });
    const cred = await api(port, 'POST', `/api/v1/devices/${device.id as string}/credentials`, token, {
      kind: 'token',
    });
    const [metric] = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/devices/${device.id as string}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as Array<{ id: number }>;

    // 400 messages × 50 samples, distinct timestamps; up to 40 in flight
    const base = Date.now() - 3_600_000;
    const messages = Array.from({ length: 400 }, (_, m) => ({
      payload: JSON.stringify({
        samples: Array.from({ length: 50 }, (_, i) => ({
          ts: base + (m * 50 + i) * 10,
          values: { v: m * 50 + i },
        })),
      }),
      acked: false,
    }));
    const publishAll = async (client: mqtt.MqttClient, stopAfterMs?: number) => {
      const started = Date.now();
      let next = 0;
      const workers = Array.from({ length: 40 }, async () => {
        while (next < messages.length) {
          const msg = messages[next++]!;
          if (msg.acked) continue;
          if (stopAfterMs !== undefined && Date.now() - started > stopAfterMs) return;
          try {
            await client.publishAsync(cred.topic as string, msg.payload, { qos: 1 });
            msg.acked = true;
          } catch {
            return; // connection gone (the server was killed)
          }
        }
      });
      await Promise.all(workers);
    };

    const first = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      username: cred.token as string,
      clientId: 'crash-d1',
      reconnectPeriod: 0,
    });
    first.on('error', () => undefined);
    const publishing = publishAll(first);
    // kill once some, but not all, messages are acknowledged
    while (messages.filter((m) => m.acked).length < 60) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    first.end(true);
    await Promise.race([publishing, new Promise((r) => setTimeout(r, 2000))]);
    const ackedBeforeCrash = messages.filter((m) => m.acked).length;
    expect(ackedBeforeCrash).toBeGreaterThanOrEqual(60);
    expect(ackedBeforeCrash).toBeLessThan(messages.length);

    child = await start(port, mqttPort);
    const count = async () => {
      const res = (await (
        await fetch(
          `http://127.0.0.1:${port}/api/v1/telemetry/series?metricIds=${metric!.id}&from=${new Date(base - 1000).toISOString()}&to=${new Date(base + 3_600_000).toISOString()}&resolution=raw&downsample=none`,
          { headers: { authorization: `Bearer ${token}` } },
        )
      ).json()) as { series: Array<{ points: Array<[number, number]> }> };
      return res.series[0]!.points;
    };
    const stored = new Set((await count()).map(([, v]) => v));
    messages.forEach((m, i) => {
      if (m.acked)
        for (let s = 0; s < 50; s++)
          expect(stored.has(i * 50 + s), `acknowledged sample ${i * 50 + s}`).toBe(true);
    });

    // the device resends everything unacknowledged (some of it may have been committed already)
    const second = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      username: cred.token as string,
      clientId: 'crash-d1',
      reconnectPeriod: 0,
    });
    await publishAll(second);
    await second.endAsync();
    expect(messages.every((m) => m.acked)).toBe(true);
    const points = await count();
    expect(points).toHaveLength(messages.length * 50);
    expect(new Set(points.map(([, v]) => v)).size).toBe(messages.length * 50);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
});

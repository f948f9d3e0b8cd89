import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/harness.ts';
import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { parseConfig } from './config/config.ts';
import { startGateway } from './gateway.ts';
import { DurableQueue } from './queue/durable-queue.ts';
import { makeCloudGateway, seriesOf, waitFor } from '../test/cloud.ts';

const MAIN = join(import.meta.dirname, 'main.ts');
let t: TestApp;
let cloud: Awaited<ReturnType<typeof makeCloudGateway>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await startTestApp();
  cloud = await makeCloudGateway(t, 'edge-kill');
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await t?.close();
});

function startEdge(configFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  children.push(child);
  return { child, output: () => output };
}
const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) =>
    c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code)),
  );

describe('edge gateway process', () => {
  it('kill -9 mid-upload, restart: the cloud ends with exactly the samples produced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-kill-'));
    const N = 6000;
    const t0 = Date.now() - 3_600_000;
    // production happened while the cloud was unreachable: the queue holds N durable samples
    const queue = DurableQueue.open({
      dir: join(dir, 'queue'),
      maxBytes: 50_000_000,
      maxAgeHours: 24,
      fsyncIntervalMs: 10,
      fsyncMaxSamples: 1000,
      log: () => {},
    });
    for (let i = 0; i < N; i++) queue.append([{ device: 'PM-01', metric: 'kw', ts: t0 + i * 100, value: i }]);
    queue.close();
    const configFile = join(dir, 'gateway.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        gateway: {
          cloudUrl: cloud.url,
          token: cloud.gatewayToken,
          tenantCode: cloud.tenantCode,
          gatewayCode: 'GW-1',
        },
        queue: { dir: './queue' },
        uplink: { samplesPerMessage: 50, maxInFlight: 2, reconnectMinMs: 50, reconnectMaxMs: 500 },
        statusIntervalS: 1,
      }),
    );
    const count = async () => (await seriesOf(t, cloud, 'PM-01', 'kw', t0 - 1, t0 + N * 100)).sourcePoints;

    const first = startEdge(configFile);
    await waitFor(async () => (await count()) > 300, 60_000);
    first.child.kill('SIGKILL'); // mid-upload: messages in flight, ack cursor behind
    await exited(first.child);
    const atKill = await count();
    expect(atKill, first.output()).toBeLessThan(N);

    const second = startEdge(configFile);
    await waitFor(async () => (await count()) >= N, 60_000);
    await waitFor(() => second.output().includes('queue 0 samples'), 10_000);
    second.child.kill('SIGTERM');
    expect(await exited(second.child), second.output()).toBe(0);

    const s = await seriesOf(t, cloud, 'PM-01', 'kw', t0 - 1, t0 + N * 100);
    expect(s.sourcePoints).toBe(N);
    expect(s.points).toEqual(Array.from({ length: N }, (_, i) => [t0 + i * 100, i]));
    // and the gateway's queue is empty: nothing will be sent again
    const after = DurableQueue.open({
      dir: join(dir, 'queue'),
      maxBytes: 50_000_000,
      maxAgeHours: 24,
      fsyncIntervalMs: 10,
      fsyncMaxSamples: 1000,
      log: () => {},
    });
    expect(after.depth).toBe(0);
    after.close();
  });

  it('in-process: a local-broker message → deadband → queue → cloud, end to end', async () => {
    const broker = await Aedes.createBroker();
    const local = createServer(broker.handle);
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    const localUrl = `mqtt://127.0.0.1:${(local.address() as { port: number }).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'edge-pipeline-'));
    const config = parseConfig({
      json: {
        gateway: {
          cloudUrl: cloud.url,
          token: cloud.gatewayToken,
          tenantCode: cloud.tenantCode,
          gatewayCode: 'GW-1',
        },
        queue: { dir: join(dir, 'queue'), fsyncIntervalMs: 10 },
        uplink: { reconnectMinMs: 50 },
        statusIntervalS: 1,
        adapters: [
          {
            kind: 'mqtt',
            name: 'meters',
            url: localUrl,
            reconnectMinMs: 20,
            topics: [
              {
                topic: 'meters/+',
                device: 'PM-02',
                tsPath: '$.ts',
                map: [{ path: '$.p.kw', metric: 'kw', deadband: 1 }],
              },
            ],
          },
        ],
      },
    });
    const gateway = await startGateway({ config, log: () => {} });
    await waitFor(() => gateway.adapters[0]!.health().state === 'up' && gateway.uplink.status().connected);
    await new Promise((r) => setTimeout(r, 100)); // the subscription
    const t0 = Date.now() - 7_200_000;
    const readings = [10, 10.5, 11.2, 11.9, 12.3, 9, 9.5, 20];
    const pub = await mqtt.connectAsync(localUrl);
    for (const [i, kw] of readings.entries())
      await pub.publishAsync('meters/m2', JSON.stringify({ ts: t0 + i * 1000, p: { kw } }), { qos: 1 });
    await pub.endAsync();
    // deadband 1 against the last reported value: 10, 11.2, 12.3, 9, 20
    const expected = [0, 2, 4, 5, 7].map((i) => [t0 + i * 1000, readings[i]]);
    await waitFor(
      async () => (await seriesOf(t, cloud, 'PM-02', 'kw', t0 - 1, t0 + 10_000)).sourcePoints >= 5,
    );
    await waitFor(() => gateway.queue.depth === 0);
    expect((await seriesOf(t, cloud, 'PM-02', 'kw', t0 - 1, t0 + 10_000)).points).toEqual(expected);
    // the gateway's own status reaches the cloud UI
    const cloudStatus = async () =>
      (await t.call({ url: `/api/v1/gateways/${cloud.gatewayId}/status`, token: cloud.token })).json<{
        status: {
          uplink: string;
          queueDepth: number;
          adapters: Array<{ name: string; state: string }>;
        } | null;
      }>().status;
    // (the child gateway of the test above reports for the same cloud gateway: wait for this one's report)
    await waitFor(async () => (await cloudStatus())?.adapters[0]?.name === 'meters');
    expect(await cloudStatus()).toMatchObject({
      uplink: 'connected',
      adapters: [{ name: 'meters', state: 'connected' }],
    });
    await gateway.stop();
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => local.close(() => r()));
  });
});

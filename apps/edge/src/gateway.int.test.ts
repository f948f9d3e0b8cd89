import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/harness.ts';
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
});

import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/harness.ts';
import { makeCloudGateway, seriesOf, waitFor } from '../test/cloud.ts';
import { loadApplied } from './config/cloud-config.ts';
import { parseConfig } from './config/config.ts';
import { startGateway } from './gateway.ts';

let t: TestApp;
let cloud: Awaited<ReturnType<typeof makeCloudGateway>>;
let httpBase: string;

beforeAll(async () => {
  t = await startTestApp();
  cloud = await makeCloudGateway(t, 'edge-cfg');
  httpBase = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.close();
});

const mqttAdapter = (name: string, url: string, topic: string, device: string) => ({
  kind: 'mqtt',
  name,
  url,
  reconnectMinMs: 20,
  topics: [{ topic, device, tsPath: '$.ts', map: [{ path: '$.kw', metric: 'kw' }] }],
});

describe('configuration from the cloud', () => {
  it('pulls, applies without a restart, rejects an invalid version and survives a restart offline', async () => {
    const broker = await Aedes.createBroker();
    const local = createServer(broker.handle);
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    const localUrl = `mqtt://127.0.0.1:${(local.address() as { port: number }).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'edge-cfg-'));
    const json = (cloudHttpUrl: string) => ({
      gateway: {
        cloudUrl: cloud.url,
        token: cloud.gatewayToken,
        tenantCode: cloud.tenantCode,
        gatewayCode: 'GW-1',
        cloudHttpUrl,
      },
      queue: { dir: join(dir, 'queue'), fsyncIntervalMs: 10 },
      uplink: { reconnectMinMs: 50 },
      statusIntervalS: 1,
    });
    const save = async (config: unknown) => {
      const res = await t.call({
        method: 'POST',
        url: `/api/v1/gateways/${cloud.gatewayId}/config`,
        token: cloud.token,
        body: { config },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ version: number }>().version;
    };
    const cloudStatus = async () =>
      (await t.call({ url: `/api/v1/gateways/${cloud.gatewayId}/status`, token: cloud.token })).json<{
        status: {
          configVersion?: number | null;
          configError?: string | null;
          adapters: Array<{ name: string }>;
        } | null;
      }>().status;
    const pub = await mqtt.connectAsync(localUrl);
    const t0 = Date.now() - 3_600_000;
    let i = 0;
    /** publishes until the value reaches the cloud (the adapter may still be subscribing) */
    const delivered = async (topic: string, device: string) => {
      const kw = ++i;
      const ts = t0 + kw * 1000;
      await waitFor(async () => {
        await pub.publishAsync(topic, JSON.stringify({ ts, kw }), { qos: 1 });
        const s = await seriesOf(t, cloud, device, 'kw', ts - 1, ts + 1);
        return s.points.some(([, v]) => v === kw);
      });
    };

    // v1 is saved before the gateway starts: it is pulled once at start
    const v1 = await save({ adapters: [mqttAdapter('meters-v1', localUrl, 'meters/+', 'PM-02')] });
    const gateway = await startGateway({ config: parseConfig({ json: json(httpBase) }), log: () => {} });
    expect(gateway.adapters).toHaveLength(0); // the local file has none
    await waitFor(() => gateway.config().version === v1);
    expect(gateway.adapters.map((a) => a.health().name)).toEqual(['meters-v1']);
    await delivered('meters/m2', 'PM-02');
    await waitFor(async () => (await cloudStatus())?.configVersion === v1);

    // an invalid v2 is announced and rejected: v1 keeps running, the cloud sees the error
    const v2 = await save({
      adapters: [{ ...mqttAdapter('bad', localUrl, 'x', 'PM-02'), url: 'http://nope' }],
    });
    await waitFor(async () => (await cloudStatus())?.configError != null);
    const rejected = await cloudStatus();
    expect(rejected).toMatchObject({ configVersion: v1, adapters: [{ name: 'meters-v1' }] });
    expect(rejected!.configError).toContain(`v${v2}`);
    expect(rejected!.configError).toMatch(/adapters\[0\]\.url: an mqtt:\/\/ or mqtts:\/\/ URL/);
    await delivered('meters/m2', 'PM-02');

    // a valid v3 replaces the adapter; the queue and the uplink kept running
    const v3 = await save({
      adapters: [mqttAdapter('meters-v3', localUrl, 'plant/+', 'PM-01')],
      statusIntervalS: 2,
    });
    await waitFor(() => gateway.config().version === v3);
    expect(gateway.config()).toMatchObject({ error: null, current: { statusIntervalS: 2 } });
    expect(gateway.adapters.map((a) => a.health().name)).toEqual(['meters-v3']);
    await delivered('plant/p1', 'PM-01');
    await waitFor(async () => {
      const s = await cloudStatus();
      return s?.configVersion === v3 && s.configError === null;
    });
    expect(loadApplied(join(dir, 'queue'))?.version).toBe(v3);
    await waitFor(() => gateway.queue.depth === 0);
    await gateway.stop();

    // restart without reach of the cloud's HTTP API: the last applied version runs
    const offline = await startGateway({
      config: parseConfig({ json: json('http://127.0.0.1:1') }),
      log: () => {},
    });
    expect(offline.config().version).toBe(v3);
    expect(offline.adapters.map((a) => a.health().name)).toEqual(['meters-v3']);
    await delivered('plant/p1', 'PM-01');
    await offline.stop();

    await pub.endAsync();
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => local.close(() => r()));
  });
});

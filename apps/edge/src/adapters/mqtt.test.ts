import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.ts';
import type { TMqttAdapter } from '../config/config.schema.ts';
import type { Sample } from '../sample.ts';
import { waitFor } from '../../test/cloud.ts';
import { freePort } from '../../test/free-port.ts';
import { parseJsonPath, readJsonPath } from './json-path.ts';
import { MqttAdapter, topicMatches } from './mqtt.ts';

let broker: Aedes;
let server: Server;
let url: string;

beforeAll(async () => {
  broker = await Aedes.createBroker();
  server = createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => broker.close(() => r()));
  await new Promise<void>((r) => server.close(() => r()));
});

describe('JSON paths and topic filters', () => {
  it('reads nested keys and array items', () => {
    const doc = { gas_flow_m3h: 12.5, a: { b: [{ c: 'x' }] } };
    expect(readJsonPath(doc, parseJsonPath('$.gas_flow_m3h'))).toBe(12.5);
    expect(readJsonPath(doc, parseJsonPath('$.a.b[0].c'))).toBe('x');
    expect(readJsonPath(doc, parseJsonPath('$.a.z.q'))).toBeUndefined();
    expect(topicMatches('line1/+/gas', 'line1/b2/gas')).toBe(true);
    expect(topicMatches('line1/#', 'line1/b2/gas')).toBe(true);
    expect(topicMatches('line1/+', 'line1/b2/gas')).toBe(false);
  });
});

describe('MQTT adapter', () => {
  it('maps JSON paths of messages on a local broker to samples', async () => {
    const config = parseConfig({
      json: {
        gateway: { cloudUrl: 'mqtt://127.0.0.1:1', token: 't', tenantCode: 'a', gatewayCode: 'g' },
        queue: { dir: '/tmp/x' },
        adapters: [
          {
            kind: 'mqtt',
            name: 'gas',
            url,
            reconnectMinMs: 20,
            topics: [
              {
                topic: 'plant/+/gas',
                device: 'GAS-01',
                tsPath: '$.ts',
                map: [
                  { path: '$.gas_flow_m3h', metric: 'flow' },
                  { path: '$.status.running', metric: 'running' },
                ],
              },
            ],
          },
        ],
      },
    }).adapters[0] as TMqttAdapter;
    const got: Sample[] = [];
    const adapter = new MqttAdapter(
      config,
      (s) => got.push(...s),
      () => {},
    );
    adapter.start();
    await waitFor(() => adapter.health().state === 'up');
    await new Promise((r) => setTimeout(r, 100)); // the subscription
    const pub = await mqtt.connectAsync(url);
    await pub.publishAsync(
      'plant/b1/gas',
      JSON.stringify({ ts: 1_763_798_400_000, gas_flow_m3h: 3.5, status: { running: true } }),
    );
    await pub.publishAsync('plant/b1/gas', 'not json');
    await pub.publishAsync('other/topic', JSON.stringify({ gas_flow_m3h: 1 }));
    await waitFor(() => got.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([
      { device: 'GAS-01', metric: 'flow', ts: 1_763_798_400_000, value: 3.5 },
      { device: 'GAS-01', metric: 'running', ts: 1_763_798_400_000, value: true },
    ]);
    expect(adapter.health().lastError).toMatch(/not JSON/);
    await pub.endAsync();
    await adapter.stop();
  });

  it('retries with back-off while the broker is down and recovers when it comes up', async () => {
    const port = await freePort();
    const config = parseConfig({
      json: {
        gateway: { cloudUrl: 'mqtt://127.0.0.1:1', token: 't', tenantCode: 'a', gatewayCode: 'g' },
        queue: { dir: '/tmp/x' },
        adapters: [
          {
            kind: 'mqtt',
            name: 'late',
            url: `mqtt://127.0.0.1:${port}`,
            reconnectMinMs: 20,
            reconnectMaxMs: 100,
            topics: [{ topic: 'late/gas', device: 'GAS-02', map: [{ path: '$.v', metric: 'flow' }] }],
          },
        ],
      },
    }).adapters[0] as TMqttAdapter;
    const got: Sample[] = [];
    const adapter = new MqttAdapter(
      config,
      (s) => got.push(...s),
      () => {},
    );
    adapter.start();
    await waitFor(() => adapter.health().failures >= 3);
    expect(adapter.health().state).not.toBe('up');
    const late = await Aedes.createBroker();
    const lateServer = createServer(late.handle);
    await new Promise<void>((r) => lateServer.listen(port, '127.0.0.1', r));
    await waitFor(() => adapter.health().state === 'up');
    await new Promise((r) => setTimeout(r, 100));
    const pub = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`);
    await pub.publishAsync('late/gas', JSON.stringify({ v: 4 }));
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ device: 'GAS-02', metric: 'flow', value: 4 });
    await pub.endAsync();
    await adapter.stop();
    await new Promise<void>((r) => late.close(() => r()));
    await new Promise<void>((r) => lateServer.close(() => r()));
  });
});

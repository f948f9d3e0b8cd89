import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../server/test/harness.ts';
import { DurableQueue } from '../queue/durable-queue.ts';
import { MqttUplink } from './mqtt-uplink.ts';
import { makeCloudGateway, seriesOf, waitFor } from '../../test/cloud.ts';
import { freePort } from '../../test/free-port.ts';

let t: TestApp;
let cloud: Awaited<ReturnType<typeof makeCloudGateway>>;

beforeAll(async () => {
  t = await startTestApp();
  cloud = await makeCloudGateway(t, 'edge-uplink');
});
afterAll(() => t?.close());

describe('uplink to the real cloud', () => {
  it('outage: the cloud ends with exactly the samples produced, none missing, none duplicated', async () => {
    const queue = DurableQueue.open({
      dir: mkdtempSync(join(tmpdir(), 'edge-uplink-')),
      maxBytes: 50_000_000,
      maxAgeHours: 24,
      fsyncIntervalMs: 5,
      fsyncMaxSamples: 50,
      log: () => {},
    });
    const uplink = new MqttUplink({
      queue,
      cloudUrl: cloud.url,
      token: cloud.gatewayToken,
      tenantCode: cloud.tenantCode,
      gatewayCode: cloud.gatewayCode,
      samplesPerMessage: 40,
      maxInFlight: 3,
      reconnectMinMs: 20,
      reconnectMaxMs: 200,
      log: () => {},
    });
    uplink.start();
    const t0 = Date.now() - 3_600_000;
    const produced: number[] = [];
    const produce = async (n: number) => {
      for (let k = 0; k < n; k++) {
        const i = produced.length;
        produced.push(i);
        queue.append([
          { device: 'PM-01', metric: 'kw', ts: t0 + i * 1000, value: i * 0.5 },
          { device: 'PM-02', metric: 'kw', ts: t0 + i * 1000, value: 100 - i },
        ]);
        if (k % 20 === 0) await new Promise((r) => setTimeout(r, 2));
      }
    };
    await produce(300);
    await waitFor(() => uplink.status().connected && queue.ackedSeq >= 100);
    uplink.pause(); // the uplink is cut mid-upload (messages in flight are lost) while production continues …
    await produce(400);
    expect(uplink.status().connected).toBe(false);
    expect(uplink.status().queueDepth).toBeGreaterThan(0);
    uplink.resume(); // … and restored, with production still going
    await produce(300);
    queue.flush();
    await waitFor(() => queue.depth === 0 && queue.ackedSeq === queue.lastSeq);
    await uplink.stop();
    queue.close();

    for (const [device, value] of [
      ['PM-01', (i: number) => i * 0.5],
      ['PM-02', (i: number) => 100 - i],
    ] as const) {
      const s = await seriesOf(t, cloud, device, 'kw', t0 - 1000, t0 + 1_001_000);
      expect(s.sourcePoints).toBe(1000);
      expect(s.points).toEqual(produced.map((i) => [t0 + i * 1000, value(i)]));
    }
  });

  it('MQTT unreachable: batches go over HTTPS after the fallback delay, MQTT takes over when it is back; exactly once', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const httpUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // the gateway reaches the broker through this port: closed at first (a firewall), forwarded later
    const mqttPort = await freePort();
    const brokerPort = Number(new URL(cloud.url).port);
    const queue = DurableQueue.open({
      dir: mkdtempSync(join(tmpdir(), 'edge-https-')),
      maxBytes: 50_000_000,
      maxAgeHours: 24,
      fsyncIntervalMs: 5,
      fsyncMaxSamples: 50,
      log: () => {},
    });
    const lines: string[] = [];
    const uplink = new MqttUplink({
      queue,
      cloudUrl: `mqtt://127.0.0.1:${mqttPort}`,
      cloudHttpUrl: httpUrl,
      httpFallbackAfterMs: 300,
      token: cloud.gatewayToken,
      tenantCode: cloud.tenantCode,
      gatewayCode: cloud.gatewayCode,
      samplesPerMessage: 40,
      maxInFlight: 3,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
      log: (l) => lines.push(l),
    });
    const t0 = Date.now() - 7_200_000;
    let produced = 0;
    const produce = (n: number) => {
      for (let k = 0; k < n; k++, produced++)
        queue.append([{ device: 'PM-01', metric: 'kw', ts: t0 + produced * 1000, value: produced }]);
    };
    uplink.start();
    produce(200);
    expect(uplink.status().isHttpFallback).toBe(false); // not before the delay
    await waitFor(() => uplink.status().isHttpFallback && queue.ackedSeq >= 200, 20_000);
    expect(uplink.status().connected).toBe(false);
    produce(200);
    await waitFor(() => queue.ackedSeq >= 400, 20_000);

    const forwarder: Server = createServer((socket) => {
      const upstream = connect(brokerPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => forwarder.listen(mqttPort, '127.0.0.1', resolve));
    await waitFor(() => uplink.status().connected, 20_000);
    expect(uplink.status().isHttpFallback).toBe(false);
    produce(200);
    queue.flush();
    await waitFor(() => queue.depth === 0 && queue.ackedSeq === queue.lastSeq, 20_000);
    await uplink.stop();
    queue.close();
    forwarder.close();

    expect(lines.some((l) => l.includes('sending over HTTPS'))).toBe(true);
    expect(lines.some((l) => l.includes('leaving the HTTPS fallback'))).toBe(true);
    const s = await seriesOf(t, cloud, 'PM-01', 'kw', t0 - 1000, t0 + 1_000_000);
    expect(s.sourcePoints).toBe(600);
    expect(s.points).toEqual(Array.from({ length: 600 }, (_, i) => [t0 + i * 1000, i]));
  });
});

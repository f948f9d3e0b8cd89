import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../server/test/harness.ts';
import { DurableQueue } from '../queue/durable-queue.ts';
import { MqttUplink } from './mqtt-uplink.ts';
import { makeCloudGateway, seriesOf, waitFor } from '../../test/cloud.ts';

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
});

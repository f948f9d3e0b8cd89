import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { telemetryTopic } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';

/**
 * Against a real external broker (CI: the machine's Mosquitto, TEST_MQTT_URL=mqtt://127.0.0.1:1883):
 * the server consumes through its shared subscription and acknowledges after commit.
 */
const url = process.env.TEST_MQTT_URL;

describe.skipIf(!url)('MQTT ingest through an external broker', () => {
  let t: TestApp;
  let token: string;
  let metricId: number;
  const tenant = `ext-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    t = await startTestApp({
      MQTT_URL: url!,
      MQTT_CLIENT_ID: `test-${randomBytes(4).toString('hex')}`,
      MQTT_INGEST_CONNECTIONS: '2',
    });
    ({ token } = await t.makeTenant(tenant));
    const device = await t.call({
      method: 'POST',
      url: '/api/v1/devices',
      token,
      body: {
        code: 'X-1',
        name: 'X-1',
        metrics: [{ key: 't', name: 'Temperature', valueType: 'number', kind: 'gauge' }],
      },
    });
    const id = device.json<{ id: string }>().id;
    metricId = (await t.call({ url: `/api/v1/devices/${id}/metrics`, token })).json<
      Array<{ id: number }>
    >()[0]!.id;
  });
  afterAll(() => t?.close());

  const points = async (from: number) =>
    (
      await t.call({
        url: `/api/v1/telemetry/series?metricIds=${metricId}&from=${new Date(from).toISOString()}&to=${new Date(from + 600_000).toISOString()}&resolution=raw`,
        token,
      })
    ).json<{ series: Array<{ points: Array<[number, number]> }> }>().series[0]!.points;

  it('stores what a device publishes to the broker, once, even when replayed', async () => {
    const publisher = await mqtt.connectAsync(url!, {
      clientId: `pub-${randomBytes(4).toString('hex')}`,
      reconnectPeriod: 0,
    });
    const base = Date.now() - 300_000;
    const payload = JSON.stringify({
      samples: Array.from({ length: 20 }, (_, i) => ({ ts: base + i * 1000, values: { t: 20 + i } })),
    });
    await publisher.publishAsync(telemetryTopic(tenant, 'device', 'X-1'), payload, { qos: 1 });
    await publisher.publishAsync(telemetryTopic(tenant, 'device', 'X-1'), payload, { qos: 1 });
    await publisher.publishAsync(telemetryTopic('no-such-tenant', 'device', 'X-1'), payload, { qos: 1 });
    await publisher.endAsync();
    // the broker acknowledged the publisher; the server commits asynchronously from it
    const deadline = Date.now() + 10_000;
    while ((await points(base)).length < 20 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const stored = await points(base);
    expect(stored).toHaveLength(20);
    expect(stored[19]).toEqual([base + 19_000, 39]);
  });
});

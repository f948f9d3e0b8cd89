import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { gatewayConfigTopic, gatewayStatusTopic } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let token: string;
let gatewayId: string;
let gatewayToken: string;

const STATUS = {
  version: '0.1.0',
  configVersion: 1,
  uplink: 'connected',
  queueDepth: 42,
  oldestUnsentTs: 1763798400000,
  droppedTotal: 0,
  adapters: [{ name: 'meters', protocol: 'modbus', state: 'connected', lastOkAt: 1763798400000 }],
};

const asGateway = (method: string, url: string, body?: unknown, bearer = gatewayToken) =>
  t.call({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('edge-a'));
  const gw = await t.call({
    method: 'POST',
    url: '/api/v1/gateways',
    token,
    body: { code: 'EDGE-1', name: 'Edge 1' },
  });
  gatewayId = gw.json<{ id: string }>().id;
  gatewayToken = (
    await t.call({
      method: 'POST',
      url: `/api/v1/gateways/${gatewayId}/credentials`,
      token,
      body: { kind: 'token' },
    })
  ).json<{ token: string }>().token;
});
afterAll(() => t?.close());

describe('edge gateway status', () => {
  it('is reported over HTTP or MQTT and shown on the gateway', async () => {
    expect((await asGateway('POST', '/api/v1/edge/status', STATUS)).statusCode).toBe(200);
    const bad = await asGateway('POST', '/api/v1/edge/status', { ...STATUS, queueDepth: -1 });
    expect(bad.statusCode).toBe(400);
    const shown = (await t.call({ url: `/api/v1/gateways/${gatewayId}/status`, token })).json<{
      status: typeof STATUS;
    }>();
    expect(shown.status.queueDepth).toBe(42);

    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.app.telemetry.module.mqtt.port}`, {
      username: gatewayToken,
      reconnectPeriod: 0,
    });
    await client.publishAsync(
      gatewayStatusTopic('edge-a', 'EDGE-1'),
      JSON.stringify({ ...STATUS, queueDepth: 7 }),
      { qos: 1 },
    );
    await client.endAsync();
    const gateway = (await t.call({ url: `/api/v1/gateways/${gatewayId}`, token })).json<{
      status: typeof STATUS;
      connectivity: string;
    }>();
    expect(gateway.status.queueDepth).toBe(7);
    expect(gateway.connectivity).toBe('online');
  });
});

describe('edge gateway configuration', () => {
  it('is versioned in the cloud, announced to the gateway and pulled by it', async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.app.telemetry.module.mqtt.port}`, {
      username: gatewayToken,
      reconnectPeriod: 0,
    });
    const announced: number[] = [];
    client.on('message', (_topic, payload) =>
      announced.push((JSON.parse(payload.toString()) as { version: number }).version),
    );
    await client.subscribeAsync(gatewayConfigTopic('edge-a', 'EDGE-1'), { qos: 0 });

    expect((await asGateway('GET', '/api/v1/edge/config')).statusCode).toBe(404);
    for (const comment of ['first', 'second']) {
      const saved = await t.call({
        method: 'POST',
        url: `/api/v1/gateways/${gatewayId}/config`,
        token,
        body: { config: { adapters: [], comment }, comment },
      });
      expect(saved.statusCode, saved.body).toBe(201);
    }
    const versions = (await t.call({ url: `/api/v1/gateways/${gatewayId}/config`, token })).json<
      Array<{ version: number; createdBy: string }>
    >();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]!.createdBy).toBe('admin');
    const pulled = await asGateway('GET', '/api/v1/edge/config?have=1');
    expect(pulled.json()).toMatchObject({ version: 2, config: { comment: 'second' } });
    expect((await asGateway('GET', '/api/v1/edge/config?have=2')).statusCode).toBe(204);
    const deadline = Date.now() + 2000;
    while (!announced.includes(2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(announced).toContain(2);
    await client.endAsync();
  });

  it('is for gateways only and stays within the tenant', async () => {
    const device = await t.call({
      method: 'POST',
      url: '/api/v1/devices',
      token,
      body: { code: 'D-1', name: 'D', metrics: [] },
    });
    const deviceToken = (
      await t.call({
        method: 'POST',
        url: `/api/v1/devices/${device.json<{ id: string }>().id}/credentials`,
        token,
        body: { kind: 'token' },
      })
    ).json<{ token: string }>().token;
    expect((await asGateway('GET', '/api/v1/edge/config', undefined, deviceToken)).statusCode).toBe(403);
    expect((await asGateway('GET', '/api/v1/edge/config', undefined, 'gmd_nope')).statusCode).toBe(401);
    const other = await t.makeTenant('edge-b');
    expect(
      (await t.call({ url: `/api/v1/gateways/${gatewayId}/config`, token: other.token })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/v1/gateways/${gatewayId}/config`,
          token: other.token,
          body: { config: {} },
        })
      ).statusCode,
    ).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { telemetryTopic } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let token: string;
let deviceId: string;
let deviceToken: string;
let metricIds: Record<string, number>;

const METRICS = [
  { key: 'kw', name: 'Power', valueType: 'number', kind: 'gauge', unitCode: 'kW' },
  { key: 'kwh', name: 'Energy', valueType: 'number', kind: 'counter', unitCode: 'kWh', scale: 0.1 },
  { key: 'running', name: 'Running', valueType: 'boolean', kind: 'state' },
  { key: 'mode', name: 'Mode', valueType: 'state', kind: 'state', states: ['idle', 'run', 'down'] },
  { key: 'alarm', name: 'Alarm text', valueType: 'string', kind: 'event' },
];

async function ingest(body: unknown, bearer = deviceToken) {
  return t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function sampleCount(metricId: number): Promise<number> {
  const res = await t.call({
    url: `/api/v1/telemetry/series?metricIds=${metricId}&from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}&resolution=raw&downsample=none`,
    token,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ series: Array<{ sourcePoints: number }> }>().series[0]!.sourcePoints;
}

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('ingest-a'));
  const created = await t.call({
    method: 'POST',
    url: '/api/v1/devices',
    token,
    body: { code: 'M-01', name: 'Meter 1', metrics: METRICS },
  });
  expect(created.statusCode, created.body).toBe(201);
  deviceId = created.json<{ id: string }>().id;
  const metrics = (await t.call({ url: `/api/v1/devices/${deviceId}/metrics`, token })).json<
    Array<{ id: number; key: string }>
  >();
  metricIds = Object.fromEntries(metrics.map((m) => [m.key, m.id]));
  const cred = await t.call({
    method: 'POST',
    url: `/api/v1/devices/${deviceId}/credentials`,
    token,
    body: { kind: 'token' },
  });
  expect(cred.statusCode, cred.body).toBe(201);
  deviceToken = cred.json<{ token: string }>().token;
  expect(cred.json<{ topic: string }>().topic).toBe('greenmes/v1/ingest-a/devices/M-01/telemetry');
});
afterAll(() => t?.close());

describe('HTTP ingest', () => {
  it('stores a batch, applies scale, answers after commit, and is idempotent on replay', async () => {
    const ts = Date.now() - 10_000;
    const batch = {
      samples: [
        { ts, values: { kw: 12.5, kwh: 1000, running: true, mode: 'run', alarm: 'ok' } },
        { ts: ts + 1000, values: { kw: 13, kwh: 1010, running: 0, mode: 2 } },
      ],
    };
    const res = await ingest(batch);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 9, rejected: 0, rejections: [] });
    const again = await ingest(batch);
    expect(again.json()).toMatchObject({ accepted: 9, rejected: 0 });
    expect(await sampleCount(metricIds.kw!)).toBe(2);

    const latest = (await t.call({ url: `/api/v1/devices/${deviceId}/latest`, token })).json<
      Array<{ key: string; value: number | null; textValue: string | null; ts: string }>
    >();
    const byKey = Object.fromEntries(latest.map((l) => [l.key, l]));
    expect(byKey.kwh!.value).toBeCloseTo(101); // 1010 × 0.1
    expect(byKey.mode).toMatchObject({ value: 2, textValue: 'down' });
    expect(byKey.running!.value).toBe(0);
    expect(byKey.alarm!.textValue).toBe('ok');
    expect(byKey.kw!.ts).toBe(new Date(ts + 1000).toISOString());
  });

  it('rejects bad samples with reasons, keeps the rest, and lists them as recent errors', async () => {
    const now = Date.now();
    const res = await ingest(
      `{"samples": [
        {"ts": ${now - 5000}, "values": {"kw": 1, "nope": 2}},
        {"ts": ${now - 4000}, "values": {"kw": "high"}},
        {"ts": ${now - 3000}, "values": {"kw": NaN}},
        {"ts": ${now + 3_600_000}, "values": {"kw": 3}},
        {"ts": "yesterday", "values": {"kw": 4}},
        {"ts": ${now - 2000}, "values": {"mode": "exploded"}},
        {"device": "OTHER", "ts": ${now - 1000}, "values": {"kw": 5}},
        {"ts": ${now - 1000}, "values": {"running": 7}}
      ]}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      accepted: number;
      rejected: number;
      rejections: Array<{ index: number; reason: string }>;
    }>();
    expect(body.accepted, res.body).toBe(1);
    expect(body.rejections.map((r) => [r.index, r.reason])).toEqual([
      [0, 'unknown_metric'],
      [1, 'wrong_type'],
      [2, 'not_finite'],
      [3, 'future_timestamp'],
      [4, 'bad_timestamp'],
      [5, 'unknown_state'],
      [6, 'unknown_device'],
      [7, 'wrong_type'],
    ]);
    const errors = await t.call({ url: `/api/v1/telemetry/ingest-errors?deviceId=${deviceId}`, token });
    expect(errors.json<{ total: number }>().total).toBeGreaterThanOrEqual(7);

    const notJson = await ingest('{"samples": [');
    expect(notJson.json()).toMatchObject({
      accepted: 0,
      rejected: 1,
      rejections: [{ reason: 'bad_payload' }],
    });
  });

  it('refuses a missing or revoked credential', async () => {
    expect((await ingest({ values: { kw: 1 } }, 'gmd_nonsense')).statusCode).toBe(401);
    const cred = await t.call({
      method: 'POST',
      url: `/api/v1/devices/${deviceId}/credentials`,
      token,
      body: { kind: 'token' },
    });
    const { id, token: second } = cred.json<{ id: string; token: string }>();
    expect((await ingest({ values: { kw: 1 } }, second)).statusCode).toBe(200);
    const revoked = await t.call({
      method: 'DELETE',
      url: `/api/v1/devices/${deviceId}/credentials/${id}`,
      token,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await ingest({ values: { kw: 1 } }, second)).statusCode).toBe(401);
  });
});

describe('MQTT ingest (embedded broker)', () => {
  const url = () => `mqtt://127.0.0.1:${t.app.telemetry.module.mqtt.port}`;

  it('acknowledges QoS 1 after commit; the data is queryable once the PUBACK arrives', async () => {
    const client = await mqtt.connectAsync(url(), {
      username: deviceToken,
      clientId: 'm01-test',
      reconnectPeriod: 0,
    });
    const ts = Date.now() - 60_000;
    await client.publishAsync(
      telemetryTopic('ingest-a', 'device', 'M-01'),
      JSON.stringify({
        samples: Array.from({ length: 50 }, (_, i) => ({ ts: ts + i * 100, values: { kw: i } })),
      }),
      { qos: 1 },
    );
    // PUBACK received: committed, so visible right now
    const res = await t.call({
      url: `/api/v1/telemetry/series?metricIds=${metricIds.kw}&from=${new Date(ts).toISOString()}&to=${new Date(ts + 5000).toISOString()}&resolution=raw`,
      token,
    });
    expect(res.json<{ series: Array<{ points: unknown[] }> }>().series[0]!.points).toHaveLength(50);
    await client.endAsync();
  });

  it('refuses bad credentials and publishing to another device’s or tenant’s topic', async () => {
    await expect(
      mqtt.connectAsync(url(), { username: 'gmd_wrong', reconnectPeriod: 0, connectTimeout: 2000 }),
    ).rejects.toThrow();
    const client = await mqtt.connectAsync(url(), {
      username: deviceToken,
      clientId: 'm01-evil',
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(telemetryTopic('other-tenant', 'device', 'M-01'), JSON.stringify({ values: { kw: 1 } }), {
      qos: 1,
    });
    await closed; // the broker drops the connection instead of acknowledging
    client.end(true);
  });
});

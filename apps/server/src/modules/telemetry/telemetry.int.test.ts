import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };

const post = async (url: string, token: string, body: unknown, status = 201) => {
  const res = await t.call({ method: 'POST', url, token, body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<Record<string, unknown> & { id: string }>();
};

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('tel-a');
  b = await t.makeTenant('tel-b');
});
afterAll(() => t?.close());

describe('device profiles', () => {
  it('configures fifty identical meters once: profile metrics appear on, and change with, every device', async () => {
    const profile = await post('/api/v1/device-profiles', a.token, {
      code: 'PM-3P',
      name: 'Three-phase meter',
      metrics: [
        {
          key: 'kw',
          name: 'Active power',
          valueType: 'number',
          kind: 'gauge',
          unitCode: 'kW',
          energyMedium: 'electricity',
        },
        {
          key: 'kwh',
          name: 'Energy',
          valueType: 'number',
          kind: 'counter',
          unitCode: 'kWh',
          counterMax: 429496729.5,
          scale: 0.1,
        },
      ],
    });
    const gateway = await post('/api/v1/gateways', a.token, { code: 'GW-1', name: 'Workshop gateway' });
    const devices = [];
    for (let i = 1; i <= 3; i++)
      devices.push(
        await post('/api/v1/devices', a.token, {
          code: `PM-${i}`,
          name: `Meter ${i}`,
          profileId: profile.id,
          gatewayId: gateway.id,
        }),
      );
    const metricsOf = async (id: string) =>
      (await t.call({ url: `/api/v1/devices/${id}/metrics`, token: a.token })).json<
        Array<{ key: string; name: string; profileMetricId: string | null }>
      >();
    expect((await metricsOf(devices[0]!.id)).map((m) => m.key)).toEqual(['kw', 'kwh']);

    const added = await post(`/api/v1/device-profiles/${profile.id}/metrics`, a.token, {
      key: 'pf',
      name: 'Power factor',
      valueType: 'number',
      kind: 'gauge',
    });
    const kw = (await t.call({ url: `/api/v1/device-profiles/${profile.id}`, token: a.token })).json<{
      metrics: Array<{ id: string; key: string }>;
      deviceCount: number;
    }>();
    expect(kw.deviceCount).toBe(3);
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/v1/device-profiles/${profile.id}/metrics/${kw.metrics.find((m) => m.key === 'kw')!.id}`,
      token: a.token,
      body: { name: 'P (total)' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    for (const d of devices) {
      const metrics = await metricsOf(d.id);
      expect(metrics.map((m) => m.key)).toEqual(['kw', 'kwh', 'pf']);
      expect(metrics.find((m) => m.key === 'kw')!.name).toBe('P (total)');
      expect(metrics.every((m) => m.profileMetricId)).toBe(true);
    }
    expect(added.key).toBe('pf');
    // profile-derived metrics are edited on the profile, not the device
    const deviceMetric = (
      await t.call({ url: `/api/v1/devices/${devices[0]!.id}/metrics`, token: a.token })
    ).json<Array<{ id: number }>>()[0]!;
    const direct = await t.call({
      method: 'PATCH',
      url: `/api/v1/devices/${devices[0]!.id}/metrics/${deviceMetric.id}`,
      token: a.token,
      body: { name: 'x' },
    });
    expect(direct.statusCode).toBe(409);
    // in use: the profile and the gateway cannot be deleted while devices use them
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/device-profiles/${profile.id}`, token: a.token }))
        .statusCode,
    ).toBe(409);
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/gateways/${gateway.id}`, token: a.token })).statusCode,
    ).toBe(409);
    const gw = (await t.call({ url: `/api/v1/gateways/${gateway.id}`, token: a.token })).json<{
      deviceCount: number;
      connectivity: string;
    }>();
    expect(gw).toMatchObject({ deviceCount: 3, connectivity: 'never_seen' });
  });

  it('names the field and the reason for bad definitions', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/device-profiles',
      token: a.token,
      body: {
        code: 'BAD',
        name: 'Bad',
        metrics: [
          { key: 'x', name: 'x', valueType: 'number', kind: 'gauge', unitCode: 'furlong' },
          { key: 'x', name: 'dup', valueType: 'number', kind: 'gauge' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json<{ error: { details: Array<{ path: string }> } }>().error.details.map((d) => d.path),
    ).toEqual(['body.metrics[0].unitCode', 'body.metrics[1].key']);
    const counter = await t.call({
      method: 'POST',
      url: '/api/v1/device-profiles',
      token: a.token,
      body: {
        code: 'BAD2',
        name: 'Bad',
        metrics: [{ key: 'c', name: 'c', valueType: 'string', kind: 'counter' }],
      },
    });
    expect(counter.statusCode).toBe(400);
    expect(counter.body).toContain('a counter must be a number');
  });
});

describe('devices', () => {
  it('binds to equipment, filters by connectivity, and reads latest values per equipment', async () => {
    const plant = await makePlant(t, a.token, 'TEL');
    const device = await post('/api/v1/devices', a.token, {
      code: 'CNC-1',
      name: 'CNC 1 PLC',
      equipmentId: plant.equipment.id,
      metrics: [
        {
          key: 'state',
          name: 'State',
          valueType: 'state',
          kind: 'state',
          states: ['idle', 'running', 'down', 'setup'],
        },
      ],
    });
    expect(device).toMatchObject({ equipmentCode: 'TEL-EQ1', connectivity: 'never_seen' });
    const cred = await post(`/api/v1/devices/${device.id}/credentials`, a.token, { kind: 'token' });
    const sent = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${cred.token as string}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: { state: 'running' } }),
    });
    expect(sent.json()).toMatchObject({ accepted: 1 });
    const online = (await t.call({ url: '/api/v1/devices?connectivity=online', token: a.token })).json<{
      items: Array<{ code: string; accepted: number }>;
    }>();
    expect(online.items.map((d) => d.code)).toContain('CNC-1');
    const latest = (
      await t.call({ url: `/api/v1/equipment/${plant.equipment.id}/latest`, token: a.token })
    ).json<Array<{ key: string; textValue: string }>>();
    expect(latest).toMatchObject([{ key: 'state', textValue: 'running' }]);
    // stored data: delete refused, disabling is the way
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/devices/${device.id}`, token: a.token })).statusCode,
    ).toBe(409);
    const disabled = await t.call({
      method: 'PATCH',
      url: `/api/v1/devices/${device.id}`,
      token: a.token,
      body: { isEnabled: false },
    });
    expect(disabled.json()).toMatchObject({ connectivity: 'disabled' });
    const refused = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${cred.token as string}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: { state: 'down' } }),
    });
    expect(refused.json()).toMatchObject({ accepted: 0, rejections: [{ reason: 'device_disabled' }] });
  });

  it('password credentials: tenant/username with the password, over HTTP Basic', async () => {
    const device = await post('/api/v1/devices', a.token, {
      code: 'PW-1',
      name: 'Password device',
      metrics: [{ key: 'v', name: 'v', valueType: 'number', kind: 'gauge' }],
    });
    const cred = await post(`/api/v1/devices/${device.id}/credentials`, a.token, {
      kind: 'password',
      username: 'pw-1',
      password: 'long-device-secret',
    });
    expect(cred).toMatchObject({ token: null, mqttUsername: 'tel-a/pw-1' });
    const basic = (user: string, pass: string) =>
      `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    const ok = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: {
        authorization: basic('tel-a/pw-1', 'long-device-secret'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ values: { v: 1 } }),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const wrong = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: basic('tel-a/pw-1', 'wrong-password!!'), 'content-type': 'application/json' },
      body: JSON.stringify({ values: { v: 1 } }),
    });
    expect(wrong.statusCode).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('tenant B sees none of tenant A’s devices, metrics, data or errors', async () => {
    const devicesA = (await t.call({ url: '/api/v1/devices', token: a.token })).json<{
      items: Array<{ id: string }>;
    }>().items;
    expect(devicesA.length).toBeGreaterThan(0);
    const id = devicesA[0]!.id;
    const metricId = (await t.call({ url: `/api/v1/devices/${id}/metrics`, token: a.token })).json<
      Array<{ id: number }>
    >()[0]!.id;
    expect((await t.call({ url: '/api/v1/devices', token: b.token })).json<{ total: number }>().total).toBe(
      0,
    );
    for (const url of [
      `/api/v1/devices/${id}`,
      `/api/v1/devices/${id}/metrics`,
      `/api/v1/devices/${id}/latest`,
      `/api/v1/devices/${id}/credentials`,
    ])
      expect((await t.call({ url, token: b.token })).statusCode, url).toBe(404);
    expect(
      (
        await t.call({
          method: 'PATCH',
          url: `/api/v1/devices/${id}`,
          token: b.token,
          body: { name: 'mine' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/v1/devices/${id}/credentials`,
          token: b.token,
          body: { kind: 'token' },
        })
      ).statusCode,
    ).toBe(404);
    const series = await t.call({
      url: `/api/v1/telemetry/series?metricIds=${metricId}&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`,
      token: b.token,
    });
    expect(series.statusCode).toBe(404);
    expect(
      (await t.call({ url: '/api/v1/telemetry/ingest-errors', token: b.token })).json<{ total: number }>()
        .total,
    ).toBe(0);
  });

  it('needs the telemetry permissions', async () => {
    expect((await t.call({ url: '/api/v1/devices' })).statusCode).toBe(401);
    const bad = await t.call({ url: '/api/v1/telemetry/series?metricIds=1&from=x&to=y', token: a.token });
    expect(bad.statusCode).toBe(400);
  });
});

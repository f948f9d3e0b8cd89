import type { TestApp } from '../../server/test/harness.ts';

/** A tenant with a gateway, two meters behind it (metric kw) and the gateway's access token. */
export async function makeCloudGateway(t: TestApp, tenantCode: string) {
  const { token } = await t.makeTenant(tenantCode);
  const post = async (url: string, body: unknown) => {
    const res = await t.call({ method: 'POST', url, token, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; token?: string }>();
  };
  const gateway = await post('/api/v1/gateways', { code: 'GW-1', name: 'Edge gateway' });
  const metricIds: Record<string, number> = {};
  for (const code of ['PM-01', 'PM-02']) {
    const device = await post('/api/v1/devices', {
      code,
      name: `Meter ${code}`,
      gatewayId: gateway.id,
      metrics: [{ key: 'kw', name: 'Power', valueType: 'number', kind: 'gauge', unitCode: 'kW' }],
    });
    const metrics = (await t.call({ url: `/api/v1/devices/${device.id}/metrics`, token })).json<
      Array<{ id: number; key: string }>
    >();
    for (const m of metrics) metricIds[`${code}/${m.key}`] = m.id;
  }
  const cred = await post(`/api/v1/gateways/${gateway.id}/credentials`, { kind: 'token' });
  return {
    token,
    tenantCode,
    gatewayCode: 'GW-1',
    gatewayId: gateway.id,
    gatewayToken: cred.token!,
    metricIds,
    url: `mqtt://127.0.0.1:${t.app.telemetry.module.mqtt.port}`,
  };
}

export async function seriesOf(
  t: TestApp,
  cloud: { token: string; metricIds: Record<string, number> },
  device: string,
  metric: string,
  from: number,
  to: number,
) {
  const res = await t.call({
    url: `/api/v1/telemetry/series?metricIds=${cloud.metricIds[`${device}/${metric}`]}&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&resolution=raw&downsample=none&maxPoints=10000`,
    token: cloud.token,
  });
  if (res.statusCode !== 200) throw new Error(`series: ${res.statusCode} ${res.body}`);
  return res.json<{ series: Array<{ sourcePoints: number; points: Array<[number, number | null]> }> }>()
    .series[0]!;
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An enterprise, a device profile with K number metrics, N devices with tokens, and alarm rules — through the REST API. */
import type { DeviceLogin } from './publisher.ts';

export interface Provisioned {
  tenantCode: string;
  tenantId: string;
  token: string;
  profileId: string;
  metricKeys: string[];
  devices: DeviceLogin[];
  /** rules created, or why none could be */
  alarmRules: { count: number; note: string };
}

export async function call<T>(
  base: string,
  { method = 'GET', path, token, body }: { method?: string; path: string; token?: string; body?: unknown },
): Promise<{ status: number; json: T; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: T = undefined as T;
  try {
    json = JSON.parse(text) as T;
  } catch {
    // not JSON: the caller reports `text`
  }
  return { status: res.status, json, text };
}

export async function expect<T>(base: string, want: number, o: Parameters<typeof call>[1]): Promise<T> {
  const r = await call<T>(base, o);
  if (r.status !== want)
    throw new Error(`${o.method ?? 'GET'} ${o.path}: ${r.status} ${r.text.slice(0, 500)}`);
  return r.json;
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** A new enterprise through the operator console, and its admin's bearer token. */
export async function provisionTenant({
  httpUrl,
  operatorPassword,
  tenantCode,
  name,
}: {
  httpUrl: string;
  operatorPassword: string;
  tenantCode: string;
  name: string;
}): Promise<{ tenantId: string; token: string }> {
  const password = 'Bench-pass-2026';
  const op = await expect<{ token: string }>(httpUrl, 200, {
    method: 'POST',
    path: '/api/v1/admin/auth/login',
    body: { username: 'operator', password: operatorPassword },
  });
  const tenant = await expect<{ id: string }>(httpUrl, 201, {
    method: 'POST',
    path: '/api/v1/admin/tenants',
    token: op.token,
    body: { code: tenantCode, name, admin: { username: 'admin', password } },
  });
  const { token } = await expect<{ token: string }>(httpUrl, 200, {
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { tenant: tenantCode, username: 'admin', password },
  });
  return { tenantId: tenant.id, token };
}

export async function provision({
  httpUrl,
  operatorPassword,
  devices,
  metrics,
  withAlarmRules,
}: {
  httpUrl: string;
  operatorPassword: string;
  devices: number;
  metrics: number;
  withAlarmRules: boolean;
}): Promise<Provisioned> {
  const tenantCode = 'bench';
  const { tenantId, token } = await provisionTenant({
    httpUrl,
    operatorPassword,
    tenantCode,
    name: 'Ingest benchmark',
  });
  const metricKeys = Array.from({ length: metrics }, (_, k) => `m${k + 1}`);
  const profile = await expect<{ id: string }>(httpUrl, 201, {
    method: 'POST',
    path: '/api/v1/device-profiles',
    token,
    body: {
      code: 'BENCH-PROFILE',
      name: 'Benchmark device',
      metrics: metricKeys.map((key) => ({ key, name: `Metric ${key}`, valueType: 'number', kind: 'gauge' })),
    },
  });

  let alarmRules = { count: 0, note: 'off (BENCH_ALARMS=false)' };
  if (withAlarmRules) {
    // one high-limit rule per metric key of the profile: every sample is evaluated; the
    // readings (10·k ± 5.5) stay under the limit, so no alarm is raised and nothing is written
    const first = await call<{ error?: { code: string } }>(httpUrl, {
      method: 'POST',
      path: '/api/v1/alarm-rules',
      token,
      body: ruleFor(profile.id, metricKeys[0]!, 0),
    });
    if (first.status === 404)
      alarmRules = {
        count: 0,
        note: 'NOT ACTIVE: POST /api/v1/alarm-rules is not registered (alarms module not wired into app.ts)',
      };
    else if (first.status !== 201)
      throw new Error(`POST /api/v1/alarm-rules: ${first.status} ${first.text.slice(0, 500)}`);
    else {
      await pool(metricKeys.slice(1), 8, (key, i) =>
        expect(httpUrl, 201, {
          method: 'POST',
          path: '/api/v1/alarm-rules',
          token,
          body: ruleFor(profile.id, key, i + 1),
        }),
      );
      alarmRules = {
        count: metricKeys.length,
        note: `${metricKeys.length} profile rules (high limit on every metric) → ${metricKeys.length * devices} watched metrics`,
      };
    }
  }

  const codes = Array.from({ length: devices }, (_, i) => `D${String(i + 1).padStart(5, '0')}`);
  const logins = await pool(codes, 8, async (code) => {
    const device = await expect<{ id: string }>(httpUrl, 201, {
      method: 'POST',
      path: '/api/v1/devices',
      token,
      body: { code, name: `Bench device ${code}`, profileId: profile.id },
    });
    const cred = await expect<{ mqttUsername: string; topic: string }>(httpUrl, 201, {
      method: 'POST',
      path: `/api/v1/devices/${device.id}/credentials`,
      token,
      body: { kind: 'token' },
    });
    return { code, username: cred.mqttUsername, topic: cred.topic };
  });
  return {
    tenantCode,
    tenantId,
    token,
    profileId: profile.id,
    metricKeys,
    devices: logins,
    alarmRules,
  };
}

function ruleFor(profileId: string, metricKey: string, k: number) {
  return {
    name: `Bench high ${metricKey}`,
    profileId,
    metricKey,
    type: 'high',
    threshold: 10 * (k + 1) + 50,
    deadband: 1,
    severity: 'minor',
  };
}

/** Alarms raised during the run (0 expected: the limits are never reached). */
export async function alarmCount(httpUrl: string, token: string): Promise<number | null> {
  const r = await call<{ total?: number }>(httpUrl, { path: '/api/v1/alarms?pageSize=1', token });
  return r.status === 200 && typeof r.json?.total === 'number' ? r.json.total : null;
}

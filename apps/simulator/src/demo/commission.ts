import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** Versions saved by commissioning carry this comment prefix; a version a user saved is never replaced. */
export const WIRING_COMMENT = 'demo wiring';

export interface CommissionOptions {
  /** the GreenMES server, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** the cloud broker the gateway uploads to, e.g. mqtt://127.0.0.1:1884 */
  cloudMqttUrl: string;
  tenant: string;
  username: string;
  password: string;
  gatewayCode: string;
  /** the edge gateway's local configuration file to write */
  file: string;
  queueDir: string;
  /** the adapters document the gateway should run (edgeWiring) */
  wiring: { adapters: unknown[]; statusIntervalS?: number };
  log?: (line: string) => void;
}

/** metric keys of the simulator's cumulative registers (the meters' kWh and the utilities' totals) */
const COUNTER_KEYS = new Set(['kwh', 'gas_total_m3', 'water_total_m3', 'steam_total_t', 'air_total_m3']);

interface LocalFile {
  gateway?: { token?: string };
}

/**
 * Commissions the demo's edge gateway through the public API, as an integrator would: signs in, issues the
 * gateway an access token (kept while it stays valid, so restarts do not pile up credentials), saves the
 * simulator wiring as the gateway's cloud configuration when there is none or when it changed since the last
 * commissioning (a version a user saved in the UI wins), and writes the gateway's local file.
 */
export async function commissionGateway(o: CommissionOptions) {
  const log = o.log ?? ((l) => console.log(l));
  const api = async <T>(
    method: string,
    path: string,
    { body, token }: { body?: unknown; token?: string } = {},
  ): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${o.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };
  const must = async <T>(method: string, path: string, init: { body?: unknown; token?: string }) => {
    const r = await api<T>(method, path, init);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };

  const { token } = await must<{ token: string }>('POST', '/auth/login', {
    body: { tenant: o.tenant, username: o.username, password: o.password },
  });
  const page = await must<{ items: Array<{ id: string; code: string }> }>(
    'GET',
    `/gateways?q=${encodeURIComponent(o.gatewayCode)}&pageSize=200`,
    { token },
  );
  const gateway = page.items.find((g) => g.code === o.gatewayCode);
  if (!gateway) throw new Error(`gateway ${o.gatewayCode} not found in enterprise ${o.tenant}`);

  // the gateway's token: the one in the local file while the cloud still accepts it
  let gatewayToken: string | undefined;
  if (existsSync(o.file)) {
    try {
      gatewayToken = (JSON.parse(readFileSync(o.file, 'utf8')) as LocalFile).gateway?.token;
    } catch {
      gatewayToken = undefined;
    }
  }
  if (gatewayToken && (await api('GET', '/edge/config?have=0', { token: gatewayToken })).status === 401)
    gatewayToken = undefined;
  if (!gatewayToken) {
    gatewayToken = (
      await must<{ token: string }>('POST', `/gateways/${gateway.id}/credentials`, {
        body: { kind: 'token' },
        token,
      })
    ).token;
    log(`commission: issued gateway ${o.gatewayCode} a new access token`);
  }

  const versions = await must<Array<{ version: number; config: unknown; comment: string | null }>>(
    'GET',
    `/gateways/${gateway.id}/config`,
    { token },
  );
  const latest = versions[0];
  let version = latest?.version ?? null;
  if (
    !latest ||
    (latest.comment?.startsWith(WIRING_COMMENT) && !isDeepStrictEqual(latest.config, o.wiring))
  ) {
    version = (
      await must<{ version: number }>('POST', `/gateways/${gateway.id}/config`, {
        body: {
          config: o.wiring,
          comment: `${WIRING_COMMENT}: the factory simulator (written by npm start)`,
        },
        token,
      })
    ).version;
    log(`commission: saved the simulator wiring as ${o.gatewayCode} configuration v${version}`);
  } else if (!latest.comment?.startsWith(WIRING_COMMENT))
    log(`commission: ${o.gatewayCode} runs configuration v${latest.version}, saved by a user: left as it is`);

  const local = {
    gateway: {
      cloudUrl: o.cloudMqttUrl,
      token: gatewayToken,
      tenantCode: o.tenant,
      gatewayCode: o.gatewayCode,
      cloudHttpUrl: o.baseUrl,
    },
    queue: { dir: o.queueDir },
    adapters: [],
  };
  // the counters' latest readings in the cloud: the simulator continues its registers from them
  const counters: Record<string, number> = {};
  const devices = await must<{ items: Array<{ id: string; code: string }> }>('GET', '/devices?pageSize=200', {
    token,
  });
  for (const d of devices.items.filter((x) => /^(PM|FM)-/.test(x.code))) {
    const latest = await must<Array<{ key: string; value: number | null }>>(
      'GET',
      `/devices/${d.id}/latest`,
      {
        token,
      },
    );
    for (const v of latest)
      if (COUNTER_KEYS.has(v.key) && v.value !== null) counters[`${d.code}/${v.key}`] = v.value;
  }

  mkdirSync(dirname(o.file), { recursive: true });
  const tmp = `${o.file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(local, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, o.file);
  return { gatewayId: gateway.id, version, file: o.file, counters };
}

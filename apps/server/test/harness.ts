import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { ensureOperator } from '../src/modules/platform/tenants.service.ts';
import { openFromTemplate } from './pglite-template.ts';

export const OPERATOR = { username: 'operator', password: 'operator-Pass-1' };
export const ADMIN_PASSWORD = 'Secret-pass-1';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** PostgreSQL when DATABASE_URL is set, else PGlite */
  kind: Database['kind'];
  operatorToken: string;
  call(opts: {
    method?: string;
    url: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
  login(tenant: string, username: string, password: string): Promise<string>;
  /** Creates an enterprise through the admin API; returns its id and its admin's bearer token. */
  makeTenant(code: string): Promise<{ tenantId: string; token: string }>;
  close(): Promise<void>;
}

/** One app on a fresh database per test file: a PGlite from the migrated template, or a new PostgreSQL schema. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  const schema = url ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const database = url
    ? await openDatabase({ databaseUrl: url, schema, poolMax: 5 })
    : await openDatabase({ pglite: await openFromTemplate() });
  await migrate(database);
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    GREENMES_DEMO: 'false',
    // never the default 1883 (Mosquitto has it); jobs run by hand so tests are deterministic
    MQTT_PORT: '0',
    MQTT_HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
    ...env,
  });
  const app = await buildApp({ config, database, serveWeb: false });
  await app.ready();
  await ensureOperator({ db: database.db, ...OPERATOR });

  const call: TestApp['call'] = ({ method = 'GET', url: path, token, body, headers = {} }) =>
    app.inject({
      method: method as 'GET',
      url: path,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined
        ? {}
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? { payload: body }
          : { payload: body as object }),
    });
  const operatorLogin = await call({ method: 'POST', url: '/api/v1/admin/auth/login', body: OPERATOR });
  const operatorToken = operatorLogin.json<{ token: string }>().token;

  const login: TestApp['login'] = async (tenant, username, password) => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { tenant, username, password },
    });
    if (res.statusCode !== 200)
      throw new Error(`login ${tenant}/${username} failed: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  };
  const makeTenant: TestApp['makeTenant'] = async (code) => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/admin/tenants',
      token: operatorToken,
      body: { code, name: `Enterprise ${code}`, admin: { username: 'admin', password: ADMIN_PASSWORD } },
    });
    if (res.statusCode !== 201) throw new Error(`create tenant ${code}: ${res.statusCode} ${res.body}`);
    return { tenantId: res.json<{ id: string }>().id, token: await login(code, 'admin', ADMIN_PASSWORD) };
  };
  return {
    app,
    database,
    kind: database.kind,
    operatorToken,
    call,
    login,
    makeTenant,
    async close() {
      await app.close();
      await database.close();
      if (url && schema) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA "${schema}" CASCADE`);
        await c.end();
      }
    },
  };
}

/**
 * `/api/v1` calls for a test file whose app and usual token are set in `beforeAll` (so both are read at
 * call time): `call` gives the response, `ok` the parsed body of a 2xx and throws with the status and
 * body otherwise. Either takes another token as its last argument.
 */
export function api(app: () => TestApp, usualToken: () => string) {
  const call = (method: string, url: string, body?: unknown, token = usualToken()) =>
    app().call({ method, url: `/api/v1${url}`, token, body });
  async function ok<T = { id: string }>(method: string, url: string, body?: unknown, token = usualToken()) {
    const res = await call(method, url, body, token);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  return { call, ok };
}

/** An error answer's field details (`{path, message}` per field), `[]` when it has none. */
export const details = (body: string) =>
  (JSON.parse(body) as { error: { details?: Array<{ path: string; message: string }> } }).error.details ?? [];

/** Small factories over the API, for tests that need a plant to work on. */
export async function makePlant(t: TestApp, token: string, prefix: string) {
  const post = async (url: string, body: unknown) => {
    const res = await t.call({ method: 'POST', url, token, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; code: string }>();
  };
  const site = await post('/api/v1/plant/nodes', { kind: 'site', code: `${prefix}-S`, name: 'Site' });
  const area = await post('/api/v1/plant/nodes', {
    kind: 'area',
    parentId: site.id,
    code: `${prefix}-A`,
    name: 'Area',
  });
  const line = await post('/api/v1/plant/nodes', {
    kind: 'line',
    parentId: area.id,
    code: `${prefix}-L`,
    name: 'Line',
  });
  const equipment = await post('/api/v1/equipment', {
    nodeId: line.id,
    code: `${prefix}-EQ1`,
    name: 'Lathe',
    category: 'machine_tool',
    ratedPowerKw: '15.5',
    energyMedia: ['electricity'],
  });
  const units = (await t.call({ url: '/api/v1/units', token })).json<Array<{ id: string; code: string }>>();
  const material = await post('/api/v1/materials', {
    code: `${prefix}-M1`,
    name: 'Steel bar',
    type: 'raw',
    unitId: units.find((u) => u.code === 'kg')!.id,
  });
  return { site, area, line, equipment, material, units };
}

/**
 * A product made on one work center: a finished material and its raw material (one per piece), an active
 * BOM and an active routing of `operations` on the work center — created under `parentId` (a line)
 * unless `workCenterId` names one. Codes start with `prefix`.
 */
export async function makeRoutedProduct(
  t: TestApp,
  token: string,
  o: {
    prefix: string;
    parentId: string;
    units: Array<{ id: string; code: string }>;
    workCenterId?: string;
    operations?: Array<{ seqNo: number; code: string; name: string }>;
  },
) {
  const post = async (url: string, body: unknown, want = 201) => {
    const res = await t.call({ method: 'POST', url: `/api/v1${url}`, token, body });
    if (res.statusCode !== want) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>();
  };
  const unit = (code: string) => o.units.find((u) => u.code === code)!.id;
  const productId = (
    await post('/materials', { code: `${o.prefix}-FG`, name: 'Valve', type: 'finished', unitId: unit('pcs') })
  ).id;
  const rawId = (
    await post('/materials', { code: `${o.prefix}-RM`, name: 'Bar', type: 'raw', unitId: unit('kg') })
  ).id;
  const workCenterId =
    o.workCenterId ??
    (
      await post('/plant/nodes', {
        kind: 'work_center',
        parentId: o.parentId,
        code: `${o.prefix}-WC`,
        name: 'Cell',
      })
    ).id;
  const bom = await post('/production/boms', {
    productId,
    version: 'V1',
    effectiveFrom: '2025-01-01',
    lines: [{ componentId: rawId, quantity: '1' }],
  });
  await post(`/production/boms/${bom.id}/transition`, { status: 'active' }, 200);
  const routing = await post('/production/routings', {
    productId,
    version: 'R1',
    effectiveFrom: '2025-01-01',
    operations: (o.operations ?? [{ seqNo: 10, code: 'TURN', name: 'Turn' }]).map((op) => ({
      ...op,
      workCenterId,
    })),
  });
  await post(`/production/routings/${routing.id}/transition`, { status: 'active' }, 200);
  return { productId, rawId, workCenterId, routingId: routing.id };
}

/** Samples posted to the HTTP ingest with a device token; throws unless every one was accepted. */
export async function ingestAll(t: TestApp, deviceToken: string, samples: unknown[]) {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(samples),
  });
  const rejected = res.json<{ rejected?: number }>().rejected;
  if (res.statusCode >= 300 || rejected !== 0) throw new Error(`ingest: ${res.statusCode} ${res.body}`);
}

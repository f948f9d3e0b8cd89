import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAuth } from './auth/auth.plugin.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_PER_ACCOUNT: '8', LOGIN_RATE_LIMIT_PER_IP: '1000' });
  ({ token: admin } = await t.makeTenant('acme'));
});
afterAll(() => t?.close());

describe('operations endpoints', () => {
  it('answers healthz, readyz, metrics and the OpenAPI document', async () => {
    expect((await t.call({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.call({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', database: t.kind });
    await t.call({ url: '/api/v1/auth/me', token: admin });
    const metrics = (await t.call({ url: '/metrics' })).body;
    expect(metrics).toContain(
      'greenmes_http_requests_total{method="GET",route="/api/v1/auth/me",status="200"}',
    );
    expect(metrics).toContain('greenmes_http_request_duration_seconds_bucket');
    expect(metrics).toContain('greenmes_db_pool_connections');
    expect(metrics).toContain('greenmes_nodejs_eventloop_lag_seconds');
    const spec = (await t.call({ url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/plant/tree', '/api/v1/equipment/{id}']),
    );
  });

  it('puts a request id in every error body and header', async () => {
    const res = await t.call({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.requestId).toBe(res.headers['x-request-id']);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('authentication', () => {
  it('signs in with a cookie and a bearer token; me describes the user', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { tenant: 'acme', username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/greenmes_session=gms_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await t.call({ url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json()).toMatchObject({
      tenant: { code: 'acme', timezone: 'Asia/Shanghai' },
      user: { username: 'admin' },
    });
    expect(me.json().permissions).toContain('modeling.plant.manage');
  });

  it('rejects wrong credentials with 401, malformed bodies with 400, anonymous calls with 401', async () => {
    const wrong = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { tenant: 'acme', username: 'nobody', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('BAD_CREDENTIALS');
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: '{"tenant":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_JSON');
    const missing = await t.call({ method: 'POST', url: '/api/v1/auth/login', body: { tenant: 'acme' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.username', 'body.password']),
    );
    expect((await t.call({ url: '/api/v1/equipment' })).statusCode).toBe(401);
    expect((await t.call({ url: '/api/v1/equipment', token: 'gms_forged' })).json().error.code).toBe(
      'SESSION_EXPIRED',
    );
  });

  it('locks an account after repeated failures and an admin can unlock it', async () => {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: admin,
      body: { username: 'lena', password: 'Strong-pw-77', displayName: 'Lena' },
    });
    expect(created.statusCode).toBe(201);
    const attempt = (password: string) =>
      t.call({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { tenant: 'acme', username: 'lena', password },
      });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-pass-1')).statusCode).toBe(401);
    const locking = await attempt('wrong-pass-1');
    expect(locking.statusCode).toBe(423);
    expect(locking.json().error.message).toMatch(/locked until/);
    expect((await attempt('Strong-pw-77')).statusCode).toBe(423); // even the right password waits
    const unlock = await t.call({
      method: 'POST',
      url: `/api/v1/users/${created.json().id}/unlock`,
      token: admin,
    });
    expect(unlock.json().lockedUntil).toBeNull();
    expect((await attempt('Strong-pw-77')).statusCode).toBe(200);
  });

  it('rate-limits sign-in per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (
          await t.call({
            method: 'POST',
            url: '/api/v1/auth/login',
            body: { tenant: 'acme', username: 'ghost', password: 'x' },
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('enforces the password policy with a reason', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: admin,
      body: { username: 'weak', password: 'abc', displayName: 'W' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toMatch(/at least 8 characters/);
  });

  it('logs out: the session token stops working', async () => {
    const token = await t.login('acme', 'admin', ADMIN_PASSWORD);
    expect((await t.call({ method: 'POST', url: '/api/v1/auth/logout', token })).statusCode).toBe(200);
    expect((await t.call({ url: '/api/v1/auth/me', token })).statusCode).toBe(401);
  });

  it('issues API tokens shown once, usable as bearer, revocable', async () => {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      token: admin,
      body: { name: 'erp-sync' },
    });
    expect(created.statusCode).toBe(201);
    const apiToken = created.json().token as string;
    expect(apiToken).toMatch(/^gmt_/);
    expect((await t.call({ url: '/api/v1/materials', token: apiToken })).statusCode).toBe(200);
    const list = (await t.call({ url: '/api/v1/auth/tokens', token: admin })).json();
    expect(list[0]).not.toHaveProperty('token');
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/auth/tokens/${created.json().id}`, token: admin }))
        .statusCode,
    ).toBe(200);
    expect((await t.call({ url: '/api/v1/materials', token: apiToken })).statusCode).toBe(401);
  });
});

describe('authorization and audit', () => {
  it('refuses to register an API route that does not declare its access', async () => {
    const bare = Fastify();
    registerAuth(bare, t.database);
    expect(() => bare.get('/api/v1/undeclared', () => 'x')).toThrow(/declares no valid access/);
    expect(() =>
      bare.get('/api/v1/typo', { config: { access: 'modeling.plant.reed' as 'public' } }, () => 'x'),
    ).toThrow(/declares no valid access/);
    await bare.close();
  });

  it('denies a viewer every write with 403 naming the permission', async () => {
    const roles = (await t.call({ url: '/api/v1/roles', token: admin })).json<
      Array<{ id: string; code: string }>
    >();
    const viewerRole = roles.find((r) => r.code === 'viewer')!;
    await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: admin,
      body: { username: 'vic', password: 'Strong-pw-77', displayName: 'Vic', roleIds: [viewerRole.id] },
    });
    const viewer = await t.login('acme', 'vic', 'Strong-pw-77');
    expect((await t.call({ url: '/api/v1/equipment', token: viewer })).statusCode).toBe(200);
    const denied = await t.call({
      method: 'POST',
      url: '/api/v1/plant/nodes',
      token: viewer,
      body: { kind: 'site', code: 'S9', name: 'S' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toContain('modeling.plant.manage');
    expect((await t.call({ url: '/api/v1/users', token: viewer })).statusCode).toBe(403);
    expect((await t.call({ url: '/api/v1/audit', token: viewer })).statusCode).toBe(403);
  });

  it('keeps built-in roles read-only and custom roles editable', async () => {
    const roles = (await t.call({ url: '/api/v1/roles', token: admin })).json<
      Array<{ id: string; code: string }>
    >();
    expect(roles.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'tenant_admin',
        'plant_manager',
        'production_planner',
        'operator',
        'quality_inspector',
        'equipment_engineer',
        'energy_manager',
        'viewer',
      ]),
    );
    const builtin = roles.find((r) => r.code === 'operator')!;
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/roles/${builtin.id}`, token: admin })).statusCode,
    ).toBe(409);
    const custom = await t.call({
      method: 'POST',
      url: '/api/v1/roles',
      token: admin,
      body: { code: 'auditor', name: 'Auditor', permissions: ['platform.audit.read'] },
    });
    expect(custom.statusCode).toBe(201);
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/roles',
      token: admin,
      body: { code: 'x', name: 'X', permissions: ['made.up.perm'] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('records who changed what, before and after, and offers no way to alter the log', async () => {
    const ou = await t.call({
      method: 'POST',
      url: '/api/v1/org-units',
      token: admin,
      body: { code: 'QA', name: 'Quality' },
    });
    await t.call({
      method: 'PATCH',
      url: `/api/v1/org-units/${ou.json().id}`,
      token: admin,
      body: { name: 'Quality Dept' },
    });
    const audit = await t.call({
      url: `/api/v1/audit?entityType=org_unit&entityId=${ou.json().id}`,
      token: admin,
    });
    const [update, create] = audit.json().items;
    expect(create).toMatchObject({ action: 'create', actorName: 'admin', after: { name: 'Quality' } });
    expect(update).toMatchObject({
      action: 'update',
      before: { name: 'Quality' },
      after: { name: 'Quality Dept' },
    });
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect((await t.call({ method, url: `/api/v1/audit/${update.id}`, token: admin })).statusCode).toBe(
        404,
      );
  });

  it('lets the operator suspend an enterprise, which stops its users', async () => {
    const { tenantId, token } = await t.makeTenant('shortlived');
    const res = await t.call({
      method: 'PATCH',
      url: `/api/v1/admin/tenants/${tenantId}/status`,
      token: t.operatorToken,
      body: { status: 'suspended' },
    });
    expect(res.json().status).toBe('suspended');
    expect((await t.call({ url: '/api/v1/auth/me', token })).statusCode).toBe(401);
    const login = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { tenant: 'shortlived', username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.json().error.code).toBe('TENANT_SUSPENDED');
    expect((await t.call({ url: '/api/v1/admin/tenants', token: admin })).statusCode).toBe(401); // tenant users are not operators
  });
});

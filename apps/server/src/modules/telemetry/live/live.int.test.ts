import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { WebSocket } from 'ws';
import type { TLiveServerMessage } from '@greenmes/contracts';
import { ADMIN_PASSWORD, makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { registerAuth } from '../../../platform/auth/auth.plugin.ts';
import { TelemetryEvents } from '../telemetry.events.ts';
import type { LiveAlarm } from './live-digest.ts';
import { liveModule } from './live.ts';

interface Tenant {
  tenantId: string;
  token: string;
  deviceId: string;
  equipmentId: string;
  deviceToken: string;
  kw: number;
  mode: number;
}

let t: TestApp;
let url: string;
let A: Tenant;
let B: Tenant;

async function post<T>(path: string, token: string, body: unknown): Promise<T> {
  const res = await t.call({ method: 'POST', url: path, token, body });
  if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function makeTenant(code: string): Promise<Tenant> {
  const { tenantId, token } = await t.makeTenant(code);
  const { equipment } = await makePlant(t, token, code.toUpperCase());
  const device = await post<{ id: string }>('/api/v1/devices', token, {
    code: 'M-01',
    name: 'Meter 1',
    equipmentId: equipment.id,
    metrics: [
      { key: 'kw', name: 'kW', valueType: 'number', kind: 'gauge' },
      { key: 'mode', name: 'Mode', valueType: 'state', kind: 'state', states: ['idle', 'run'] },
    ],
  });
  const metrics = (await t.call({ url: `/api/v1/devices/${device.id}/metrics`, token })).json<
    Array<{ id: number; key: string }>
  >();
  const cred = await post<{ token: string }>(`/api/v1/devices/${device.id}/credentials`, token, {
    kind: 'token',
  });
  return {
    tenantId,
    token,
    deviceId: device.id,
    equipmentId: equipment.id,
    deviceToken: cred.token,
    kw: metrics.find((m) => m.key === 'kw')!.id,
    mode: metrics.find((m) => m.key === 'mode')!.id,
  };
}

async function ingest(tenant: Tenant, samples: Array<{ ts: number; values: Record<string, unknown> }>) {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${tenant.deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ samples }),
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A socket client that records every message with the time it arrived. */
interface Client {
  messages: TLiveServerMessage[];
  /** performance.now() at each message's arrival */
  arrivals: number[];
  send(message: unknown): void;
  sendRaw(text: string): void;
  waitFor(match: (m: TLiveServerMessage) => boolean, timeoutMs?: number): Promise<TLiveServerMessage>;
  subscribe(id: string, target: unknown, maxRate?: number): Promise<TLiveServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

async function connect(
  token: string | null,
  via: 'header' | 'query' | 'cookie' = 'header',
  base = url,
): Promise<Client> {
  const socket = new WebSocket(via === 'query' && token ? `${base}?token=${token}` : base, {
    headers:
      !token || via === 'query'
        ? {}
        : via === 'header'
          ? { authorization: `Bearer ${token}` }
          : { cookie: `greenmes_session=${token}` },
  });
  const messages: TLiveServerMessage[] = [];
  const arrivals: number[] = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as TLiveServerMessage);
    arrivals.push(performance.now());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await once(socket, 'open');
  const waitFor: Client['waitFor'] = async (match, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
      await sleep(10);
    }
  };
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  return {
    messages,
    arrivals,
    send,
    sendRaw: (text) => socket.send(text),
    waitFor,
    async subscribe(id, target, maxRate) {
      send({ type: 'subscribe', id, target, ...(maxRate ? { maxRate } : {}) });
      return waitFor((m) => (m.type === 'subscribed' || m.type === 'error') && m.id === id);
    },
    closed,
    close: () => socket.close(),
  };
}

/** The status an upgrade was answered with, when the server refused it. */
function refusal(headers: Record<string, string> = {}, target = url): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target, { headers });
    socket.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    socket.on('open', () => reject(new Error('the socket was accepted')));
    socket.on('error', () => {});
  });
}

const valuesOf = (client: Client, id: string) =>
  client.messages.flatMap((m) => (m.type === 'values' && m.id === id ? m.values : []));

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;
  A = await makeTenant('live-a');
  B = await makeTenant('live-b');
});
afterAll(() => t?.close());

describe('live WebSocket', () => {
  it('refuses a socket without a valid session or token', async () => {
    expect(await refusal()).toBe(401);
    expect(await refusal({ authorization: 'Bearer not-a-token' })).toBe(401);
    expect(await refusal({}, `${url}?token=not-a-token`)).toBe(401);
  });

  it('streams a tenant’s device data to its own sockets only (device, equipment and metrics targets)', async () => {
    const a = await connect(A.token, 'cookie');
    const a2 = await connect(A.token, 'query');
    const b = await connect(B.token);
    expect(await a.subscribe('dev', { kind: 'device', id: A.deviceId })).toEqual({
      type: 'subscribed',
      id: 'dev',
    });
    expect((await a.subscribe('eq', { kind: 'equipment', id: A.equipmentId })).type).toBe('subscribed');
    expect((await a2.subscribe('kw', { kind: 'metrics', ids: [A.kw] })).type).toBe('subscribed');
    expect((await b.subscribe('dev', { kind: 'device', id: B.deviceId })).type).toBe('subscribed');
    expect((await b.subscribe('alarms', { kind: 'alarms' })).type).toBe('subscribed');

    const ts = Date.now() - 1000;
    await ingest(A, [{ ts, values: { kw: 42.5, mode: 'run' } }]);
    const expected = [
      { metricId: A.kw, deviceId: A.deviceId, ts, value: 42.5, text: null },
      { metricId: A.mode, deviceId: A.deviceId, ts, value: 1, text: 'run' },
    ];
    for (const [client, id] of [
      [a, 'dev'],
      [a, 'eq'],
    ] as const) {
      await client.waitFor((m) => m.type === 'values' && m.id === id && valuesOf(client, id).length >= 2);
      expect(valuesOf(client, id).sort((x, y) => x.metricId - y.metricId)).toEqual(expected);
    }
    await a2.waitFor((m) => m.type === 'values' && m.id === 'kw');
    expect(valuesOf(a2, 'kw')).toEqual([expected[0]]); // the metrics target holds kw only

    await ingest(B, [{ ts, values: { kw: 7 } }]);
    await b.waitFor((m) => m.type === 'values');
    await sleep(300);
    expect(
      b.messages.filter((m) => m.type === 'values').flatMap((m) => (m.type === 'values' ? m.values : [])),
    ).toEqual([{ metricId: B.kw, deviceId: B.deviceId, ts, value: 7, text: null }]);
    expect(
      [...valuesOf(a, 'dev'), ...valuesOf(a, 'eq'), ...valuesOf(a2, 'kw')].map((v) => v.deviceId),
    ).not.toContain(B.deviceId);
    for (const c of [a, a2, b]) c.close();
  });

  it('answers another tenant’s ids exactly like unknown ones', async () => {
    const b = await connect(B.token);
    const foreign = [
      await b.subscribe('d', { kind: 'device', id: A.deviceId }),
      await b.subscribe('e', { kind: 'equipment', id: A.equipmentId }),
      await b.subscribe('m', { kind: 'metrics', ids: [A.kw] }),
    ];
    const unknown = [
      await b.subscribe('d2', { kind: 'device', id: randomUUID() }),
      await b.subscribe('e2', { kind: 'equipment', id: randomUUID() }),
      await b.subscribe('m2', { kind: 'metrics', ids: [A.kw + 1_000_000] }),
    ];
    for (const [i, message] of foreign.entries()) {
      expect(message).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
      expect(message.type === 'error' && message.message.replace(/\d+/, 'N')).toBe(
        unknown[i]!.type === 'error' && unknown[i]!.message.replace(/\d+/, 'N'),
      );
    }
    await ingest(A, [{ ts: Date.now() - 500, values: { kw: 1 } }]);
    await sleep(300);
    expect(b.messages.some((m) => m.type === 'values')).toBe(false);
    b.close();
  });

  it('answers bad messages with an error and keeps the socket open', async () => {
    const a = await connect(A.token);
    a.sendRaw('not json');
    a.send({ type: 'subscribe', id: 'x', target: { kind: 'device', id: 'nope' } });
    a.send({ type: 'subscribe', id: 'y', target: { kind: 'metrics', ids: [A.kw] }, maxRate: 1000 });
    await a.waitFor((m) => m.type === 'error' && m.id === 'y');
    expect(a.messages.map((m) => m.type === 'error' && [m.id, m.code])).toEqual([
      [null, 'BAD_JSON'],
      ['x', 'VALIDATION'],
      ['y', 'VALIDATION'],
    ]);
    expect((await a.subscribe('ok', { kind: 'metrics', ids: [A.kw] })).type).toBe('subscribed');
    a.close();
  });

  it('coalesces a burst to at most maxRate pushes a second, the last one carrying the newest value', async () => {
    const a = await connect(A.token);
    const maxRate = 2;
    await a.subscribe('kw', { kind: 'metrics', ids: [A.kw] }, maxRate);
    const base = Date.now() - 60_000;
    const started = performance.now();
    for (let wave = 0; wave < 10; wave++)
      await Promise.all(
        Array.from({ length: 20 }, (_, j) => {
          const i = wave * 20 + j;
          return ingest(A, [{ ts: base + i * 10, values: { kw: i } }]);
        }),
      );
    await a.waitFor((m) => m.type === 'values' && m.values.some((v) => v.value === 199));
    await sleep((2 * 1000) / maxRate); // anything still queued would show up now
    const pushes = a.arrivals.filter((_, i) => a.messages[i]!.type === 'values');
    const seconds = (pushes.at(-1)! - started) / 1000;
    expect(pushes.length).toBeLessThanOrEqual(Math.floor(maxRate * seconds) + 1);
    expect(pushes.length).toBeLessThan(200);
    expect(valuesOf(a, 'kw').at(-1)).toMatchObject({ value: 199, ts: base + 1990 });
    a.close();
  });

  it('follows a device’s new metrics after the device changes', async () => {
    const a = await connect(A.token);
    await a.subscribe('dev', { kind: 'device', id: A.deviceId });
    const added = await post<{ id: number }>(`/api/v1/devices/${A.deviceId}/metrics`, A.token, {
      key: 'kvar',
      name: 'kvar',
      valueType: 'number',
      kind: 'gauge',
    });
    // the subscription is re-resolved shortly after the change: keep sending until it shows
    for (let i = 0; !valuesOf(a, 'dev').some((v) => v.metricId === added.id); i++) {
      if (i > 50) throw new Error('the new metric never reached the device subscription');
      await ingest(A, [{ ts: Date.now() - 100 + i, values: { kvar: i } }]);
      await sleep(100);
    }
    a.close();
  });

  it('limits a user to the devices in the data scope and alarms to those who may read them', async () => {
    const site2 = await post<{ id: string }>('/api/v1/plant/nodes', A.token, {
      kind: 'site',
      code: 'S2',
      name: 'S2',
    });
    const roles = (await t.call({ url: '/api/v1/roles', token: A.token })).json<
      Array<{ id: string; code: string }>
    >();
    await post('/api/v1/users', A.token, {
      username: 'quinn',
      password: 'Strong-pw-77',
      displayName: 'Quinn Inspector',
      roleIds: [roles.find((r) => r.code === 'quality_inspector')!.id], // data read, no alarm read
      dataScope: { nodeIds: [site2.id] },
    });
    const q = await connect(await t.login('live-a', 'quinn', 'Strong-pw-77'));
    expect(await q.subscribe('dev', { kind: 'device', id: A.deviceId })).toMatchObject({
      type: 'error',
      code: 'NOT_FOUND',
    });
    expect(await q.subscribe('eq', { kind: 'equipment', id: A.equipmentId })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await q.subscribe('kw', { kind: 'metrics', ids: [A.kw] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await q.subscribe('al', { kind: 'alarms' })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    q.close();
  });
});

describe('live WebSocket across instances', () => {
  let other: FastifyInstance;
  let otherUrl: string;
  let otherEvents: TelemetryEvents;
  let announceAlarm: (tenantId: string, alarm: LiveAlarm) => void = () => {};

  // a second instance: its own process state (events, sockets), the same broker and database
  beforeAll(async () => {
    otherEvents = new TelemetryEvents();
    other = Fastify();
    await other.register(cookie);
    registerAuth(other, t.database);
    await liveModule({
      database: t.database,
      hub: t.app.telemetry.module.mqtt,
      events: otherEvents,
      log: t.app.log,
      sessionCheckMs: 200,
      onAlarmChanged: (listener) => {
        announceAlarm = listener;
        return () => {};
      },
    }).register(other);
    await other.listen({ port: 0, host: '127.0.0.1' });
    const address = other.server.address();
    otherUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;
  });
  afterAll(() => other?.close());

  it('delivers samples committed on one instance to sockets on another, within the tenant', async () => {
    const there = await connect(A.token, 'header', otherUrl);
    const bThere = await connect(B.token, 'header', otherUrl);
    const here = await connect(A.token);
    await there.subscribe('kw', { kind: 'metrics', ids: [A.kw] });
    await bThere.subscribe('dev', { kind: 'device', id: B.deviceId });
    await here.subscribe('kw', { kind: 'metrics', ids: [A.kw] });

    const ts = Date.now() - 200;
    await ingest(A, [{ ts, values: { kw: 314 } }]); // committed by the main instance
    await there.waitFor((m) => m.type === 'values' && m.values.some((v) => v.value === 314));
    otherEvents.emitSamples([
      { tenantId: A.tenantId, deviceId: A.deviceId, metricId: A.kw, ts: ts + 1, value: 315, text: null },
    ]);
    await here.waitFor((m) => m.type === 'values' && m.values.some((v) => v.value === 315));
    await sleep(300);
    expect(bThere.messages.filter((m) => m.type !== 'subscribed')).toEqual([]);
    for (const c of [there, bThere, here]) c.close();
  });

  it('pushes alarm changes to the tenant’s alarm subscribers only', async () => {
    const a = await connect(A.token);
    const b = await connect(B.token);
    await a.subscribe('alarms', { kind: 'alarms' });
    await b.subscribe('alarms', { kind: 'alarms' });
    const alarm = { id: randomUUID(), deviceId: A.deviceId, state: 'active', severity: 'major' };
    announceAlarm(A.tenantId, alarm);
    expect(await a.waitFor((m) => m.type === 'alarm')).toEqual({ type: 'alarm', id: 'alarms', alarm });
    await sleep(300);
    expect(b.messages.filter((m) => m.type === 'alarm')).toEqual([]);
    a.close();
    b.close();
  });

  it('streams a TV link what its dashboard shows, refuses the rest, and ends at revocation', async () => {
    const tvLinkOf = async (tenant: Tenant, widgets: unknown[]) => {
      const d = await post<{ id: string }>('/api/v1/dashboards', tenant.token, { name: 'Hall', widgets });
      const link = await post<{ link: { id: string }; token: string }>(
        `/api/v1/dashboards/${d.id}/tv-links`,
        tenant.token,
        { label: 'Hall TV' },
      );
      return { dashboardId: d.id, linkId: link.link.id, token: link.token };
    };
    const layout = { x: 0, y: 0, w: 6, h: 4 };
    const kwLine = {
      id: 'kw',
      type: 'line',
      layout,
      binding: { source: 'metrics', metricIds: [A.kw], timeRange: { kind: 'relative', last: '1h' } },
    };
    const tv = await tvLinkOf(A, [kwLine]);
    // B's TV also lists alarms and shows an equipment grid: it may follow those (of its own tenant)
    const bTv = await tvLinkOf(B, [
      { ...kwLine, binding: { ...kwLine.binding, metricIds: [B.kw] } },
      { id: 'alarms', type: 'alarms', layout, binding: { source: 'query', query: 'alarms.open' } },
      { id: 'machines', type: 'equipment-status', layout },
    ]);

    // the browser passes the token as ?token= (a WebSocket has no headers there)
    const a = await connect(tv.token, 'query', otherUrl);
    const b = await connect(bTv.token, 'query', otherUrl);
    expect(await a.subscribe('kw', { kind: 'metrics', ids: [A.kw] })).toEqual({
      type: 'subscribed',
      id: 'kw',
    });
    for (const [id, target] of [
      ['kw', { kind: 'metrics', ids: [B.kw] }],
      ['alarms', { kind: 'alarms' }],
      ['states', { kind: 'equipment-states' }],
    ] as const)
      expect(await b.subscribe(id, target)).toEqual({ type: 'subscribed', id });
    for (const [id, target] of [
      ['mode', { kind: 'metrics', ids: [A.kw, A.mode] }], // a metric no widget binds
      ['alarms', { kind: 'alarms' }], // no alarm list
      ['states', { kind: 'equipment-states' }], // no equipment grid or plant layout
      ['dev', { kind: 'device', id: A.deviceId }],
      ['prod', { kind: 'production' }],
    ] as const)
      expect(await a.subscribe(id, target)).toMatchObject({ type: 'error', id, code: 'FORBIDDEN' });
    // another tenant's TV: A's metric is not on its dashboard
    expect(await b.subscribe('foreign', { kind: 'metrics', ids: [A.kw] })).toMatchObject({
      type: 'error',
      code: 'FORBIDDEN',
    });

    const ts = Date.now() - 100;
    await ingest(A, [{ ts, values: { kw: 271.8, mode: 'idle' } }]);
    await a.waitFor((m) => m.type === 'values' && m.id === 'kw');
    expect(valuesOf(a, 'kw')).toEqual([
      { metricId: A.kw, deviceId: A.deviceId, ts, value: 271.8, text: null },
    ]);
    await sleep(300);
    announceAlarm(A.tenantId, { id: randomUUID(), deviceId: A.deviceId, state: 'active', severity: 'major' });
    await sleep(300);
    // B's TV sees nothing of A: no values, no states, no alarms
    expect(b.messages.filter((m) => m.type !== 'subscribed' && m.type !== 'error')).toEqual([]);

    // revoked: the open socket ends at the next check (200 ms here, 60 s in production), a new one is refused
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/dashboards/${tv.dashboardId}/tv-links/${tv.linkId}/revoke`,
      token: A.token,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await a.closed).toEqual({ code: 4401, reason: 'TV link no longer valid' });
    expect(await refusal({}, `${otherUrl}?token=${tv.token}`)).toBe(401);
    expect(await refusal({}, `${url}?token=${tv.token}`)).toBe(401);
    // B's link is untouched
    await sleep(300);
    expect(b.messages.some((m) => m.type === 'error' && m.id === 'kw')).toBe(false);
    b.close();
  });

  it('ends the stream when the session ends', async () => {
    const token = await t.login('live-a', 'admin', ADMIN_PASSWORD);
    const there = await connect(token, 'header', otherUrl);
    await there.subscribe('kw', { kind: 'metrics', ids: [A.kw] });
    const res = await t.call({ method: 'POST', url: '/api/v1/auth/logout', token });
    expect(res.statusCode, res.body).toBe(200);
    expect(await there.closed).toEqual({ code: 4401, reason: 'session ended' });
    expect(await refusal({ authorization: `Bearer ${token}` }, otherUrl)).toBe(401);
  });
});

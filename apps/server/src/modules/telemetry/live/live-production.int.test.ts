// The live WebSocket's plant-wide targets on a real database: every equipment's state in the data
// scope, and production events (job reports, Andon, transfers, order status) after their commit — on
// this instance and on a second one sharing only the broker and the database.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { WebSocket } from 'ws';
import { sql } from 'drizzle-orm';
import type { TLiveServerMessage, TWorkOrder } from '@greenmes/contracts';
import { makePlant, makeRoutedProduct, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { registerAuth } from '../../../platform/auth/auth.plugin.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { TelemetryEvents } from '../telemetry.events.ts';
import { liveModule } from './live.ts';

let t: TestApp;
let url: string;
let other: FastifyInstance;
let otherUrl: string;
let A: { token: string; tenantId: string; equipmentId: string; deviceToken: string; productId: string };
let B: { token: string; deviceToken: string };
let workerId: string;
let siteId: string;
let site2Id: string;
let lineId: string;

async function ok<T = { id: string }>(method: string, path: string, body?: unknown, token = A.token) {
  const res = await t.call({ method, url: `/api/v1${path}`, token, body });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function stateDevice(token: string, equipmentId: string) {
  const device = await ok(
    'POST',
    '/devices',
    {
      code: 'PLC-01',
      name: 'PLC',
      equipmentId,
      metrics: [
        { key: 'mode', name: 'Mode', valueType: 'state', kind: 'state', states: ['idle', 'run', 'fault'] },
      ],
    },
    token,
  );
  return (await ok<{ token: string }>('POST', `/devices/${device.id}/credentials`, { kind: 'token' }, token))
    .token;
}

async function ingest(deviceToken: string, samples: Array<{ ts: number; values: Record<string, unknown> }>) {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ samples }),
  });
  expect(res.statusCode, res.body).toBe(200);
}

interface Client {
  messages: TLiveServerMessage[];
  waitFor(match: (m: TLiveServerMessage) => boolean): Promise<TLiveServerMessage>;
  subscribe(id: string, target: unknown, maxRate?: number): Promise<TLiveServerMessage>;
  close(): void;
}

async function connect(token: string, base = url): Promise<Client> {
  const socket = new WebSocket(base, { headers: { authorization: `Bearer ${token}` } });
  const messages: TLiveServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as TLiveServerMessage));
  await once(socket, 'open');
  const waitFor: Client['waitFor'] = async (match) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
      await sleep(10);
    }
  };
  return {
    messages,
    waitFor,
    async subscribe(id, target, maxRate) {
      socket.send(JSON.stringify({ type: 'subscribe', id, target, ...(maxRate ? { maxRate } : {}) }));
      return waitFor((m) => (m.type === 'subscribed' || m.type === 'error') && m.id === id);
    },
    close: () => socket.close(),
  };
}

const eventsOf = (client: Client) =>
  client.messages.flatMap((m) => (m.type === 'production' ? m.events : []));
const statesOf = (client: Client) =>
  client.messages.flatMap((m) => (m.type === 'equipment-states' ? m.states : []));

async function scopedUser(username: string, nodeId: string, roleCode = 'viewer') {
  const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
  await ok('POST', '/users', {
    username,
    password: 'Strong-pw-77',
    displayName: username,
    roleIds: [roles.find((r) => r.code === roleCode)!.id],
    dataScope: { nodeIds: [nodeId] },
  });
  return t.login('lp-a', username, 'Strong-pw-77');
}

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;

  // a second instance: its own sockets and events, the same broker and database
  other = Fastify();
  await other.register(cookie);
  registerAuth(other, t.database);
  await liveModule({
    database: t.database,
    hub: t.app.telemetry.module.mqtt,
    events: new TelemetryEvents(),
    log: t.app.log,
  }).register(other);
  await other.listen({ port: 0, host: '127.0.0.1' });
  const otherAddress = other.server.address();
  otherUrl = `ws://127.0.0.1:${typeof otherAddress === 'object' && otherAddress ? otherAddress.port : 0}/api/v1/live`;

  const a = await t.makeTenant('lp-a');
  const b = await t.makeTenant('lp-b');
  const plant = await makePlant(t, a.token, 'LP');
  siteId = plant.site.id;
  lineId = plant.line.id;
  const routed = await makeRoutedProduct(t, a.token, {
    prefix: 'LP',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'PACK', name: 'Pack' },
    ],
  });
  A = {
    token: a.token,
    tenantId: a.tenantId,
    equipmentId: plant.equipment.id,
    deviceToken: await stateDevice(a.token, plant.equipment.id),
    productId: routed.productId,
  };
  const plantB = await makePlant(t, b.token, 'LPB');
  B = { token: b.token, deviceToken: await stateDevice(b.token, plantB.equipment.id) };
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'LP001', name: '王五' })).id;
  site2Id = (await ok('POST', '/plant/nodes', { kind: 'site', code: 'LP-S2', name: 'S2' })).id;
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

describe('live production events', () => {
  it('reach the tenant’s subscribers in scope on every instance after the commit, and nobody else', async () => {
    const here = await connect(A.token);
    const there = await connect(A.token, otherUrl);
    const inScope = await connect(await scopedUser('sam', siteId));
    const outOfScope = await connect(await scopedUser('vera', site2Id));
    const b = await connect(B.token);
    for (const c of [here, there, inScope, outOfScope, b])
      expect(await c.subscribe('p', { kind: 'production' })).toEqual({ type: 'subscribed', id: 'p' });

    const order = await ok<TWorkOrder>('POST', '/production/work-orders', {
      productId: A.productId,
      quantity: '4',
    });
    await ok('POST', `/production/work-orders/${order.id}/release`, {});
    const released = { kind: 'work-order', workOrderId: order.id, operationId: null };
    for (const c of [here, there, inScope])
      await c.waitFor((m) => m.type === 'production' && m.events.some((e) => e.workOrderId === order.id));

    const op10 = order.operations.find((o) => o.seqNo === 10)!.id;
    const before = Date.now();
    await ok('POST', `/production/work-orders/${order.id}/operations/${op10}/job-reports`, {
      workerId,
      kind: 'start',
    });
    const reported = { kind: 'job-report', workOrderId: order.id, operationId: op10 };
    for (const c of [here, there, inScope]) {
      await c.waitFor((m) => m.type === 'production' && m.events.some((e) => e.kind === 'job-report'));
      expect(eventsOf(c).map(({ at: _, ...e }) => e)).toEqual([released, reported]);
      // after the commit: what the client refetches on this event already shows the report
      expect(eventsOf(c)[1]!.at).toBeGreaterThanOrEqual(before);
    }
    const raised = await ok<{ id: string }>('POST', '/production/andon/exceptions', {
      kind: 'quality_issue',
      operationId: op10,
      workerId,
      description: 'burr',
    });
    await inScope.waitFor((m) => m.type === 'production' && m.events.some((e) => e.kind === 'andon'));
    expect(eventsOf(inScope).at(-1)).toMatchObject({
      kind: 'andon',
      workOrderId: order.id,
      operationId: op10,
    });
    await ok('POST', `/production/andon/exceptions/${raised.id}/acknowledge`, {});
    await here.waitFor(() => eventsOf(here).filter((e) => e.kind === 'andon').length === 2);

    await sleep(300);
    expect(eventsOf(outOfScope)).toEqual([]);
    expect(eventsOf(b)).toEqual([]);
    for (const c of [here, there, inScope, outOfScope, b]) c.close();
  });

  it('coalesces a burst into one push per slot and refuses users who may not read work orders', async () => {
    const c = await connect(A.token);
    await c.subscribe('p', { kind: 'production' }, 0.5);
    const order = await ok<TWorkOrder>('POST', '/production/work-orders', {
      productId: A.productId,
      quantity: '9',
    });
    await ok('POST', `/production/work-orders/${order.id}/release`, {});
    await c.waitFor((m) => m.type === 'production');
    const op10 = order.operations.find((o) => o.seqNo === 10)!.id;
    await ok('POST', `/production/work-orders/${order.id}/operations/${op10}/job-reports`, {
      workerId,
      kind: 'start',
    });
    for (let i = 0; i < 5; i++)
      await ok('POST', `/production/work-orders/${order.id}/operations/${op10}/job-reports`, {
        workerId,
        kind: 'quantity',
        goodQty: '1',
      });
    // the first push went out at once; everything since waits for the next slot (2 s later) as one message
    await c.waitFor(() => c.messages.filter((m) => m.type === 'production').length === 2);
    const pushes = c.messages.filter((m) => m.type === 'production');
    expect(pushes[1]).toMatchObject({
      events: [{ kind: 'job-report', workOrderId: order.id, operationId: op10 }],
    });
    c.close();

    const engineer = await connect(await scopedUser('eddie', siteId, 'equipment_engineer'));
    expect(await engineer.subscribe('p', { kind: 'production' })).toMatchObject({
      type: 'error',
      code: 'FORBIDDEN',
    });
    engineer.close();
  });
});

describe('live equipment states', () => {
  it('pushes the newest state of each equipment in the data scope, within the tenant', async () => {
    const here = await connect(A.token);
    const there = await connect(A.token, otherUrl);
    const outOfScope = await connect(await scopedUser('otto', site2Id));
    const b = await connect(B.token);
    for (const c of [here, there, outOfScope, b])
      expect(await c.subscribe('s', { kind: 'equipment-states' })).toEqual({ type: 'subscribed', id: 's' });

    const ts = Date.now() - 1000;
    await ingest(A.deviceToken, [
      { ts: ts - 20, values: { mode: 'idle' } },
      { ts, values: { mode: 'run' } },
      { ts: ts - 10, values: { mode: 'fault' } },
    ]);
    for (const c of [here, there]) {
      await c.waitFor((m) => m.type === 'equipment-states');
      expect(statesOf(c)).toEqual([{ equipmentId: A.equipmentId, state: 'run', ts }]);
    }
    // an older sample arriving late never replaces the newer state on screen
    await ingest(A.deviceToken, [{ ts: ts - 5, values: { mode: 'idle' } }]);
    await ingest(A.deviceToken, [{ ts: ts + 5, values: { mode: 'fault' } }]);
    await here.waitFor(() => statesOf(here).length === 2);
    expect(statesOf(here)[1]).toEqual({ equipmentId: A.equipmentId, state: 'fault', ts: ts + 5 });

    await sleep(300);
    expect(statesOf(outOfScope)).toEqual([]);
    expect(statesOf(b)).toEqual([]);
    for (const c of [here, there, outOfScope, b]) c.close();
  });
});

describe('live equipment states at plant scale', () => {
  it('indexes 1,200 machines once and pushes a state change of all of them as one coalesced message', async () => {
    const N = 1200;
    // machines, controllers and state metrics straight into the tables: the API would take minutes here
    const ids = Array.from({ length: N }, () => [randomUUID(), randomUUID()] as const);
    await t.database.db.execute(
      sql`INSERT INTO equipment (tenant_id, id, node_id, code, name, category)
          SELECT ${A.tenantId}, e::uuid, ${lineId}, 'BULK-' || i, 'Bulk ' || i, 'machine_tool'
          FROM unnest(${sql.param(ids.map(([e]) => e))}::text[]) WITH ORDINALITY AS x(e, i)`,
    );
    await t.database.db.execute(
      sql`INSERT INTO devices (tenant_id, id, code, name, equipment_id)
          SELECT ${A.tenantId}, d::uuid, 'BULK-PLC-' || i, 'PLC ' || i, e::uuid
          FROM unnest(${sql.param(ids.map(([, d]) => d))}::text[], ${sql.param(ids.map(([e]) => e))}::text[])
            WITH ORDINALITY AS x(d, e, i)`,
    );
    const metrics = await queryRows<{ id: string | number; device_id: string }>(
      t.database.db,
      sql`INSERT INTO metrics (tenant_id, device_id, key, name, value_type, kind, states)
          SELECT ${A.tenantId}, d::uuid, 'mode', 'Mode', 'state', 'state', ARRAY['idle', 'run']
          FROM unnest(${sql.param(ids.map(([, d]) => d))}::text[]) AS x(d)
          RETURNING id, device_id`,
    );
    const c = await connect(A.token);
    const started = performance.now();
    expect(await c.subscribe('s', { kind: 'equipment-states' }, 1)).toEqual({ type: 'subscribed', id: 's' });
    const resolveMs = performance.now() - started;

    const ts = Date.now();
    const pushed = performance.now();
    t.app.telemetry.events.emitSamples(
      metrics.map((m) => ({
        tenantId: A.tenantId,
        deviceId: m.device_id,
        metricId: Number(m.id),
        ts,
        value: 1,
        text: 'run',
      })),
    );
    await c.waitFor(() => statesOf(c).length >= N);
    const pushMs = performance.now() - pushed;
    const messages = c.messages.filter((m) => m.type === 'equipment-states');
    expect(messages).toHaveLength(1);
    expect(new Set(statesOf(c).map((x) => x.equipmentId))).toEqual(new Set(ids.map(([e]) => e)));
    expect(statesOf(c).every((x) => x.state === 'run' && x.ts === ts)).toBe(true);
    console.info(
      `equipment-states with ${N} machines: subscribe ${resolveMs.toFixed(0)} ms, push ${pushMs.toFixed(0)} ms`,
    );
    c.close();
  });
});

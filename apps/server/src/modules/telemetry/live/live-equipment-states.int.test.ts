// The live equipment-states target narrowed to one plant layout or one site, on a real database. A TV link's
// socket gets the states of what its dashboard's widgets draw and no other machine's, follows the layout when
// its markers move, and is refused a wider subscription; a signed-in user may narrow the same way.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { WebSocket } from 'ws';
import type { TCreatedTvLink, TDashboard, TLiveServerMessage } from '@greenmes/contracts';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { registerAuth } from '../../../platform/auth/auth.plugin.ts';
import { TelemetryEvents } from '../telemetry.events.ts';
import { liveModule } from './live.ts';

let t: TestApp;
let token: string;
/** a second instance that checks TV links every 200 ms (60 s in production) */
let other: FastifyInstance;
let url: string;
/** the machines: lathe and mill on the hall's layout, the press on another; the oven in the second site */
const eq: Record<'lathe' | 'mill' | 'press' | 'oven', { id: string; deviceToken: string }> = {} as never;
let siteId: string;
let areaId: string;
let site2Id: string;
let hall: { id: string };
let yard: { id: string };

async function ok<T = { id: string }>(method: string, path: string, body?: unknown, as = token) {
  const res = await t.call({ method, url: `/api/v1${path}`, token: as, body });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function machine(nodeId: string, code: string) {
  const equipment = await ok('POST', '/equipment', { nodeId, code, name: code, category: 'machine_tool' });
  const device = await ok('POST', '/devices', {
    code: `PLC-${code}`,
    name: `${code} controller`,
    equipmentId: equipment.id,
    metrics: [
      { key: 'state', name: 'State', valueType: 'state', kind: 'state', states: ['idle', 'running', 'down'] },
    ],
  });
  const cred = await ok<{ token: string }>('POST', `/devices/${device.id}/credentials`, { kind: 'token' });
  return { id: equipment.id, deviceToken: cred.token };
}

async function report(ts: number, states: Partial<Record<keyof typeof eq, string>>) {
  for (const [name, state] of Object.entries(states)) {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: {
        authorization: `Bearer ${eq[name as keyof typeof eq].deviceToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify([{ ts, values: { state } }]),
    });
    expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
  }
}

async function layoutOf(name: string, equipmentIds: string[]) {
  const layout = await ok<{ id: string; version: number }>('POST', '/visualization/layouts', {
    nodeId: siteId,
    name,
  });
  await placeOn(layout.id, equipmentIds);
  return layout;
}

async function placeOn(layoutId: string, equipmentIds: string[]) {
  const { version } = await ok<{ version: number }>('GET', `/visualization/layouts/${layoutId}`);
  await ok('PUT', `/visualization/layouts/${layoutId}/markers`, {
    version,
    markers: equipmentIds.map((equipmentId, i) => ({ equipmentId, x: 0.1 + i * 0.1, y: 0.5 })),
  });
}

interface Client {
  messages: TLiveServerMessage[];
  subscribe(id: string, target: unknown): Promise<TLiveServerMessage>;
  close(): void;
}

async function connect(as: string, base = url): Promise<Client> {
  const socket = new WebSocket(`${base}?token=${as}`);
  const messages: TLiveServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as TLiveServerMessage));
  await once(socket, 'open');
  return {
    messages,
    async subscribe(id, target) {
      socket.send(JSON.stringify({ type: 'subscribe', id, target }));
      await waitFor(() =>
        messages.some((m) => (m.type === 'subscribed' || m.type === 'error') && m.id === id),
      );
      return messages.find((m) => (m.type === 'subscribed' || m.type === 'error') && m.id === id)!;
    },
    close: () => socket.close(),
  };
}

async function waitFor(condition: () => boolean, what = 'condition') {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The states a subscription was pushed, as [equipment id, state] in arrival order. */
const statesOf = (client: Client, id: string) =>
  client.messages.flatMap((m) =>
    m.type === 'equipment-states' && m.id === id ? m.states.map((s) => [s.equipmentId, s.state]) : [],
  );
const equipmentOf = (client: Client, id: string) => new Set(statesOf(client, id).map(([e]) => e));

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('lt-a'));
  other = Fastify();
  await other.register(cookie);
  registerAuth(other, t.database);
  await liveModule({
    database: t.database,
    hub: t.app.telemetry.module.mqtt,
    events: new TelemetryEvents(),
    log: t.app.log,
    sessionCheckMs: 200,
  }).register(other);
  await other.listen({ port: 0, host: '127.0.0.1' });
  const address = other.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/live`;

  const plant = await makePlant(t, token, 'LT');
  siteId = plant.site.id;
  areaId = plant.area.id;
  site2Id = (await ok('POST', '/plant/nodes', { kind: 'site', code: 'LT-S2', name: 'Site 2' })).id;
  eq.lathe = await machine(plant.line.id, 'LT-LATHE');
  eq.mill = await machine(plant.line.id, 'LT-MILL');
  eq.press = await machine(plant.line.id, 'LT-PRESS');
  eq.oven = await machine(site2Id, 'LT-OVEN');
  hall = await layoutOf('Hall', [eq.lathe.id, eq.mill.id]);
  yard = await layoutOf('Yard', [eq.press.id]);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

describe('live equipment states of a TV link', () => {
  it('carries only the machines its widgets draw, refuses more, and follows the layout’s markers', async () => {
    const d = await ok<TDashboard>('POST', '/dashboards', {
      name: 'Hall floor',
      widgets: [
        {
          id: 'plan',
          type: 'plant-layout',
          layout: { x: 0, y: 0, w: 8, h: 8 },
          options: { layoutId: hall.id },
        },
        {
          id: 'ovens',
          type: 'equipment-status',
          layout: { x: 8, y: 0, w: 4, h: 8 },
          options: { siteId: site2Id },
        },
      ],
    });
    const tv = (await ok<TCreatedTvLink>('POST', `/dashboards/${d.id}/tv-links`, { label: 'Hall' })).token;
    const c = await connect(tv);
    expect(await c.subscribe('plan', { kind: 'equipment-states', layoutId: hall.id })).toEqual({
      type: 'subscribed',
      id: 'plan',
    });
    expect(await c.subscribe('ovens', { kind: 'equipment-states', siteId: site2Id })).toEqual({
      type: 'subscribed',
      id: 'ovens',
    });
    for (const [id, target] of [
      ['all', { kind: 'equipment-states' }], // every machine in the creator's scope
      ['yard', { kind: 'equipment-states', layoutId: yard.id }], // a layout no widget shows
      ['site', { kind: 'equipment-states', siteId }], // a site no grid shows
      ['press', { kind: 'equipment', id: eq.press.id }],
    ] as const)
      expect(await c.subscribe(id, target)).toMatchObject({ type: 'error', id, code: 'FORBIDDEN' });

    const ts = Date.now() - 1000;
    await report(ts, { lathe: 'running', mill: 'down', press: 'idle', oven: 'running' });
    await waitFor(() => equipmentOf(c, 'plan').size === 2 && equipmentOf(c, 'ovens').size === 1, 'states');
    await sleep(300); // time for the press's state to arrive, were it carried
    expect(statesOf(c, 'plan').sort()).toEqual(
      [
        [eq.lathe.id, 'running'],
        [eq.mill.id, 'down'],
      ].sort(),
    );
    expect(statesOf(c, 'ovens')).toEqual([[eq.oven.id, 'running']]);

    // the press is moved onto the hall, the mill off it: the open socket follows at its next check
    await placeOn(hall.id, [eq.lathe.id, eq.press.id]);
    await sleep(600);
    await report(ts + 1, { mill: 'idle', press: 'down' });
    await waitFor(() => equipmentOf(c, 'plan').has(eq.press.id), 'the press’s state');
    await sleep(300);
    expect(statesOf(c, 'plan').filter(([e]) => e === eq.mill.id)).toEqual([[eq.mill.id, 'down']]);
    expect(statesOf(c, 'plan').at(-1)).toEqual([eq.press.id, 'down']);
    c.close();
  });

  it('lets an unlimited equipment grid follow every machine in the scope', async () => {
    const d = await ok<TDashboard>('POST', '/dashboards', {
      name: 'All machines',
      widgets: [{ id: 'grid', type: 'equipment-status', layout: { x: 0, y: 0, w: 12, h: 8 } }],
    });
    const tv = (await ok<TCreatedTvLink>('POST', `/dashboards/${d.id}/tv-links`, { label: 'All' })).token;
    const c = await connect(tv);
    for (const [id, target] of [
      ['all', { kind: 'equipment-states' }],
      ['site', { kind: 'equipment-states', siteId }],
    ] as const)
      expect(await c.subscribe(id, target)).toEqual({ type: 'subscribed', id });
    expect(await c.subscribe('plan', { kind: 'equipment-states', layoutId: hall.id })).toMatchObject({
      type: 'error',
      code: 'FORBIDDEN',
    });
    c.close();
  });
});

describe('live equipment states narrowed by a signed-in user', () => {
  it('pushes a layout’s or a site’s machines only, and names a bad narrowing', async () => {
    const c = await connect(token);
    for (const [id, target] of [
      ['yard', { kind: 'equipment-states', layoutId: yard.id }],
      ['site2', { kind: 'equipment-states', siteId: site2Id }],
      ['all', { kind: 'equipment-states' }],
    ] as const)
      expect(await c.subscribe(id, target)).toEqual({ type: 'subscribed', id });
    const ts = Date.now();
    await report(ts, { lathe: 'idle', press: 'running', oven: 'down' });
    await waitFor(() => equipmentOf(c, 'all').size === 3, 'all three states');
    await sleep(300);
    expect(statesOf(c, 'yard')).toEqual([[eq.press.id, 'running']]);
    expect(statesOf(c, 'site2')).toEqual([[eq.oven.id, 'down']]);

    const both = await c.subscribe('both', { kind: 'equipment-states', layoutId: yard.id, siteId });
    expect(both).toMatchObject({ type: 'error', code: 'VALIDATION' });
    expect(both.type === 'error' && both.message).toContain('target.siteId');
    expect(await c.subscribe('no-layout', { kind: 'equipment-states', layoutId: site2Id })).toMatchObject({
      type: 'error',
      code: 'NOT_FOUND',
    });
    // an area is not a site
    const area = await c.subscribe('area', { kind: 'equipment-states', siteId: areaId });
    expect(area).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    expect(area.type === 'error' && area.message).toMatch(/site/i);
    c.close();
  });
});

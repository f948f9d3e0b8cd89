import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };

const post = async (url: string, token: string, body: unknown) => {
  const res = await t.call({ method: 'POST', url, token, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; token?: string }>();
};
const states = (token: string, ids: string[] | string) =>
  t.call({
    url: `/api/v1/telemetry/equipment-states?equipmentIds=${Array.isArray(ids) ? ids.join(',') : ids}`,
    token,
  });

/** A machine controller like the demo's PLC-<equipment code>, bound to the equipment. */
async function makeController(token: string, equipmentId: string, code: string) {
  const device = await post('/api/v1/devices', token, {
    code,
    name: `${code} controller`,
    equipmentId,
    metrics: [
      { key: 'spindle_kw', name: 'Spindle', valueType: 'number', kind: 'gauge', unitCode: 'kW' },
      {
        key: 'state',
        name: 'State',
        valueType: 'state',
        kind: 'state',
        states: ['idle', 'running', 'down', 'setup'],
      },
    ],
  });
  const cred = await post(`/api/v1/devices/${device.id}/credentials`, token, { kind: 'token' });
  const send = async (samples: Array<{ ts: number; values: Record<string, unknown> }>) => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${cred.token!}`, 'content-type': 'application/json' },
      body: JSON.stringify(samples),
    });
    expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
  };
  return { id: device.id, send };
}

let plantA: Awaited<ReturnType<typeof makePlant>>;
let idleEquipment: { id: string };
let plantB: Awaited<ReturnType<typeof makePlant>>;

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('eqs-a');
  b = await t.makeTenant('eqs-b');
  plantA = await makePlant(t, a.token, 'A');
  plantB = await makePlant(t, b.token, 'B');
  idleEquipment = await post('/api/v1/equipment', a.token, {
    nodeId: plantA.line.id,
    code: 'A-EQ2',
    name: 'Unwired press',
    category: 'machine_tool',
    energyMedia: ['electricity'],
  });
});
afterAll(() => t?.close());

describe('GET /telemetry/equipment-states', () => {
  it('gives each equipment the latest state of its controller, and null where nothing reports', async () => {
    const plc = await makeController(a.token, plantA.equipment.id, 'PLC-A-EQ1');
    const now = Date.now();
    await plc.send([
      { ts: now - 3000, values: { state: 'idle', spindle_kw: 0 } },
      { ts: now - 2000, values: { state: 'running', spindle_kw: 7.5 } },
      // a late sample from before must not win over the newer state
      { ts: now - 2500, values: { state: 'setup' } },
    ]);

    const res = await states(a.token, [idleEquipment.id, plantA.equipment.id]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Array<Record<string, unknown>>>();
    const latest = (
      await t.call({ url: `/api/v1/equipment/${plantA.equipment.id}/latest`, token: a.token })
    ).json<Array<{ key: string; metricId: number }>>();
    // in the order asked for
    expect(body).toEqual([
      {
        equipmentId: idleEquipment.id,
        state: null,
        ts: null,
        metricId: null,
        deviceId: null,
        deviceCode: null,
        connectivity: null,
      },
      {
        equipmentId: plantA.equipment.id,
        state: 'running',
        ts: new Date(now - 2000).toISOString(),
        metricId: latest.find((l) => l.key === 'state')!.metricId,
        deviceId: plc.id,
        deviceCode: 'PLC-A-EQ1',
        connectivity: 'online',
      },
    ]);

    await plc.send([{ ts: now - 1000, values: { state: 2 } }]); // by index: down
    expect((await states(a.token, plantA.equipment.id)).json()).toMatchObject([
      { equipmentId: plantA.equipment.id, state: 'down', ts: new Date(now - 1000).toISOString() },
    ]);
  });

  it("never shows another tenant's equipment: its ids read like unknown ones", async () => {
    const fromB = await states(b.token, [plantA.equipment.id, plantB.equipment.id]);
    expect(fromB.statusCode, fromB.body).toBe(200);
    expect(fromB.json()).toEqual([
      expect.objectContaining({ equipmentId: plantB.equipment.id, state: null }),
    ]);
    expect((await states(b.token, plantA.equipment.id)).json()).toEqual([]);
  });

  it('respects the data scope and the permission to read telemetry data', async () => {
    const roles = (await t.call({ url: '/api/v1/roles', token: a.token })).json<
      Array<{ id: string; code: string }>
    >();
    const otherSite = await post('/api/v1/plant/nodes', a.token, { kind: 'site', code: 'A-S2', name: 'S2' });
    const user = async (username: string, role: string, nodeIds?: string[]) => {
      await post('/api/v1/users', a.token, {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
        ...(nodeIds ? { dataScope: { nodeIds } } : {}),
      });
      return t.login('eqs-a', username, 'Strong-pw-77');
    };
    const outside = await user('outside', 'quality_inspector', [otherSite.id]);
    expect((await states(outside, plantA.equipment.id)).json()).toEqual([]);
    const inside = await user('inside', 'quality_inspector', [plantA.area.id]);
    expect((await states(inside, plantA.equipment.id)).json()).toMatchObject([{ state: 'down' }]);
    const planner = await user('planner', 'production_planner');
    expect((await states(planner, plantA.equipment.id)).statusCode).toBe(403);
  });

  it('refuses bad ids with a 400 that names the field', async () => {
    const tooMany = Array.from({ length: 201 }, () => crypto.randomUUID());
    for (const query of ['equipmentIds=nope', `equipmentIds=${tooMany.join(',')}`, 'equipmentIds=', '']) {
      const res = await t.call({ url: `/api/v1/telemetry/equipment-states?${query}`, token: a.token });
      expect(res.statusCode, query.slice(0, 40)).toBe(400);
      expect(res.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]!.path).toMatch(
        /^querystring\.equipmentIds/,
      );
    }
    const extra = await t.call({
      url: `/api/v1/telemetry/equipment-states?equipmentIds=${plantA.equipment.id}&x=1`,
      token: a.token,
    });
    expect(extra.statusCode).toBe(400);
    // 200 distinct ids (duplicates count once) are fine
    const many = [...tooMany.slice(0, 200), tooMany[0]!];
    expect((await states(a.token, many)).statusCode).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await t.call({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(spec.paths).toHaveProperty(['/api/v1/telemetry/equipment-states']);
  });
});

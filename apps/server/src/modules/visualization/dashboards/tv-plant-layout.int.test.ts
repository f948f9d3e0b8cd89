// A plant-layout widget on a shop-floor TV: the TV link reads the running states of the equipment on that
// layout through the widget's data, and no other equipment's states by any route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCreatedTvLink, TDashboard, TWidgetData } from '@greenmes/contracts';
import { api, makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };

const { call, ok } = api(
  () => t,
  () => a.token,
);

/** A machine controller reporting `state` for the equipment, as the demo's PLCs do. */
async function reportState(equipmentId: string, code: string, state: string) {
  const device = await ok('POST', '/devices', {
    code,
    name: `${code} controller`,
    equipmentId,
    metrics: [
      { key: 'state', name: 'State', valueType: 'state', kind: 'state', states: ['idle', 'running', 'down'] },
    ],
  });
  const cred = await ok<{ token: string }>('POST', `/devices/${device.id}/credentials`, { kind: 'token' });
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${cred.token}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ ts: Date.now() - 1000, values: { state } }]),
  });
  expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('tv-plan');
});
afterAll(() => t?.close());

describe('a plant layout on a TV link', () => {
  it('gets the states of its layout’s equipment, and nothing else', async () => {
    const plant = await makePlant(t, a.token, 'TVP');
    const mill = await ok('POST', '/equipment', {
      nodeId: plant.line.id,
      code: 'TVP-EQ2',
      name: 'Mill',
      category: 'machine_tool',
    });
    const press = await ok('POST', '/equipment', {
      nodeId: plant.line.id,
      code: 'TVP-EQ3',
      name: 'Press',
      category: 'machine_tool',
    });
    await reportState(plant.equipment.id, 'PLC-TVP-EQ1', 'running');
    await reportState(mill.id, 'PLC-TVP-EQ2', 'down');
    await reportState(press.id, 'PLC-TVP-EQ3', 'idle');

    const layout = await ok<{ id: string; version: number }>('POST', '/visualization/layouts', {
      nodeId: plant.site.id,
      name: 'Hall',
    });
    await ok('PUT', `/visualization/layouts/${layout.id}/markers`, {
      version: layout.version,
      markers: [
        { equipmentId: plant.equipment.id, x: 0.2, y: 0.5 },
        { equipmentId: mill.id, x: 0.7, y: 0.5 },
      ],
    });
    const d = await ok<TDashboard>('POST', '/dashboards', {
      name: 'Hall floor',
      widgets: [
        {
          id: 'plan',
          type: 'plant-layout',
          layout: { x: 0, y: 0, w: 12, h: 8 },
          options: { layoutId: layout.id },
        },
      ],
    });
    const tv = (await ok<TCreatedTvLink>('POST', `/dashboards/${d.id}/tv-links`, { label: 'Hall' })).token;

    const data = await ok<TWidgetData>('GET', `/dashboards/${d.id}/widgets/plan/data`, undefined, tv);
    if (data.kind !== 'equipment-states') throw new Error(`widget data of kind ${data.kind}`);
    expect(data.layoutId).toBe(layout.id);
    expect(data.states.map((s) => [s.equipmentId, s.state]).sort(([x], [y]) => x!.localeCompare(y!))).toEqual(
      [
        [plant.equipment.id, 'running'],
        [mill.id, 'down'],
      ].sort(([x], [y]) => x!.localeCompare(y!)),
    );
    // the press is not on the layout: the TV cannot ask for it, nor for the layout's own equipment, elsewhere
    for (const ids of [press.id, plant.equipment.id]) {
      const url = `/telemetry/equipment-states?equipmentIds=${ids}`;
      expect([url, (await call('GET', url, undefined, tv)).statusCode]).toEqual([url, 403]);
    }
    // a signed-in viewer of the dashboard gets the same answer as the TV
    const own = await ok<TWidgetData>('GET', `/dashboards/${d.id}/widgets/plan/data`);
    expect(own).toEqual(data);

    // markers moved off the press's neighbour: the next answer follows the saved layout
    const saved = await ok<{ version: number }>('GET', `/visualization/layouts/${layout.id}`);
    await ok('PUT', `/visualization/layouts/${layout.id}/markers`, {
      version: saved.version,
      markers: [{ equipmentId: press.id, x: 0.5, y: 0.5 }],
    });
    const after = await ok<TWidgetData>('GET', `/dashboards/${d.id}/widgets/plan/data`, undefined, tv);
    expect(after.kind === 'equipment-states' && after.states.map((s) => [s.equipmentId, s.state])).toEqual([
      [press.id, 'idle'],
    ]);
  });
});

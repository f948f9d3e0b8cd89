// The demo's floor plan: seeded once from the factory model, every equipment marked inside its hall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPage, TPlantLayout, TPlantLayoutDetail, TPlantModel } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';
import { seedDemo } from '../../demo/demo.seed.ts';

const PASSWORD = 'Demo-pass-1';
let t: TestApp;
let token: string;
const get = async (url: string) => {
  const res = await t.call({ url: `/api/v1${url}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo({ db: t.database.db, password: PASSWORD });
  await seedDemo({ db: t.database.db, password: PASSWORD }); // a restart: nothing twice
  token = await t.login('demo', 'admin', PASSWORD);
}, 180_000);
afterAll(() => t?.close());

describe('demo plant layout', () => {
  it('has one SVG plan of the site with a marker on every equipment', async () => {
    const page = (await get('/visualization/layouts')).json<TPage<TPlantLayout>>();
    expect(page.total).toBe(1);
    const model = (await get('/visualization/plant-model')).json<TPlantModel>();
    const layout = (await get(`/visualization/layouts/${page.items[0]!.id}`)).json<TPlantLayoutDetail>();
    expect(layout).toMatchObject({ backgroundType: 'image/svg+xml', width: 1600, height: 1000 });
    expect(layout.markers.map((m) => m.equipmentId).sort()).toEqual(model.equipment.map((e) => e.id).sort());
    for (const m of layout.markers) {
      expect(m.x).toBeGreaterThan(0);
      expect(m.x).toBeLessThan(1);
      expect(m.y).toBeGreaterThan(0);
      expect(m.y).toBeLessThan(1);
    }
    const image = await get(`/visualization/layouts/${layout.id}/background`);
    // every workshop is drawn as a hall with its name
    for (const area of model.nodes.filter((n) => n.kind === 'area')) expect(image.body).toContain(area.name);
  });
});

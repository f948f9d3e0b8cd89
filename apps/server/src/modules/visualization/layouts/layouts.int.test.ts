import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let token: string;
let plant: Awaited<ReturnType<typeof makePlant>>;

// a 3×2 PNG: the signature and an IHDR chunk are all the sniffer reads
const png = (width: number, height: number) => {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
};
const SVG = `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 800">
  <script>alert(1)</script><rect width="1200" height="800" fill="#eee"/></svg>`;

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('layouts'));
  plant = await makePlant(t, token, 'L');
});
afterAll(() => t?.close());

const call = (method: string, url: string, body?: unknown, as = token, headers?: Record<string, string>) =>
  t.call({ method, url: `/api/v1${url}`, token: as, body, headers });

async function makeLayout(name: string, nodeId = plant.site.id) {
  const res = await call('POST', '/visualization/layouts', { nodeId, name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
}
const upload = (id: string, version: number, body: Buffer | string, type = 'application/octet-stream') =>
  call('PUT', `/visualization/layouts/${id}/background?version=${version}`, body, token, {
    'content-type': type,
  });

describe('plant layouts', () => {
  it('creates, lists, renames with optimistic concurrency and deletes, audited', async () => {
    const layout = await makeLayout('Hall plan');
    const list = await call('GET', '/visualization/layouts?q=hall');
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: 'Hall plan', nodeName: 'Site' }] });
    const renamed = await call('PATCH', `/visualization/layouts/${layout.id}`, {
      name: 'Plan A',
      version: 1,
    });
    expect(renamed.json()).toMatchObject({ name: 'Plan A', version: 2 });
    const stale = await call('PATCH', `/visualization/layouts/${layout.id}`, { name: 'Plan B', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/changed by someone else/);

    const onLine = await call('POST', '/visualization/layouts', { nodeId: plant.line.id, name: 'x' });
    expect(onLine.statusCode).toBe(400);
    expect(onLine.json().error.details).toEqual([
      { path: 'body.nodeId', message: 'a layout shows a site or an area, not a line' },
    ]);

    expect((await call('DELETE', `/visualization/layouts/${layout.id}`)).statusCode).toBe(200);
    expect((await call('GET', `/visualization/layouts/${layout.id}`)).statusCode).toBe(404);
    const audit = await call('GET', '/audit?entityType=plant_layout&pageSize=50');
    expect(
      audit
        .json<{ items: Array<{ action: string; entityId: string }> }>()
        .items.filter((e) => e.entityId === layout.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['create', 'delete', 'update']);
  });

  it('accepts PNG, JPEG and SVG by their bytes and refuses the rest', async () => {
    const layout = await makeLayout('Uploads');
    const first = await upload(layout.id, 1, png(3, 2), 'image/png');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ backgroundType: 'image/png', width: 3, height: 2, version: 2 });

    // a JPEG: SOI, an APP0 segment to skip, then SOF0 with height 480 and width 640
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80,
      0x03, 0x01, 0x22, 0x00,
    ]);
    expect((await upload(layout.id, 2, jpeg)).json()).toMatchObject({
      backgroundType: 'image/jpeg',
      width: 640,
      height: 480,
    });

    // named .png and declared image/png, but it is a text file
    const fake = await upload(layout.id, 3, Buffer.from('hello, not an image'), 'image/png');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toMatch(/only PNG, JPEG and SVG/);
    const gif = await upload(layout.id, 3, Buffer.from('GIF89a\x01\x00\x01\x00'));
    expect(gif.statusCode).toBe(400);

    const tooBig = Buffer.concat([png(10, 10), Buffer.alloc(5 * 1024 * 1024)]);
    const big = await upload(layout.id, 3, tooBig);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.details[0].message).toMatch(/at most 5 MiB/);

    const stale = await upload(layout.id, 1, png(3, 2));
    expect(stale.statusCode).toBe(409);
  });

  it('serves an SVG back sandboxed so its script cannot run', async () => {
    const layout = await makeLayout('Vector plan');
    const res = await upload(layout.id, 1, SVG, 'image/svg+xml');
    expect(res.json()).toMatchObject({ backgroundType: 'image/svg+xml', width: 1200, height: 800 });
    const image = await call('GET', `/visualization/layouts/${layout.id}/background`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(image.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(image.headers['content-security-policy']).toContain("default-src 'none'");
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.body).toBe(SVG);

    const none = await makeLayout('No background yet');
    expect((await call('GET', `/visualization/layouts/${none.id}/background`)).statusCode).toBe(404);
  });

  it('saves markers replace-all and names the field of each bad one', async () => {
    const layout = await makeLayout('Markers');
    const eq2 = (
      await call('POST', '/equipment', {
        nodeId: plant.line.id,
        code: 'L-EQ2',
        name: 'Mill',
        category: 'pump',
      })
    ).json<{ id: string }>();
    const bad = await call('PUT', `/visualization/layouts/${layout.id}/markers`, {
      version: 1,
      markers: [
        { equipmentId: plant.equipment.id, x: 0.5, y: 0.5 },
        { equipmentId: plant.equipment.id, x: 0.1, y: 0.1 },
        { equipmentId: '00000000-0000-4000-8000-000000000001', x: 0.2, y: 0.2 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'body.markers.1.equipmentId', message: 'this equipment is already placed by markers.0' },
      { path: 'body.markers.2.equipmentId', message: 'unknown equipment' },
    ]);
    const outside = await call('PUT', `/visualization/layouts/${layout.id}/markers`, {
      version: 1,
      markers: [{ equipmentId: plant.equipment.id, x: 1.5, y: 0.5 }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({ path: 'body.markers.0.x' });

    const saved = await call('PUT', `/visualization/layouts/${layout.id}/markers`, {
      version: 1,
      markers: [
        { equipmentId: plant.equipment.id, x: 0.25, y: 0.75, label: 'Lathe 1' },
        { equipmentId: eq2.id, x: 0, y: 1 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, markerCount: 2 });
    const again = await call('PUT', `/visualization/layouts/${layout.id}/markers`, {
      version: 2,
      markers: [{ equipmentId: eq2.id, x: 0.5, y: 0.5 }],
    });
    expect(again.json().markers).toEqual([
      {
        equipmentId: eq2.id,
        x: 0.5,
        y: 0.5,
        label: null,
        equipmentCode: 'L-EQ2',
        equipmentName: 'Mill',
        category: 'pump',
      },
    ]);
  });

  it('answers the whole factory model with categories in one request', async () => {
    const model = (await call('GET', '/visualization/plant-model')).json<{
      nodes: Array<{ kind: string }>;
      equipment: Array<{ code: string; category: string }>;
    }>();
    expect(model.nodes.map((n) => n.kind).sort()).toEqual(['area', 'line', 'site']);
    expect(model.equipment).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'L-EQ1', category: 'machine_tool' })]),
    );
  });

  it('keeps to the data scope: other areas are hidden, a site layout is read-only', async () => {
    const otherArea = (
      await call('POST', '/plant/nodes', {
        kind: 'area',
        parentId: plant.site.id,
        code: 'L-A2',
        name: 'Paint',
      })
    ).json<{ id: string }>();
    const otherLine = (
      await call('POST', '/plant/nodes', { kind: 'line', parentId: otherArea.id, code: 'L-L2', name: 'P1' })
    ).json<{ id: string }>();
    const hidden = (
      await call('POST', '/equipment', {
        nodeId: otherLine.id,
        code: 'L-HID',
        name: 'Booth',
        category: 'fan',
      })
    ).json<{ id: string }>();
    const siteLayout = await makeLayout('Whole site');
    await call('PUT', `/visualization/layouts/${siteLayout.id}/markers`, {
      version: 1,
      markers: [
        { equipmentId: plant.equipment.id, x: 0.1, y: 0.1 },
        { equipmentId: hidden.id, x: 0.9, y: 0.9 },
      ],
    });
    const paintLayout = await makeLayout('Paint shop', otherArea.id);
    const roles = (await call('GET', '/roles')).json<Array<{ id: string; code: string }>>();
    const user = await call('POST', '/users', {
      username: 'scoped',
      password: 'Strong-pw-77',
      displayName: 'Scoped',
      roleIds: [roles.find((r) => r.code === 'plant_manager')!.id],
      dataScope: { nodeIds: [plant.area.id] },
    });
    expect(user.statusCode, user.body).toBe(201);
    const scoped = await t.login('layouts', 'scoped', 'Strong-pw-77');

    const seen = await call('GET', `/visualization/layouts/${siteLayout.id}`, undefined, scoped);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().markers.map((m: { equipmentCode: string }) => m.equipmentCode)).toEqual(['L-EQ1']);
    expect(
      (await call('GET', `/visualization/layouts/${paintLayout.id}`, undefined, scoped)).statusCode,
    ).toBe(404);
    const names = (await call('GET', '/visualization/layouts?pageSize=100', undefined, scoped))
      .json<{ items: Array<{ name: string }> }>()
      .items.map((l) => l.name);
    expect(names).toContain('Whole site');
    expect(names).not.toContain('Paint shop');
    const write = await call(
      'PUT',
      `/visualization/layouts/${siteLayout.id}/markers`,
      { version: 2, markers: [] },
      scoped,
    );
    expect(write.statusCode).toBe(403);

    const areaLayout = await call(
      'POST',
      '/visualization/layouts',
      { nodeId: plant.area.id, name: 'My area' },
      scoped,
    );
    expect(areaLayout.statusCode).toBe(201);
    const placeHidden = await call(
      'PUT',
      `/visualization/layouts/${areaLayout.json<{ id: string }>().id}/markers`,
      { version: 1, markers: [{ equipmentId: hidden.id, x: 0.5, y: 0.5 }] },
      scoped,
    );
    expect(placeHidden.statusCode).toBe(400);
    expect(placeHidden.json().error.details).toEqual([
      { path: 'body.markers.0.equipmentId', message: 'unknown equipment' },
    ]);
    const model = (await call('GET', '/visualization/plant-model', undefined, scoped)).json<{
      equipment: Array<{ code: string }>;
    }>();
    expect(model.equipment.map((e) => e.code)).not.toContain('L-HID');
  });

  it("never shows or changes another enterprise's layouts", async () => {
    const layout = await makeLayout('Private');
    await upload(layout.id, 1, png(4, 4));
    const other = await t.makeTenant('layouts-b');
    for (const [method, url, body] of [
      ['GET', `/visualization/layouts/${layout.id}`],
      ['GET', `/visualization/layouts/${layout.id}/background`],
      ['PATCH', `/visualization/layouts/${layout.id}`, { name: 'Mine', version: 2 }],
      ['PUT', `/visualization/layouts/${layout.id}/markers`, { version: 2, markers: [] }],
      ['DELETE', `/visualization/layouts/${layout.id}`],
    ] as const)
      expect((await call(method, url, body, other.token)).statusCode, `${method} ${url}`).toBe(404);
    expect((await call('GET', '/visualization/layouts', undefined, other.token)).json().total).toBe(0);
    // and tenant B cannot place tenant A's equipment on a layout of its own
    const plantB = await makePlant(t, other.token, 'B');
    const mine = (
      await call('POST', '/visualization/layouts', { nodeId: plantB.site.id, name: 'B' }, other.token)
    ).json<{ id: string }>();
    const foreign = await call(
      'PUT',
      `/visualization/layouts/${mine.id}/markers`,
      { version: 1, markers: [{ equipmentId: plant.equipment.id, x: 0.5, y: 0.5 }] },
      other.token,
    );
    expect(foreign.statusCode).toBe(400);
  });
});

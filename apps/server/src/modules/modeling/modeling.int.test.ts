import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let token: string;
let plant: Awaited<ReturnType<typeof makePlant>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('model'));
  plant = await makePlant(t, token, 'P');
});
afterAll(() => t?.close());

const post = (url: string, body: unknown) => t.call({ method: 'POST', url, token, body });

describe('plant tree', () => {
  it('enforces the ISA-95 hierarchy with a clear 409', async () => {
    const res = await post('/api/v1/plant/nodes', {
      parentId: plant.site.id,
      kind: 'line',
      code: 'BAD',
      name: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(
      /line must be placed under a area|line must be placed under an? area/,
    );
    const dup = await post('/api/v1/plant/nodes', {
      parentId: plant.site.id,
      kind: 'area',
      code: 'P-A',
      name: 'x',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
  });

  it('refuses to delete a node that still has children or equipment', async () => {
    const area = await t.call({ method: 'DELETE', url: `/api/v1/plant/nodes/${plant.area.id}`, token });
    expect(area.statusCode).toBe(409);
    expect(area.json().error.message).toMatch(/child nodes/);
    const line = await t.call({ method: 'DELETE', url: `/api/v1/plant/nodes/${plant.line.id}`, token });
    expect(line.json().error.message).toMatch(/1 pieces of equipment/);
  });

  it('moves and reorders nodes among siblings', async () => {
    const area2 = (
      await post('/api/v1/plant/nodes', {
        parentId: plant.site.id,
        kind: 'area',
        code: 'P-A2',
        name: 'Area 2',
      })
    ).json();
    const line2 = (
      await post('/api/v1/plant/nodes', {
        parentId: plant.area.id,
        kind: 'line',
        code: 'P-L2',
        name: 'Line 2',
      })
    ).json();
    const moved = await post(`/api/v1/plant/nodes/${line2.id}/move`, { parentId: area2.id, position: 0 });
    expect(moved.json()).toMatchObject({ parentId: area2.id, sortOrder: 0 });
    const reorder = await post(`/api/v1/plant/nodes/${area2.id}/move`, {
      parentId: plant.site.id,
      position: 0,
    });
    expect(reorder.json().sortOrder).toBe(0);
    const tree = (await t.call({ url: '/api/v1/plant/tree', token })).json();
    const areas = tree.nodes
      .filter((n: { parentId: string }) => n.parentId === plant.site.id)
      .sort((x: { sortOrder: number }, y: { sortOrder: number }) => x.sortOrder - y.sortOrder);
    expect(areas.map((n: { code: string }) => n.code)).toEqual(['P-A2', 'P-A']);
    const cannot = await post(`/api/v1/plant/nodes/${line2.id}/move`, {
      parentId: plant.site.id,
      position: 0,
    });
    expect(cannot.statusCode).toBe(409);
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/plant/nodes/${line2.id}`, token })).statusCode,
    ).toBe(200);
  });
});

describe('equipment', () => {
  it('validates fields with paths and reasons', async () => {
    const res = await post('/api/v1/equipment', {
      nodeId: plant.line.id,
      code: 'E2',
      name: 'Fan',
      category: 'fan',
      ratedPowerKw: 'abc',
      isEliminatedModel: true,
      energyMedia: ['plasma'],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.ratedPowerKw', 'body.energyMedia.0']));
    const noDate = await post('/api/v1/equipment', {
      nodeId: plant.line.id,
      code: 'E2',
      name: 'Fan',
      category: 'fan',
      isEliminatedModel: true,
    });
    expect(noDate.json().error.details).toEqual([
      { path: 'body.phaseOutDate', message: 'required when the model is ordered eliminated' },
    ]);
  });

  it('keeps the key energy-consuming equipment register fields', async () => {
    const res = await post('/api/v1/equipment', {
      nodeId: plant.line.id,
      code: 'FAN-OLD',
      name: 'Old fan',
      category: 'fan',
      ratedPowerKw: '30.000',
      energyMedia: ['electricity'],
      isKeyEnergyConsumer: true,
      isEliminatedModel: true,
      phaseOutDate: '2027-06-30',
      commissioningDate: '2012-05-20',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      ratedPowerKw: '30',
      isEliminatedModel: true,
      phaseOutDate: '2027-06-30',
    });
    const list = await t.call({
      url: `/api/v1/equipment?isEliminatedModel=true&nodeId=${plant.site.id}`,
      token,
    });
    expect(list.json().items.map((e: { code: string }) => e.code)).toEqual(['FAN-OLD']);
    const search = await t.call({ url: '/api/v1/equipment?q=lath', token });
    expect(search.json().total).toBe(1);
  });

  it('round-trips through Excel and rejects a file with bad rows without importing anything', async () => {
    const exported = await t.call({ url: '/api/v1/equipment/export', token });
    expect(exported.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    ws.addRow([
      'NEW-1',
      'New pump',
      'P-L',
      'pump',
      'KQL',
      'Kaiquan',
      'SN-1',
      '22',
      'electricity',
      '2024-01-01',
      'in_service',
      'N',
      'N',
      '',
      '',
    ]);
    ws.addRow([
      'NEW-2',
      '',
      'NOWHERE',
      'spaceship',
      '',
      '',
      '',
      '-5',
      'plasma',
      'not a date',
      '',
      '',
      '',
      '',
      '',
    ]);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const rejected = await t.call({
      method: 'POST',
      url: '/api/v1/equipment/import',
      token,
      body: bad,
      headers: { 'content-type': XLSX },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const errors = rejected.json().errors as Array<{ row: number; column: string }>;
    expect(
      errors.filter((e) => e.row !== 5),
      rejected.body,
    ).toEqual([]);
    expect(errors.map((e) => e.column)).toEqual(
      expect.arrayContaining([
        'location',
        'name',
        'category',
        'ratedPowerKw',
        'energyMedia',
        'commissioningDate',
      ]),
    );
    expect(rejected.json().imported).toBe(0);
    expect((await t.call({ url: '/api/v1/equipment?q=NEW-1', token })).json().total).toBe(0);

    ws.spliceRows(5, 1);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const accepted = await t.call({
      method: 'POST',
      url: '/api/v1/equipment/import',
      token,
      body: good,
      headers: { 'content-type': XLSX },
    });
    expect(accepted.json()).toMatchObject({ imported: 3, created: 1, updated: 2, errors: [] });
    expect((await t.call({ url: '/api/v1/equipment?q=NEW-1', token })).json().items[0]).toMatchObject({
      ratedPowerKw: '22',
      category: 'pump',
    });
  });

  it('answers 400 for a body that is not a workbook', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/materials/import',
      token,
      body: Buffer.from('not excel'),
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_FILE');
  });
});

describe('materials and units', () => {
  it('filters, paginates and imports materials', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('m');
    ws.addRow(['物料编码 / Code', 'Name', 'Type', 'Unit']);
    for (let i = 1; i <= 25; i++)
      ws.addRow([`BULK-${String(i).padStart(2, '0')}`, `Bolt ${i}`, 'raw', 'pcs']);
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/materials/import',
      token,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': XLSX },
    });
    expect(res.json(), res.body).toMatchObject({ imported: 25, created: 25 });
    const page2 = (await t.call({ url: '/api/v1/materials?q=BULK&page=2&pageSize=10', token })).json();
    expect(page2).toMatchObject({ total: 25, page: 2, pageSize: 10 });
    expect(page2.items[0].code).toBe('BULK-11');
    expect((await t.call({ url: '/api/v1/materials?type=finished', token })).json().total).toBe(0);
    expect((await t.call({ url: '/api/v1/materials?pageSize=1000', token })).statusCode).toBe(400);
  });

  it('converts units within a dimension and refuses across dimensions', async () => {
    expect((await t.call({ url: '/api/v1/units/convert?from=MWh&to=GJ&value=2', token })).json().result).toBe(
      '7.2',
    );
    const bad = await t.call({ url: '/api/v1/units/convert?from=kg&to=m&value=1', token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toMatch(/cannot convert mass/);
    const kg = plant.units.find((u) => u.code === 'kg')!;
    expect((await t.call({ method: 'DELETE', url: `/api/v1/units/${kg.id}`, token })).statusCode).toBe(409);
  });
});

describe('data scope', () => {
  it('limits a scoped user to their area: other areas are invisible, sites cannot be created', async () => {
    const other = (
      await post('/api/v1/plant/nodes', {
        parentId: plant.site.id,
        kind: 'area',
        code: 'P-OTHER',
        name: 'Other',
      })
    ).json();
    const otherEq = (
      await post('/api/v1/equipment', {
        nodeId: other.id,
        code: 'OTHER-EQ',
        name: 'Other eq',
        category: 'pump',
      })
    ).json();
    const roles = (await t.call({ url: '/api/v1/roles', token })).json<Array<{ id: string; code: string }>>();
    const created = await post('/api/v1/users', {
      username: 'scoped',
      password: 'Strong-pw-77',
      displayName: 'Scoped',
      roleIds: [roles.find((r) => r.code === 'plant_manager')!.id],
      dataScope: { nodeIds: [plant.area.id] },
    });
    expect(created.statusCode).toBe(201);
    const scoped = await t.login('model', 'scoped', 'Strong-pw-77');
    const tree = (await t.call({ url: '/api/v1/plant/tree', token: scoped })).json();
    const codes = tree.nodes.map((n: { code: string }) => n.code);
    expect(codes).toContain('P-A');
    expect(codes).toContain('P-S'); // ancestor shown for context
    expect(codes).not.toContain('P-OTHER');
    expect(tree.equipment.map((e: { code: string }) => e.code)).not.toContain('OTHER-EQ');
    expect((await t.call({ url: `/api/v1/equipment/${otherEq.id}`, token: scoped })).statusCode).toBe(404);
    expect(
      (await t.call({ url: '/api/v1/equipment?pageSize=100', token: scoped }))
        .json()
        .items.map((e: { code: string }) => e.code),
    ).not.toContain('OTHER-EQ');
    const site = await t.call({
      method: 'POST',
      url: '/api/v1/plant/nodes',
      token: scoped,
      body: { kind: 'site', code: 'S2', name: 'S2' },
    });
    expect(site.statusCode).toBe(403);
    const editSite = await t.call({
      method: 'PATCH',
      url: `/api/v1/plant/nodes/${plant.site.id}`,
      token: scoped,
      body: { name: 'x' },
    });
    expect(editSite.statusCode).toBe(403);
    const inScope = await t.call({
      method: 'POST',
      url: '/api/v1/plant/nodes',
      token: scoped,
      body: { parentId: plant.area.id, kind: 'line', code: 'P-L9', name: 'L9' },
    });
    expect(inScope.statusCode).toBe(201);
  });
});

// The energy manager's ledgers on a real database: economic figures (upsert, list, sums over ranges
// and sites, Excel round trip), saving projects (lifecycle, illegal moves, totals), tenants, permissions.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { details, makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let a: { token: string };
let b: { token: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
let site2: { id: string; code: string };
let valve: { id: string };
let pump: { id: string };

const call = (method: string, url: string, body?: unknown, token = a.token) =>
  t.call({ method, url: `/api/v1${url}`, token, body });
const post = async (url: string, body: unknown, token = a.token) => {
  const res = await call('POST', url, body, token);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; code: string }>();
};

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('ledger-a');
  b = await t.makeTenant('ledger-b');
  plant = await makePlant(t, a.token, 'LG');
  site2 = await post('/plant/nodes', { kind: 'site', code: 'LG-S2', name: 'Second site' });
  const units = plant.units;
  const pcs = units.find((u) => u.code === 'pcs') ?? units.find((u) => u.code === 'kg')!;
  valve = await post('/materials', { code: 'FG-VALVE', name: 'Valve', type: 'finished', unitId: pcs.id });
  pump = await post('/materials', { code: 'FG-PUMP', name: 'Pump', type: 'finished', unitId: pcs.id });
});
afterAll(() => t?.close());

const putMonth = (siteId: string, month: string, body: unknown, token = a.token) =>
  call('PUT', `/energy/economics/${siteId}/${month}`, body, token);

describe('economic figures', () => {
  it('upserts a month, lists with filters, and sums over ranges and sites', async () => {
    const first = await putMonth(plant.site.id, '2025-01', {
      grossOutputValue: '1000.5',
      valueAdded: '300',
      products: [{ materialId: valve.id, quantity: '100', qualifiedQuantity: '98' }],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ month: '2025-01', grossOutputValue: '1000.5', siteCode: 'LG-S' });
    // PUT again replaces, product lines included
    const again = await putMonth(plant.site.id, '2025-01', {
      grossOutputValue: '1100.25',
      valueAdded: '320.5',
      products: [
        { materialId: valve.id, quantity: '120', qualifiedQuantity: '118' },
        { materialId: pump.id, quantity: '10' },
      ],
    });
    expect(again.json().products).toHaveLength(2);
    expect(again.json().id).toBe(first.json().id);
    expect(
      (
        await putMonth(plant.site.id, '2025-02', {
          grossOutputValue: '900',
          valueAdded: '250',
          products: [{ materialId: valve.id, quantity: '80' }],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await putMonth(site2.id, '2025-02', { grossOutputValue: '50.000001', valueAdded: '-2', products: [] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await putMonth(plant.site.id, '2024-12', { grossOutputValue: '7', valueAdded: '1' })).statusCode,
    ).toBe(200);

    const list = (await call('GET', `/energy/economics?year=2025&siteId=${plant.site.id}`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((m: { month: string }) => m.month)).toEqual(['2025-02', '2025-01']);
    const paged = (await call('GET', '/energy/economics?pageSize=1&page=2')).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);

    const all = (await call('GET', '/energy/economics/summary?from=2025-01&to=2025-02')).json();
    expect(all).toMatchObject({
      monthsReported: 3,
      grossOutputValue: '2050.250001',
      valueAdded: '568.5',
      siteIds: null,
    });
    expect(all.products).toEqual([
      expect.objectContaining({ materialCode: 'FG-PUMP', quantity: '10', qualifiedQuantity: '10' }),
      expect.objectContaining({ materialCode: 'FG-VALVE', quantity: '200', qualifiedQuantity: '198' }),
    ]);
    const one = (
      await call('GET', `/energy/economics/summary?from=2024-12&to=2025-01&siteIds=${plant.site.id}`)
    ).json();
    expect(one).toMatchObject({ monthsReported: 2, grossOutputValue: '1107.25', valueAdded: '321.5' });
    const second = (
      await call('GET', `/energy/economics/summary?from=2025-01&to=2025-12&siteIds=${site2.id}`)
    ).json();
    expect(second).toMatchObject({
      monthsReported: 1,
      grossOutputValue: '50.000001',
      valueAdded: '-2',
      products: [],
    });
    const none = (await call('GET', '/energy/economics/summary?from=2026-01&to=2026-03')).json();
    expect(none).toMatchObject({ monthsReported: 0, grossOutputValue: '0', products: [] });
    expect((await call('GET', '/energy/economics/summary?from=2025-03&to=2025-01')).statusCode).toBe(400);

    expect((await call('DELETE', `/energy/economics/${plant.site.id}/2024-12`)).statusCode).toBe(200);
    expect((await call('DELETE', `/energy/economics/${plant.site.id}/2024-12`)).statusCode).toBe(404);
    const audit = (await call('GET', '/audit?entityType=energy_economic_month&pageSize=100')).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'create',
      'create',
      'create',
      'delete',
      'update',
    ]);
  });

  it('400 naming the field: not a site, not a finished product, qualified above output, bad month', async () => {
    const bad: Array<[string, string, unknown, string]> = [
      [plant.area.id, '2025-03', { grossOutputValue: '1', valueAdded: '1' }, 'params.siteId'],
      [
        plant.site.id,
        '2025-03',
        {
          grossOutputValue: '1',
          valueAdded: '1',
          products: [{ materialId: plant.material.id, quantity: '1' }],
        },
        'body.products.0.materialId',
      ],
      [
        plant.site.id,
        '2025-03',
        {
          grossOutputValue: '1',
          valueAdded: '1',
          products: [{ materialId: valve.id, quantity: '1', qualifiedQuantity: '2' }],
        },
        'body.products.0.qualifiedQuantity',
      ],
      [plant.site.id, '2025-03', { grossOutputValue: '-1', valueAdded: '1' }, 'body.grossOutputValue'],
      [plant.site.id, '2025-13', { grossOutputValue: '1', valueAdded: '1' }, 'params.month'],
    ];
    for (const [siteId, month, body, path] of bad) {
      const res = await putMonth(siteId, month, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(details(res.body).map((d) => d.path)).toContain(path);
    }
  });

  it('round-trips through Excel; a bad row is rejected with its row and column and nothing is written', async () => {
    const before = (await call('GET', '/energy/economics?pageSize=100')).json();
    const exported = await call('GET', '/energy/economics/export');
    expect(exported.headers['content-type']).toContain(XLSX);
    // wipe, then import the export: the same data comes back
    for (const m of before.items as Array<{ siteId: string; month: string }>)
      await call('DELETE', `/energy/economics/${m.siteId}/${m.month}`);
    const imported = await t.call({
      method: 'POST',
      url: '/api/v1/energy/economics/import',
      token: a.token,
      body: exported.rawPayload,
      headers: { 'content-type': XLSX },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ imported: before.total, created: before.total, errors: [] });
    const after = (await call('GET', '/energy/economics?pageSize=100')).json();
    const strip = (items: Array<Record<string, unknown>>) =>
      items.map(({ id: _i, updatedAt: _u, ...rest }) => rest);
    expect(strip(after.items)).toEqual(strip(before.items));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet('经济指标')!.addRow(['LG-S', '2025-05', 'lots', '1']);
    wb.getWorksheet('产品产量')!.addRow(['LG-S', '2025-02', 'FG-NOPE', 'pcs', '5']);
    // amounts go out as numbers, so the sheet can sum them
    expect(typeof wb.getWorksheet('经济指标')!.getCell('C2').value).toBe('number');
    const b2 = wb.getWorksheet('经济指标')!.getCell('B2');
    b2.value = new Date(`${String(b2.value)}-01T00:00:00Z`); // a month typed as a date is fine
    const rejected = await t.call({
      method: 'POST',
      url: '/api/v1/energy/economics/import',
      token: a.token,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': XLSX },
    });
    expect(rejected.statusCode, rejected.body).toBe(400);
    const paths = details(rejected.body).map((d) => d.path);
    const valueRows = wb.getWorksheet('经济指标')!.rowCount;
    const productRows = wb.getWorksheet('产品产量')!.rowCount;
    expect(paths).toContain(`values.${valueRows}.grossOutputValue`);
    expect(paths).toContain(`products.${productRows}.material`);
    expect(paths, rejected.body).toHaveLength(2);
    expect((await call('GET', '/energy/economics?pageSize=100')).json().total).toBe(before.total);
  });
});

describe('saving projects', () => {
  const project = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    name: `Project ${code}`,
    nodeId: plant.area.id,
    measureType: 'motor_vfd',
    investment: '40',
    media: ['electricity'],
    expectedSavingsTce: '30',
    expectedSavingsQuantity: '244000',
    expectedSavingsUnit: 'kWh',
    expectedSavingsValue: '20',
    startDate: '2025-03-01',
    ...extra,
  });

  it('planned → ongoing → done with verified savings; illegal moves are 409; payback computed', async () => {
    const p = await post('/energy/saving-projects', project('ES-1'));
    const got = (await call('GET', `/energy/saving-projects/${p.id}`)).json();
    expect(got).toMatchObject({ status: 'planned', simplePaybackYears: '2', nodeCode: 'LG-A' });
    expect(
      (await call('POST', `/energy/saving-projects/${p.id}/transition`, { status: 'done' })).statusCode,
    ).toBe(409);
    // verified savings only once done
    const early = await call('PATCH', `/energy/saving-projects/${p.id}`, { verifiedSavingsTce: '28' });
    expect(early.statusCode).toBe(400);
    expect(details(early.body).map((d) => d.path)).toContain('body.verifiedSavingsTce');
    const started = await call('POST', `/energy/saving-projects/${p.id}/transition`, { status: 'ongoing' });
    expect(started.json()).toMatchObject({ status: 'ongoing', startDate: '2025-03-01' });
    const done = await call('POST', `/energy/saving-projects/${p.id}/transition`, {
      status: 'done',
      date: '2025-06-30',
    });
    expect(done.json()).toMatchObject({ status: 'done', finishDate: '2025-06-30' });
    const verified = await call('PATCH', `/energy/saving-projects/${p.id}`, {
      verifiedSavingsTce: '28.5',
      verifiedSavingsValue: '25',
      verificationMethod: 'metered before/after, 3 months',
      verifiedOn: '2025-10-10',
      verifiedBy: 'Wang',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ simplePaybackYears: '1.6', verifiedSavingsTce: '28.5' });
    for (const status of ['planned', 'ongoing', 'cancelled'])
      expect((await call('POST', `/energy/saving-projects/${p.id}/transition`, { status })).statusCode).toBe(
        409,
      );

    const c = await post('/energy/saving-projects', project('ES-2', { investment: '10', startDate: null }));
    expect(
      (await call('POST', `/energy/saving-projects/${c.id}/transition`, { status: 'cancelled' })).statusCode,
    ).toBe(200);
    expect(
      (await call('POST', `/energy/saving-projects/${c.id}/transition`, { status: 'ongoing' })).statusCode,
    ).toBe(409);
    expect((await call('POST', '/energy/saving-projects', project('ES-1'))).statusCode).toBe(409);
    expect(
      (await call('POST', '/energy/saving-projects', project('ES-X', { finishDate: '2025-01-01' })))
        .statusCode,
    ).toBe(400);

    const totals = (await call('GET', '/energy/saving-projects/totals')).json();
    expect(totals.all).toMatchObject({
      count: 1,
      investment: '40',
      expectedSavingsTce: '30',
      verifiedSavingsTce: '28.5',
    });
    expect(totals.byStatus.find((s: { status: string }) => s.status === 'cancelled')).toMatchObject({
      count: 1,
      investment: '10',
    });
    expect(totals.byYear).toEqual([
      expect.objectContaining({ year: 2025, count: 1, verifiedSavingsValue: '25' }),
    ]);

    const search = (await call('GET', '/energy/saving-projects?q=es-2&status=cancelled')).json();
    expect(search.items.map((x: { code: string }) => x.code)).toEqual(['ES-2']);
    expect((await call('DELETE', `/energy/saving-projects/${c.id}`)).statusCode).toBe(200);
    const audit = (await call('GET', `/audit?entityType=energy_saving_project&entityId=${p.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'transition',
      'transition',
      'update',
    ]);
    expect((await call('GET', `/energy/saving-projects/${c.id}`)).statusCode).toBe(404);
  });

  it('round-trips through Excel; a bad row is rejected with its row number', async () => {
    await post('/energy/saving-projects', project('ES-3', { measureType: 'lighting', media: [] }));
    const before = (await call('GET', '/energy/saving-projects?pageSize=100')).json();
    const exported = await call('GET', '/energy/saving-projects/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.addRow(['ES-9', 'Bad', 'NOWHERE', 'teleport', 'planned']);
    const upload = (body: Buffer, dryRun = false) =>
      t.call({
        method: 'POST',
        url: `/api/v1/energy/saving-projects/import?dryRun=${dryRun}`,
        token: a.token,
        body,
        headers: { 'content-type': XLSX },
      });
    const rejected = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rejected.statusCode, rejected.body).toBe(400);
    const paths = details(rejected.body).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([`rows.${ws.rowCount}.node`, `rows.${ws.rowCount}.measureType`]),
    );
    expect(paths.every((p) => p.startsWith(`rows.${ws.rowCount}.`))).toBe(true);
    ws.spliceRows(ws.rowCount, 1);
    const check = await upload(Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(check.json()).toMatchObject({ imported: 0, updated: before.total, created: 0 });
    const ok = await upload(exported.rawPayload);
    expect(ok.json()).toMatchObject({ imported: before.total, updated: before.total });
    const after = (await call('GET', '/energy/saving-projects?pageSize=100')).json();
    const strip = (items: Array<Record<string, unknown>>) => items.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(after.items)).toEqual(strip(before.items));
  });
});

describe('tenants and permissions', () => {
  it('another enterprise sees none of it and cannot touch it by id', async () => {
    expect((await call('GET', '/energy/economics', undefined, b.token)).json().total).toBe(0);
    expect((await call('GET', '/energy/saving-projects', undefined, b.token)).json().total).toBe(0);
    const projects = (await call('GET', '/energy/saving-projects')).json().items as Array<{ id: string }>;
    const id = projects[0]!.id;
    expect((await call('GET', `/energy/saving-projects/${id}`, undefined, b.token)).statusCode).toBe(404);
    expect((await call('PATCH', `/energy/saving-projects/${id}`, { name: 'x' }, b.token)).statusCode).toBe(
      404,
    );
    expect(
      (await call('POST', `/energy/saving-projects/${id}/transition`, { status: 'cancelled' }, b.token))
        .statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/energy/saving-projects/${id}`, undefined, b.token)).statusCode).toBe(404);
    const put = await putMonth(plant.site.id, '2025-01', { grossOutputValue: '1', valueAdded: '1' }, b.token);
    expect(put.statusCode).toBe(400); // tenant A's site does not exist for B
    expect(
      (await call('DELETE', `/energy/economics/${plant.site.id}/2025-01`, undefined, b.token)).statusCode,
    ).toBe(404);
    const sum = (
      await call(
        'GET',
        `/energy/economics/summary?from=2025-01&to=2025-12&siteIds=${plant.site.id}`,
        undefined,
        b.token,
      )
    ).json();
    expect(sum).toMatchObject({ monthsReported: 0, grossOutputValue: '0' });
    expect((await call('GET', '/energy/economics?pageSize=1')).json().total).toBeGreaterThan(0);
  });

  it('a role without the permission gets 403; a viewer reads but cannot write', async () => {
    const roles = (await call('GET', '/roles')).json<Array<{ id: string; code: string }>>();
    for (const [username, role] of [
      ['op', 'operator'],
      ['view', 'viewer'],
    ])
      await post('/users', {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
    const op = await t.login('ledger-a', 'op', 'Strong-pw-77');
    const view = await t.login('ledger-a', 'view', 'Strong-pw-77');
    for (const url of [
      '/energy/economics',
      '/energy/economics/summary?from=2025-01&to=2025-02',
      '/energy/saving-projects',
      '/energy/saving-projects/totals',
      '/energy/economics/export',
    ])
      expect((await call('GET', url, undefined, op)).statusCode, url).toBe(403);
    expect((await call('GET', '/energy/economics', undefined, view)).statusCode).toBe(200);
    expect((await call('GET', '/energy/saving-projects', undefined, view)).statusCode).toBe(200);
    expect(
      (await putMonth(plant.site.id, '2025-04', { grossOutputValue: '1', valueAdded: '1' }, view)).statusCode,
    ).toBe(403);
    expect((await call('POST', '/energy/saving-projects', project403(), view)).statusCode).toBe(403);
  });
});

describe('data scope', () => {
  it('a user limited to an area sees its projects but not the site figures, and cannot write outside', async () => {
    const roles = (await call('GET', '/roles')).json<Array<{ id: string; code: string }>>();
    await post('/users', {
      username: 'area-energy',
      password: 'Strong-pw-77',
      displayName: 'Area energy',
      roleIds: [roles.find((r) => r.code === 'energy_manager')!.id],
      dataScope: { nodeIds: [plant.area.id] },
    });
    const scoped = await t.login('ledger-a', 'area-energy', 'Strong-pw-77');
    const onSite = await post('/energy/saving-projects', {
      code: 'ES-SITE',
      name: 'Site-wide',
      nodeId: plant.site.id,
      measureType: 'management',
    });
    expect((await call('GET', '/energy/economics', undefined, scoped)).json().total).toBe(0);
    const sum = (
      await call('GET', '/energy/economics/summary?from=2025-01&to=2025-12', undefined, scoped)
    ).json();
    expect(sum).toMatchObject({ monthsReported: 0, grossOutputValue: '0' });
    const codes = (await call('GET', '/energy/saving-projects?pageSize=100', undefined, scoped))
      .json()
      .items.map((x: { code: string }) => x.code);
    expect(codes).toContain('ES-1');
    expect(codes).not.toContain('ES-SITE');
    expect((await call('GET', `/energy/saving-projects/${onSite.id}`, undefined, scoped)).statusCode).toBe(
      404,
    );
    const put = await putMonth(plant.site.id, '2025-06', { grossOutputValue: '1', valueAdded: '1' }, scoped);
    expect(put.statusCode).toBe(400);
    const create = await call(
      'POST',
      '/energy/saving-projects',
      { code: 'ES-OUT', name: 'x', nodeId: plant.site.id, measureType: 'other' },
      scoped,
    );
    expect(create.statusCode).toBe(400);
    expect(details(create.body).map((d) => d.path)).toContain('body.nodeId');
  });
});

const project403 = () => ({ code: 'ES-403', name: 'x', nodeId: plant.site.id, measureType: 'other' });

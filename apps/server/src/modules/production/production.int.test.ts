// Production definitions on a real database: BOM versions (cycles, units, drafts only, overlapping
// active periods), a three-level explosion worked by hand, versions picked by date, routings, the
// Excel round trip, permissions and tenant isolation.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { details, makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let a: { token: string };
let b: { token: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
const m: Record<string, string> = {};
const unit: Record<string, string> = {};
let wc1: { id: string };
let wc2: { id: string };

const call = (method: string, url: string, body?: unknown, token = a.token) =>
  t.call({ method, url: `/api/v1${url}`, token, body });
const post = async (url: string, body: unknown, token = a.token) => {
  const res = await call('POST', url, body, token);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; code: string; status: string }>();
};
const transition = (kind: 'boms' | 'routings', id: string, status: string, token = a.token) =>
  call('POST', `/production/${kind}/${id}/transition`, { status }, token);

const MATERIALS: Array<[string, string, string]> = [
  ['FG-PUMP', 'finished', 'set'],
  ['SF-SHAFT', 'semi_finished', 'pcs'],
  ['SF-BLANK', 'semi_finished', 'pcs'],
  ['RM-BAR', 'raw', 'kg'],
  ['PU-BOLT', 'raw', 'pcs'],
  ['CS-PAINT', 'consumable', 'kg'],
];
async function makeMaterials(token: string) {
  const units = (await t.call({ url: '/api/v1/units', token })).json<Array<{ id: string; code: string }>>();
  const ids: Record<string, string> = {};
  for (const [code, type, u] of MATERIALS)
    ids[code] = (
      await post('/materials', { code, name: code, type, unitId: units.find((x) => x.code === u)!.id }, token)
    ).id;
  return { ids, units: Object.fromEntries(units.map((x) => [x.code, x.id])) };
}

/** Three levels: FG-PUMP → SF-SHAFT (base 3) → SF-BLANK, with bolts and paint in grams on the top. */
async function seedStructure(token = a.token) {
  const ids = token === a.token ? m : (await makeMaterials(token)).ids;
  const units =
    token === a.token
      ? unit
      : Object.fromEntries(
          (await t.call({ url: '/api/v1/units', token }))
            .json<Array<{ id: string; code: string }>>()
            .map((x) => [x.code, x.id]),
        );
  const fg = await post(
    '/production/boms',
    {
      productId: ids['FG-PUMP'],
      version: 'V1',
      effectiveFrom: '2025-01-01',
      lines: [
        { componentId: ids['SF-SHAFT'], quantity: '1', scrapPercent: '5', operationSeq: 20 },
        { componentId: ids['PU-BOLT'], quantity: '8', scrapPercent: '2.5' },
        { componentId: ids['CS-PAINT'], quantity: '250', unitId: units.g, scrapPercent: '10' },
      ],
    },
    token,
  );
  const shaft = await post(
    '/production/boms',
    {
      productId: ids['SF-SHAFT'],
      version: 'V1',
      effectiveFrom: '2025-01-01',
      baseQuantity: '3',
      lines: [
        { componentId: ids['RM-BAR'], quantity: '9.6', scrapPercent: '4' },
        { componentId: ids['SF-BLANK'], quantity: '3' },
      ],
    },
    token,
  );
  const blank1 = await post(
    '/production/boms',
    {
      productId: ids['SF-BLANK'],
      version: 'V1',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2025-12-31',
      lines: [{ componentId: ids['RM-BAR'], quantity: '0.5', scrapPercent: '20' }],
    },
    token,
  );
  const blank2 = await post(
    '/production/boms',
    {
      productId: ids['SF-BLANK'],
      version: 'V2',
      effectiveFrom: '2026-01-01',
      lines: [{ componentId: ids['RM-BAR'], quantity: '0.4', scrapPercent: '25' }],
    },
    token,
  );
  for (const x of [fg, shaft, blank1, blank2])
    expect((await transition('boms', x.id, 'active', token)).statusCode).toBe(200);
  return { fg, shaft, blank1, blank2, ids };
}

let structure: Awaited<ReturnType<typeof seedStructure>>;

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('prod-a');
  b = await t.makeTenant('prod-b');
  plant = await makePlant(t, a.token, 'PD');
  const made = await makeMaterials(a.token);
  Object.assign(m, made.ids);
  Object.assign(unit, made.units);
  wc1 = await post('/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'PD-WC1',
    name: 'Turning',
  });
  wc2 = await post('/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'PD-WC2',
    name: 'Assembly',
  });
  structure = await seedStructure();
});
afterAll(() => t?.close());

type Node = {
  materialCode: string;
  netQuantity: string;
  grossQuantity: string;
  bomVersion: string | null;
  children: Node[];
};
const find = (n: Node, code: string): Node | undefined =>
  n.materialCode === code ? n : n.children.map((c) => find(c, code)).find(Boolean);

describe('BOM explosion', () => {
  it('explodes three levels with scrap, worked by hand', async () => {
    const res = await call(
      'GET',
      `/production/explosion?productId=${m['FG-PUMP']}&quantity=20&date=2025-06-01`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const x = res.json<{
      tree: Node;
      requirements: Array<{ materialCode: string; grossQuantity: string; isMade: boolean; levels: number[] }>;
      warnings: unknown[];
    }>();
    // level 1: 20 × 1 × 1.05 = 21 shafts; 20 × 8 × 1.025 = 164 bolts; 20 × 250 g = 5 kg × 1.1 = 5.5 kg paint
    expect(find(x.tree, 'SF-SHAFT')).toMatchObject({
      netQuantity: '20',
      grossQuantity: '21',
      bomVersion: 'V1',
    });
    expect(find(x.tree, 'PU-BOLT')).toMatchObject({
      netQuantity: '160',
      grossQuantity: '164',
      bomVersion: null,
    });
    expect(find(x.tree, 'CS-PAINT')).toMatchObject({ netQuantity: '5', grossQuantity: '5.5' });
    // level 2 (base 3): bar 21 ÷ 3 × 9.6 = 67.2 × 1.04 = 69.888 kg; blanks 21 ÷ 3 × 3 = 21
    const shaft = find(x.tree, 'SF-SHAFT')!;
    expect(shaft.children.map((c) => [c.materialCode, c.netQuantity, c.grossQuantity])).toEqual([
      ['RM-BAR', '67.2', '69.888'],
      ['SF-BLANK', '21', '21'],
    ]);
    // level 3, V1 in 2025: 21 × 0.5 = 10.5 × 1.2 = 12.6 kg
    expect(find(shaft, 'SF-BLANK')!.children[0]).toMatchObject({
      netQuantity: '10.5',
      grossQuantity: '12.6',
    });
    expect(x.requirements).toEqual([
      expect.objectContaining({ materialCode: 'CS-PAINT', grossQuantity: '5.5', isMade: false, levels: [1] }),
      expect.objectContaining({ materialCode: 'PU-BOLT', grossQuantity: '164' }),
      expect.objectContaining({ materialCode: 'RM-BAR', grossQuantity: '82.488', levels: [2, 3] }),
      expect.objectContaining({ materialCode: 'SF-BLANK', grossQuantity: '21', isMade: true }),
      expect.objectContaining({ materialCode: 'SF-SHAFT', grossQuantity: '21', isMade: true }),
    ]);
    expect(x.warnings).toEqual([]);
  });

  it('picks the version effective on the date at each level', async () => {
    // 2026: blank V2, 21 × 0.4 = 8.4 × 1.25 = 10.5 kg; bar total 69.888 + 10.5
    const x = (
      await call('GET', `/production/explosion?productId=${m['FG-PUMP']}&quantity=20&date=2026-03-01`)
    ).json();
    expect(
      x.requirements.find((r: { materialCode: string }) => r.materialCode === 'RM-BAR').grossQuantity,
    ).toBe('80.388');
    expect(find(x.tree, 'SF-BLANK')!.bomVersion).toBe('V2');
    // before any version: the product has no BOM on that day
    const early = (
      await call('GET', `/production/explosion?productId=${m['FG-PUMP']}&date=2024-06-01`)
    ).json();
    expect(early.tree.children).toEqual([]);
    expect(early.warnings[0].message).toMatch(/no active BOM/);
    // a draft can be previewed on top of the effective versions below
    const draft = await post(`/production/boms/${structure.fg.id}/copy`, { version: 'V2' });
    const preview = (
      await call('GET', `/production/explosion?bomId=${draft.id}&quantity=1&date=2025-06-01`)
    ).json();
    expect(preview.tree.bomVersion).toBe('V2');
    expect(find(preview.tree, 'SF-BLANK')!.bomVersion).toBe('V1');
    expect((await call('DELETE', `/production/boms/${draft.id}`)).statusCode).toBe(200);
  });
});

describe('BOM rules', () => {
  it('refuses a cycle across levels, naming the path', async () => {
    const res = await call('POST', '/production/boms', {
      productId: m['SF-BLANK'],
      version: 'LOOP',
      effectiveFrom: '2025-01-01',
      lines: [
        { componentId: m['RM-BAR'], quantity: '1' },
        { componentId: m['FG-PUMP'], quantity: '1' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(details(res.body)).toEqual([
      {
        path: 'body.lines.1.componentId',
        message: 'closes a cycle: SF-BLANK → FG-PUMP → SF-SHAFT → SF-BLANK',
      },
    ]);
  });

  it('refuses the product as its own component, a unit of another dimension and a bad quantity', async () => {
    const res = await call('POST', '/production/boms', {
      productId: m['SF-SHAFT'],
      version: 'BAD',
      effectiveFrom: '2025-01-01',
      lines: [
        { componentId: m['SF-SHAFT'], quantity: '1' },
        { componentId: m['RM-BAR'], quantity: '1', unitId: unit.pcs },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(details(res.body).map((d) => d.path)).toEqual(['body.lines.0.componentId', 'body.lines.1.unitId']);
    expect(details(res.body)[0]!.message).toBe('a component cannot be the product itself');
    const zero = await call('POST', '/production/boms', {
      productId: m['SF-SHAFT'],
      version: 'BAD',
      effectiveFrom: '2025-01-01',
      lines: [
        { componentId: m['RM-BAR'], quantity: '1' },
        { componentId: m['RM-BAR'], quantity: '1' },
        { componentId: m['RM-BAR'], quantity: '0' },
      ],
    });
    expect(details(zero.body).map((d) => d.path)).toEqual(['body.lines.2.quantity']);
  });

  it('keeps active periods of one product apart (409) and lets only drafts change', async () => {
    const v3 = await post('/production/boms', {
      productId: m['SF-BLANK'],
      version: 'V3',
      effectiveFrom: '2025-06-01',
      effectiveTo: '2025-08-31',
      lines: [{ componentId: m['RM-BAR'], quantity: '0.45' }],
    });
    const clash = await transition('boms', v3.id, 'active');
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(
      /V1 \(2025-01-01 – 2025-12-31\) overlaps 2025-06-01 – 2025-08-31/,
    );
    // edit the draft to a free period, then it activates
    const put = await call('PUT', `/production/boms/${v3.id}`, {
      productId: m['SF-BLANK'],
      version: 'V3',
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      lines: [{ componentId: m['RM-BAR'], quantity: '0.45', scrapPercent: '1' }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().lines[0]).toMatchObject({
      quantity: '0.45',
      scrapPercent: '1',
      unitCode: 'kg',
      lineNo: 1,
    });
    expect((await transition('boms', v3.id, 'active')).statusCode).toBe(200);
    // active: no edits, no delete, no way back
    const again = await call('PUT', `/production/boms/${v3.id}`, {
      productId: m['SF-BLANK'],
      version: 'V3',
      effectiveFrom: '2024-01-01',
      lines: [{ componentId: m['RM-BAR'], quantity: '1' }],
    });
    expect(again.statusCode).toBe(409);
    expect((await call('DELETE', `/production/boms/${v3.id}`)).statusCode).toBe(409);
    expect((await transition('boms', v3.id, 'draft')).statusCode).toBe(409);
    expect((await transition('boms', v3.id, 'obsolete')).json().status).toBe('obsolete');
    expect((await transition('boms', v3.id, 'active')).statusCode).toBe(409);
    // the same version code twice for a product
    const dup = await call('POST', '/production/boms', {
      productId: m['SF-BLANK'],
      version: 'V3',
      effectiveFrom: '2025-01-01',
      lines: [],
    });
    expect(dup.statusCode).toBe(409);
    // an empty draft cannot go active
    const empty = await post('/production/boms', {
      productId: m['PU-BOLT'],
      version: 'E',
      effectiveFrom: '2025-01-01',
      lines: [],
    });
    expect((await transition('boms', empty.id, 'active')).statusCode).toBe(400);
    const audit = (
      await call('GET', `/audit?entityType=production_bom&entityId=${v3.id}&pageSize=50`)
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'transition',
      'transition',
      'update',
    ]);
  });

  it('lists with search, filters and pages', async () => {
    const list = (await call('GET', `/production/boms?productId=${m['SF-BLANK']}&status=active`)).json();
    expect(list.items.map((x: { version: string }) => x.version)).toEqual(['V2', 'V1']);
    const on = (await call('GET', '/production/boms?effectiveOn=2025-03-01&status=active')).json();
    expect(
      on.items.map((x: { productCode: string; version: string }) => `${x.productCode}/${x.version}`),
    ).toEqual(['FG-PUMP/V1', 'SF-BLANK/V1', 'SF-SHAFT/V1']);
    const q = (await call('GET', '/production/boms?q=shaft')).json();
    expect(q).toMatchObject({
      total: 1,
      items: [{ productCode: 'SF-SHAFT', lineCount: 2, baseQuantity: '3' }],
    });
    const page = (await call('GET', '/production/boms?pageSize=2&page=2')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);
  });
});

describe('routings', () => {
  const op = (seqNo: number, code: string, workCenterId: string, extra: object = {}) => ({
    seqNo,
    code,
    name: code,
    workCenterId,
    setupMinutes: '30',
    runSecondsPerUnit: '95.5',
    ...extra,
  });
  it('keeps operations in order on work centers, with inspection points and skills', async () => {
    const bad = await call('POST', '/production/routings', {
      productId: m['SF-SHAFT'],
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: [op(10, 'TURN', wc1.id), op(10, 'MILL', plant.line.id), op(30, 'TURN', wc2.id)],
    });
    expect(bad.statusCode).toBe(400);
    expect(details(bad.body)).toEqual([
      { path: 'body.operations.1.seqNo', message: 'the same as operation 0' },
      { path: 'body.operations.1.workCenterId', message: 'PD-L is a line, not a work center' },
      { path: 'body.operations.2.code', message: 'the same as operation 0' },
    ]);
    // standard times the columns (numeric(12, 3), numeric(14, 3)) cannot hold are a 400, not a database error
    const huge = await call('POST', '/production/routings', {
      productId: m['SF-SHAFT'],
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: [op(10, 'TURN', wc1.id, { setupMinutes: '1234567890', runSecondsPerUnit: '1.2345' })],
    });
    expect(huge.statusCode).toBe(400);
    expect(details(huge.body)).toEqual([
      { path: 'body.operations.0.setupMinutes', message: 'at most 9 integer and 3 fraction digits' },
      { path: 'body.operations.0.runSecondsPerUnit', message: 'at most 11 integer and 3 fraction digits' },
    ]);
    const r1 = await post('/production/routings', {
      productId: m['SF-SHAFT'],
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: [
        op(30, 'INSP', wc2.id, {
          isInspectionPoint: true,
          requiredSkill: '检验员 II',
          runSecondsPerUnit: '60',
        }),
        op(10, 'TURN', wc1.id, { requiredSkill: '车工 中级' }),
      ],
    });
    const got = (await call('GET', `/production/routings/${r1.id}`)).json();
    expect(got.operations.map((o: { seqNo: number; code: string }) => `${o.seqNo} ${o.code}`)).toEqual([
      '10 TURN',
      '30 INSP',
    ]);
    expect(got.operations[1]).toMatchObject({
      isInspectionPoint: true,
      workCenterCode: 'PD-WC2',
      setupMinutes: '30',
      runSecondsPerUnit: '60',
    });
    expect((await transition('routings', r1.id, 'active')).statusCode).toBe(200);
    const r2 = await post(`/production/routings/${r1.id}/copy`, { version: 'R2' });
    expect((await transition('routings', r2.id, 'active')).statusCode).toBe(409);
    expect(
      (
        await call('PUT', `/production/routings/${r1.id}`, {
          productId: m['SF-SHAFT'],
          version: 'R1',
          effectiveFrom: '2025-01-01',
          operations: [],
        })
      ).statusCode,
    ).toBe(409);
    const list = (await call('GET', `/production/routings?workCenterId=${wc2.id}&status=active`)).json();
    expect(list.items).toEqual([expect.objectContaining({ version: 'R1', operationCount: 2 })]);
  });
});

describe('Excel', () => {
  it('round-trips: unchanged in place, identical in another enterprise', async () => {
    const exported = await call('GET', '/production/boms/export?status=active');
    expect(exported.headers['content-type']).toContain(XLSX);
    const file = exported.rawPayload;
    const same = await t.call({
      method: 'POST',
      url: '/api/v1/production/boms/import?dryRun=false',
      token: a.token,
      body: file,
      headers: { 'content-type': XLSX },
    });
    expect(same.json()).toMatchObject({ imported: 4, created: 0, updated: 0 });
    for (const code of ['FG-PUMP', 'SF-SHAFT', 'SF-BLANK', 'RM-BAR', 'PU-BOLT', 'CS-PAINT'])
      await post(
        '/materials',
        {
          code,
          name: code,
          type: MATERIALS.find((x) => x[0] === code)![1],
          unitId: (await t.call({ url: '/api/v1/units', token: b.token }))
            .json<Array<{ id: string; code: string }>>()
            .find((u) => u.code === MATERIALS.find((x) => x[0] === code)![2])!.id,
        },
        b.token,
      );
    const dry = await t.call({
      method: 'POST',
      url: '/api/v1/production/boms/import?dryRun=true',
      token: b.token,
      body: file,
      headers: { 'content-type': XLSX },
    });
    expect(dry.json()).toMatchObject({ imported: 4, created: 4 });
    expect((await call('GET', '/production/boms', undefined, b.token)).json().total).toBe(0);
    const real = await t.call({
      method: 'POST',
      url: '/api/v1/production/boms/import',
      token: b.token,
      body: file,
      headers: { 'content-type': XLSX },
    });
    expect(real.json(), real.body).toMatchObject({ imported: 4, created: 4 });
    const bFg = (await call('GET', '/production/boms?q=FG-PUMP', undefined, b.token)).json().items[0];
    const explodeIn = async (token: string, productId: string) =>
      (
        await call(
          'GET',
          `/production/explosion?productId=${productId}&quantity=20&date=2025-06-01`,
          undefined,
          token,
        )
      )
        .json()
        .requirements.map(
          (r: { materialCode: string; grossQuantity: string }) => `${r.materialCode} ${r.grossQuantity}`,
        );
    expect(await explodeIn(b.token, bFg.productId)).toEqual(await explodeIn(a.token, m['FG-PUMP']!));
  });

  it('rejects the whole file, naming row and column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('boms');
    ws.addRow([
      'Product',
      'Version',
      'Status',
      'Effective from',
      'Base quantity',
      'Component',
      'Quantity',
      'Unit',
      'Scrap %',
    ]);
    ws.addRow(['RM-BAR', 'X1', 'draft', '2025-01-01', 1, 'PU-BOLT', 2, 'pcs', 0]);
    ws.addRow(['RM-BAR', 'X1', null, null, null, 'NOPE', 1, null, 0]);
    ws.addRow(['RM-BAR', 'X1', null, null, null, 'PU-BOLT', 1, 'kg', 150]);
    ws.addRow(['SF-BLANK', 'X2', 'draft', '2025-01-01', 1, 'FG-PUMP', 1, null, 0]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/production/boms/import',
      token: a.token,
      body,
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(400);
    const paths = details(res.body).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['rows.3.component', 'rows.4.scrapPercent', 'rows.5.component']),
    );
    expect(details(res.body).find((d) => d.path === 'rows.5.component')!.message).toMatch(
      /closes a cycle: SF-BLANK → FG-PUMP/,
    );
    expect((await call('GET', '/production/boms?q=RM-BAR')).json().total).toBe(0);
  });
});

describe('tenants and permissions', () => {
  it('another enterprise sees none of it and cannot touch it by id', async () => {
    const c = await t.makeTenant('prod-c');
    expect((await call('GET', '/production/boms', undefined, c.token)).json().total).toBe(0);
    expect((await call('GET', '/production/routings', undefined, c.token)).json().total).toBe(0);
    const id = structure.fg.id;
    expect((await call('GET', `/production/boms/${id}`, undefined, c.token)).statusCode).toBe(404);
    expect((await transition('boms', id, 'obsolete', c.token)).statusCode).toBe(404);
    expect((await call('DELETE', `/production/boms/${id}`, undefined, c.token)).statusCode).toBe(404);
    expect((await call('POST', `/production/boms/${id}/copy`, { version: 'X' }, c.token)).statusCode).toBe(
      404,
    );
    const x = await call('GET', `/production/explosion?productId=${m['FG-PUMP']}`, undefined, c.token);
    expect(x.statusCode).toBe(400);
    const steal = await call(
      'POST',
      '/production/boms',
      { productId: m['FG-PUMP'], version: 'S', effectiveFrom: '2025-01-01', lines: [] },
      c.token,
    );
    expect(details(steal.body).map((d) => d.path)).toEqual(['body.productId']);
  });

  it('an operator reads but cannot write; a role without the permission gets 403', async () => {
    const roles = (await call('GET', '/roles')).json<Array<{ id: string; code: string }>>();
    for (const [username, role] of [
      ['op', 'operator'],
      ['eng', 'equipment_engineer'],
    ])
      await post('/users', {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
    const op = await t.login('prod-a', 'op', 'Strong-pw-77');
    const eng = await t.login('prod-a', 'eng', 'Strong-pw-77');
    expect((await call('GET', '/production/boms', undefined, op)).statusCode).toBe(200);
    expect(
      (await call('GET', `/production/explosion?productId=${m['FG-PUMP']}`, undefined, op)).statusCode,
    ).toBe(200);
    expect(
      (
        await call(
          'POST',
          '/production/boms',
          { productId: m['FG-PUMP'], version: 'O', effectiveFrom: '2025-01-01', lines: [] },
          op,
        )
      ).statusCode,
    ).toBe(403);
    expect((await transition('boms', structure.fg.id, 'obsolete', op)).statusCode).toBe(403);
    expect((await call('GET', '/production/boms', undefined, eng)).statusCode).toBe(403);
    expect((await call('GET', '/production/boms/export', undefined, eng)).statusCode).toBe(403);
    expect((await call('GET', '/production/routings', undefined, eng)).statusCode).toBe(200);
  });
});

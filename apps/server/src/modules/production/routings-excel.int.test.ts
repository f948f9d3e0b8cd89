// Routings in Excel on a real database: export and re-import unchanged is a no-op, the template
// imports once its codes exist, a new version replaces the active one in one file, bad cells are
// named by row and column with nothing written, a dry run writes nothing, and tenants stay apart.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, details, makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let a: { token: string };
let b: { token: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
const { call, ok } = api(
  () => t,
  () => a.token,
);
const product: Record<string, string> = {};
const wc: Record<string, string> = {};

type Routing = {
  id: string;
  version: string;
  status: string;
  effectiveTo: string | null;
  updatedAt: string;
  operations: Array<Record<string, unknown>>;
};
type Page = { total: number; items: Routing[] };

const upload = (file: Buffer, o: { dryRun?: boolean; token?: string } = {}) =>
  t.call({
    method: 'POST',
    url: `/api/v1/production/routings/import${o.dryRun === undefined ? '' : `?dryRun=${o.dryRun}`}`,
    token: o.token ?? a.token,
    body: file,
    headers: { 'content-type': XLSX },
  });

const HEADERS = [
  'Product',
  'Version',
  'Status',
  'Effective from',
  'Effective to',
  'Description',
  'Seq no',
  'Operation',
  'Operation name',
  'Work center',
  'Setup minutes',
  'Run seconds per unit',
  'Required skill',
  'Inspection point',
];
/** A sheet under the English headers, one array per row in HEADERS' order. */
async function sheet(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('routings');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const routingsOf = async (productId: string, token = a.token) => {
  const page = await ok<Page>('GET', `/production/routings?productId=${productId}`, undefined, token);
  return Promise.all(
    page.items.map((r) => ok<Routing>('GET', `/production/routings/${r.id}`, undefined, token)),
  );
};

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('rtx-a');
  b = await t.makeTenant('rtx-b');
  plant = await makePlant(t, a.token, 'RX');
  const pcs = plant.units.find((u) => u.code === 'pcs')!.id;
  for (const code of ['FG-VALVE', 'SF-BODY', 'FG-BV-100'])
    product[code] = (await ok('POST', '/materials', { code, name: code, type: 'finished', unitId: pcs })).id;
  for (const code of ['RX-TURN', 'RX-ASM'])
    wc[code] = (
      await ok('POST', '/plant/nodes', { kind: 'work_center', parentId: plant.line.id, code, name: code })
    ).id;
  const v1 = await ok('POST', '/production/routings', {
    productId: product['FG-VALVE'],
    version: 'V1',
    effectiveFrom: '2025-01-01',
    description: '阀门工艺',
    operations: [
      {
        seqNo: 20,
        code: 'TEST',
        name: '试压',
        workCenterId: wc['RX-ASM'],
        setupMinutes: '10.5',
        runSecondsPerUnit: '180.125',
        requiredSkill: '试压工（持证）',
        isInspectionPoint: true,
      },
      { seqNo: 10, code: 'ASM', name: '装配', workCenterId: wc['RX-ASM'], runSecondsPerUnit: '360' },
    ],
  });
  await ok('POST', `/production/routings/${v1.id}/transition`, { status: 'active' });
  await ok('POST', '/production/routings', {
    productId: product['SF-BODY'],
    version: 'D1',
    effectiveFrom: '2025-03-01',
    effectiveTo: '2025-12-31',
    operations: [{ seqNo: 10, code: 'TURN', name: '车削', workCenterId: wc['RX-TURN'], setupMinutes: '30' }],
  });
});
afterAll(() => t?.close());

describe('routings in Excel', () => {
  it('exports with the list filters and re-imports unchanged as a no-op', async () => {
    const res = await call('GET', '/production/routings/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('产品编码 / Product');
    expect(ws.rowCount).toBe(4);
    // FG-VALVE's operations in seq-no. order, the inspection point as Y
    expect((ws.getRow(2).values as unknown[]).slice(1, 15)).toEqual([
      'FG-VALVE',
      'V1',
      'active',
      '2025-01-01',
      undefined,
      '阀门工艺',
      10,
      'ASM',
      '装配',
      'RX-ASM',
      0,
      360,
      undefined,
      'N',
    ]);
    expect(ws.getRow(3).getCell(14).value).toBe('Y');
    expect(ws.getRow(3).getCell(11).value).toBe(10.5);

    const filtered = await call('GET', `/production/routings/export?workCenterId=${wc['RX-TURN']}`);
    const fwb = new ExcelJS.Workbook();
    await fwb.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer);
    expect(fwb.worksheets[0]!.rowCount).toBe(2);

    const before = [...(await routingsOf(product['FG-VALVE']!)), ...(await routingsOf(product['SF-BODY']!))];
    const again = await upload(res.rawPayload);
    expect(again.json(), again.body).toEqual({ imported: 2, created: 0, updated: 0, errors: [] });
    const after = [...(await routingsOf(product['FG-VALVE']!)), ...(await routingsOf(product['SF-BODY']!))];
    expect(after).toEqual(before);
  });

  it('imports the template once its product and work centers exist', async () => {
    const template = await call('GET', '/production/routings/import-template');
    expect(template.statusCode).toBe(200);
    const missing = await upload(template.rawPayload);
    expect(missing.statusCode).toBe(400);
    expect(details(missing.body)).toEqual([
      { path: 'rows.2.workCenter', message: 'no plant node AS-L1-ASM' },
      { path: 'rows.3.workCenter', message: 'no plant node AS-L1-TEST' },
    ]);
    for (const code of ['AS-L1-ASM', 'AS-L1-TEST'])
      await ok('POST', '/plant/nodes', { kind: 'work_center', parentId: plant.line.id, code, name: code });
    const res = await upload(template.rawPayload);
    expect(res.json(), res.body).toMatchObject({ imported: 1, created: 1, updated: 0 });
    const [v1] = await routingsOf(product['FG-BV-100']!);
    expect(v1).toMatchObject({ version: 'V1', status: 'draft' });
    expect(v1!.operations).toEqual([
      expect.objectContaining({
        seqNo: 10,
        code: 'ASM',
        workCenterCode: 'AS-L1-ASM',
        isInspectionPoint: false,
      }),
      expect.objectContaining({
        seqNo: 20,
        code: 'TEST',
        runSecondsPerUnit: '180',
        requiredSkill: '试压工（持证）',
        isInspectionPoint: true,
      }),
    ]);
  });

  it('creates and activates a new version while obsoleting the one it replaces, and replaces a draft', async () => {
    const file = await sheet([
      [
        'FG-VALVE',
        'V1',
        'obsolete',
        '2025-01-01',
        null,
        '阀门工艺',
        10,
        'ASM',
        '装配',
        'RX-ASM',
        0,
        360,
        null,
        'N',
      ],
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      [
        'FG-VALVE',
        'V1',
        null,
        null,
        null,
        '阀门工艺',
        20,
        'TEST',
        '试压',
        'RX-ASM',
        10.5,
        180.125,
        '试压工（持证）',
        '是',
      ],
      [
        'FG-VALVE',
        'V2',
        'active',
        '2026-01-01',
        null,
        null,
        30,
        'TEST',
        '试压',
        'RX-ASM',
        5,
        150,
        null,
        'true',
      ],
      ['FG-VALVE', 'V2', null, null, null, null, 10, 'ASM', '自动装配', 'RX-TURN', 0, 240, null, '否'],
      [
        'SF-BODY',
        'D1',
        'draft',
        '2025-03-01',
        '2025-12-31',
        null,
        10,
        'TURN',
        '车削',
        'RX-TURN',
        45,
        0,
        null,
        null,
      ],
    ]);
    const res = await upload(file);
    expect(res.json(), res.body).toEqual({ imported: 3, created: 1, updated: 2, errors: [] });
    const valve = await routingsOf(product['FG-VALVE']!);
    expect(valve.map((r) => `${r.version} ${r.status}`).sort()).toEqual(['V1 obsolete', 'V2 active']);
    const v2 = valve.find((r) => r.version === 'V2')!;
    expect(v2.operations.map((o) => [o.seqNo, o.code, o.workCenterCode, o.isInspectionPoint])).toEqual([
      [10, 'ASM', 'RX-TURN', false],
      [30, 'TEST', 'RX-ASM', true],
    ]);
    const [body] = await routingsOf(product['SF-BODY']!);
    expect(body).toMatchObject({ version: 'D1', status: 'draft', effectiveTo: '2025-12-31' });
    expect(body!.operations[0]).toMatchObject({ setupMinutes: '45' });
  });

  it('rejects the whole file, naming row and column', async () => {
    const file = await sheet([
      ['SF-BODY', 'D2', 'draft', '2027-01-01', null, null, 10, 'TURN', '车削', 'NOPE', 1, 1, null, 'N'],
      ['NO-SUCH', 'D1', 'draft', '2027-01-01', null, null, 10, 'TURN', '车削', 'RX-TURN', 1, 1, null, 'N'],
      ['SF-BODY', 'D2', null, null, null, null, 20, 'MILL', '铣削', 'RX-TURN', 'ten', 1, null, 'N'],
      ['SF-BODY', 'D2', null, null, null, null, null, 'DRILL', '钻孔', 'RX-TURN', 1, 1, null, 'N'],
      ['SF-BODY', 'D2', null, null, null, null, 30, 'BORE', '镗孔', 'RX-L', 1, 1, null, 'maybe'],
      ['SF-BODY', 'D2', null, null, null, null, 30, 'TURN', '车削', 'RX-TURN', 1, 1, null, 'N'],
      ['FG-VALVE', 'V2', 'active', '2026-01-01', null, null, 10, 'ASM', '改', 'RX-TURN', 0, 240, null, 'N'],
      ['FG-VALVE', 'V3', 'active', '2030-01-01', null, null, 10, 'ASM', '装配', 'RX-TURN', 0, 240, null, 'N'],
      // more than numeric(12, 3) holds: a 400 here, not a database error
      ['SF-BODY', 'D2', null, null, null, null, 40, 'HONE', '珩磨', 'RX-TURN', 1234567890, 1, null, 'N'],
    ]);
    const res = await upload(file);
    expect(res.statusCode).toBe(400);
    expect(details(res.body)).toEqual([
      { path: 'rows.2.workCenter', message: 'no plant node NOPE' },
      { path: 'rows.3.product', message: 'no material NO-SUCH' },
      {
        path: 'rows.4.setupMinutes',
        message: 'a decimal number with at most 12 integer and 6 fraction digits',
      },
      { path: 'rows.5.seqNo', message: 'required' },
      { path: 'rows.6.workCenter', message: 'RX-L is a line, not a work center' },
      { path: 'rows.6.isInspectionPoint', message: 'Y or N (是/否, true/false)' },
      { path: 'rows.7.seqNo', message: 'the same as row 6' },
      { path: 'rows.7.operation', message: 'the same as row 2' },
      { path: 'rows.8.version', message: 'version V2 of FG-VALVE is active; only drafts can be changed' },
      // the two active versions clash with each other, so both are named
      { path: 'rows.8.effectiveFrom', message: 'overlaps the active version V3 of FG-VALVE' },
      { path: 'rows.9.effectiveFrom', message: 'overlaps the active version V2 of FG-VALVE' },
      { path: 'rows.10.setupMinutes', message: 'at most 9 integer and 3 fraction digits' },
    ]);
    expect((await routingsOf(product['SF-BODY']!)).map((r) => r.version)).toEqual(['D1']);
    expect((await routingsOf(product['FG-VALVE']!)).map((r) => r.version).sort()).toEqual(['V1', 'V2']);
  });

  it('checks without writing on a dry run', async () => {
    const file = await sheet([
      ['SF-BODY', 'D9', 'draft', '2028-01-01', null, null, 10, 'TURN', '车削', 'RX-TURN', 1, 1, null, 'N'],
    ]);
    const dry = await upload(file, { dryRun: true });
    expect(dry.json(), dry.body).toEqual({ imported: 1, created: 1, updated: 0, errors: [] });
    expect((await routingsOf(product['SF-BODY']!)).map((r) => r.version)).toEqual(['D1']);
  });

  it('keeps enterprises apart: another sees nothing and cannot use these codes', async () => {
    const empty = await call('GET', '/production/routings/export', undefined, b.token);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(empty.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(1);
    const mine = await call('GET', '/production/routings/export');
    const res = await upload(mine.rawPayload, { token: b.token });
    expect(res.statusCode).toBe(400);
    expect(details(res.body).map((d) => d.path)).toEqual(
      expect.arrayContaining(['rows.2.product', 'rows.2.workCenter']),
    );
    expect((await ok<Page>('GET', '/production/routings', undefined, b.token)).total).toBe(0);
  });

  it('lets a reader export but not import', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    await ok('POST', '/users', {
      username: 'op',
      password: 'Strong-pw-77',
      displayName: 'op',
      roleIds: [roles.find((r) => r.code === 'operator')!.id],
    });
    const op = await t.login('rtx-a', 'op', 'Strong-pw-77');
    const exported = await call('GET', '/production/routings/export', undefined, op);
    expect(exported.statusCode).toBe(200);
    expect((await upload(exported.rawPayload, { token: op })).statusCode).toBe(403);
  });
});

// Piece and time rates in Excel on a real database: export and re-import unchanged is a no-op, the
// template imports once its codes exist, an update and a create in one file (ending a rate and starting
// the next in either row order), bad cells and overlapping periods named by row and column with nothing
// written, a dry run writes nothing, readers cannot import, and tenants stay apart.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TImportResult, TPieceRate, TTimeRate } from '@greenmes/contracts';
import {
  api,
  details,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../test/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let a: { token: string };
let b: { token: string };
const { call, ok } = api(
  () => t,
  () => a.token,
);
const grade: Record<string, string> = {};
let productId: string;

type Kind = 'piece-rates' | 'time-rates';
type Page<T> = { total: number; items: T[] };
const upload = (kind: Kind, file: Buffer, o: { dryRun?: boolean; token?: string } = {}) =>
  t.call({
    method: 'POST',
    url: `/api/v1/labour/${kind}/import${o.dryRun === undefined ? '' : `?dryRun=${o.dryRun}`}`,
    token: o.token ?? a.token,
    body: file,
    headers: { 'content-type': XLSX },
  });
const download = async (url: string, token = a.token) => {
  const res = await call('GET', url, undefined, token);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((r) =>
    rows.push(Array.from((r.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))),
  );
  return { file: res.rawPayload, wb, ws, rows };
};
const toFile = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
/** A sheet under the English headers, one array per row in the export's column order. */
async function sheet(headers: string[], rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('rates');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return toFile(wb);
}
const PIECE_HEADERS = [
  'Operation code',
  'Product code',
  'Grade',
  'Rate (yuan)',
  'Scrap policy',
  'Scrap deduction (yuan)',
  'Scrap pay (%)',
  'Rework rate (yuan)',
  'Effective from',
  'Effective to',
  'Notes',
];
const TIME_HEADERS = ['Grade', 'Hourly rate (yuan)', 'Effective from', 'Effective to', 'Notes'];
const pieces = (token = a.token) =>
  ok<Page<TPieceRate>>('GET', '/labour/piece-rates?pageSize=200', undefined, token);
const times = (token = a.token) =>
  ok<Page<TTimeRate>>('GET', '/labour/time-rates?pageSize=200', undefined, token);
const paths = (body: string) => details(body).map((d) => d.path);

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('rte-a');
  b = await t.makeTenant('rte-b');
  const plant = await makePlant(t, a.token, 'RT');
  productId = (
    await makeRoutedProduct(t, a.token, {
      prefix: 'RT',
      parentId: plant.line.id,
      units: plant.units,
      operations: [
        { seqNo: 10, code: 'TURN', name: 'Turn' },
        { seqNo: 20, code: 'ASM', name: 'Assemble' },
      ],
    })
  ).productId;
  for (const [i, code] of ['G1', 'G2'].entries())
    grade[code] = (await ok('POST', '/labour/grades', { code, name: `${code} 级`, sortOrder: i })).id;
  await ok('POST', '/labour/piece-rates', {
    operationCode: 'TURN',
    rate: '1.2500',
    scrapPolicy: 'deduct',
    scrapDeduction: '0.5',
    reworkRate: '0.35',
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-06-30',
  });
  await ok('POST', '/labour/piece-rates', {
    operationCode: 'TURN',
    productId,
    gradeId: grade.G2,
    rate: '1.6',
    scrapPolicy: 'pay_percent',
    scrapPayPercent: '50',
    effectiveFrom: '2026-01-01',
  });
  await ok('POST', '/labour/piece-rates', {
    operationCode: 'ASM',
    gradeId: grade.G1,
    rate: '2',
    effectiveFrom: '2026-01-01',
    description: '装配',
  });
  await ok('POST', '/labour/time-rates', {
    gradeId: grade.G1,
    rate: '25',
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-12-31',
  });
  await ok('POST', '/labour/time-rates', { gradeId: grade.G2, rate: '30.5', effectiveFrom: '2026-01-01' });
});
afterAll(() => t?.close());

describe('piece and time rates in Excel', () => {
  it('exports the rates by code and imports the files back as a no-op', async () => {
    const piece = await download('/labour/piece-rates/export');
    expect(piece.rows[0]).toEqual(expect.arrayContaining(['工序编码 / Operation code', '等级 / Grade']));
    expect(piece.rows).toContainEqual([
      'TURN',
      'RT-FG',
      'G2',
      '1.6',
      '按单价比例计酬',
      '',
      '50',
      '0',
      '2026-01-01',
    ]);
    expect(piece.rows).toContainEqual([
      'ASM',
      '',
      'G1',
      '2',
      '报废不计酬',
      '',
      '',
      '0',
      '2026-01-01',
      '',
      '装配',
    ]);
    const filtered = await download(`/labour/piece-rates/export?operationCode=ASM`);
    expect(filtered.rows.slice(1).map((r) => r[0])).toEqual(['ASM']);
    const time = await download('/labour/time-rates/export');
    expect(time.rows.slice(1)).toEqual([
      ['G1', '25', '2026-01-01', '2026-12-31'],
      ['G2', '30.5', '2026-01-01'],
    ]);

    const [piecesBefore, timesBefore] = [await pieces(), await times()];
    const back = await upload('piece-rates', piece.file);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<TImportResult>()).toEqual({ imported: 3, created: 0, updated: 0, errors: [] });
    const timeBack = await upload('time-rates', time.file);
    expect(timeBack.json<TImportResult>()).toEqual({ imported: 2, created: 0, updated: 0, errors: [] });
    // not even touched: updatedAt is the same
    expect(await pieces()).toEqual(piecesBefore);
    expect(await times()).toEqual(timesBefore);
  });

  it('updates and creates in one file; a dry run reports it and writes nothing', async () => {
    const piece = await download('/labour/piece-rates/export');
    piece.rows.forEach((r, i) => {
      if (r[0] === 'TURN' && r[1] === '' && r[2] === '') piece.ws.getRow(i + 1).getCell(4).value = '1.30';
    });
    // the next period of the same key, the date typed as an Excel date
    piece.ws.addRow(['TURN', '', '', '1.4', '', '', '', '', new Date(Date.UTC(2026, 6, 1)), '', '下半年']);
    const file = await toFile(piece.wb);
    const before = await pieces();
    const dry = await upload('piece-rates', file, { dryRun: true });
    expect(dry.json<TImportResult>()).toEqual({ imported: 4, created: 1, updated: 1, errors: [] });
    expect(await pieces()).toEqual(before);
    expect((await upload('piece-rates', file)).json<TImportResult>()).toEqual({
      imported: 4,
      created: 1,
      updated: 1,
      errors: [],
    });
    const turn = (await pieces()).items.filter((r) => r.operationCode === 'TURN' && !r.productId);
    expect(turn.map((r) => [r.rate, r.effectiveFrom, r.effectiveTo, r.scrapPolicy, r.description])).toEqual([
      ['1.4', '2026-07-01', null, 'none', '下半年'],
      ['1.3', '2026-01-01', '2026-06-30', 'deduct', null],
    ]);
    expect((await ok<Page<unknown>>('GET', '/audit?entityType=labour_piece_rate&action=import')).total).toBe(
      1,
    );

    // ending G2's open rate and starting the next: the new row comes first in the file
    const time = await download('/labour/time-rates/export');
    const file2 = await sheet(TIME_HEADERS, [
      ['G2', '32', '2026-07-01'],
      ...time.rows.slice(1).map((r) => (r[0] === 'G2' ? ['G2', '30.5', '2026-01-01', '2026-06-30'] : r)),
    ]);
    expect((await upload('time-rates', file2)).json<TImportResult>()).toEqual({
      imported: 3,
      created: 1,
      updated: 1,
      errors: [],
    });
    const g2 = (await times()).items.filter((r) => r.gradeCode === 'G2');
    expect(g2.map((r) => [r.rate, r.effectiveFrom, r.effectiveTo])).toEqual([
      ['32', '2026-07-01', null],
      ['30.5', '2026-01-01', '2026-06-30'],
    ]);
  });

  it('400 naming every bad cell by row and column, and nothing written', async () => {
    const before = await pieces();
    const res = await upload(
      'piece-rates',
      await sheet(PIECE_HEADERS, [
        ['NOPE', 'NO-SUCH', 'G9', '-1', '', '', '', '', '2026-13-01'],
        ['TURN', '', '', '1', '扣掉', '', '', '', '2026-01-01'],
        ['TURN', '', 'G1', '1', '', '', '', '', '2027-01-01'],
        ['TURN', '', '', '1.1', '', '', '', '', '2026-03-01'],
        ['TURN', '', 'G1', '1.2', '', '', '', '', '2027-01-01'],
        ['ASM', 'RT-FG', '', '1', 'none', '0.2', '', '-0.5', '2026-01-01', '2025-12-31'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(paths(res.body)).toEqual([
      'rows.2.operationCode',
      'rows.2.product',
      'rows.2.grade',
      'rows.2.rate',
      'rows.2.effectiveFrom',
      'rows.3.scrapPolicy',
      'rows.5.effectiveFrom',
      'rows.6.effectiveFrom',
      'rows.7.scrapDeduction',
      'rows.7.reworkRate',
      'rows.7.effectiveTo',
    ]);
    const message = (path: string) => details(res.body).find((d) => d.path === path)?.message;
    expect(message('rows.2.operationCode')).toContain('NOPE');
    expect(message('rows.2.rate')).toContain('not negative');
    expect(message('rows.5.effectiveFrom')).toContain('overlaps');
    expect(message('rows.6.effectiveFrom')).toContain('row 4');
    // row 4 was valid, and neither it nor anything else was written
    expect(await pieces()).toEqual(before);

    const timesBefore = await times();
    const bad = await upload(
      'time-rates',
      await sheet(TIME_HEADERS, [
        ['G9', '30', '2026-01-01'],
        ['G1', 'abc', '2026/01/01'],
        ['', '1', '2028-01-01'],
        ['G1', '26', '2026-06-01'],
      ]),
      { dryRun: true },
    );
    expect(bad.statusCode).toBe(400);
    expect(paths(bad.body)).toEqual([
      'rows.2.grade',
      'rows.3.rate',
      'rows.3.effectiveFrom',
      'rows.4.grade',
      'rows.5.effectiveFrom',
    ]);
    expect(details(bad.body)[3]!.message).toContain('required');
    expect(await times()).toEqual(timesBefore);
  });

  it('the template imports once its codes exist', async () => {
    const c = await t.makeTenant('rte-c');
    const piece = await download('/labour/piece-rates/import-template', c.token);
    const time = await download('/labour/time-rates/import-template', c.token);
    const first = await upload('piece-rates', piece.file, { token: c.token });
    expect(first.statusCode).toBe(400);
    expect(paths(first.body)).toEqual([
      'rows.2.operationCode',
      'rows.3.operationCode',
      'rows.3.product',
      'rows.3.grade',
    ]);
    expect(paths((await upload('time-rates', time.file, { token: c.token })).body)).toEqual(['rows.2.grade']);

    const plant = await makePlant(t, c.token, 'RC');
    await makeRoutedProduct(t, c.token, { prefix: 'RC', parentId: plant.line.id, units: plant.units });
    const pcs = plant.units.find((u) => u.code === 'pcs')!.id;
    await ok(
      'POST',
      '/materials',
      { code: 'SF-VB-100', name: '阀体', type: 'finished', unitId: pcs },
      c.token,
    );
    await ok('POST', '/labour/grades', { code: 'G2', name: '中级' }, c.token);
    const done = await upload('piece-rates', piece.file, { token: c.token });
    expect(done.json<TImportResult>()).toMatchObject({ imported: 2, created: 2, updated: 0 });
    expect((await upload('time-rates', time.file, { token: c.token })).json<TImportResult>()).toMatchObject({
      imported: 1,
      created: 1,
    });
    expect((await pieces(c.token)).items.find((r) => r.productCode === 'SF-VB-100')).toMatchObject({
      gradeCode: 'G2',
      rate: '1.25',
      scrapPolicy: 'deduct',
      scrapDeduction: '0.5',
      reworkRate: '0.3',
      effectiveTo: '2026-12-31',
    });
  });

  it('readers export but cannot import; another tenant sees nothing and cannot use our codes', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    await ok('POST', '/users', {
      username: 'rte-viewer',
      password: 'Strong-pw-77',
      displayName: 'viewer',
      roleIds: [roles.find((r) => r.code === 'viewer')!.id],
    });
    const viewer = await t.login('rte-a', 'rte-viewer', 'Strong-pw-77');
    const ours = await download('/labour/piece-rates/export', viewer);
    expect(ours.rows.length).toBeGreaterThan(1);
    expect((await upload('piece-rates', ours.file, { token: viewer })).statusCode).toBe(403);

    const theirs = await download('/labour/piece-rates/export', b.token);
    expect(theirs.rows).toHaveLength(1);
    expect((await download('/labour/time-rates/export', b.token)).rows).toHaveLength(1);
    const res = await upload('piece-rates', ours.file, { token: b.token });
    expect(res.statusCode).toBe(400);
    const fg = ours.rows.findIndex((r) => r[1] === 'RT-FG') + 1;
    expect(paths(res.body)).toEqual(
      expect.arrayContaining(['rows.2.operationCode', 'rows.2.grade', `rows.${fg}.product`]),
    );
    const time = await download('/labour/time-rates/export');
    expect(paths((await upload('time-rates', time.file, { token: b.token })).body)).toContain('rows.2.grade');
    expect((await pieces(b.token)).total).toBe(0);
    expect((await times(b.token)).total).toBe(0);
  });
});

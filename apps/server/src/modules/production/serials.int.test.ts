// Serial numbers of produced goods on a real database: a serial-tracked semi-finished product reported on its
// last operation stores the scanned serials on the order's output lot, or numbers the pieces after the lot;
// refused with body.serials named: a count that is not the good quantity, repeats, a serial already used for
// the product (by another report; a receipt or a lot import may not reuse one either), serials for a product
// that is not serial-tracked or on an operation that is not the last; a replayed report stores nothing twice.
// The flag round-trips through the materials sheet. The semi-finished lot goes into a serial-tracked finished
// product, and a serial is traced backward and forward (also as Excel, also when another material uses the
// same serial); the trace's lots carry their serial counts, the Excel export their serial numbers (cut to what
// a cell holds, saying so) and each lot's serials are listed a page at a time; another enterprise finds none
// of it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TLot,
  TLotDetail,
  TLotSerialPage,
  TMaterial,
  TOrderMaterials,
  TOrderSerials,
  TSerialTrace,
  TTrace,
  TTraceNode,
  TWorkOrder,
} from '@greenmes/contracts';
import { XLSX_TYPE } from '../../platform/excel/excel.ts';
import { CELL_MAX } from './genealogy.excel.ts';
import { api, details, makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let workerId: string;
const m: Record<'rm' | 'sf' | 'fg' | 'plain', string> = { rm: '', sf: '', fg: '', plain: '' };

const { call, ok } = api(
  () => t,
  () => a.token,
);
/** a refusal as [status, [path, message]…] */
const refusal = (res: { statusCode: number; body: string }) => [
  res.statusCode,
  details(res.body).map((d) => [d.path, d.message]),
];

async function releasedOrder(productId: string, quantity: string) {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
const opId = (order: TWorkOrder, seq: number) => order.operations.find((o) => o.seqNo === seq)!.id;
const report = (order: TWorkOrder, seq: number, body: object) =>
  call('POST', `/production/work-orders/${order.id}/operations/${opId(order, seq)}/job-reports`, {
    workerId,
    ...body,
  });
async function reportOk(order: TWorkOrder, seq: number, body: object) {
  const res = await report(order, seq, body);
  if (res.statusCode >= 300) throw new Error(`report ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
  return res;
}
const outputLot = async (order: TWorkOrder) =>
  (await ok<TOrderMaterials>('GET', `/production/work-orders/${order.id}/materials`)).outputLots[0];
const serialsOf = async (order: TWorkOrder) =>
  (await ok<TLotDetail>('GET', `/inventory/lots/${(await outputLot(order))!.id}`)).serials;
const goodOf = async (order: TWorkOrder, seq: number) =>
  (await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`)).operations.find(
    (o) => o.seqNo === seq,
  )!.goodQuantity;
type Shape = [string, Shape[]];
const shape = (n: TTraceNode): Shape => [n.lotNumber, n.children.map(shape)];
type Counts = [string, number, Counts[]];
const counts = (n: TTraceNode): Counts => [n.lotNumber, n.serialCount, n.children.map(counts)];
/** an exported trace's rows as {level, lot, serials}, the serial numbers' column found by its header */
async function exportedRows(url: string) {
  const res = await call('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const column = (ws.getRow(1).values as unknown[]).map(String).indexOf('序列号 / Serial numbers');
  expect(column).toBeGreaterThan(0);
  const rows: Array<{ level: string; lot: string; serials: string | null }> = [];
  ws.eachRow((r, n) => {
    const serials = r.getCell(column).value;
    if (n > 1)
      rows.push({
        level: String(r.getCell(1).value),
        lot: String(r.getCell(2).value).trim(),
        serials: serials === null ? null : String(serials),
      });
  });
  return rows;
}

let sfOrder: TWorkOrder;
let fgOrder: TWorkOrder;

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('sn-a');
  b = await t.makeTenant('sn-b');
  const plant = await makePlant(t, a.token, 'SN');
  const unit = (code: string) => plant.units.find((u) => u.code === code)!.id;
  const material = async (code: string, type: string, u: string, isSerialTracked?: boolean) =>
    (await ok<TMaterial>('POST', '/materials', { code, name: code, type, unitId: unit(u), isSerialTracked }))
      .id;
  m.rm = await material('SN-RM', 'raw', 'kg');
  m.sf = await material('SN-SF', 'semi_finished', 'pcs', true);
  m.fg = await material('SN-FG', 'finished', 'pcs', true);
  m.plain = await material('SN-PLAIN', 'finished', 'pcs', false);
  const workCenterId = (
    await ok('POST', '/plant/nodes', {
      kind: 'work_center',
      parentId: plant.line.id,
      code: 'SN-WC',
      name: 'C',
    })
  ).id;
  const define = async (productId: string, lines: object[], ops: string[]) => {
    const bom = await ok('POST', '/production/boms', {
      productId,
      version: 'V1',
      effectiveFrom: '2025-01-01',
      lines,
    });
    await ok('POST', `/production/boms/${bom.id}/transition`, { status: 'active' });
    const routing = await ok('POST', '/production/routings', {
      productId,
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: ops.map((code, i) => ({ seqNo: (i + 1) * 10, code, name: code, workCenterId })),
    });
    await ok('POST', `/production/routings/${routing.id}/transition`, { status: 'active' });
  };
  // a blank: 2 kg of bar, one operation; a valve: one blank, two operations; a plain part: bar, one operation
  await define(m.sf, [{ componentId: m.rm, quantity: '2' }], ['TURN']);
  await define(m.fg, [{ componentId: m.sf, quantity: '1' }], ['ASSY', 'TEST']);
  await define(m.plain, [{ componentId: m.rm, quantity: '1' }], ['CUT']);
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'SN001', name: '赵六' })).id;
  await ok<TLot>('POST', '/inventory/lots', { lotNumber: 'SN-R-1', materialId: m.rm, quantity: '100' });
});
afterAll(() => t?.close());

describe('serial-tracked materials', () => {
  it('keeps the flag on the material, editable', async () => {
    expect((await ok<TMaterial>('GET', `/materials/${m.sf}`)).isSerialTracked).toBe(true);
    expect((await ok<TMaterial>('GET', `/materials/${m.plain}`)).isSerialTracked).toBe(false);
    const off = await ok<TMaterial>('PATCH', `/materials/${m.plain}`, { isSerialTracked: true });
    expect(off.isSerialTracked).toBe(true);
    await ok('PATCH', `/materials/${m.plain}`, { isSerialTracked: false });
  });

  it('exports and imports the flag in the materials sheet', async () => {
    const exported = await call('GET', '/materials/export?q=SN-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).map(String);
    const column = headers.indexOf('序列号管理 / Serial tracked');
    expect(column).toBeGreaterThan(0);
    const flags: Record<string, string> = {};
    ws.eachRow((r, n) => {
      if (n > 1) flags[String(r.getCell(1).value)] = String(r.getCell(column).value);
    });
    expect(flags).toMatchObject({ 'SN-SF': 'Y', 'SN-PLAIN': 'N' });
    // the same sheet back with SN-PLAIN turned on: an upsert by code
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'SN-PLAIN') r.getCell(column).value = 'Y';
    });
    const imported = await t.call({
      method: 'POST',
      url: '/api/v1/materials/import?dryRun=false',
      token: a.token,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': XLSX_TYPE },
    });
    expect(imported.statusCode).toBe(200);
    expect((await ok<TMaterial>('GET', `/materials/${m.plain}`)).isSerialTracked).toBe(true);
    await ok('PATCH', `/materials/${m.plain}`, { isSerialTracked: false });
  });
});

describe('serial numbers from job reports', () => {
  it('stores the scanned serials on the output lot of the last operation', async () => {
    sfOrder = await releasedOrder(m.sf, '10');
    await ok('POST', `/production/work-orders/${sfOrder.id}/material-issues`, {
      lotNumber: 'SN-R-1',
      quantity: '20',
    });
    expect(await ok<TOrderSerials>('GET', `/production/work-orders/${sfOrder.id}/serials`)).toMatchObject({
      isSerialTracked: true,
      outputLotNumber: null,
      serialCount: 0,
    });
    await reportOk(sfOrder, 10, { kind: 'start' });
    await reportOk(sfOrder, 10, { kind: 'quantity', goodQty: '2', serials: ['SF-A2', 'SF-A1'] });
    expect(await serialsOf(sfOrder)).toEqual(['SF-A1', 'SF-A2']);
    expect((await outputLot(sfOrder))!.serialCount).toBe(2);
    expect(await ok<TOrderSerials>('GET', `/production/work-orders/${sfOrder.id}/serials`)).toMatchObject({
      outputLotNumber: sfOrder.number,
      serialCount: 2,
    });
  });

  it('refuses a count that is not the good quantity, repeats and serials already used, counting nothing', async () => {
    const mismatch = await report(sfOrder, 10, { kind: 'quantity', goodQty: '2', serials: ['SF-B1'] });
    expect(refusal(mismatch)).toEqual([400, [['body.serials', '1 serial numbers for a quantity of 2']]]);
    const repeat = await report(sfOrder, 10, { kind: 'quantity', goodQty: '2', serials: ['SF-B1', 'SF-B1'] });
    expect(refusal(repeat)).toEqual([400, [['body.serials', 'serial numbers repeat']]]);
    const used = await report(sfOrder, 10, { kind: 'quantity', goodQty: '2', serials: ['SF-B1', 'SF-A2'] });
    expect(refusal(used)).toEqual([
      400,
      [['body.serials', 'serial numbers already used for this material: SF-A2']],
    ]);
    const malformed = await report(sfOrder, 10, { kind: 'quantity', goodQty: '1', serials: ['has space'] });
    expect([malformed.statusCode, details(malformed.body)[0]?.path]).toEqual([400, 'body.serials.0']);
    // whole pieces when the server numbers them
    const half = await report(sfOrder, 10, { kind: 'quantity', goodQty: '1.5' });
    expect(refusal(half)).toEqual([400, [['body.goodQty', 'SN-SF is serial-tracked: report whole pieces']]]);
    // nothing of the refused reports was counted or stored
    expect(await goodOf(sfOrder, 10)).toBe('2');
    expect(await serialsOf(sfOrder)).toEqual(['SF-A1', 'SF-A2']);
    expect((await outputLot(sfOrder))!.quantity).toBe('2');
    // a receipt cannot reuse a produced serial of the material either
    const receipt = await call('POST', '/inventory/lots', {
      lotNumber: 'SN-SF-R',
      materialId: m.sf,
      quantity: '1',
      serials: ['SF-A1'],
    });
    expect(refusal(receipt)).toEqual([
      400,
      [['body.serials', 'serial numbers already used for this material: SF-A1']],
    ]);
    // nor a lot import, where every row says its own
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('批次');
    ws.addRow([
      '批次号 / Lot number',
      '物料编码 / Material code',
      '数量 / Quantity',
      '序列号 / Serial numbers',
    ]);
    ws.addRow(['SN-I-1', 'SN-SF', '1', 'SF-A2']);
    ws.addRow(['SN-I-2', 'SN-SF', '1', 'SF-I1']);
    ws.addRow(['SN-I-3', 'SN-SF', '1', 'SF-I1']);
    ws.addRow(['SN-I-4', 'SN-RM', '1', 'SF-A2']);
    const upload = await t.call({
      method: 'POST',
      url: '/api/v1/inventory/lots/import?dryRun=true',
      token: a.token,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': XLSX_TYPE },
    });
    expect(refusal(upload)).toEqual([
      400,
      [
        ['rows.2.serials', 'serial number SF-A2 is already used for this material'],
        ['rows.4.serials', 'serial number SF-I1 repeats row 3'],
      ],
    ]);
  });

  it('numbers the pieces after the lot when none are scanned; a replay stores nothing twice', async () => {
    await reportOk(sfOrder, 10, { kind: 'quantity', goodQty: '2' });
    const n = sfOrder.number;
    expect(await serialsOf(sfOrder)).toEqual(['SF-A1', 'SF-A2', `${n}-0003`, `${n}-0004`]);
    const body = { kind: 'quantity', goodQty: '1', serials: ['SF-C1'], clientId: 'sn-replay-1' };
    expect((await reportOk(sfOrder, 10, body)).statusCode).toBe(201);
    expect((await reportOk(sfOrder, 10, body)).statusCode).toBe(200);
    expect(await serialsOf(sfOrder)).toEqual(['SF-A1', 'SF-A2', 'SF-C1', `${n}-0003`, `${n}-0004`]);
    expect((await outputLot(sfOrder))!.quantity).toBe('5');
  });

  it('refuses serials for a product that is not serial-tracked, or on an operation that is not the last', async () => {
    const plainOrder = await releasedOrder(m.plain, '3');
    await reportOk(plainOrder, 10, { kind: 'start' });
    const plain = await report(plainOrder, 10, { kind: 'quantity', goodQty: '1', serials: ['P-1'] });
    expect(refusal(plain)).toEqual([400, [['body.serials', 'SN-PLAIN is not serial-tracked']]]);
    await reportOk(plainOrder, 10, { kind: 'quantity', goodQty: '1.5' });
    expect((await outputLot(plainOrder))!.serialCount).toBe(0);

    fgOrder = await releasedOrder(m.fg, '2');
    await ok('POST', `/production/work-orders/${fgOrder.id}/material-issues`, {
      lotNumber: sfOrder.number,
      quantity: '2',
    });
    await reportOk(fgOrder, 10, { kind: 'start' });
    const early = await report(fgOrder, 10, { kind: 'finish', goodQty: '2', serials: ['FG-1', 'FG-2'] });
    expect(refusal(early)).toEqual([
      400,
      [['body.serials', "serial numbers go with the order's last operation only"]],
    ]);
    await reportOk(fgOrder, 10, { kind: 'finish', goodQty: '2' });
    await reportOk(fgOrder, 20, { kind: 'start' });
    await reportOk(fgOrder, 20, { kind: 'finish', goodQty: '2', serials: ['FG-1', 'FG-2'] });
    expect(await serialsOf(fgOrder)).toEqual(['FG-1', 'FG-2']);
  });
});

describe('trace by serial number', () => {
  it('finds the lot of a serial and traces it backward and forward', async () => {
    const fg = await ok<TSerialTrace>('GET', '/production/genealogy/serials/trace?serialNumber=FG-2');
    expect(fg.lot.lotNumber).toBe(fgOrder.number);
    expect(shape(fg.backward.root)).toEqual([fgOrder.number, [[sfOrder.number, [['SN-R-1', []]]]]]);
    expect(shape(fg.forward.root)).toEqual([fgOrder.number, []]);
    const sf = await ok<TSerialTrace>('GET', '/production/genealogy/serials/trace?serialNumber=SF-A1');
    expect([sf.serialNumber, sf.lot.lotNumber, sf.lot.materialCode]).toEqual([
      'SF-A1',
      sfOrder.number,
      'SN-SF',
    ]);
    expect(shape(sf.backward.root)).toEqual([sfOrder.number, [['SN-R-1', []]]]);
    expect(shape(sf.forward.root)).toEqual([sfOrder.number, [[fgOrder.number, []]]]);
    // the lot trace takes a serial number as well, and so does its Excel export
    const byQuery = await ok<TTrace>(
      'GET',
      '/production/genealogy/trace?serialNumber=SF-A1&direction=forward',
    );
    expect(shape(byQuery.root)).toEqual(shape(sf.forward.root));
    // each lot with its serial count, and its serial numbers in the Excel export
    expect(counts(fg.backward.root)).toEqual([fgOrder.number, 2, [[sfOrder.number, 5, [['SN-R-1', 0, []]]]]]);
    const n = sfOrder.number;
    expect(
      await exportedRows('/production/genealogy/trace/export?serialNumber=FG-1&direction=backward'),
    ).toEqual([
      { level: '0', lot: fgOrder.number, serials: 'FG-1, FG-2' },
      { level: '1', lot: sfOrder.number, serials: `SF-A1, SF-A2, SF-C1, ${n}-0003, ${n}-0004` },
      { level: '2', lot: 'SN-R-1', serials: null },
    ]);
  });

  it("lists a lot's serial numbers a page at a time, in order, those containing q", async () => {
    const sfLot = (await outputLot(sfOrder))!;
    const url = `/production/genealogy/lots/${sfLot.id}/serials`;
    const n = sfOrder.number;
    expect(await ok<TLotSerialPage>('GET', `${url}?pageSize=2`)).toEqual({
      lotId: sfLot.id,
      lotNumber: n,
      items: ['SF-A1', 'SF-A2'],
      total: 5,
      page: 1,
      pageSize: 2,
    });
    expect((await ok<TLotSerialPage>('GET', `${url}?pageSize=2&page=3`)).items).toEqual([`${n}-0004`]);
    const found = await ok<TLotSerialPage>('GET', `${url}?q=sf-`);
    expect([found.items, found.total]).toEqual([['SF-A1', 'SF-A2', 'SF-C1'], 3]);
    // LIKE's wildcards are taken literally
    expect((await ok<TLotSerialPage>('GET', `${url}?q=%25`)).total).toBe(0);
    const raw = await ok<{ items: TLot[] }>('GET', '/inventory/lots?lotNumber=SN-R-1');
    expect(
      (await ok<TLotSerialPage>('GET', `/production/genealogy/lots/${raw.items[0]!.id}/serials`)).total,
    ).toBe(0);
    const tooMany = await call('GET', `${url}?pageSize=500`);
    expect([tooMany.statusCode, details(tooMany.body)[0]?.path]).toEqual([400, 'querystring.pageSize']);
    const badId = await call('GET', '/production/genealogy/lots/not-a-lot/serials');
    expect([badId.statusCode, details(badId.body)[0]?.path]).toEqual([400, 'params.id']);
    const unknown = await call('GET', `/production/genealogy/lots/${sfOrder.id}/serials`);
    expect(unknown.statusCode).toBe(404);
    expect((await call('GET', url, undefined, b.token)).statusCode).toBe(404);
  });

  it("cuts a lot's serial numbers to what an Excel cell holds, and says how many are left out", async () => {
    const total = 4000;
    const serials = Array.from({ length: total }, (_, i) => `SN-CUT-${String(i + 1).padStart(6, '0')}`);
    await ok('POST', '/inventory/lots', {
      lotNumber: 'SN-R-CUT',
      materialId: m.rm,
      quantity: String(total),
      serials,
    });
    const [row, ...others] = await exportedRows('/production/genealogy/trace/export?lotNumber=SN-R-CUT');
    expect(others).toEqual([]);
    const cell = row!.serials!;
    // 4000 × 15 characters and their separators do not fit: as many as do, in order, and the note
    expect(cell.length).toBeLessThanOrEqual(CELL_MAX);
    expect(cell.length).toBeGreaterThan(CELL_MAX - 40);
    const [listed, note] = cell.split(' … ');
    const shown = listed!.split(', ');
    expect(shown).toEqual(serials.slice(0, shown.length));
    expect(note).toBe(
      `另有 ${total - shown.length} 个，共 ${total} 个 / ${total - shown.length} more, ${total} in all`,
    );
  });

  it('asks for the material when two materials use the serial; unknown serials and other enterprises get 404', async () => {
    // serials are unique per material: a received lot of bar may carry FG-1 too
    await ok('POST', '/inventory/lots', {
      lotNumber: 'SN-R-2',
      materialId: m.rm,
      quantity: '1',
      serials: ['FG-1'],
    });
    const ambiguous = await call('GET', '/production/genealogy/serials/trace?serialNumber=FG-1');
    expect([ambiguous.statusCode, details(ambiguous.body)[0]?.path]).toEqual([400, 'query.materialId']);
    const picked = await ok<TSerialTrace>(
      'GET',
      `/production/genealogy/serials/trace?serialNumber=FG-1&materialId=${m.fg}`,
    );
    expect(picked.lot.lotNumber).toBe(fgOrder.number);
    expect((await call('GET', '/production/genealogy/serials/trace?serialNumber=NOPE')).statusCode).toBe(404);
    const other = await call(
      'GET',
      '/production/genealogy/serials/trace?serialNumber=FG-2',
      undefined,
      b.token,
    );
    expect(other.statusCode).toBe(404);
    const otherOrder = await call('GET', `/production/work-orders/${fgOrder.id}/serials`, undefined, b.token);
    expect(otherOrder.statusCode).toBe(404);
    const otherExport = await call(
      'GET',
      `/production/genealogy/trace/export?lotId=${(await outputLot(fgOrder))!.id}`,
      undefined,
      b.token,
    );
    expect(otherExport.statusCode).toBe(404);
  });
});

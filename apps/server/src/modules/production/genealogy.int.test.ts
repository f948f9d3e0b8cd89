// Lots, material issue and genealogy on a real database: receipts with their moves; issue by scanned lot
// refused with the field named (unknown lot, a material the order does not need, more than on hand, over
// the requirement) and return; a two-level example — raw lots into a semi-finished lot by one order, that
// lot and backflushed screws into a finished lot by another — traced backward and forward with exact
// quantities; backflush FIFO across two lots; a backflush short of stock refused whole; Excel round trip;
// permissions; another enterprise sees none of it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TLot,
  TLotDetail,
  TMaterialMoveResult,
  TOrderMaterials,
  TPage,
  TTrace,
  TTraceNode,
  TWorkOrder,
} from '@greenmes/contracts';
import { XLSX_TYPE } from '../../platform/excel/excel.ts';
import { api, details, makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let workerId: string;
const m: Record<'rm' | 'sf' | 'fg' | 'scr', string> = { rm: '', sf: '', fg: '', scr: '' };

const { call, ok } = api(
  () => t,
  () => a.token,
);
const paths = (body: string) => details(body).map((d) => d.path);

const receive = (
  lotNumber: string,
  materialId: string,
  quantity: string,
  extra: object = {},
  token = a.token,
) => ok<TLot>('POST', '/inventory/lots', { lotNumber, materialId, quantity, ...extra }, token);
const lot = (id: string) => ok<TLotDetail>('GET', `/inventory/lots/${id}`);

async function releasedOrder(productId: string, quantity: string) {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
const issue = (order: TWorkOrder, body: object, token = a.token) =>
  call('POST', `/production/work-orders/${order.id}/material-issues`, body, token);
const opId = (order: TWorkOrder, seq: number) => order.operations.find((o) => o.seqNo === seq)!.id;
const report = (order: TWorkOrder, seq: number, body: object) =>
  call('POST', `/production/work-orders/${order.id}/operations/${opId(order, seq)}/job-reports`, {
    workerId,
    ...body,
  });
async function reportOk(order: TWorkOrder, seq: number, body: object) {
  const res = await report(order, seq, body);
  if (res.statusCode >= 300) throw new Error(`report ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
}
const materials = (order: TWorkOrder) =>
  ok<TOrderMaterials>('GET', `/production/work-orders/${order.id}/materials`);
const trace = (lotId: string, direction: 'backward' | 'forward') =>
  ok<TTrace>('GET', `/production/genealogy/trace?lotId=${lotId}&direction=${direction}`);
/** a tree as [lot number, quantity, order number, children] for exact comparison */
type Shape = [string, string | null, string | null, Shape[]];
const shape = (n: TTraceNode): Shape => [n.lotNumber, n.quantity, n.workOrderNumber, n.children.map(shape)];

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('gn-a');
  b = await t.makeTenant('gn-b');
  const plant = await makePlant(t, a.token, 'GN');
  const unit = (code: string) => plant.units.find((u) => u.code === code)!.id;
  const material = async (code: string, type: string, u: string) =>
    (await ok('POST', '/materials', { code, name: code, type, unitId: unit(u) })).id;
  m.rm = await material('GN-RM', 'raw', 'kg');
  m.sf = await material('GN-SF', 'semi_finished', 'pcs');
  m.fg = await material('GN-FG', 'finished', 'pcs');
  m.scr = await material('GN-SCR', 'raw', 'pcs');
  const workCenterId = (
    await ok('POST', '/plant/nodes', {
      kind: 'work_center',
      parentId: plant.line.id,
      code: 'GN-WC',
      name: 'Cell',
    })
  ).id;
  const define = async (productId: string, lines: object[], ops: Array<[number, string]>) => {
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
      operations: ops.map(([seqNo, code]) => ({ seqNo, code, name: code, workCenterId })),
    });
    await ok('POST', `/production/routings/${routing.id}/transition`, { status: 'active' });
  };
  // a shaft blank: 2 kg of bar each, one operation; a valve: one blank and four screws, two operations
  await define(m.sf, [{ componentId: m.rm, quantity: '2' }], [[10, 'TURN']]);
  await define(
    m.fg,
    [
      { componentId: m.sf, quantity: '1' },
      { componentId: m.scr, quantity: '4' },
    ],
    [
      [10, 'ASSY'],
      [20, 'TEST'],
    ],
  );
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'GN001', name: '王五' })).id;
});
afterAll(() => t?.close());

describe('lots', () => {
  it('receives a lot with its receipt move; the number is unique per material', async () => {
    const received = await receive('GN-R-0', m.rm, '12.5', {
      supplier: '华东钢材',
      supplierLot: 'HD-77',
      receivedAt: '2026-01-05T09:30:00+08:00',
    });
    expect(received).toMatchObject({
      lotNumber: 'GN-R-0',
      materialCode: 'GN-RM',
      quantity: '12.5',
      unitCode: 'kg',
      origin: 'received',
      supplier: '华东钢材',
      status: 'available',
      originAt: '2026-01-05T01:30:00.000Z',
    });
    const detail = await lot(received.id);
    expect(detail.moves.map((mv) => [mv.kind, mv.quantity, mv.fromPlace, mv.toPlace])).toEqual([
      ['receipt', '12.5', 'supplier', 'stock'],
    ]);
    expect(
      (await call('POST', '/inventory/lots', { lotNumber: 'GN-R-0', materialId: m.rm, quantity: '1' }))
        .statusCode,
    ).toBe(409);
    // the same number for another material is another lot
    await receive('GN-R-0', m.scr, '3');
    const bad = await call('POST', '/inventory/lots', {
      lotNumber: 'X1',
      materialId: m.scr,
      quantity: '2',
      serials: ['S1'],
    });
    expect(paths(bad.body)).toEqual(['body.serials']);
    const zero = await call('POST', '/inventory/lots', { lotNumber: 'X1', materialId: m.scr, quantity: '0' });
    expect(paths(zero.body)).toEqual(['body.quantity']);
    const serialised = await receive('GN-SN-1', m.scr, '2', { serials: ['SN-001', 'SN-002'] });
    expect((await lot(serialised.id)).serials).toEqual(['SN-001', 'SN-002']);
    const scan = await ok<TPage<TLot>>('GET', '/inventory/lots?lotNumber=GN-R-0');
    expect(scan.items.map((l) => l.materialCode).sort()).toEqual(['GN-RM', 'GN-SCR']);
    expect((await ok<TPage<TLot>>('GET', '/inventory/lots?q=HD-77')).items.map((l) => l.id)).toEqual([
      received.id,
    ]);
    // counted 12 → an adjustment move of 0.5 out; a lot with moves beyond its receipt stays
    const adjusted = await ok<TLotDetail>('POST', `/inventory/lots/${received.id}/adjust`, {
      quantity: '12',
      reason: '盘点',
    });
    expect(adjusted.quantity).toBe('12');
    expect(adjusted.moves.at(-1)).toMatchObject({ kind: 'adjustment', quantity: '0.5', fromPlace: 'stock' });
    expect((await call('DELETE', `/inventory/lots/${received.id}`)).statusCode).toBe(409);
    expect((await call('DELETE', `/inventory/lots/${serialised.id}`)).statusCode).toBe(200);
    expect((await call('GET', `/inventory/lots/${serialised.id}`)).statusCode).toBe(404);
  });
});

describe('material issue, output lots and genealogy', () => {
  let sfOrder: TWorkOrder;
  let fgOrder: TWorkOrder;
  const ids = { rm1: '', rm2: '', scrOther: '', sf: '', scrA: '', scrB: '', fg: '' };

  it('issues a scanned lot with its checks and takes a return', async () => {
    ids.rm1 = (await receive('GN-RM-1', m.rm, '30', { receivedAt: '2026-01-01T08:00:00+08:00' })).id;
    ids.rm2 = (await receive('GN-RM-2', m.rm, '3', { receivedAt: '2026-01-02T08:00:00+08:00' })).id;
    ids.scrOther = (await receive('GN-SCR-0', m.scr, '100')).id;
    const draft = await ok<TWorkOrder>('POST', '/production/work-orders', { productId: m.sf, quantity: '5' });
    expect((await issue(draft, { lotNumber: 'GN-RM-1', quantity: '1' })).statusCode).toBe(409);
    sfOrder = await releasedOrder(m.sf, '5'); // needs 10 kg of bar
    const unknown = await issue(sfOrder, { lotNumber: 'NOPE', quantity: '1' });
    expect([unknown.statusCode, paths(unknown.body)]).toEqual([400, ['body.lotNumber']]);
    const wrong = await issue(sfOrder, { lotNumber: 'GN-SCR-0', quantity: '1' });
    expect([wrong.statusCode, paths(wrong.body)]).toEqual([400, ['body.lotNumber']]);
    expect(details(wrong.body)[0]!.message).toContain('not a material of this order');
    const short = await issue(sfOrder, { lotNumber: 'GN-RM-2', quantity: '4' });
    expect([short.statusCode, paths(short.body)]).toEqual([400, ['body.quantity']]);
    expect(details(short.body)[0]!.message).toContain('on hand');
    const over = await issue(sfOrder, { lotNumber: 'GN-RM-1', quantity: '12' });
    expect([over.statusCode, paths(over.body)]).toEqual([400, ['body.quantity']]);
    expect(details(over.body)[0]!.message).toContain('over the requirement');

    const issued = (
      await issue(sfOrder, { lotNumber: 'GN-RM-1', quantity: '8' })
    ).json<TMaterialMoveResult>();
    expect(issued.move).toMatchObject({
      kind: 'issue',
      quantity: '8',
      fromPlace: 'stock',
      toPlace: 'work_order',
    });
    expect(issued.lot.quantity).toBe('22');
    expect(issued.line).toMatchObject({ materialCode: 'GN-RM', quantity: '10', issuedQuantity: '8' });
    const back = await call('POST', `/production/work-orders/${sfOrder.id}/material-returns`, {
      lotNumber: 'GN-RM-1',
      quantity: '3',
    });
    expect(back.statusCode).toBe(201);
    expect(back.json<TMaterialMoveResult>()).toMatchObject({
      lot: { quantity: '25' },
      line: { issuedQuantity: '5' },
    });
    const tooMuch = await call('POST', `/production/work-orders/${sfOrder.id}/material-returns`, {
      lotNumber: 'GN-RM-1',
      quantity: '6',
    });
    expect([tooMuch.statusCode, paths(tooMuch.body)]).toEqual([400, ['body.quantity']]);
    expect((await issue(sfOrder, { lotNumber: 'GN-RM-2', quantity: '3' })).statusCode).toBe(201);
    // over the requirement when allowed
    expect((await issue(sfOrder, { lotNumber: 'GN-RM-1', quantity: '2.5' })).statusCode).toBe(400);
    const extra = await issue(sfOrder, { lotNumber: 'GN-RM-1', quantity: '2.5', allowOverIssue: true });
    expect(extra.json<TMaterialMoveResult>().line.issuedQuantity).toBe('10.5');
    const view = await materials(sfOrder);
    expect(view.lots.map((l) => [l.lotNumber, l.issued, l.returned, l.atOrder, l.onHand])).toEqual([
      ['GN-RM-1', '10.5', '3', '7.5', '22.5'],
      ['GN-RM-2', '3', '0', '3', '0'],
    ]);
    const history = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${sfOrder.id}/history`,
    );
    expect(history.items.map((h) => h.action)).toEqual(
      expect.arrayContaining(['issue_material', 'return_material']),
    );
  });

  it('the last operation good quantity becomes the order lot, linked to the issued lots first issued first', async () => {
    await reportOk(sfOrder, 10, { kind: 'start' });
    await reportOk(sfOrder, 10, { kind: 'finish', goodQty: '4' }); // 4 × 2 kg = 8 kg: 7.5 of RM-1, 0.5 of RM-2
    const view = await materials(sfOrder);
    expect(view.outputLots.map((l) => [l.lotNumber, l.quantity, l.origin, l.materialCode])).toEqual([
      [sfOrder.number, '4', 'produced', 'GN-SF'],
    ]);
    ids.sf = view.outputLots[0]!.id;
    expect(view.lots.map((l) => [l.lotNumber, l.consumed, l.atOrder])).toEqual([
      ['GN-RM-1', '7.5', '0'],
      ['GN-RM-2', '0.5', '2.5'],
    ]);
    // what is consumed cannot be returned; the rest can
    const late = await call('POST', `/production/work-orders/${sfOrder.id}/material-returns`, {
      lotNumber: 'GN-RM-1',
      quantity: '0.1',
    });
    expect(paths(late.body)).toEqual(['body.quantity']);
    const output = await lot(ids.sf);
    expect(output.moves.map((mv) => [mv.kind, mv.quantity, mv.workOrderNumber])).toEqual([
      ['output', '4', sfOrder.number],
    ]);
  });

  it('backflushes by BOM quantity × good from issued lots, then on-hand lots oldest first', async () => {
    ids.scrA = (await receive('GN-SCR-A', m.scr, '5', { receivedAt: '2025-06-01T08:00:00+08:00' })).id;
    ids.scrB = (await receive('GN-SCR-B', m.scr, '10', { receivedAt: '2025-06-02T08:00:00+08:00' })).id;
    // the older lot GN-SCR-0 (received today) is younger than A and B; park it so FIFO is between A and B
    await ok('PATCH', `/inventory/lots/${ids.scrOther}`, { status: 'on_hold' });
    fgOrder = await releasedOrder(m.fg, '2'); // 2 blanks, 8 screws
    const scrLine = fgOrder.materials.find((l) => l.materialId === m.scr)!;
    const flag = await ok<{ isBackflush: boolean }>(
      'PUT',
      `/production/work-orders/${fgOrder.id}/materials/${scrLine.lineNo}/backflush`,
      { isBackflush: true },
    );
    expect(flag.isBackflush).toBe(true);
    expect((await issue(fgOrder, { lotNumber: sfOrder.number, quantity: '2' })).statusCode).toBe(201);
    expect((await issue(fgOrder, { lotNumber: 'GN-SCR-B', quantity: '2' })).statusCode).toBe(201);
    await reportOk(fgOrder, 10, { kind: 'start' });
    // not the last operation: no output, no consumption
    await reportOk(fgOrder, 10, { kind: 'finish', goodQty: '2' });
    expect((await materials(fgOrder)).outputLots).toEqual([]);
    await reportOk(fgOrder, 20, { kind: 'start' });
    // 1 valve: 4 screws — 2 issued of B, then 2 of A (older) from stock
    await reportOk(fgOrder, 20, { kind: 'quantity', goodQty: '1' });
    expect([(await lot(ids.scrA)).quantity, (await lot(ids.scrB)).quantity]).toEqual(['3', '8']);
    // 1 more: 4 screws — nothing issued is left, so 3 of A (all it has) and 1 of B
    await reportOk(fgOrder, 20, { kind: 'finish', goodQty: '1' });
    const a2 = await lot(ids.scrA);
    const b2 = await lot(ids.scrB);
    expect([a2.quantity, b2.quantity]).toEqual(['0', '7']);
    expect(a2.moves.map((mv) => [mv.kind, mv.quantity, mv.fromPlace, mv.toPlace])).toEqual([
      ['receipt', '5', 'supplier', 'stock'],
      ['backflush', '2', 'stock', 'consumed'],
      ['backflush', '3', 'stock', 'consumed'],
    ]);
    expect(b2.moves.map((mv) => [mv.kind, mv.quantity, mv.fromPlace])).toEqual([
      ['receipt', '10', 'supplier'],
      ['issue', '2', 'stock'],
      ['backflush', '2', 'work_order'],
      ['backflush', '1', 'stock'],
    ]);
    const view = await materials(fgOrder);
    expect(view.outputLots.map((l) => [l.lotNumber, l.quantity])).toEqual([[fgOrder.number, '2']]);
    ids.fg = view.outputLots[0]!.id;
    // backflush from stock counts as issued to the order
    expect(view.lines.map((l) => [l.materialCode, l.quantity, l.issuedQuantity, l.isBackflush])).toEqual([
      ['GN-SF', '2', '2', false],
      ['GN-SCR', '8', '8', true],
    ]);
  });

  it('traces the finished lot backward to the bar lots, with exact quantities', async () => {
    const back = await trace(ids.fg, 'backward');
    expect(shape(back.root)).toEqual([
      fgOrder.number,
      null,
      null,
      [
        [
          sfOrder.number,
          '2',
          fgOrder.number,
          [
            ['GN-RM-1', '7.5', sfOrder.number, []],
            ['GN-RM-2', '0.5', sfOrder.number, []],
          ],
        ],
        ['GN-SCR-B', '3', fgOrder.number, []],
        ['GN-SCR-A', '5', fgOrder.number, []],
      ],
    ]);
    expect(back.root.children.find((c) => c.lotNumber === 'GN-SCR-A')!.isBackflush).toBe(true);
    expect(back.workOrders.map((w) => w.number).sort()).toEqual([fgOrder.number, sfOrder.number].sort());
  });

  it('traces a bar lot forward through the blank lot to the valve lot', async () => {
    const fwd = await trace(ids.rm1, 'forward');
    expect(shape(fwd.root)).toEqual([
      'GN-RM-1',
      null,
      null,
      [[sfOrder.number, '7.5', sfOrder.number, [[fgOrder.number, '2', fgOrder.number, []]]]],
    ]);
    const byNumber = await ok<TTrace>(
      'GET',
      `/production/genealogy/trace?lotNumber=GN-RM-2&direction=forward`,
    );
    expect(byNumber.root.children.map((c) => [c.lotNumber, c.quantity])).toEqual([[sfOrder.number, '0.5']]);
    // GN-R-0 is a lot of two materials: the number alone is ambiguous
    const ambiguous = await call('GET', '/production/genealogy/trace?lotNumber=GN-R-0');
    expect([ambiguous.statusCode, paths(ambiguous.body)]).toEqual([400, ['query.materialId']]);
    expect((await call('GET', '/production/genealogy/trace?lotNumber=NONE')).statusCode).toBe(404);
  });

  it('exports the trace as Excel, one row per lot with its level', async () => {
    const res = await call('GET', `/production/genealogy/trace/export?lotId=${ids.fg}&direction=backward`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n > 1)
        rows.push([
          String(r.getCell(1).value),
          String(r.getCell(2).value).trim(),
          String(r.getCell(8).value),
        ]);
    });
    expect(rows).toEqual([
      ['0', fgOrder.number, 'null'],
      ['1', sfOrder.number, '2'],
      ['2', 'GN-RM-1', '7.5'],
      ['2', 'GN-RM-2', '0.5'],
      ['1', 'GN-SCR-B', '3'],
      ['1', 'GN-SCR-A', '5'],
    ]);
  });

  it('refuses a report whose backflush runs out of stock, and records nothing of it', async () => {
    const order = await releasedOrder(m.fg, '3'); // 12 screws; 10 available: B 7, GN-R-0 3 (GN-SCR-0 on hold)
    const line = order.materials.find((l) => l.materialId === m.scr)!;
    await ok('PUT', `/production/work-orders/${order.id}/materials/${line.lineNo}/backflush`, {
      isBackflush: true,
    });
    await reportOk(order, 10, { kind: 'start' });
    await reportOk(order, 10, { kind: 'finish', goodQty: '3' });
    await reportOk(order, 20, { kind: 'start' });
    const res = await report(order, 20, { kind: 'quantity', goodQty: '3' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('GN-SCR');
    expect((await lot(ids.scrB)).quantity).toBe('7');
    expect((await materials(order)).outputLots).toEqual([]);
    const after = await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);
    expect(after.operations.find((o) => o.seqNo === 20)!.goodQuantity).toBe('0');
  });
});

describe('Excel import and export of lots', () => {
  const upload = (file: Buffer, dryRun: boolean, token = b.token) =>
    t.call({
      method: 'POST',
      url: `/api/v1/inventory/lots/import?dryRun=${dryRun}`,
      token,
      body: file,
      headers: { 'content-type': XLSX_TYPE },
    });

  it('round-trips received lots into another enterprise with the same material codes', async () => {
    const units = (await t.call({ url: '/api/v1/units', token: b.token })).json<
      Array<{ id: string; code: string }>
    >();
    const unit = (code: string) => units.find((u) => u.code === code)!.id;
    for (const [code, u] of [
      ['GN-RM', 'kg'],
      ['GN-SCR', 'pcs'],
    ])
      await ok('POST', '/materials', { code, name: code, type: 'raw', unitId: unit(u!) }, b.token);
    const exp = await call('GET', '/inventory/lots/export?origin=received&inStock=true');
    expect(exp.statusCode).toBe(200);
    const mine = await ok<TPage<TLot>>('GET', '/inventory/lots?origin=received&inStock=true&pageSize=100');
    const dry = await upload(exp.rawPayload, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ imported: 0, created: mine.total });
    expect((await ok<TPage<TLot>>('GET', '/inventory/lots', undefined, b.token)).total).toBe(0);
    expect((await upload(exp.rawPayload, false)).json()).toMatchObject({ imported: mine.total });
    const theirs = await ok<TPage<TLot>>('GET', '/inventory/lots?pageSize=100', undefined, b.token);
    const key = (l: TLot) => [l.lotNumber, l.materialCode, l.quantity, l.supplier, l.originAt].join('|');
    expect(theirs.items.map(key).sort()).toEqual(mine.items.map(key).sort());
    // the same file again: every lot is already received, nothing is written
    const again = await upload(exp.rawPayload, false);
    expect(again.statusCode).toBe(400);
    expect(paths(again.body)).toContain('rows.2.lotNumber');
    const template = await call('GET', '/inventory/lots/import-template');
    expect(template.statusCode).toBe(200);
  });

  it('names bad rows and columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('批次');
    ws.addRow([
      '批次号 / Lot number',
      '物料编码 / Material code',
      '数量 / Quantity',
      '序列号 / Serial numbers',
    ]);
    ws.addRow(['N-1', 'NO-SUCH', '1']);
    ws.addRow(['N-2', 'GN-SCR', '-1']);
    ws.addRow(['N-3', 'GN-SCR', '2', 'S1']);
    ws.addRow(['N-4', 'GN-SCR', '2', 'S1; S2']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), false);
    expect(res.statusCode).toBe(400);
    expect(paths(res.body)).toEqual(['rows.2.materialCode', 'rows.3.quantity', 'rows.4.serials']);
    expect((await ok<TPage<TLot>>('GET', '/inventory/lots?lotNumber=N-4', undefined, b.token)).total).toBe(0);
  });
});

describe('permissions and tenant isolation', () => {
  it('another enterprise gets 404 for every lot, order and trace of this one', async () => {
    const [one] = (await ok<TPage<TLot>>('GET', '/inventory/lots?lotNumber=GN-RM-1')).items;
    const order = (await ok<TPage<TWorkOrder>>('GET', '/production/work-orders?pageSize=1')).items[0]!;
    const asB = (method: string, url: string, body?: unknown) => call(method, url, body, b.token);
    expect((await asB('GET', `/inventory/lots/${one!.id}`)).statusCode).toBe(404);
    expect((await asB('PATCH', `/inventory/lots/${one!.id}`, { note: 'x' })).statusCode).toBe(404);
    expect(
      (await asB('POST', `/inventory/lots/${one!.id}/adjust`, { quantity: '1', reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await asB('DELETE', `/inventory/lots/${one!.id}`)).statusCode).toBe(404);
    expect((await asB('GET', `/production/genealogy/trace?lotId=${one!.id}`)).statusCode).toBe(404);
    expect((await asB('GET', `/production/genealogy/trace?lotNumber=GN-SCR-A`)).statusCode).toBe(404);
    expect((await asB('GET', `/production/work-orders/${order.id}/materials`)).statusCode).toBe(404);
    expect(
      (
        await asB('POST', `/production/work-orders/${order.id}/material-issues`, {
          lotNumber: 'GN-RM-1',
          quantity: '1',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await asB('POST', `/production/work-orders/${order.id}/material-returns`, {
          lotNumber: 'GN-RM-1',
          quantity: '1',
        })
      ).statusCode,
    ).toBe(404);
    expect((await asB('GET', '/inventory/lots?lotNumber=GN-SCR-A')).json<TPage<TLot>>().total).toBe(0);
  });

  it('a viewer reads lots and traces but neither receives nor issues', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    await ok('POST', '/users', {
      username: 'vera',
      password: 'Strong-pw-77',
      displayName: 'Vera Viewer',
      roleIds: [roles.find((r) => r.code === 'viewer')!.id],
    });
    const viewer = await t.login('gn-a', 'vera', 'Strong-pw-77');
    expect((await call('GET', '/inventory/lots', undefined, viewer)).statusCode).toBe(200);
    expect(
      (await call('POST', '/inventory/lots', { lotNumber: 'V1', materialId: m.rm, quantity: '1' }, viewer))
        .statusCode,
    ).toBe(403);
    const order = (await ok<TPage<TWorkOrder>>('GET', '/production/work-orders?pageSize=1')).items[0]!;
    expect((await issue(order, { lotNumber: 'GN-RM-1', quantity: '1' }, viewer)).statusCode).toBe(403);
  });
});

// after the Excel round trip, which exports every received lot in stock
describe('output lots', () => {
  it("adds each later output to the order's lot; refuses one whose lot number another lot has", async () => {
    const order = await releasedOrder(m.sf, '5');
    await reportOk(order, 10, { kind: 'start' });
    for (const goodQty of ['1', '2.5', '0.5']) await reportOk(order, 10, { kind: 'quantity', goodQty });
    const [output] = (await materials(order)).outputLots;
    expect([output!.lotNumber, output!.quantity]).toEqual([order.number, '4']);
    expect((await lot(output!.id)).moves.map((mv) => [mv.kind, mv.quantity])).toEqual([
      ['output', '1'],
      ['output', '2.5'],
      ['output', '0.5'],
    ]);
    // a received lot already carries the next order's number: its output cannot go there
    const next = await releasedOrder(m.sf, '5');
    const taken = await receive(next.number, m.sf, '1');
    await reportOk(next, 10, { kind: 'start' });
    for (let i = 0; i < 2; i++) {
      const res = await report(next, 10, { kind: 'quantity', goodQty: '1' });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain("is not this order's");
    }
    expect((await lot(taken.id)).quantity).toBe('1');
    const after = await ok<TWorkOrder>('GET', `/production/work-orders/${next.id}`);
    expect(after.operations[0]!.goodQuantity).toBe('0');
  });
});

// Wage sheets on a real database, with amounts worked out by hand: piece pay at a product- and
// grade-specific rate, scrap deducted or paid at a % by the rate's policy, rework, hours from
// start/pause/resume/finish × the grade's hourly rate, piece and hourly rates that change mid-period applied
// on each side, a span across the period's first midnight cut there, a quantity no rate prices listed as a
// warning; approval locking the sheet (regeneration 409) until reverted; the Excel export; bad input and
// tenant isolation attacked from tenant B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  TGenerateWageSheetsResult,
  TWageSheetDetail,
  TWageSheetPage,
  TWorkOrder,
} from '@greenmes/contracts';
import { api, makePlant, makeRoutedProduct, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string; tenantId: string };
let b: { token: string; tenantId: string };
let productId: string;
let plant: Awaited<ReturnType<typeof makePlant>>;
let w: { id: string };
let x: { id: string };
const rateIds: Record<string, string> = {};
const PERIOD = { periodStart: '2026-03-01', periodEnd: '2026-03-31' };

const { call, ok } = api(
  () => t,
  () => a.token,
);
const paths = (body: string) =>
  (JSON.parse(body) as { error: { details?: Array<{ path: string }> } }).error.details?.map((d) => d.path) ??
  [];

/** A released order of 100 of the product (operations TURN 10, ASSY 20, PAINT 30). */
async function releasedOrder() {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '100' });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
/** Reports in order; `at` is local Shanghai time. */
async function reports(
  order: TWorkOrder,
  code: string,
  list: Array<[string, string, { id: string }, Record<string, string>?]>,
) {
  const op = order.operations.find((o) => o.code === code)!;
  for (const [kind, at, worker, extra] of list)
    await ok('POST', `/production/work-orders/${order.id}/operations/${op.id}/job-reports`, {
      kind,
      workerId: worker.id,
      occurredAt: `${at}:00+08:00`,
      ...(kind === 'pause' ? { reason: '待料' } : {}),
      ...extra,
    });
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('wage-a');
  b = await t.makeTenant('wage-b');
  plant = await makePlant(t, a.token, 'WG');
  const routed = await makeRoutedProduct(t, a.token, {
    prefix: 'WG',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'ASSY', name: 'Assemble' },
      { seqNo: 30, code: 'PAINT', name: 'Paint' },
    ],
  });
  productId = routed.productId;
  const wc = { id: routed.workCenterId };
  const g1 = await ok('POST', '/labour/grades', { code: 'G1', name: '初级' });
  const g2 = await ok('POST', '/labour/grades', { code: 'G2', name: '中级' });
  w = await ok('POST', '/labour/workers', {
    employeeNo: 'W001',
    name: '王五',
    gradeId: g2.id,
    teamId: wc.id,
  });
  x = await ok('POST', '/labour/workers', {
    employeeNo: 'W002',
    name: '徐六',
    gradeId: g1.id,
    teamId: wc.id,
  });
  // still marked active but gone before March: no sheet for a period they were not employed in
  await ok('POST', '/labour/workers', {
    employeeNo: 'W003',
    name: '离职',
    teamId: wc.id,
    hireDate: '2025-01-01',
    leaveDate: '2026-02-15',
  });
  const piece = async (name: string, body: Record<string, unknown>) =>
    (rateIds[name] = (await ok('POST', '/labour/piece-rates', { effectiveFrom: '2025-01-01', ...body })).id);
  await piece('turnAny', { operationCode: 'TURN', rate: '2' });
  const turnG2 = {
    operationCode: 'TURN',
    productId,
    gradeId: g2.id,
    scrapPolicy: 'deduct',
    scrapDeduction: '1.2',
  };
  await piece('turnG2', { ...turnG2, rate: '3.5', reworkRate: '0.8', effectiveTo: '2026-03-15' });
  await piece('turnG2New', { ...turnG2, rate: '4', reworkRate: '0.8', effectiveFrom: '2026-03-16' });
  await piece('assy', {
    operationCode: 'ASSY',
    rate: '5',
    scrapPolicy: 'pay_percent',
    scrapPayPercent: '50',
    reworkRate: '1',
  });
  const time = async (name: string, body: Record<string, unknown>) =>
    (rateIds[name] = (await ok('POST', '/labour/time-rates', { gradeId: g2.id, ...body })).id);
  await time('g2', { rate: '25', effectiveFrom: '2025-01-01', effectiveTo: '2026-03-15' });
  await time('g2New', { rate: '27.5', effectiveFrom: '2026-03-16' });

  // scrap reasons come from the enterprise's catalogue
  for (const code of ['S01', 'S02'])
    await ok('POST', '/production/reason-codes', { kind: 'scrap', code, name: code });

  // across the period's first midnight: 2 h in February, 2 h on 1 March; 5 good on 1 March
  const o2 = await releasedOrder();
  await reports(o2, 'TURN', [
    ['start', '2026-02-28T22:00', w],
    ['finish', '2026-03-01T02:00', w, { goodQty: '5' }],
  ]);
  const o1 = await releasedOrder();
  await reports(o1, 'TURN', [
    ['start', '2026-03-14T08:00', w],
    ['pause', '2026-03-14T10:00', w],
    ['resume', '2026-03-14T10:30', w],
    [
      'quantity',
      '2026-03-14T11:00',
      w,
      { goodQty: '10', scrapQty: '2', scrapReasonCode: 'S01', reworkQty: '1' },
    ],
    ['pause', '2026-03-14T12:00', w],
    ['resume', '2026-03-16T08:00', w],
    ['finish', '2026-03-16T11:00', w, { goodQty: '20' }],
  ]);
  await reports(o1, 'ASSY', [
    ['start', '2026-03-17T13:00', w],
    ['start', '2026-03-17T14:00', x],
    [
      'quantity',
      '2026-03-17T15:00',
      w,
      { goodQty: '4', scrapQty: '1', scrapReasonCode: 'S02', reworkQty: '2' },
    ],
    ['finish', '2026-03-17T15:30', x, { goodQty: '8' }],
  ]);
  await reports(o1, 'PAINT', [
    ['start', '2026-03-18T08:00', w],
    ['quantity', '2026-03-18T09:00', w, { goodQty: '3' }],
    ['finish', '2026-03-18T10:00', w],
  ]);
});
afterAll(() => t?.close());

const sheetOf = async (workerId: string) => {
  const page = await ok<TWageSheetPage>('GET', `/labour/wage-sheets?workerId=${workerId}&from=2026-03-01`);
  return ok<TWageSheetDetail>('GET', `/labour/wage-sheets/${page.items[0]!.id}`);
};

describe('generating a period', () => {
  it("prices every report and hour of the worker's month, by hand", async () => {
    const result = await ok<TGenerateWageSheetsResult>('POST', '/labour/wage-sheets/generate', PERIOD);
    expect(result.sheets.map((s) => s.employeeNo)).toEqual(['W001', 'W002']);
    expect(result.skipped).toEqual([]);
    const sheet = await sheetOf(w.id);
    const rows = sheet.lines.map((l) => [
      l.workDate,
      l.kind,
      l.operationCode,
      l.kind === 'piece' ? l.goodQty : l.hours,
      l.rate,
      l.pieceAmount,
      l.scrapAmount,
      l.reworkAmount,
      l.timeAmount,
      l.amount,
      l.warning,
    ]);
    expect(rows).toEqual([
      // 5 × 3.5 (product + grade rate until 15 March); 2 h of 1 March × 25 (February's 2 h are not this period's)
      ['2026-03-01', 'piece', 'TURN', '5', '3.5', '17.50', '0.00', '0.00', '0.00', '17.50', null],
      ['2026-03-01', 'time', 'TURN', '2', '25', '0.00', '0.00', '0.00', '50.00', '50.00', null],
      // 10 × 3.5, 2 scrap × −1.2, 1 rework × 0.8; 08:00–10:00 + 10:30–12:00 = 3.5 h × 25
      ['2026-03-14', 'piece', 'TURN', '10', '3.5', '35.00', '-2.40', '0.80', '0.00', '33.40', null],
      ['2026-03-14', 'time', 'TURN', '3.5', '25', '0.00', '0.00', '0.00', '87.50', '87.50', null],
      // from 16 March: 20 × 4 and 3 h × 27.5
      ['2026-03-16', 'piece', 'TURN', '20', '4', '80.00', '0.00', '0.00', '0.00', '80.00', null],
      ['2026-03-16', 'time', 'TURN', '3', '27.5', '0.00', '0.00', '0.00', '82.50', '82.50', null],
      // any-grade ASSY rate: 4 × 5, 1 scrap paid at 50 % of 5, 2 rework × 1; 13:00–15:30 = 2.5 h × 27.5
      ['2026-03-17', 'piece', 'ASSY', '4', '5', '20.00', '2.50', '2.00', '0.00', '24.50', null],
      ['2026-03-17', 'time', 'ASSY', '2.5', '27.5', '0.00', '0.00', '0.00', '68.75', '68.75', null],
      // no PAINT rate: listed, not dropped; the hours still count
      ['2026-03-18', 'piece', 'PAINT', '3', null, '0.00', '0.00', '0.00', '0.00', '0.00', 'no_piece_rate'],
      ['2026-03-18', 'time', 'PAINT', '2', '27.5', '0.00', '0.00', '0.00', '55.00', '55.00', null],
    ]);
    expect(sheet.lines.map((l) => l.lineNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sheet.lines[2]).toMatchObject({
      rateId: rateIds.turnG2,
      rateMatch: 'product_operation_grade',
      rateBasis: 'TURN · WG-FG · G2, 2025-01-01 – 2026-03-15',
      scrapPolicy: 'deduct',
      scrapDeduction: '1.2',
      workOrderNumber: expect.stringMatching(/^WO-/),
    });
    expect(sheet.lines[4]).toMatchObject({ rateId: rateIds.turnG2New, rateMatch: 'product_operation_grade' });
    expect(sheet.lines[6]).toMatchObject({
      rateId: rateIds.assy,
      rateMatch: 'operation',
      scrapPayPercent: '50',
    });
    expect(sheet.lines[3]).toMatchObject({ rateId: rateIds.g2, rateBasis: 'G2, 2025-01-01 – 2026-03-15' });
    expect(sheet.lines[5]).toMatchObject({ rateId: rateIds.g2New });
    expect(sheet).toMatchObject({
      status: 'draft',
      gradeName: '中级',
      teamCode: 'WG-WC',
      timezone: 'Asia/Shanghai',
      goodQty: '42',
      scrapQty: '3',
      reworkQty: '3',
      hours: '13',
      pieceAmount: '152.50',
      scrapAmount: '0.10',
      reworkAmount: '2.80',
      timeAmount: '343.75',
      // 152.50 + 0.10 + 2.80 + 343.75
      totalAmount: '499.15',
      warningCount: 1,
    });
  });

  it('pays the joining worker from their own start; a grade without an hourly rate is a warning line', async () => {
    const sheet = await sheetOf(x.id);
    expect(sheet.lines.map((l) => [l.kind, l.goodQty, l.hours, l.amount, l.rateMatch, l.warning])).toEqual([
      ['piece', '8', '0', '40.00', 'operation', null],
      ['time', '0', '1.5', '0.00', null, 'no_time_rate'],
    ]);
    expect(sheet).toMatchObject({ totalAmount: '40.00', hours: '1.5', warningCount: 1 });
  });

  it('generates again in place while draft, and lists with totals, filters and paging', async () => {
    const first = await sheetOf(w.id);
    const again = await ok<TGenerateWageSheetsResult>('POST', '/labour/wage-sheets/generate', {
      ...PERIOD,
      workerIds: [w.id],
    });
    expect(again.sheets.map((s) => [s.id, s.totalAmount])).toEqual([[first.id, '499.15']]);
    const page = await ok<TWageSheetPage>(
      'GET',
      '/labour/wage-sheets?from=2026-03-01&to=2026-03-31&pageSize=1',
    );
    expect(page).toMatchObject({
      total: 2,
      totals: { totalAmount: '539.15', hours: '14.5', timeAmount: '343.75' },
    });
    expect(page.items).toHaveLength(1);
    expect(
      (await ok<TWageSheetPage>('GET', '/labour/wage-sheets?q=徐')).items.map((s) => s.employeeNo),
    ).toEqual(['W002']);
    expect((await ok<TWageSheetPage>('GET', '/labour/wage-sheets?status=approved')).total).toBe(0);
    expect((await ok<TWageSheetPage>('GET', '/labour/wage-sheets?to=2026-02-28')).total).toBe(0);
    const audit = await ok<{ items: Array<{ action: string; entityId: string }> }>(
      'GET',
      '/audit?entityType=labour_wage_sheet',
    );
    expect(audit.items.filter((e) => e.entityId === first.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['generate', 'regenerate']),
    );
  });

  it('refuses a bad period and unknown workers, naming the field', async () => {
    const backwards = await call('POST', '/labour/wage-sheets/generate', {
      periodStart: '2026-03-31',
      periodEnd: '2026-03-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(paths(backwards.body)).toContain('body.periodEnd');
    const unknown = await call('POST', '/labour/wage-sheets/generate', {
      ...PERIOD,
      workerIds: [w.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(paths(unknown.body)).toEqual(['body.workerIds.1']);
    expect((await call('POST', '/labour/wage-sheets/generate', { ...PERIOD, extra: 1 })).statusCode).toBe(
      400,
    );
    const overlap = await call('POST', '/labour/wage-sheets/generate', {
      periodStart: '2026-03-15',
      periodEnd: '2026-04-14',
      workerIds: [w.id],
    });
    expect(overlap.statusCode).toBe(409);
    expect((await call('GET', '/labour/wage-sheets/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });
});

describe('approval', () => {
  it('locks an approved sheet: regenerating it is a 409 until it is reverted with a reason', async () => {
    const sheet = await sheetOf(w.id);
    const approved = await ok<TWageSheetDetail>('POST', `/labour/wage-sheets/${sheet.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', approvedByName: expect.any(String) });
    expect(approved.approvedAt).not.toBeNull();
    expect((await call('POST', `/labour/wage-sheets/${sheet.id}/approve`)).statusCode).toBe(409);
    const named = await call('POST', '/labour/wage-sheets/generate', { ...PERIOD, workerIds: [w.id] });
    expect(named.statusCode).toBe(409);
    expect(named.body).toContain('approved');
    expect((await call('DELETE', `/labour/wage-sheets/${sheet.id}`)).statusCode).toBe(409);
    // the whole period: the approved sheet is left as it is, the others are generated again
    const all = await ok<TGenerateWageSheetsResult>('POST', '/labour/wage-sheets/generate', PERIOD);
    expect(all.sheets.map((s) => s.employeeNo)).toEqual(['W002']);
    expect(all.skipped).toMatchObject([{ workerId: w.id, sheetId: sheet.id }]);
    const noReason = await call('POST', `/labour/wage-sheets/${sheet.id}/revert`, {});
    expect(paths(noReason.body)).toEqual(['body.reason']);
    const reverted = await ok<TWageSheetDetail>('POST', `/labour/wage-sheets/${sheet.id}/revert`, {
      reason: '漏报工时',
    });
    expect(reverted).toMatchObject({ status: 'draft', approvedAt: null, approvedBy: null });
    expect((await call('POST', `/labour/wage-sheets/${sheet.id}/revert`, { reason: 'x' })).statusCode).toBe(
      409,
    );
    await ok('POST', '/labour/wage-sheets/generate', { ...PERIOD, workerIds: [w.id] });
    await ok('POST', `/labour/wage-sheets/${sheet.id}/approve`);
    const audit = await ok<{ items: Array<{ action: string; entityId: string }> }>(
      'GET',
      '/audit?entityType=labour_wage_sheet',
    );
    expect(audit.items.filter((e) => e.entityId === sheet.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['approve', 'revert']),
    );
  });
});

describe('permissions', () => {
  it('viewers read sheets; HR generates and approves; operators and other areas see none', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const user = async (username: string, role: string, dataScope?: { nodeIds: string[] }) => {
      await ok('POST', '/users', {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
        ...(dataScope ? { dataScope } : {}),
      });
      return t.login('wage-a', username, 'Strong-pw-77');
    };
    const viewer = await user('wage-viewer', 'viewer');
    const operator = await user('wage-operator', 'operator');
    const hr = await user('wage-hr', 'hr_specialist');
    const sheet = await sheetOf(x.id);
    expect((await call('GET', `/labour/wage-sheets/${sheet.id}`, undefined, viewer)).statusCode).toBe(200);
    expect((await call('POST', '/labour/wage-sheets/generate', PERIOD, viewer)).statusCode).toBe(403);
    expect(
      (await call('POST', `/labour/wage-sheets/${sheet.id}/approve`, undefined, viewer)).statusCode,
    ).toBe(403);
    expect((await call('GET', '/labour/wage-sheets', undefined, operator)).statusCode).toBe(403);
    const byHr = await call('POST', '/labour/wage-sheets/generate', { ...PERIOD, workerIds: [x.id] }, hr);
    expect(byHr.statusCode).toBe(200);
    expect((await call('POST', `/labour/wage-sheets/${sheet.id}/approve`, undefined, hr)).statusCode).toBe(
      200,
    );
    expect(
      (await call('POST', `/labour/wage-sheets/${sheet.id}/revert`, { reason: '复核' }, hr)).statusCode,
    ).toBe(200);
    // a manager limited to another area sees none of these teams' sheets
    const elsewhere = await ok('POST', '/plant/nodes', {
      kind: 'area',
      parentId: plant.site.id,
      code: 'WG-B',
      name: 'Other area',
    });
    const limited = await user('wage-limited', 'plant_manager', { nodeIds: [elsewhere.id] });
    expect((await ok<TWageSheetPage>('GET', '/labour/wage-sheets', undefined, limited)).total).toBe(0);
    expect((await call('GET', `/labour/wage-sheets/${sheet.id}`, undefined, limited)).statusCode).toBe(404);
    expect(
      (await call('POST', '/labour/wage-sheets/generate', { ...PERIOD, workerIds: [x.id] }, limited))
        .statusCode,
    ).toBe(400);
  });
});

describe('export and isolation', () => {
  it("exports the period's sheets and their lines to Excel", async () => {
    const res = await call('GET', '/labour/wage-sheets/export?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('工资单')!;
    expect(summary.rowCount).toBe(3);
    const header = (summary.getRow(1).values as string[]).indexOf('合计 / Total');
    const totals = [2, 3].map((i) => [
      summary.getRow(i).getCell(1).value,
      summary.getRow(i).getCell(header).value,
    ]);
    expect(totals).toEqual([
      ['W001', 499.15],
      ['W002', 40],
    ]);
    expect(wb.getWorksheet('明细')!.rowCount).toBe(1 + 10 + 2);
  });

  it("tenant B sees none of A's sheets: every id is a 404", async () => {
    const sheet = await sheetOf(x.id);
    expect((await call('GET', `/labour/wage-sheets/${sheet.id}`, undefined, b.token)).statusCode).toBe(404);
    expect(
      (await call('POST', `/labour/wage-sheets/${sheet.id}/approve`, undefined, b.token)).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/labour/wage-sheets/${sheet.id}/revert`, { reason: 'x' }, b.token)).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/labour/wage-sheets/${sheet.id}`, undefined, b.token)).statusCode).toBe(
      404,
    );
    const named = await call(
      'POST',
      '/labour/wage-sheets/generate',
      { ...PERIOD, workerIds: [x.id] },
      b.token,
    );
    expect(named.statusCode).toBe(400);
    expect((await ok<TWageSheetPage>('GET', '/labour/wage-sheets', undefined, b.token)).total).toBe(0);
    // B's own generation finds none of A's workers or reports
    const own = await ok<TGenerateWageSheetsResult>('POST', '/labour/wage-sheets/generate', PERIOD, b.token);
    expect(own.sheets).toEqual([]);
  });
});

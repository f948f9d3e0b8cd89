// Shop-floor job reports on a real database: no reports on an order that is not on the floor; the
// first start moves a released order to in_progress; a pause needs its reason; good + scrap over
// the planned quantity refused with the field named (and the tenant's tolerance); exact decimal
// totals; a terminal's retry by clientId counted once; permissions; another tenant sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TJobReportResult, TPage, TJobReport, TWorkOrder } from '@greenmes/contracts';
import {
  api,
  details,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let productId: string;
let workerId: string;
let otherWorkerId: string;

const { call, ok } = api(
  () => t,
  () => a.token,
);
const errorParams = (body: string) =>
  (JSON.parse(body) as { error: { params?: Record<string, unknown> } }).error.params ?? {};

/** A released order of `quantity` with two operations (planned `quantity` each). */
async function releasedOrder(quantity = '10', release = true) {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity });
  if (release) await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
const report = (order: TWorkOrder, seq: number, body: object, token = a.token) =>
  call(
    'POST',
    `/production/work-orders/${order.id}/operations/${order.operations.find((o) => o.seqNo === seq)!.id}/job-reports`,
    { workerId, ...body },
    token,
  );
async function reportOk(order: TWorkOrder, seq: number, body: object, token = a.token) {
  const res = await report(order, seq, body, token);
  if (res.statusCode >= 300) throw new Error(`report ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
  return res.json<TJobReportResult>();
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('jr-a');
  const plant = await makePlant(t, a.token, 'JR');
  ({ productId } = await makeRoutedProduct(t, a.token, {
    prefix: 'JR',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'ASSY', name: 'Assemble' },
    ],
  }));
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'JR001', name: '张三' })).id;
  otherWorkerId = (
    await ok('POST', '/labour/workers', { employeeNo: 'JR002', name: '李四', isActive: false })
  ).id;
  // scrap reasons must come from the enterprise's catalogue
  for (const [code, name] of [
    ['S01', '尺寸超差'],
    ['S02', '砂眼'],
  ])
    await ok('POST', '/production/reason-codes', { kind: 'scrap', code, name });
});
afterAll(() => t?.close());

describe('job reports on the order lifecycle', () => {
  it('refuses reports on a draft, held or cancelled order, naming its status', async () => {
    const draft = await releasedOrder('5', false);
    const res = await report(draft, 10, { kind: 'start' });
    expect(res.statusCode).toBe(409);
    expect(errorParams(res.body)).toMatchObject({ status: 'draft' });
    const held = await releasedOrder('5');
    await ok('POST', `/production/work-orders/${held.id}/hold`, { reason: 'castings late' });
    const onHold = await report(held, 10, { kind: 'start' });
    expect(onHold.statusCode).toBe(409);
    expect(errorParams(onHold.body)).toMatchObject({ status: 'on_hold' });
    const cancelled = await releasedOrder('5');
    await ok('POST', `/production/work-orders/${cancelled.id}/cancel`, {});
    expect(errorParams((await report(cancelled, 10, { kind: 'start' })).body)).toMatchObject({
      status: 'cancelled',
    });
    expect((await ok<TPage<TJobReport>>('GET', `/production/work-orders/${held.id}/job-reports`)).total).toBe(
      0,
    );
  });

  it('the first start moves a released order to in_progress and the operation with it', async () => {
    const order = await releasedOrder('10');
    const started = await report(order, 10, { kind: 'start' });
    expect(started.statusCode).toBe(201);
    const result = started.json<TJobReportResult>();
    expect(result).toMatchObject({
      workOrderStatus: 'in_progress',
      isNew: true,
      allOperationsDone: false,
      operation: { seqNo: 10, status: 'in_progress', goodQuantity: '0' },
      report: { kind: 'start', workerId, workerEmployeeNo: 'JR001', workOrderNumber: order.number },
    });
    const after = await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);
    expect(after.status).toBe('in_progress');
    expect(after.operations.map((o) => o.status)).toEqual(['in_progress', 'pending']);
    const history = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${order.id}/history`,
    );
    expect(history.items.map((h) => h.action)).toContain('start');
    // a second worker joins; the order stays in progress
    expect((await reportOk(order, 10, { kind: 'start' })).workOrderStatus).toBe('in_progress');
  });

  it('a pause needs its reason; resume only from paused; nothing after finish', async () => {
    const order = await releasedOrder('4');
    expect((await report(order, 10, { kind: 'pause', reason: 'x' })).statusCode).toBe(409); // pending
    await reportOk(order, 10, { kind: 'start' });
    const noReason = await report(order, 10, { kind: 'pause' });
    expect(noReason.statusCode).toBe(400);
    expect(details(noReason.body).map((d) => d.path)).toContain('body.reason');
    expect((await report(order, 10, { kind: 'pause', reason: '  ' })).statusCode).toBe(400);
    expect((await report(order, 10, { kind: 'resume' })).statusCode).toBe(409);
    const paused = await reportOk(order, 10, { kind: 'pause', reason: '待料' });
    expect(paused.operation.status).toBe('paused');
    expect(paused.report.reason).toBe('待料');
    expect((await reportOk(order, 10, { kind: 'resume' })).operation.status).toBe('in_progress');
    const done = await reportOk(order, 10, { kind: 'finish', goodQty: '4' });
    expect(done.operation).toMatchObject({ status: 'done', goodQuantity: '4' });
    expect(done.allOperationsDone).toBe(false);
    const late = await report(order, 10, { kind: 'quantity', goodQty: '1' });
    expect(late.statusCode).toBe(409);
    expect(errorParams(late.body)).toMatchObject({ status: 'done' });
    await reportOk(order, 20, { kind: 'start' });
    const last = await reportOk(order, 20, {
      kind: 'finish',
      goodQty: '3.5',
      scrapQty: '0.5',
      scrapReasonCode: 'S01',
    });
    // not completed automatically: the lifecycle's complete does that
    expect(last).toMatchObject({ allOperationsDone: true, workOrderStatus: 'in_progress' });
    expect((await ok<TWorkOrder>('POST', `/production/work-orders/${order.id}/complete`, {})).status).toBe(
      'completed',
    );
    const closed = await report(order, 20, { kind: 'quantity', goodQty: '0.1' });
    expect(errorParams(closed.body)).toMatchObject({ status: 'completed' });
  });
});

describe('quantities', () => {
  it('adds decimals exactly and refuses good + scrap over the planned quantity, naming the field', async () => {
    const order = await releasedOrder('1');
    await reportOk(order, 10, { kind: 'start' });
    for (let i = 0; i < 3; i++) await reportOk(order, 10, { kind: 'quantity', goodQty: '0.1' });
    const res = await reportOk(order, 10, { kind: 'quantity', goodQty: '0.2', reworkQty: '0.000001' });
    expect(res.operation).toMatchObject({ goodQuantity: '0.5', reworkQuantity: '0.000001' });
    const noReason = await report(order, 10, { kind: 'quantity', scrapQty: '0.1' });
    expect(details(noReason.body)).toEqual([
      { path: 'body.scrapReasonCode', message: 'scrap needs a reason code' },
    ]);
    const unknownCode = await report(order, 10, {
      kind: 'quantity',
      scrapQty: '0.1',
      scrapReasonCode: 'S99',
    });
    expect(unknownCode.statusCode).toBe(400);
    expect(details(unknownCode.body)).toEqual([
      { path: 'body.scrapReasonCode', message: 'unknown scrap reason code S99' },
    ]);
    // a pause code is not a scrap reason
    await ok('POST', '/production/reason-codes', { kind: 'pause', code: 'P01', name: '待料' });
    expect(
      (await report(order, 10, { kind: 'quantity', scrapQty: '0.1', scrapReasonCode: 'P01' })).statusCode,
    ).toBe(400);
    await reportOk(order, 10, { kind: 'quantity', scrapQty: '0.1', scrapReasonCode: 'S01' });
    const over = await report(order, 10, { kind: 'quantity', goodQty: '0.400001' });
    expect(over.statusCode).toBe(400);
    expect(details(over.body)[0]!.path).toBe('body.goodQty');
    const overScrap = await report(order, 10, { kind: 'quantity', scrapQty: '0.5', scrapReasonCode: 'S02' });
    expect(details(overScrap.body)[0]!.path).toBe('body.scrapQty');
    // exactly up to the planned quantity is fine
    const full = await reportOk(order, 10, { kind: 'quantity', goodQty: '0.4' });
    expect(full.operation).toMatchObject({ goodQuantity: '0.9', scrapQuantity: '0.1', plannedQuantity: '1' });
    expect((await report(order, 10, { kind: 'quantity' })).statusCode).toBe(400);
    const op = (await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`)).operations[0]!;
    expect([op.goodQuantity, op.scrapQuantity, op.reworkQuantity]).toEqual(['0.9', '0.1', '0.000001']);
  });

  it("the tenant's tolerance lets good + scrap exceed the planned quantity by that many percent", async () => {
    await ok('PATCH', '/settings', { overReportTolerancePercent: 5 });
    try {
      const order = await releasedOrder('20');
      await reportOk(order, 10, { kind: 'start' });
      expect((await reportOk(order, 10, { kind: 'quantity', goodQty: '21' })).operation.goodQuantity).toBe(
        '21',
      );
      expect((await report(order, 10, { kind: 'quantity', goodQty: '0.000001' })).statusCode).toBe(400);
    } finally {
      await ok('PATCH', '/settings', { overReportTolerancePercent: 0 });
    }
  });

  it('a retry with the same clientId returns the first result and counts nothing', async () => {
    const order = await releasedOrder('10');
    await reportOk(order, 10, { kind: 'start', clientId: 'term-1:start' });
    const body = {
      kind: 'quantity',
      goodQty: '2.5',
      clientId: 'term-1:q1',
      occurredAt: '2026-11-20T08:00:00+08:00',
    };
    const first = await report(order, 10, body);
    expect(first.statusCode).toBe(201);
    const again = await report(order, 10, body);
    expect(again.statusCode).toBe(200);
    const replay = again.json<TJobReportResult>();
    expect(replay.isNew).toBe(false);
    expect(replay.report).toEqual(first.json<TJobReportResult>().report);
    // the first answer, built from what the insert and update returned, is what a re-read gives
    expect({ ...replay, isNew: true }).toEqual(first.json<TJobReportResult>());
    expect(replay.report.occurredAt).toBe('2026-11-20T00:00:00.000Z');
    expect(replay.operation.goodQuantity).toBe('2.5');
    const list = await ok<TPage<TJobReport>>(
      'GET',
      `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`,
    );
    expect(list.items.map((r) => r.kind)).toEqual(['quantity', 'start']);
  });

  it('the worker must be an active worker of the enterprise', async () => {
    const order = await releasedOrder('3');
    const inactive = await report(order, 10, { kind: 'start', workerId: otherWorkerId });
    expect(details(inactive.body)).toEqual([{ path: 'body.workerId', message: 'the worker is not active' }]);
    const unknown = await report(order, 10, { kind: 'start', workerId: order.id });
    expect(details(unknown.body)).toEqual([{ path: 'body.workerId', message: 'unknown worker' }]);
  });
});

describe('lists', () => {
  it('per order, per operation and per worker and time range, paged', async () => {
    const order = await releasedOrder('6');
    await reportOk(order, 10, { kind: 'start' });
    await reportOk(order, 10, { kind: 'quantity', goodQty: '1' });
    await reportOk(order, 10, { kind: 'finish', goodQty: '5' });
    await reportOk(order, 20, { kind: 'start' });
    const all = await ok<TPage<TJobReport>>('GET', `/production/work-orders/${order.id}/job-reports`);
    expect(all.total).toBe(4);
    const page2 = await ok<TPage<TJobReport>>(
      'GET',
      `/production/work-orders/${order.id}/job-reports?page=2&pageSize=3`,
    );
    expect(page2.items.map((r) => r.kind)).toEqual(['start']);
    const op20 = await ok<TPage<TJobReport>>(
      'GET',
      `/production/work-orders/${order.id}/operations/${order.operations[1]!.id}/job-reports`,
    );
    expect(op20.total).toBe(1);
    const from = new Date(Date.now() - 60_000).toISOString();
    const mine = await ok<TPage<TJobReport>>(
      'GET',
      `/production/job-reports?workerId=${workerId}&from=${encodeURIComponent(from)}&kind=finish&pageSize=200`,
    );
    expect(mine.items.some((r) => r.workOrderId === order.id && r.goodQty === '5')).toBe(true);
    const future = await ok<TPage<TJobReport>>(
      'GET',
      `/production/job-reports?workerId=${workerId}&from=${encodeURIComponent('2099-01-01T00:00:00Z')}`,
    );
    expect(future.total).toBe(0);
    const audit = await ok<{ items: Array<{ entityId: string }> }>(
      'GET',
      '/audit?entityType=job_report&pageSize=200',
    );
    expect(audit.items.some((e) => e.entityId === all.items[0]!.id)).toBe(true);
  });
});

describe('tenants and permissions', () => {
  it('operators and plant managers report; planners and viewers only read', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const tokens: Record<string, string> = {};
    for (const role of ['operator', 'plant_manager', 'production_planner', 'viewer']) {
      await ok('POST', '/users', {
        username: `jr-${role}`,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      tokens[role] = await t.login('jr-a', `jr-${role}`, 'Strong-pw-77');
    }
    const order = await releasedOrder('2');
    expect((await report(order, 10, { kind: 'start' }, tokens.operator)).statusCode).toBe(201);
    expect((await report(order, 10, { kind: 'start' }, tokens.plant_manager)).statusCode).toBe(201);
    for (const role of ['production_planner', 'viewer']) {
      const res = await report(order, 10, { kind: 'start' }, tokens[role]);
      expect(res.statusCode, role).toBe(403);
      expect(
        (await call('GET', `/production/work-orders/${order.id}/job-reports`, undefined, tokens[role]))
          .statusCode,
      ).toBe(200);
    }
  });

  it("404 names the order when it is unknown and the operation when it is another order's", async () => {
    const order = await releasedOrder('2');
    const other = await releasedOrder('2');
    const entityOf = (body: string) =>
      (JSON.parse(body) as { error: { params?: { entity?: string } } }).error.params;
    const unknownOrder = await call(
      'POST',
      `/production/work-orders/${other.operations[0]!.id}/operations/${other.operations[0]!.id}/job-reports`,
      { kind: 'start', workerId },
    );
    expect(unknownOrder.statusCode).toBe(404);
    const foreignOp = await call(
      'POST',
      `/production/work-orders/${order.id}/operations/${other.operations[0]!.id}/job-reports`,
      { kind: 'start', workerId },
    );
    expect(foreignOp.statusCode).toBe(404);
    expect(entityOf(foreignOp.body)).toEqual({ entity: 'operation' });
    expect(entityOf(unknownOrder.body)).not.toEqual({ entity: 'operation' });
    // a retry whose key was seen answers the first result even when sent to the wrong operation
    const first = await reportOk(order, 10, { kind: 'start', clientId: 'jr-404:start' });
    const replay = await call(
      'POST',
      `/production/work-orders/${order.id}/operations/${other.operations[0]!.id}/job-reports`,
      { kind: 'start', workerId, clientId: 'jr-404:start' },
    );
    expect(replay.statusCode).toBe(200);
    expect(replay.json<TJobReportResult>().report.id).toBe(first.report.id);
  });

  it('another enterprise sees none of it and cannot report on it by id', async () => {
    const c = await t.makeTenant('jr-c');
    const order = await releasedOrder('2');
    await reportOk(order, 10, { kind: 'start', clientId: 'shared-key' });
    const opId = order.operations[0]!.id;
    const cWorker = (await ok('POST', '/labour/workers', { employeeNo: 'C001', name: 'C' }, c.token)).id;
    const res = await call(
      'POST',
      `/production/work-orders/${order.id}/operations/${opId}/job-reports`,
      { kind: 'quantity', goodQty: '1', workerId: cWorker },
      c.token,
    );
    expect(res.statusCode).toBe(404);
    for (const url of [
      `/production/work-orders/${order.id}/job-reports`,
      `/production/work-orders/${order.id}/operations/${opId}/job-reports`,
    ])
      expect((await call('GET', url, undefined, c.token)).statusCode, url).toBe(404);
    expect((await ok<TPage<TJobReport>>('GET', '/production/job-reports', undefined, c.token)).total).toBe(0);
    const a2 = await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);
    expect(a2.operations[0]!.goodQuantity).toBe('0');
    // the worker is read in the lock statement, under row-level security: another enterprise's is unknown
    const foreign = await report(order, 10, { kind: 'quantity', goodQty: '1', workerId: cWorker });
    expect(details(foreign.body)).toEqual([{ path: 'body.workerId', message: 'unknown worker' }]);
  });
});

describe('audit', () => {
  it("a report's entries — the report, the order's start, the output lot — are all written, in order", async () => {
    type Entry = { action: string; entityType: string; entityId: string; actorName: string; after: unknown };
    const entries = async () =>
      (await ok<{ items: Entry[] }>('GET', '/audit?pageSize=200')).items.filter(
        (e) =>
          [order.id, ...ids].includes(e.entityId) ||
          ids.includes((e.after as { jobReportId?: string } | null)?.jobReportId ?? ''),
      );
    const ids: string[] = [];
    const order = await releasedOrder('4');
    const start = await reportOk(order, 10, { kind: 'start' });
    ids.push(start.report.id);
    // newest first: the report, then (written before it) the order's start, then its release and creation
    expect((await entries()).map((e) => [e.entityType, e.action])).toEqual([
      ['job_report', 'start'],
      ['work_order', 'start'],
      ['work_order', 'release'],
      ['work_order', 'create'],
    ]);
    await reportOk(order, 10, { kind: 'finish', goodQty: '4' });
    await reportOk(order, 20, { kind: 'start' });
    const last = await reportOk(order, 20, { kind: 'finish', goodQty: '4' });
    ids.push(last.report.id);
    const lot = (await entries()).find((e) => e.entityType === 'inventory_lot');
    expect(lot).toMatchObject({ action: 'produce', after: { lotNumber: order.number, quantity: '4' } });
    const written = await entries();
    expect(written.slice(0, 2).map((e) => [e.entityType, e.action])).toEqual([
      ['job_report', 'finish'],
      ['inventory_lot', 'produce'],
    ]);
    expect(new Set(written.map((e) => e.actorName)).size).toBe(1);
    // a refused report writes none: its transaction is rolled back with the held-back entries
    const before = (await entries()).length;
    expect((await report(order, 20, { kind: 'quantity', goodQty: '1' })).statusCode).toBe(409);
    expect(await entries()).toHaveLength(before);
  });
});

describe('an Andon stop raised while a report waits for the lock', () => {
  // two connections at once: PostgreSQL only (PGlite is one connection)
  it.skipIf(!process.env.DATABASE_URL)('refuses the report: its write sees the stop', async () => {
    const order = await releasedOrder('5');
    await reportOk(order, 10, { kind: 'start' });
    const opId = order.operations.find((o) => o.seqNo === 10)!.id;
    const raiser = await t.database.rawSession();
    try {
      // what Andon's raise does: the order's and the operation's row locks, then the stopping exception
      await raiser.exec('BEGIN');
      await raiser.query(
        `SELECT 1 FROM work_orders w JOIN work_order_operations o ON o.work_order_id = w.id
         WHERE o.id = $1 FOR UPDATE OF w, o`,
        [opId],
      );
      await raiser.query(
        `INSERT INTO andon_exceptions (tenant_id, id, kind, work_order_id, operation_id, work_center_id,
           raised_by_worker_id, description, severity, is_stopping)
         SELECT tenant_id, gen_random_uuid(), 'equipment_fault', work_order_id, id, work_center_id, $2,
           'spindle', 'major', true
         FROM work_order_operations WHERE id = $1`,
        [opId, workerId],
      );
      // inject dispatches once awaited: Promise.resolve sends it now
      const pending = Promise.resolve(report(order, 10, { kind: 'quantity', goodQty: '1' }));
      // the report's locking statement (its snapshot taken before the stop commits) waits for the lock
      for (let waited = 0; ; waited += 20) {
        // the statistics are a snapshot per transaction: cleared for a fresh look
        await raiser.query('SELECT pg_stat_clear_snapshot()');
        const [w] = await raiser.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE '%AS is_last%' AND pid <> pg_backend_pid()`,
        );
        if (w!.n > 0) break;
        if (waited > 10_000) throw new Error('the report never waited for the lock');
        await new Promise((r) => setTimeout(r, 20));
      }
      await raiser.exec('COMMIT');
      const res = await pending;
      expect(res.statusCode, res.body).toBe(409);
      expect(errorParams(res.body)).toMatchObject({
        exceptionKind: 'equipment_fault',
        exceptionDescription: 'spindle',
      });
    } finally {
      await raiser.release();
    }
    const after = await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);
    expect(after.operations.find((o) => o.seqNo === 10)!.goodQuantity).toBe('0');
  });
});

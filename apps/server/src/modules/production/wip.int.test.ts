// WIP by operation and explicit transfers on a real database, worked by hand on three-operation orders
// (10 TURN → 20 MILL → 30 PACK, one work center).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTransferBalance, TWipBoard, TWipOperation, TWorkOrder } from '@greenmes/contracts';
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
let b: { token: string };
let productId: string;
let workCenterId: string;
let workerId: string;
let siteId: string;

const { call, ok } = api(
  () => t,
  () => a.token,
);
const opUrl = (order: TWorkOrder, seq: number) =>
  `/production/work-orders/${order.id}/operations/${order.operations.find((o) => o.seqNo === seq)!.id}`;
const report = (order: TWorkOrder, seq: number, body: object) =>
  call('POST', `${opUrl(order, seq)}/job-reports`, { workerId, ...body });
async function reportOk(order: TWorkOrder, seq: number, body: object) {
  const res = await report(order, seq, body);
  if (res.statusCode !== 201) throw new Error(`report ${seq}: ${res.statusCode} ${res.body}`);
}
async function newOrder(quantity: string) {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
const board = () => ok<TWipBoard>('GET', `/production/wip?workCenterId=${workCenterId}`);
/** seq → [waiting, inProcess, done] of one order on the board */
async function wipOf(order: TWorkOrder) {
  const rows = (await board()).workCenters[0]!.operations.filter((o) => o.workOrderId === order.id);
  return Object.fromEntries(rows.map((o: TWipOperation) => [o.seqNo, [o.waiting, o.inProcess, o.done]]));
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('wip-a');
  b = await t.makeTenant('wip-b');
  const plant = await makePlant(t, a.token, 'WP');
  siteId = plant.site.id;
  ({ productId, workCenterId } = await makeRoutedProduct(t, a.token, {
    prefix: 'WP',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'MILL', name: 'Mill' },
      { seqNo: 30, code: 'PACK', name: 'Pack' },
    ],
  }));
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'WP001', name: '李四' })).id;
  await ok('POST', '/production/reason-codes', { kind: 'scrap', code: 'S01', name: '尺寸超差' });
});
afterAll(() => t.close());

describe('WIP with automatic transfers (the default)', () => {
  it('follows a three-operation order report by report, conserving released − scrap', async () => {
    const order = await newOrder('10');
    // released: everything waits at the first operation
    expect(await wipOf(order)).toEqual({ 10: ['10', '0', '0'] });

    await reportOk(order, 10, { kind: 'start' });
    await reportOk(order, 10, { kind: 'quantity', goodQty: '6', scrapQty: '1', scrapReasonCode: 'S01' });
    expect(await wipOf(order)).toEqual({ 10: ['0', '3', '0'], 20: ['6', '0', '0'] });

    await reportOk(order, 20, { kind: 'start' });
    await reportOk(order, 20, { kind: 'quantity', goodQty: '4.5' });
    expect(await wipOf(order)).toEqual({ 10: ['0', '3', '0'], 20: ['0', '1.5', '0'], 30: ['4.5', '0', '0'] });

    await reportOk(order, 30, { kind: 'start' });
    await reportOk(order, 30, { kind: 'finish', goodQty: '3' });
    const wip = await wipOf(order);
    expect(wip).toEqual({ 10: ['0', '3', '0'], 20: ['0', '1.5', '0'], 30: ['1.5', '0', '3'] });
    // 3 + 1.5 + 1.5 + 3 = 9 = 10 released − 1 scrap
    const row = (await board()).workCenters[0]!;
    expect(row.totals).toEqual({ waiting: '1.5', inProcess: '4.5', done: '3', orders: 1 });
    const op30 = row.operations.find((o) => o.seqNo === 30)!;
    expect(op30).toMatchObject({ arrived: '4.5', good: '3', scrap: '0', isLast: true, status: 'done' });
  });

  it('filters by site and answers 404 for unknown ids; transfers are refused while automatic', async () => {
    const bySite = await ok<TWipBoard>('GET', `/production/wip?siteId=${siteId}`);
    expect(bySite.workCenters.map((c) => c.id)).toEqual([workCenterId]);
    expect((await call('GET', `/production/wip?siteId=${workCenterId}`)).statusCode).toBe(404);
    expect((await call('GET', `/production/wip?workCenterId=${siteId}`)).statusCode).toBe(404);
    const order = await newOrder('2');
    await reportOk(order, 10, { kind: 'start' });
    await reportOk(order, 10, { kind: 'quantity', goodQty: '2' });
    const res = await call('POST', `${opUrl(order, 10)}/transfers`, { quantity: '1', workerId });
    expect(res.statusCode).toBe(409);
  });
});

describe('explicit transfers', () => {
  it('hands good quantity on only as transferred, with 400s naming the field', async () => {
    await ok('PATCH', '/settings', { explicitOperationTransfers: true });
    const order = await newOrder('5');
    await reportOk(order, 10, { kind: 'start' });
    await reportOk(order, 10, { kind: 'quantity', goodQty: '4' });
    // nothing transferred yet: the next operation waits for nothing and takes no reports
    expect(await wipOf(order)).toEqual({ 10: ['0', '1', '4'] });
    await reportOk(order, 20, { kind: 'start' });
    const early = await report(order, 20, { kind: 'quantity', goodQty: '1' });
    expect(early.statusCode, early.body).toBe(400);
    expect(details(early.body)[0]!.path).toBe('body.goodQty');

    const over = await call('POST', `${opUrl(order, 10)}/transfers`, { quantity: '5', workerId });
    expect(over.statusCode).toBe(400);
    expect(details(over.body)[0]!.path).toBe('body.quantity');
    const first = await call('POST', `${opUrl(order, 10)}/transfers`, { quantity: '3', workerId });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ quantity: '3', toOperationId: order.operations[1]!.id });
    const again = await call('POST', `${opUrl(order, 10)}/transfers`, { quantity: '1.5', workerId });
    expect(again.statusCode).toBe(400);
    expect(details(again.body)[0]!.path).toBe('body.quantity');
    expect(await wipOf(order)).toEqual({ 10: ['0', '1', '1'], 20: ['0', '3', '0'] });

    // the next operation reports up to what came in, no more
    await reportOk(order, 20, { kind: 'quantity', goodQty: '2', scrapQty: '1', scrapReasonCode: 'S01' });
    const beyond = await report(order, 20, { kind: 'quantity', goodQty: '0.5' });
    expect(beyond.statusCode).toBe(400);
    expect(details(beyond.body)[0]!.path).toBe('body.goodQty');
    expect(await wipOf(order)).toEqual({ 10: ['0', '1', '1'], 20: ['0', '0', '2'] });
    const balance = await ok<TTransferBalance>('GET', `${opUrl(order, 10)}/transfers`);
    expect(balance).toMatchObject({ good: '4', transferredOut: '3', available: '1', transferredIn: null });

    // the last operation has nowhere to transfer to; an unknown worker is named
    await ok('POST', `${opUrl(order, 20)}/transfers`, { quantity: '2', workerId });
    const last = await call('POST', `${opUrl(order, 30)}/transfers`, { quantity: '1', workerId });
    expect(last.statusCode).toBe(409);
    const ghost = await call('POST', `${opUrl(order, 10)}/transfers`, {
      quantity: '1',
      workerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(details(ghost.body)[0]!.path).toBe('body.workerId');
    await ok('PATCH', '/settings', { explicitOperationTransfers: false });
  });
});

describe('tenant isolation', () => {
  it('another enterprise sees none of it and gets 404 for its ids', async () => {
    const order = await newOrder('1');
    const own = await ok<TWipBoard>('GET', '/production/wip', undefined, b.token);
    expect(own.workCenters).toEqual([]);
    expect(
      (await call('GET', `/production/wip?workCenterId=${workCenterId}`, undefined, b.token)).statusCode,
    ).toBe(404);
    for (const [method, url, body] of [
      ['GET', `${opUrl(order, 10)}/transfers`, undefined],
      ['POST', `${opUrl(order, 10)}/transfers`, { quantity: '1', workerId }],
      ['GET', `${opUrl(order, 10)}/counter-proposal`, undefined],
      ['POST', `${opUrl(order, 10)}/counter-proposal/confirm`, { workerId, to: new Date().toISOString() }],
    ] as const) {
      const res = await call(method, url, body, b.token);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

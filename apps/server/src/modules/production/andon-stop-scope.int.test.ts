// An Andon stop pauses the running operation in its own transaction (a pause report naming it), a flag
// only shows on the board; resolving does not resume. Users limited to some sites see the WIP board and
// the Andon list of their work centers only, and an exception elsewhere is a 404 to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TAndonException,
  TJobReport,
  TPage,
  TRaisedAndonException,
  TWipBoard,
  TWorkOrder,
} from '@greenmes/contracts';
import { api, makePlant, makeRoutedProduct, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let token: string;
let workerId: string;
let worker2Id: string;
/** two sites, one product routed on a work center under each */
let north: { siteId: string; productId: string; workCenterId: string };
let south: { siteId: string; productId: string; workCenterId: string };

const { call, ok } = api(
  () => t,
  () => token,
);
async function releasedOrder(productId: string, quantity = '10') {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
const opOf = (order: TWorkOrder, seq = 10) => order.operations.find((o) => o.seqNo === seq)!;
const reportOk = (order: TWorkOrder, body: object, seq = 10) =>
  ok('POST', `/production/work-orders/${order.id}/operations/${opOf(order, seq).id}/job-reports`, {
    workerId,
    ...body,
  });
const wipRow = async (order: TWorkOrder, seq = 10, as = token) =>
  (await ok<TWipBoard>('GET', '/production/wip', undefined, as)).workCenters
    .flatMap((c) => c.operations)
    .find((o) => o.workOrderId === order.id && o.seqNo === seq);
const getOrder = (order: TWorkOrder) => ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await t.makeTenant('stop-a'));
  const plant = await makePlant(t, token, 'SN');
  const routed = await makeRoutedProduct(t, token, {
    prefix: 'SN',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'PACK', name: 'Pack' },
    ],
  });
  north = { siteId: plant.site.id, productId: routed.productId, workCenterId: routed.workCenterId };
  const site2 = await ok('POST', '/plant/nodes', { kind: 'site', code: 'SS-S', name: 'South' });
  const area2 = await ok('POST', '/plant/nodes', {
    kind: 'area',
    parentId: site2.id,
    code: 'SS-A',
    name: 'A',
  });
  const line2 = await ok('POST', '/plant/nodes', {
    kind: 'line',
    parentId: area2.id,
    code: 'SS-L',
    name: 'L',
  });
  const routed2 = await makeRoutedProduct(t, token, { prefix: 'SS', parentId: line2.id, units: plant.units });
  south = { siteId: site2.id, productId: routed2.productId, workCenterId: routed2.workCenterId };
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'ST001', name: '赵六' })).id;
  worker2Id = (await ok('POST', '/labour/workers', { employeeNo: 'ST002', name: '钱七' })).id;
});
afterAll(() => t.close());

describe('Andon stop and flag', () => {
  it('a stop pauses the running operation with the exception as reason; resolving leaves it paused', async () => {
    const order = await releasedOrder(north.productId);
    await reportOk(order, { kind: 'start' });
    // raised from the web by a supervisor: no worker given, the one who started it pauses it
    const stop = await ok<TRaisedAndonException>('POST', '/production/andon/exceptions', {
      kind: 'equipment_fault',
      operationId: opOf(order).id,
      description: 'spindle overheating',
      isStopping: true,
    });
    expect((await getOrder(order)).operations[0]!.status).toBe('paused');
    const reports = await ok<TPage<TJobReport>>('GET', `/production/work-orders/${order.id}/job-reports`);
    expect(reports.items[0]).toMatchObject({
      kind: 'pause',
      workerId,
      reason: '[Andon] spindle overheating',
      clientId: `andon:${stop.id}`,
    });
    expect(await wipRow(order)).toMatchObject({
      status: 'paused',
      pauseReason: '[Andon] spindle overheating',
      exceptions: [
        { id: stop.id, kind: 'equipment_fault', isStopping: true, description: 'spindle overheating' },
      ],
    });

    await ok('POST', `/production/andon/exceptions/${stop.id}/acknowledge`, {});
    await ok('POST', `/production/andon/exceptions/${stop.id}/resolve`, { resolution: 'coolant refilled' });
    const after = await wipRow(order);
    expect(after).toMatchObject({ status: 'paused', exceptions: [] });
    // the operator resumes when ready
    await reportOk(order, { kind: 'resume' });
    expect((await getOrder(order)).operations[0]!.status).toBe('in_progress');
  });

  it('a stop on an operation not running pauses nothing; the raiser’s worker pauses a running one', async () => {
    const order = await releasedOrder(north.productId);
    const idle = await ok<TRaisedAndonException>('POST', '/production/andon/exceptions', {
      kind: 'material_shortage',
      operationId: opOf(order).id,
      description: 'no bar stock',
      isStopping: true,
    });
    expect((await getOrder(order)).operations[0]!.status).toBe('pending');
    expect(
      (await ok<TPage<TJobReport>>('GET', `/production/work-orders/${order.id}/job-reports`)).total,
    ).toBe(0);
    await ok('POST', `/production/andon/exceptions/${idle.id}/acknowledge`, {});
    await ok('POST', `/production/andon/exceptions/${idle.id}/resolve`, { resolution: 'delivered' });

    await reportOk(order, { kind: 'start' });
    await ok('POST', '/production/andon/exceptions', {
      kind: 'quality_issue',
      operationId: opOf(order).id,
      workerId: worker2Id,
      description: 'x'.repeat(300),
      isStopping: true,
    });
    const [pause] = (await ok<TPage<TJobReport>>('GET', `/production/work-orders/${order.id}/job-reports`))
      .items;
    expect(pause).toMatchObject({ kind: 'pause', workerId: worker2Id });
    expect(pause!.reason).toBe(`[Andon] ${'x'.repeat(192)}`); // 200 characters, a pause reason's limit
  });

  it('a flag leaves the operation running and shows on the board', async () => {
    const order = await releasedOrder(north.productId);
    await reportOk(order, { kind: 'start' });
    const flag = await ok<TRaisedAndonException>('POST', '/production/andon/exceptions', {
      kind: 'quality_issue',
      operationId: opOf(order).id,
      workerId,
      description: 'burr on edge',
    });
    expect(await wipRow(order)).toMatchObject({
      status: 'in_progress',
      pauseReason: null,
      exceptions: [{ id: flag.id, isStopping: false, severity: 'minor', description: 'burr on edge' }],
    });
    await reportOk(order, { kind: 'quantity', goodQty: '1' });
  });
});

describe('data scope on the WIP board and Andon', () => {
  it('shows a scoped user only their sites’ work centers and exceptions; others are 404', async () => {
    const northOrder = await releasedOrder(north.productId, '3');
    const southOrder = await releasedOrder(south.productId, '4');
    const northX = await ok<TAndonException>('POST', '/production/andon/exceptions', {
      kind: 'other',
      workCenterId: north.workCenterId,
      description: 'north call',
    });
    const southX = await ok<TAndonException>('POST', '/production/andon/exceptions', {
      kind: 'other',
      workCenterId: south.workCenterId,
      description: 'south call',
    });
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    await ok('POST', '/users', {
      username: 'sue',
      password: 'Strong-pw-77',
      displayName: 'Sue Supervisor',
      roleIds: [roles.find((r) => r.code === 'plant_manager')!.id],
      dataScope: { nodeIds: [south.siteId] },
    });
    const sue = await t.login('stop-a', 'sue', 'Strong-pw-77');

    const board = await ok<TWipBoard>('GET', '/production/wip', undefined, sue);
    expect(board.workCenters.map((c) => c.id)).toEqual([south.workCenterId]);
    expect(board.workCenters[0]!.operations.map((o) => o.workOrderId)).toEqual([southOrder.id]);
    expect(await wipRow(northOrder, 10, token)).toBeDefined(); // the admin sees both
    expect((await call('GET', `/production/wip?siteId=${north.siteId}`, undefined, sue)).statusCode).toBe(
      404,
    );
    expect(
      (await call('GET', `/production/wip?workCenterId=${north.workCenterId}`, undefined, sue)).statusCode,
    ).toBe(404);

    const list = await ok<TPage<TAndonException>>('GET', '/production/andon/exceptions', undefined, sue);
    expect(list.items.map((x) => x.id)).toEqual([southX.id]);
    expect(list.total).toBe(1);
    expect((await call('GET', `/production/andon/exceptions/${northX.id}`, undefined, sue)).statusCode).toBe(
      404,
    );
    expect((await call('GET', `/production/andon/exceptions/${southX.id}`, undefined, sue)).statusCode).toBe(
      200,
    );
    const ack = await call('POST', `/production/andon/exceptions/${northX.id}/acknowledge`, {}, sue);
    expect(ack.statusCode).toBe(404);
    const raised = await call(
      'POST',
      '/production/andon/exceptions',
      { kind: 'other', workCenterId: north.workCenterId, description: 'x' },
      sue,
    );
    expect(raised.statusCode).toBe(400);
    const onNorth = await call(
      'POST',
      '/production/andon/exceptions',
      { kind: 'other', operationId: opOf(northOrder).id, description: 'x' },
      sue,
    );
    expect(onNorth.statusCode).toBe(404);
    const all = await ok<TPage<TAndonException>>('GET', '/production/andon/exceptions?pageSize=100');
    expect(all.items.map((x) => x.id)).toEqual(expect.arrayContaining([northX.id, southX.id]));
  });
});

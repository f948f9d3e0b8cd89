// Job reports proposed from a machine's part counter, on a real database. The counter's samples are ingested
// through the API a minute apart, starting `base` (30 minutes ago, on the minute):
//   minute   0    1    2    3    4    5    10   25   26
//   parts    100  105  110  112  3    8    20   50   52
// The operation runs from minute 0 and pauses at minute 20, so minutes 0–19 count: +5 +5 +2, the reset to 3
// counts from zero (+3), +5, +12 = 32 counts; the minutes 25–26 ran paused and do not count. At 0.5 parts per
// count the proposal is 16.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TCounterConfigRow,
  TCounterConfirmation,
  TCounterProposal,
  TWorkOrder,
} from '@greenmes/contracts';
import {
  api,
  details,
  ingestAll,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let order: TWorkOrder;
let equipmentId: string;
let partsMetricId: number;
let speedMetricId: number;
let workerId: string;
const MINUTE = 60_000;
const base = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;
const at = (minute: number) => new Date(base + minute * MINUTE).toISOString();

const { call, ok } = api(
  () => t,
  () => a.token,
);
const opUrl = () => `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}`;
const proposal = () => ok<TCounterProposal>('GET', `${opUrl()}/counter-proposal`);

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('cnt-a');
  b = await t.makeTenant('cnt-b');
  const plant = await makePlant(t, a.token, 'CP');
  const wc = await ok('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'CP-WC',
    name: 'Turning cell',
  });
  equipmentId = (
    await ok('POST', '/equipment', {
      nodeId: wc.id,
      code: 'CP-LATHE',
      name: 'Lathe',
      category: 'machine_tool',
    })
  ).id;
  const device = await ok('POST', '/devices', {
    code: 'CP-PLC',
    name: 'Lathe PLC',
    equipmentId,
    metrics: [
      { key: 'parts', name: 'Parts', valueType: 'number', kind: 'counter' },
      { key: 'speed', name: 'Spindle speed', valueType: 'number', kind: 'gauge' },
    ],
  });
  const metrics = await ok<Array<{ id: number; key: string }>>('GET', `/devices/${device.id}/metrics`);
  partsMetricId = metrics.find((m) => m.key === 'parts')!.id;
  speedMetricId = metrics.find((m) => m.key === 'speed')!.id;
  const cred = await ok<{ token: string }>('POST', `/devices/${device.id}/credentials`, { kind: 'token' });
  const samples = (
    [
      [0, 100],
      [1, 105],
      [2, 110],
      [3, 112],
      [4, 3],
      [5, 8],
      [10, 20],
      [25, 50],
      [26, 52],
    ] as const
  ).map(([minute, parts]) => ({ ts: base + minute * MINUTE, values: { parts } }));
  await ingestAll(t, cred.token, samples);
  const { productId } = await makeRoutedProduct(t, a.token, {
    prefix: 'CP',
    parentId: plant.line.id,
    units: plant.units,
    workCenterId: wc.id,
  });
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'CP001', name: '赵六' })).id;
  order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '100' });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  await ok('POST', `${opUrl()}/job-reports`, { kind: 'start', workerId, occurredAt: at(0) });
  await ok('POST', `${opUrl()}/job-reports`, { kind: 'pause', workerId, reason: 'P01', occurredAt: at(20) });
});
afterAll(() => t.close());

describe('counter configuration', () => {
  it('lists the equipment with its counters; binds only a counter of its own devices', async () => {
    const before = await proposal();
    expect(before).toMatchObject({ isConfigured: false, quantity: '0', sources: [] });
    const confirm = await call('POST', `${opUrl()}/counter-proposal/confirm`, { workerId, to: before.to });
    expect(confirm.statusCode).toBe(409);

    const list = await ok<TCounterConfigRow[]>('GET', '/production/counter-configs');
    expect(list).toEqual([
      expect.objectContaining({
        equipmentId,
        equipmentCode: 'CP-LATHE',
        nodeCode: 'CP-WC',
        metrics: [expect.objectContaining({ metricId: partsMetricId, key: 'parts', deviceCode: 'CP-PLC' })],
        config: null,
      }),
    ]);
    const gauge = await call('PUT', `/production/counter-configs/${equipmentId}`, {
      metricId: speedMetricId,
      partsPerCount: '1',
      mode: 'propose',
    });
    expect(gauge.statusCode).toBe(400);
    expect(details(gauge.body)[0]!.path).toBe('body.metricId');
    const zero = await call('PUT', `/production/counter-configs/${equipmentId}`, {
      metricId: partsMetricId,
      partsPerCount: '0',
      mode: 'propose',
    });
    expect(details(zero.body)[0]!.path).toBe('body.partsPerCount');
    const saved = await ok<TCounterConfigRow>('PUT', `/production/counter-configs/${equipmentId}`, {
      metricId: partsMetricId,
      partsPerCount: '0.5',
      mode: 'propose',
    });
    expect(saved.config).toMatchObject({ metricId: partsMetricId, partsPerCount: '0.5', mode: 'propose' });
  });
});

describe('proposals', () => {
  it('proposes the counts of the minutes the operation ran, resets handled, and never twice', async () => {
    const p = await proposal();
    expect(p).toMatchObject({ isConfigured: true, quantity: '16' });
    expect(p.sources).toEqual([
      expect.objectContaining({
        equipmentCode: 'CP-LATHE',
        metricId: partsMetricId,
        metricKey: 'parts',
        partsPerCount: '0.5',
        from: at(0),
        to: p.to,
        counts: '32',
        minutes: 20,
        quantity: '16',
      }),
    ]);

    // the operator edits 16 to 15 and confirms: a normal quantity report through createJobReport
    const done = await call('POST', `${opUrl()}/counter-proposal/confirm`, {
      workerId,
      to: p.to,
      goodQty: '15',
      clientId: 'cnt-1',
    });
    expect(done.statusCode, done.body).toBe(201);
    const confirmation = done.json<TCounterConfirmation>();
    expect(confirmation.jobReport.report).toMatchObject({
      kind: 'quantity',
      goodQty: '15',
      clientId: 'cnt-1',
    });
    expect(confirmation.jobReport.operation.goodQuantity).toBe('15');
    expect(confirmation.proposal.quantity).toBe('16');

    // a retry of the same confirmation counts nothing
    const retry = await call('POST', `${opUrl()}/counter-proposal/confirm`, {
      workerId,
      to: p.to,
      clientId: 'cnt-1',
    });
    expect(retry.statusCode).toBe(200);
    const reports = await ok<{ total: number }>('GET', `${opUrl()}/job-reports?kind=quantity`);
    expect(reports.total).toBe(1);

    // the same counts are never proposed again
    const next = await proposal();
    expect(next).toMatchObject({ isConfigured: true, quantity: '0' });
    expect(next.sources[0]).toMatchObject({ from: p.to, counts: '0', minutes: 0 });

    // off: no proposal
    await ok('PUT', `/production/counter-configs/${equipmentId}`, {
      metricId: partsMetricId,
      partsPerCount: '0.5',
      mode: 'off',
    });
    expect((await proposal()).isConfigured).toBe(false);
  });

  it('lets operators read and confirm proposals and planners configure, not the other way round', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const tokenOf = async (role: string) => {
      await ok('POST', '/users', {
        username: `cnt-${role}`,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      return t.login('cnt-a', `cnt-${role}`, 'Strong-pw-77');
    };
    const operator = await tokenOf('operator');
    const planner = await tokenOf('production_planner');
    const config = { metricId: partsMetricId, partsPerCount: '0.5', mode: 'propose' };
    expect((await call('GET', `${opUrl()}/counter-proposal`, undefined, operator)).statusCode).toBe(200);
    expect((await call('GET', '/production/wip', undefined, operator)).statusCode).toBe(200);
    expect(
      (await call('PUT', `/production/counter-configs/${equipmentId}`, config, operator)).statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', `/production/counter-configs/${equipmentId}`, config, planner)).statusCode,
    ).toBe(200);
    const confirm = { workerId, to: new Date().toISOString() };
    expect((await call('POST', `${opUrl()}/counter-proposal/confirm`, confirm, planner)).statusCode).toBe(
      403,
    );
  });

  it('refuses a window in the future and answers 404 to other enterprises', async () => {
    const future = await call('POST', `${opUrl()}/counter-proposal/confirm`, {
      workerId,
      to: new Date(Date.now() + 10 * MINUTE).toISOString(),
    });
    expect(details(future.body)[0]!.path).toBe('body.to');
    const put = await call(
      'PUT',
      `/production/counter-configs/${equipmentId}`,
      { metricId: partsMetricId, partsPerCount: '1', mode: 'propose' },
      b.token,
    );
    expect(put.statusCode).toBe(404);
    expect(
      (await call('DELETE', `/production/counter-configs/${equipmentId}`, undefined, b.token)).statusCode,
    ).toBe(404);
    expect(await ok('GET', '/production/counter-configs', undefined, b.token)).toEqual([]);
    expect((await call('GET', `${opUrl()}/counter-proposal`, undefined, b.token)).statusCode).toBe(404);
    await ok('DELETE', `/production/counter-configs/${equipmentId}`);
    expect((await call('DELETE', `/production/counter-configs/${equipmentId}`)).statusCode).toBe(404);
  });
});

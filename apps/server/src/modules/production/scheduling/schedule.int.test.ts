// Scheduling on a real database, worked by hand. Site calendar (Asia/Shanghai, UTC+8), Monday to Friday:
// shift A 08:00–12:00 with a break 10:00–10:30, shift B 13:00–17:00. Work center WC (no equipment:
// capacity 1): WO-A (priority 1) 30 min setup + 120 × 60 s = 2.5 h, WO-B (priority 5) 120 × 90 s = 3 h,
// due the day before. From Monday 2027-01-04 08:00: A 08:00–10:00 + 10:30–11:00, B 11:00–12:00 +
// 13:00–15:00. Work center WC-E (one 10 kW machine): WO-E 60 × 60 s = 1 h, flexible; the January
// tariff has peak 08–11 (1.07 yuan/kWh) and flat 11–17 (0.65): energy-aware it moves from 08:00 to
// 11:00, 10 kWh × (1.07 − 0.65) = 4.20 yuan saved. Then a drag, pinned starts, isolation, permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMoveScheduledResult, TSchedule, TScheduleRunResult, TWorkOrder } from '@greenmes/contracts';
import { api, makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { DEMO_TARIFF_PLANS } from '../../demo/demo-tariffs.seed.ts';

let t: TestApp;
let a: { token: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
const orders: Record<string, TWorkOrder> = {};
let wc: { id: string };
let wcE: { id: string };

const { call, ok } = api(
  () => t,
  () => a.token,
);
const paths = (body: string) =>
  (JSON.parse(body) as { error: { details?: Array<{ path: string }> } }).error.details?.map((d) => d.path) ??
  [];

const FROM = '2027-01-04T00:00:00.000Z';
const TO = '2027-01-11T00:00:00.000Z';
const run = (body: object = {}, token = a.token) =>
  call('POST', '/production/schedule', { siteId: plant.site.id, from: FROM, to: TO, ...body }, token);
const spans = (bars: TSchedule['bars']) =>
  Object.fromEntries(bars.map((b) => [b.workOrderNumber, [b.start, b.end]]));

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('sched-a');
  plant = await makePlant(t, a.token, 'SC');
  const units = Object.fromEntries(plant.units.map((u) => [u.code, u.id]));
  wc = await ok('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'SC-WC',
    name: 'Turning',
  });
  wcE = await ok('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'SC-WCE',
    name: 'Oven',
  });
  await ok('POST', '/equipment', {
    nodeId: wcE.id,
    code: 'SC-OVEN',
    name: 'Oven',
    category: 'heating_furnace',
    ratedPowerKw: '10',
    energyMedia: ['electricity'],
  });
  await ok('POST', '/shift-calendars', {
    siteId: plant.site.id,
    code: 'SC-CAL',
    name: 'Two shifts',
    validFrom: '2027-01-01',
    shifts: [
      {
        code: 'A',
        name: 'Early',
        start: '08:00',
        end: '12:00',
        breaks: [{ start: '10:00', end: '10:30' }],
        weekdays: [1, 2, 3, 4, 5],
      },
      { code: 'B', name: 'Late', start: '13:00', end: '17:00', weekdays: [1, 2, 3, 4, 5] },
    ],
    days: [],
  });
  await ok('POST', '/energy/tariffs', DEMO_TARIFF_PLANS[0]);
  const raw = await ok('POST', '/materials', { code: 'SC-RAW', name: 'Bar', type: 'raw', unitId: units.pcs });
  const products: Array<[string, string, { id: string }, string, string]> = [
    ['A', '1', wc, '30', '60'],
    ['B', '5', wc, '0', '90'],
    ['E', '5', wcE, '0', '60'],
  ];
  for (const [key, priority, center, setupMinutes, runSecondsPerUnit] of products) {
    const product = await ok('POST', '/materials', {
      code: `SC-P${key}`,
      name: key,
      type: 'finished',
      unitId: units.pcs,
    });
    const bom = await ok('POST', '/production/boms', {
      productId: product.id,
      version: 'V1',
      effectiveFrom: '2025-01-01',
      lines: [{ componentId: raw.id, quantity: '1' }],
    });
    await ok('POST', `/production/boms/${bom.id}/transition`, { status: 'active' });
    const routing = await ok('POST', '/production/routings', {
      productId: product.id,
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: [
        {
          seqNo: 10,
          code: 'OP10',
          name: `Op ${key}`,
          workCenterId: center.id,
          setupMinutes,
          runSecondsPerUnit,
        },
      ],
    });
    await ok('POST', `/production/routings/${routing.id}/transition`, { status: 'active' });
    const order = await ok<TWorkOrder>('POST', '/production/work-orders', {
      productId: product.id,
      quantity: key === 'E' ? '60' : '120',
      priority: Number(priority),
      dueDate: key === 'B' ? '2027-01-03' : '2027-01-29',
    });
    orders[key] = await ok<TWorkOrder>('POST', `/production/work-orders/${order.id}/release`, {});
  }
});
afterAll(() => t?.close());

describe('scheduling', () => {
  it('a dry run proposes exact times over shifts and the break, reports the late order, stores nothing', async () => {
    const res = await run();
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<TScheduleRunResult>();
    expect(spans(result.bars)).toEqual({
      [orders.A!.number]: ['2027-01-04T00:00:00.000Z', '2027-01-04T03:00:00.000Z'],
      [orders.B!.number]: ['2027-01-04T03:00:00.000Z', '2027-01-04T07:00:00.000Z'],
      [orders.E!.number]: ['2027-01-04T00:00:00.000Z', '2027-01-04T01:00:00.000Z'],
    });
    expect(result.lateOrders).toEqual([
      {
        workOrderId: orders.B!.id,
        workOrderNumber: orders.B!.number,
        dueDate: '2027-01-03',
        plannedEnd: '2027-01-04T07:00:00.000Z',
      },
    ]);
    expect(result.bars.find((b) => b.workOrderId === orders.B!.id)!.isLate).toBe(true);
    expect(result).toMatchObject({ isApplied: false, unschedulable: [], energy: null, scheduledCount: 3 });
    expect(result.workCenters.map((w) => [w.code, w.capacity, w.powerKw])).toEqual([
      ['SC-WC', 1, null],
      ['SC-WCE', 1, 10],
    ]);
    // Monday to Friday, two shifts a day
    expect(result.shifts).toHaveLength(10);
    const stored = await ok<TSchedule>(
      'GET',
      `/production/schedule?siteId=${plant.site.id}&from=${FROM}&to=${TO}`,
    );
    expect(stored.bars).toEqual([]);
  });

  it('energy-aware: the flexible operation leaves the morning peak, 4.20 yuan and 10 peak kWh saved', async () => {
    const op = orders.E!.operations[0]!;
    const flex = await ok<TMoveScheduledResult>('PATCH', `/production/schedule/operations/${op.id}`, {
      isFlexible: true,
    });
    expect(flex).toEqual({ bar: null, warnings: [] });
    const result = (await run({ energyAware: true })).json<TScheduleRunResult>();
    const e = result.bars.find((b) => b.workOrderId === orders.E!.id)!;
    expect([e.start, e.end, e.isShifted, e.isFlexible]).toEqual([
      '2027-01-04T03:00:00.000Z',
      '2027-01-04T04:00:00.000Z',
      true,
      true,
    ]);
    expect(result.energy).toEqual({
      hasTariff: true,
      kwh: 10,
      costBefore: '10.70',
      costAfter: '6.50',
      costSaving: '4.20',
      peakKwhBefore: 10,
      peakKwhAfter: 0,
      maxDemandKwBefore: 10,
      maxDemandKwAfter: 10,
      shiftedOperations: 1,
      operationsWithoutPower: 2,
    });
    // the operations without power stay where they were
    expect(spans(result.bars)[orders.A!.number]).toEqual([
      '2027-01-04T00:00:00.000Z',
      '2027-01-04T03:00:00.000Z',
    ]);
  });

  it('apply stores the plan: the Gantt reads it, the orders take their span, audited', async () => {
    const result = (await run({ dryRun: false })).json<TScheduleRunResult>();
    expect(result.isApplied).toBe(true);
    const stored = await ok<TSchedule>(
      'GET',
      `/production/schedule?siteId=${plant.site.id}&from=${FROM}&to=${TO}`,
    );
    expect(spans(stored.bars)).toEqual(spans(result.bars));
    expect(stored.bars.find((b) => b.workOrderId === orders.B!.id)).toMatchObject({
      isLate: true,
      isPinned: false,
      productCode: 'SC-PB',
      status: 'pending',
      orderStatus: 'released',
    });
    const b = await ok<TWorkOrder>('GET', `/production/work-orders/${orders.B!.id}`);
    expect([b.plannedStart, b.plannedEnd]).toEqual(['2027-01-04T03:00:00.000Z', '2027-01-04T07:00:00.000Z']);
    const audit = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      '/audit?entityType=production_schedule',
    );
    expect(audit.items.map((x) => x.action)).toEqual(['schedule']);
  });

  it('a drag onto another order answers the overlap and the due date as warnings; the next run keeps the pin', async () => {
    const op = orders.B!.operations[0]!;
    const res = await call('PATCH', `/production/schedule/operations/${op.id}`, {
      plannedStart: '2027-01-04T00:30:00Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json<TMoveScheduledResult>();
    // 3 h from 08:30: 08:30–10:00, 10:30–12:00
    expect([moved.bar!.start, moved.bar!.end, moved.bar!.isPinned]).toEqual([
      '2027-01-04T00:30:00.000Z',
      '2027-01-04T04:00:00.000Z',
      true,
    ]);
    expect(moved.warnings.map((w) => [w.kind, w.operations.map((o) => o.workOrderNumber), w.at])).toEqual([
      ['overlap', [orders.A!.number], null],
      ['after_due', [], '2027-01-03T16:00:00.000Z'],
    ]);
    // outside working time (07:00 local) is a warning too
    const early = (
      await ok<TMoveScheduledResult>('PATCH', `/production/schedule/operations/${op.id}`, {
        plannedStart: '2027-01-03T23:00:00Z',
      })
    ).warnings.map((w) => w.kind);
    expect(early).toContain('outside_working_time');
    await ok('PATCH', `/production/schedule/operations/${op.id}`, { plannedStart: '2027-01-04T00:30:00Z' });
    // the pinned B keeps 08:30; A (priority 1) waits for it: 13:00–15:30 local
    const next = (await run({ dryRun: false })).json<TScheduleRunResult>();
    expect(spans(next.bars)[orders.B!.number]).toEqual([
      '2027-01-04T00:30:00.000Z',
      '2027-01-04T04:00:00.000Z',
    ]);
    expect(spans(next.bars)[orders.A!.number]).toEqual([
      '2027-01-04T05:00:00.000Z',
      '2027-01-04T07:30:00.000Z',
    ]);
    const history = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${orders.B!.id}/history`,
    );
    expect(history.items.map((h) => h.action)).toContain('schedule_move');
  });

  it('400 naming the field; 409 for a started operation', async () => {
    expect(paths((await run({ to: '2027-01-03T00:00:00Z' })).body)).toEqual(['body.to']);
    expect(paths((await run({ energyAware: 'yes' })).body)).toEqual(['body.energyAware']);
    expect((await run({ colour: 'red' })).statusCode).toBe(400);
    const op = orders.A!.operations[0]!;
    const bad = await call('PATCH', `/production/schedule/operations/${op.id}`, { plannedStart: 'Monday' });
    expect(paths(bad.body)).toEqual(['body.plannedStart']);
    expect(
      paths((await call('GET', `/production/schedule?siteId=${plant.site.id}&from=${FROM}`)).body),
    ).toEqual(['querystring.to']);
    await ok('POST', `/production/work-orders/${orders.A!.id}/operations/${op.id}/job-reports`, {
      kind: 'start',
      workerId: await worker(),
    });
    const started = await call('PATCH', `/production/schedule/operations/${op.id}`, { plannedStart: FROM });
    expect(started.statusCode).toBe(409);
  });

  it("tenant isolation: another enterprise's ids are 404 or unknown sites", async () => {
    const b = await t.makeTenant('sched-b');
    const op = orders.B!.operations[0]!;
    expect(
      (await call('PATCH', `/production/schedule/operations/${op.id}`, { plannedStart: FROM }, b.token))
        .statusCode,
    ).toBe(404);
    expect(paths((await run({}, b.token)).body)).toEqual(['body.siteId']);
    const get = await call(
      'GET',
      `/production/schedule?siteId=${plant.site.id}&from=${FROM}&to=${TO}`,
      undefined,
      b.token,
    );
    expect(paths(get.body)).toEqual(['querystring.siteId']);
    // and A's plan is untouched
    const stored = await ok<TSchedule>(
      'GET',
      `/production/schedule?siteId=${plant.site.id}&from=${FROM}&to=${TO}`,
    );
    expect(spans(stored.bars)[orders.B!.number]).toEqual([
      '2027-01-04T00:30:00.000Z',
      '2027-01-04T04:00:00.000Z',
    ]);
  });

  it('planners run and move; operators only read', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const tokens: Record<string, string> = {};
    for (const role of ['production_planner', 'operator']) {
      await ok('POST', '/users', {
        username: role,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      tokens[role] = await t.login('sched-a', role, 'Strong-pw-77');
    }
    expect((await run({}, tokens.production_planner)).statusCode).toBe(200);
    expect((await run({}, tokens.operator)).statusCode).toBe(403);
    const op = orders.E!.operations[0]!;
    expect(
      (
        await call(
          'PATCH',
          `/production/schedule/operations/${op.id}`,
          { isFlexible: false },
          tokens.operator,
        )
      ).statusCode,
    ).toBe(403);
    const get = await call(
      'GET',
      `/production/schedule?siteId=${plant.site.id}&from=${FROM}&to=${TO}`,
      undefined,
      tokens.operator,
    );
    expect(get.statusCode).toBe(200);
  });
});

/** A worker for the job report that starts an operation. */
async function worker(): Promise<string> {
  return (await ok('POST', '/labour/workers', { employeeNo: 'SC-001', name: 'Li' })).id;
}

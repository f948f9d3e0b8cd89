// Plans and work orders on a real database: a plan exploded into sub-assembly orders over three BOM
// levels (quantities worked by hand), idempotent; the lifecycle with every illegal move refused;
// snapshots that later BOM changes do not reach; split and merge; dispatch to a calendar's shift;
// numbering under concurrent creation; permissions and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WORK_ORDER_ACTIONS,
  WORK_ORDER_MOVES,
  WORK_ORDER_STATUSES,
  type TPlanExplosion,
  type TWorkOrder,
  type WorkOrderStatus,
} from '@greenmes/contracts';
import { api, details, makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';
import { demoCalendar } from '../demo/demo-calendars.seed.ts';

let t: TestApp;
let a: { token: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
const m: Record<string, string> = {};
let wc1: { id: string };
let wc2: { id: string };
let fgBom: { id: string };

const { call, ok } = api(
  () => t,
  () => a.token,
);
const act = (id: string, action: string, body: object = {}, token = a.token) =>
  call('POST', `/production/work-orders/${id}/${action}`, body, token);
const newOrder = (quantity = '10', productId = m['FG-PUMP']) =>
  ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity, dueDate: '2027-01-31' });

const MATERIALS: Array<[string, string, string]> = [
  ['FG-PUMP', 'finished', 'set'],
  ['SF-SHAFT', 'semi_finished', 'pcs'],
  ['SF-BLANK', 'semi_finished', 'pcs'],
  ['RM-BAR', 'raw', 'kg'],
  ['PU-BOLT', 'raw', 'pcs'],
  ['CS-PAINT', 'consumable', 'kg'],
];

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('wo-a');
  plant = await makePlant(t, a.token, 'WO');
  const unit = Object.fromEntries(plant.units.map((u) => [u.code, u.id]));
  for (const [code, type, u] of MATERIALS)
    m[code] = (await ok('POST', '/materials', { code, name: code, type, unitId: unit[u] })).id;
  wc1 = await ok('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'WO-WC1',
    name: 'Turning',
  });
  wc2 = await ok('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code: 'WO-WC2',
    name: 'Assembly',
  });
  // three levels: FG-PUMP → SF-SHAFT (base 3) → SF-BLANK, bolts and paint (in grams) on the top
  const boms = [
    {
      productId: m['FG-PUMP'],
      lines: [
        { componentId: m['SF-SHAFT'], quantity: '1', scrapPercent: '5', operationSeq: 20 },
        { componentId: m['PU-BOLT'], quantity: '8', scrapPercent: '2.5' },
        { componentId: m['CS-PAINT'], quantity: '250', unitId: unit.g, scrapPercent: '10' },
      ],
    },
    {
      productId: m['SF-SHAFT'],
      baseQuantity: '3',
      lines: [
        { componentId: m['RM-BAR'], quantity: '9.6', scrapPercent: '4' },
        { componentId: m['SF-BLANK'], quantity: '3' },
      ],
    },
    { productId: m['SF-BLANK'], lines: [{ componentId: m['RM-BAR'], quantity: '0.4', scrapPercent: '25' }] },
  ];
  for (const [i, b] of boms.entries()) {
    const bom = await ok('POST', '/production/boms', { ...b, version: 'V1', effectiveFrom: '2025-01-01' });
    await ok('POST', `/production/boms/${bom.id}/transition`, { status: 'active' });
    if (i === 0) fgBom = bom;
  }
  for (const product of ['FG-PUMP', 'SF-SHAFT']) {
    const routing = await ok('POST', '/production/routings', {
      productId: m[product],
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: [
        {
          seqNo: 10,
          code: 'OP10',
          name: 'Turn',
          workCenterId: wc1.id,
          setupMinutes: '30',
          runSecondsPerUnit: '120',
          requiredSkill: 'lathe',
        },
        {
          seqNo: 20,
          code: 'OP20',
          name: 'Assemble',
          workCenterId: wc2.id,
          runSecondsPerUnit: '300',
          isInspectionPoint: true,
        },
      ],
    });
    await ok('POST', `/production/routings/${routing.id}/transition`, { status: 'active' });
  }
  await ok('POST', '/shift-calendars', demoCalendar(plant.site.id));
});
afterAll(() => t?.close());

describe('plans exploded into work orders', () => {
  let explosion: TPlanExplosion;
  let planId: string;

  it('a confirmed plan line becomes the finished order, two sub-assembly levels and bought requirements', async () => {
    const plan = await ok('POST', '/production/plans', {
      code: 'P-2027-01',
      siteId: plant.site.id,
      periodStart: '2027-01-01',
      periodEnd: '2027-01-31',
      lines: [{ productId: m['FG-PUMP'], quantity: '20', dueDate: '2027-01-20', priority: 2 }],
    });
    planId = plan.id;
    const early = await call('POST', `/production/plans/${planId}/explode`, {});
    expect(early.statusCode).toBe(409);
    await ok('POST', `/production/plans/${planId}/transition`, { status: 'confirmed' });
    explosion = await ok<TPlanExplosion>('POST', `/production/plans/${planId}/explode`, {});
    const byProduct = Object.fromEntries(explosion.workOrders.map((w) => [w.productCode, w]));
    // FG 20; shafts 20 × 1 × 1.05 = 21; blanks 21 ÷ 3 × 3 = 21
    expect(Object.keys(byProduct).sort()).toEqual(['FG-PUMP', 'SF-BLANK', 'SF-SHAFT']);
    expect(byProduct['FG-PUMP']).toMatchObject({
      quantity: '20',
      priority: 2,
      dueDate: '2027-01-20',
      parentId: null,
      planCode: 'P-2027-01',
      bomVersion: 'V1',
      routingVersion: 'R1',
    });
    expect(byProduct['SF-SHAFT']).toMatchObject({ quantity: '21', parentId: byProduct['FG-PUMP']!.id });
    expect(byProduct['SF-BLANK']).toMatchObject({
      quantity: '21',
      parentId: byProduct['SF-SHAFT']!.id,
      routingVersion: null,
    });
    const fg = await ok<TWorkOrder>('GET', `/production/work-orders/${byProduct['FG-PUMP']!.id}`);
    // bolts 20 × 8 × 1.025 = 164; paint 20 × 250 g = 5 kg × 1.1 = 5.5 kg
    expect(fg.materials.map((l) => [l.materialCode, l.quantity, l.isMade, l.childWorkOrderId])).toEqual([
      ['SF-SHAFT', '21', true, byProduct['SF-SHAFT']!.id],
      ['PU-BOLT', '164', false, null],
      ['CS-PAINT', '5.5', false, null],
    ]);
    expect(fg.operations.map((o) => [o.seqNo, o.code, o.workCenterId, o.plannedQuantity, o.status])).toEqual([
      [10, 'OP10', wc1.id, '20', 'pending'],
      [20, 'OP20', wc2.id, '20', 'pending'],
    ]);
    expect(fg.operations[0]).toMatchObject({
      setupMinutes: '30',
      runSecondsPerUnit: '120',
      requiredSkill: 'lathe',
      isInspectionPoint: false,
    });
    expect(fg.children.map((c) => c.productCode)).toEqual(['SF-SHAFT']);
    const shaft = await ok<TWorkOrder>('GET', `/production/work-orders/${byProduct['SF-SHAFT']!.id}`);
    // bar 21 ÷ 3 × 9.6 = 67.2 × 1.04 = 69.888 kg
    expect(shaft.materials.map((l) => [l.materialCode, l.quantity])).toEqual([
      ['RM-BAR', '69.888'],
      ['SF-BLANK', '21'],
    ]);
    const blank = await ok<TWorkOrder>('GET', `/production/work-orders/${byProduct['SF-BLANK']!.id}`);
    // 21 × 0.4 = 8.4 × 1.25 = 10.5 kg
    expect(blank.materials.map((l) => [l.materialCode, l.quantity])).toEqual([['RM-BAR', '10.5']]);
    expect(explosion.requirements.map((r) => [r.materialCode, r.grossQuantity])).toEqual([
      ['CS-PAINT', '5.5'],
      ['PU-BOLT', '164'],
      ['RM-BAR', '80.388'],
    ]);
    expect(explosion.created).toHaveLength(3);
    expect(explosion.plan.lines[0]!.workOrderNumber).toBe(byProduct['FG-PUMP']!.number);
  });

  it('exploding again makes nothing new', async () => {
    const again = await ok<TPlanExplosion>('POST', `/production/plans/${planId}/explode`, {});
    expect(again.created).toEqual([]);
    expect(again.workOrders.map((w) => w.id).sort()).toEqual(explosion.workOrders.map((w) => w.id).sort());
    expect(again.requirements).toEqual(explosion.requirements);
    const list = await ok<{ total: number }>('GET', `/production/work-orders?planId=${planId}`);
    expect(list.total).toBe(3);
    const history = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${explosion.workOrders[0]!.id}/history`,
    );
    expect(history.items.map((h) => h.action)).toEqual(['create']);
  });

  it('a plan with orders does not go back to draft', async () => {
    const res = await call('POST', `/production/plans/${planId}/transition`, { status: 'draft' });
    expect(res.statusCode).toBe(409);
  });
});

describe('work-order lifecycle', () => {
  /** Brings a fresh order to `status` through legal moves. */
  async function orderIn(status: WorkOrderStatus): Promise<string> {
    const { id } = await newOrder();
    const path: Record<WorkOrderStatus, string[]> = {
      draft: [],
      released: ['release'],
      in_progress: ['release', 'start'],
      completed: ['release', 'start', 'complete'],
      closed: ['release', 'start', 'complete', 'close'],
      on_hold: ['release', 'hold'],
      cancelled: ['cancel'],
    };
    for (const action of path[status]) {
      const res = await act(id, action, { reason: 'test' });
      expect(res.statusCode, res.body).toBe(200);
    }
    return id;
  }

  it('refuses every illegal move with 409 naming from and to, and allows every legal one', async () => {
    for (const status of WORK_ORDER_STATUSES)
      for (const action of WORK_ORDER_ACTIONS) {
        const id = await orderIn(status);
        const res = await act(id, action, { reason: 'why not' });
        const isLegal = WORK_ORDER_MOVES[action].from.includes(status);
        expect(res.statusCode, `${status} ${action}: ${res.body}`).toBe(isLegal ? 200 : 409);
        if (!isLegal) {
          const err = res.json<{ error: { params: { from: string; to: string } } }>().error;
          expect(err.params.from).toBe(status);
          expect(err.params.to).toBeTruthy();
        }
      }
  }, 120_000);

  it('cancels only from draft or released', async () => {
    for (const status of WORK_ORDER_STATUSES) {
      const res = await act(await orderIn(status), 'cancel');
      expect(res.statusCode, status).toBe(['draft', 'released'].includes(status) ? 200 : 409);
    }
  });

  it('holds with a reason and resumes to the status before', async () => {
    const id = await orderIn('in_progress');
    expect(details((await act(id, 'hold')).body).map((d) => d.path)).toEqual(['body.reason']);
    const held = (await act(id, 'hold', { reason: '缺料 / material shortage' })).json<TWorkOrder>();
    expect(held).toMatchObject({
      status: 'on_hold',
      holdReason: '缺料 / material shortage',
      heldFromStatus: 'in_progress',
    });
    const resumed = (await act(id, 'resume')).json<TWorkOrder>();
    expect(resumed).toMatchObject({ status: 'in_progress', holdReason: null, heldFromStatus: null });
    const released = await orderIn('on_hold');
    expect((await act(released, 'resume')).json<TWorkOrder>().status).toBe('released');
    const history = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${id}/history`,
    );
    expect(history.items.map((h) => h.action)).toEqual(['resume', 'hold', 'start', 'release', 'create']);
  });

  it('releases only with a BOM and a routing snapshot', async () => {
    const blank = await newOrder('5', m['SF-BLANK']); // a BOM but no routing
    const res = await act(blank.id, 'release');
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('active routing');
  });
});

describe('snapshots', () => {
  it('a later BOM version does not change a released order', async () => {
    const order = await newOrder('10');
    await act(order.id, 'release');
    const before = await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);
    // V1 ends; V2 with 12 bolts takes over from today
    await ok('POST', `/production/boms/${fgBom.id}/transition`, { status: 'obsolete' });
    const v2 = await ok('POST', '/production/boms', {
      productId: m['FG-PUMP'],
      version: 'V2',
      effectiveFrom: '2025-01-01',
      lines: [{ componentId: m['PU-BOLT'], quantity: '12' }],
    });
    await ok('POST', `/production/boms/${v2.id}/transition`, { status: 'active' });
    const after = await ok<TWorkOrder>('GET', `/production/work-orders/${order.id}`);
    expect(after).toEqual(before);
    expect(after.materials.find((l) => l.materialCode === 'PU-BOLT')!.quantity).toBe('82');
    const fresh = await newOrder('10');
    expect(fresh.bomVersion).toBe('V2');
    expect(fresh.materials.map((l) => [l.materialCode, l.quantity])).toEqual([['PU-BOLT', '120']]);
  });

  it("a later routing version does not change a released order's operations", async () => {
    const shaft = await newOrder('3', m['SF-SHAFT']);
    await act(shaft.id, 'release');
    const routings = await ok<{ items: Array<{ id: string; version: string }> }>(
      'GET',
      `/production/routings?productId=${m['SF-SHAFT']}`,
    );
    const r1 = routings.items.find((r) => r.version === 'R1')!;
    await ok('POST', `/production/routings/${r1.id}/transition`, { status: 'obsolete' });
    const r2 = await ok('POST', '/production/routings', {
      productId: m['SF-SHAFT'],
      version: 'R2',
      effectiveFrom: '2025-01-01',
      operations: [{ seqNo: 5, code: 'SAW', name: 'Saw', workCenterId: wc2.id, runSecondsPerUnit: '30' }],
    });
    await ok('POST', `/production/routings/${r2.id}/transition`, { status: 'active' });
    const after = await ok<TWorkOrder>('GET', `/production/work-orders/${shaft.id}`);
    expect(after.routingVersion).toBe('R1');
    expect(after.operations.map((o) => [o.seqNo, o.code, o.workCenterId, o.runSecondsPerUnit])).toEqual([
      [10, 'OP10', wc1.id, '120'],
      [20, 'OP20', wc2.id, '300'],
    ]);
    expect((await newOrder('1', m['SF-SHAFT'])).operations.map((o) => o.code)).toEqual(['SAW']);
  });
});

describe('plans', () => {
  it('400s naming the field, 409 once confirmed, deletes drafts only', async () => {
    const bad = await call('POST', '/production/plans', {
      code: 'P-BAD',
      siteId: plant.area.id,
      periodStart: '2027-02-01',
      periodEnd: '2027-01-31',
      lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: '1', dueDate: '2027-02-10' }],
    });
    expect(details(bad.body).map((d) => d.path)).toEqual([
      'body.siteId',
      'body.periodEnd',
      'body.lines.0.productId',
    ]);
    const body = {
      code: 'P-2027-02',
      siteId: plant.site.id,
      periodStart: '2027-02-01',
      periodEnd: '2027-02-28',
      lines: [{ productId: m['SF-BLANK'], quantity: '5', dueDate: '2027-02-10' }],
    };
    const plan = await ok('POST', '/production/plans', body);
    expect((await call('POST', '/production/plans', body)).statusCode).toBe(409);
    await ok('POST', `/production/plans/${plan.id}/transition`, { status: 'confirmed' });
    expect((await call('PUT', `/production/plans/${plan.id}`, body)).statusCode).toBe(409);
    expect((await call('DELETE', `/production/plans/${plan.id}`)).statusCode).toBe(409);
    await ok('POST', `/production/plans/${plan.id}/transition`, { status: 'draft' });
    expect((await call('DELETE', `/production/plans/${plan.id}`)).statusCode).toBe(200);
  });
});

describe('split and merge', () => {
  it('splits exactly, copying operations and materials in proportion, and audits both', async () => {
    const order = await newOrder('10');
    await act(order.id, 'release');
    const bad = await call('POST', `/production/work-orders/${order.id}/split`, {
      quantities: ['3', '6.999999'],
    });
    expect(details(bad.body).map((d) => d.path)).toEqual(['body.quantities']);
    const { original, created } = await ok<{ original: TWorkOrder; created: TWorkOrder }>(
      'POST',
      `/production/work-orders/${order.id}/split`,
      { quantities: ['7', '3'] },
    );
    expect([original.quantity, created.quantity]).toEqual(['7', '3']);
    expect(created).toMatchObject({
      status: 'released',
      bomVersion: original.bomVersion,
      routingVersion: 'R1',
    });
    expect(created.number).not.toBe(original.number);
    expect(original.operations.map((o) => o.plannedQuantity)).toEqual(['7', '7']);
    expect(created.operations.map((o) => o.plannedQuantity)).toEqual(['3', '3']);
    // 120 bolts → 84 + 36
    expect(original.materials[0]!.quantity).toBe('84');
    expect(created.materials[0]!.quantity).toBe('36');
    const thirds = await ok<{ original: TWorkOrder; created: TWorkOrder }>(
      'POST',
      `/production/work-orders/${created.id}/split`,
      { quantities: ['2', '1'] },
    );
    // 36 × 1/3 = 12, and the operations exactly 2 and 1
    expect(thirds.created.materials[0]!.quantity).toBe('12');
    expect(thirds.original.operations[0]!.plannedQuantity).toBe('2');
    const history = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${order.id}/history`,
    );
    expect(history.items[0]!.action).toBe('split');
    const other = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${created.id}/history`,
    );
    expect(other.items.map((h) => h.action)).toEqual(['split', 'split_from']);
  });

  it('refuses to split a running order', async () => {
    const order = await newOrder('4');
    await act(order.id, 'release');
    await act(order.id, 'start');
    const res = await call('POST', `/production/work-orders/${order.id}/split`, { quantities: ['2', '2'] });
    expect(res.statusCode).toBe(409);
  });

  it('merges same product and versions, summing lines; cancels the other', async () => {
    const x = await newOrder('2.5');
    const y = await newOrder('1.25');
    await act(y.id, 'release');
    const merged = await ok<TWorkOrder>('POST', `/production/work-orders/${x.id}/merge`, { otherId: y.id });
    expect(merged.quantity).toBe('3.75');
    expect(merged.operations.map((o) => o.plannedQuantity)).toEqual(['3.75', '3.75']);
    expect(merged.materials[0]!.quantity).toBe('45');
    const gone = await ok<TWorkOrder>('GET', `/production/work-orders/${y.id}`);
    expect(gone.status).toBe('cancelled');
    const yHistory = await ok<{ items: Array<{ action: string }> }>(
      'GET',
      `/production/work-orders/${y.id}/history`,
    );
    expect(yHistory.items[0]!.action).toBe('merged_into');
    // the cancelled one cannot merge again; another product cannot merge
    expect((await call('POST', `/production/work-orders/${x.id}/merge`, { otherId: y.id })).statusCode).toBe(
      409,
    );
    const shaft = await newOrder('1', m['SF-SHAFT']);
    const diff = await call('POST', `/production/work-orders/${x.id}/merge`, { otherId: shaft.id });
    expect(diff.statusCode).toBe(409);
    expect(diff.body).toContain('product');
    expect((await call('POST', `/production/work-orders/${x.id}/merge`, { otherId: x.id })).statusCode).toBe(
      400,
    );
  });

  it('refuses to merge across BOM versions', async () => {
    const explodedOld = (
      await ok<{ items: TWorkOrder[] }>(
        'GET',
        `/production/work-orders?q=FG-PUMP&status=draft&sort=createdAt&order=asc`,
      )
    ).items.find((w) => w.bomVersion === 'V1' && w.status === 'draft');
    const fresh = await newOrder('1');
    if (explodedOld) {
      const res = await call('POST', `/production/work-orders/${fresh.id}/merge`, {
        otherId: explodedOld.id,
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('BOM V2 ≠ V1');
    } else expect.fail('expected a V1 draft order');
  });
});

describe('dispatch', () => {
  it("assigns a work center, a shift of the site's calendar and operators; the operation becomes ready", async () => {
    const order = await newOrder('6');
    expect(
      (await call('PUT', `/production/work-orders/${order.id}/operations/10/dispatch`, {})).statusCode,
    ).toBe(409);
    await act(order.id, 'release');
    const worker = await ok('POST', '/labour/workers', { employeeNo: 'E001', name: '张三' });
    const res = await call('PUT', `/production/work-orders/${order.id}/operations/10/dispatch`, {
      workCenterId: wc2.id,
      shiftDate: '2026-03-02',
      shiftCode: 'A',
      operatorIds: [worker.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const op = res.json<TWorkOrder>().operations[0]!;
    expect(op).toMatchObject({
      status: 'ready',
      workCenterId: wc2.id,
      shiftDate: '2026-03-02',
      shiftCode: 'A',
      // 08:00–16:00 Shanghai
      shiftStart: '2026-03-02T00:00:00.000Z',
      shiftEnd: '2026-03-02T08:00:00.000Z',
      operatorIds: [worker.id],
    });
    // Sunday has no shift; an area is no work center; an unknown user
    const bad = await call('PUT', `/production/work-orders/${order.id}/operations/20/dispatch`, {
      workCenterId: plant.area.id,
      shiftDate: '2026-03-01',
      shiftCode: 'A',
      operatorIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(details(bad.body).map((d) => d.path)).toEqual([
      'body.workCenterId',
      'body.shiftCode',
      'body.operatorIds.0',
    ]);
    expect(details(bad.body)[2]!.message).toBe('no such worker');
    const sunday = await call('PUT', `/production/work-orders/${order.id}/operations/20/dispatch`, {
      shiftDate: '2026-03-01',
      shiftCode: 'A',
    });
    expect(details(sunday.body)).toEqual([
      { path: 'body.shiftCode', message: "no shift A on 2026-03-01 in the site's calendar" },
    ]);
    expect(
      (await call('PUT', `/production/work-orders/${order.id}/operations/99/dispatch`, {})).statusCode,
    ).toBe(404);
  });
});

describe('list, numbers, export', () => {
  it('numbers are unique under concurrent creation', async () => {
    const made = await Promise.all(Array.from({ length: 12 }, () => newOrder('1')));
    const numbers = made.map((w) => w.number);
    expect(new Set(numbers).size).toBe(12);
    for (const n of numbers) expect(n).toMatch(/^WO-\d{8}-\d{4}$/);
  });

  it('searches, filters, sorts and pages', async () => {
    await ok('PATCH', `/production/work-orders/${(await newOrder('1', m['SF-SHAFT'])).id}`, {
      priority: 1,
      dueDate: '2027-03-01',
    });
    const shafts = await ok<{ items: TWorkOrder[]; total: number }>(
      'GET',
      '/production/work-orders?q=SF-SHAFT&priority=1',
    );
    expect(shafts.total).toBe(1);
    const due = await ok<{ items: TWorkOrder[] }>(
      'GET',
      '/production/work-orders?dueFrom=2027-02-01&dueTo=2027-03-31',
    );
    expect(due.items.map((w) => w.productCode)).toEqual(['SF-SHAFT']);
    const page = await ok<{ items: TWorkOrder[]; total: number; pageSize: number }>(
      'GET',
      '/production/work-orders?status=draft&status=released&sort=number&order=asc&pageSize=5&page=2',
    );
    expect(page.items).toHaveLength(5);
    expect(page.items.every((w) => ['draft', 'released'].includes(w.status))).toBe(true);
    const numbers = page.items.map((w) => w.number);
    expect([...numbers].sort()).toEqual(numbers);
  });

  it('exports the filtered list to Excel', async () => {
    const res = await call('GET', '/production/work-orders/export?status=cancelled');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('tenants and permissions', () => {
  it('another enterprise sees none of it and cannot touch it by id', async () => {
    const c = await t.makeTenant('wo-c');
    const order = await newOrder('1');
    expect((await ok<{ total: number }>('GET', '/production/work-orders', undefined, c.token)).total).toBe(0);
    expect((await ok<{ total: number }>('GET', '/production/plans', undefined, c.token)).total).toBe(0);
    expect((await call('GET', `/production/work-orders/${order.id}`, undefined, c.token)).statusCode).toBe(
      404,
    );
    expect((await act(order.id, 'release', {}, c.token)).statusCode).toBe(404);
    expect(
      (
        await call(
          'POST',
          `/production/work-orders/${order.id}/split`,
          { quantities: ['0.5', '0.5'] },
          c.token,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('PUT', `/production/work-orders/${order.id}/operations/10/dispatch`, {}, c.token))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/production/work-orders/${order.id}/history`, undefined, c.token)).statusCode,
    ).toBe(404);
    const planId = (await ok<{ items: Array<{ id: string }> }>('GET', '/production/plans')).items[0]!.id;
    for (const [method, url, body] of [
      ['GET', `/production/plans/${planId}`, undefined],
      ['POST', `/production/plans/${planId}/explode`, {}],
      ['POST', `/production/plans/${planId}/transition`, { status: 'closed' }],
      ['DELETE', `/production/plans/${planId}`, undefined],
    ] as const)
      expect((await call(method, url, body, c.token)).statusCode, `${method} ${url}`).toBe(404);
    // C's own order cannot swallow A's
    await ok(
      'POST',
      '/materials',
      {
        code: 'C-FG',
        name: 'C',
        type: 'finished',
        unitId: (await ok<Array<{ id: string; code: string }>>('GET', '/units', undefined, c.token)).find(
          (u) => u.code === 'pcs',
        )!.id,
      },
      c.token,
    );
    const cMaterial = (
      await ok<{ items: Array<{ id: string }> }>('GET', '/materials?q=C-FG', undefined, c.token)
    ).items[0]!;
    const mine = await ok<TWorkOrder>(
      'POST',
      '/production/work-orders',
      { productId: cMaterial.id, quantity: '1' },
      c.token,
    );
    expect(
      (await call('POST', `/production/work-orders/${mine.id}/merge`, { otherId: order.id }, c.token))
        .statusCode,
    ).toBe(404);
    // tenant A's product is unknown to C
    const steal = await call(
      'POST',
      '/production/work-orders',
      { productId: m['FG-PUMP'], quantity: '1' },
      c.token,
    );
    expect(details(steal.body)).toEqual([{ path: 'body.productId', message: 'unknown material' }]);
  });

  it('planners create but do not release; plant managers release; operators read only', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const tokens: Record<string, string> = {};
    for (const role of ['production_planner', 'plant_manager', 'operator']) {
      await ok('POST', '/users', {
        username: role,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      tokens[role] = await t.login('wo-a', role, 'Strong-pw-77');
    }
    const created = await call(
      'POST',
      '/production/work-orders',
      { productId: m['FG-PUMP'], quantity: '1' },
      tokens.production_planner,
    );
    expect(created.statusCode).toBe(201);
    const id = created.json<TWorkOrder>().id;
    expect((await act(id, 'release', {}, tokens.production_planner)).statusCode).toBe(403);
    expect((await act(id, 'release', {}, tokens.operator)).statusCode).toBe(403);
    expect((await act(id, 'release', {}, tokens.plant_manager)).statusCode).toBe(200);
    expect(
      (await call('PUT', `/production/work-orders/${id}/operations/10/dispatch`, {}, tokens.plant_manager))
        .statusCode,
    ).toBe(200);
    expect((await call('GET', `/production/work-orders/${id}`, undefined, tokens.operator)).statusCode).toBe(
      200,
    );
    expect((await call('GET', '/production/plans', undefined, tokens.operator)).statusCode).toBe(200);
    expect(
      (
        await call(
          'POST',
          '/production/work-orders',
          { productId: m['FG-PUMP'], quantity: '1' },
          tokens.operator,
        )
      ).statusCode,
    ).toBe(403);
  });
});

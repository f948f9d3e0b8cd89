// The demo's plan and work orders: this month's plan confirmed and exploded once (a restart adds
// nothing), from the day the demo was made, its orders due working days after it; the valve, pump and
// gate-valve orders released with their first operations dispatched, the gate valve on hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanSummary, TReasonCode, TWorkOrder, TWorkOrderSummary } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { DEMO_REASON_CODES } from '../demo/demo-reason-codes.seed.ts';

const PASSWORD = 'Demo-pass-1';
let t: TestApp;
let token: string;
const get = async <T>(url: string) => {
  const res = await t.call({ url: `/api/v1${url}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo({ db: t.database.db, password: PASSWORD });
  await seedDemo({ db: t.database.db, password: PASSWORD }); // a restart: nothing twice
  token = await t.login('demo', 'admin', PASSWORD);
}, 240_000);
afterAll(() => t?.close());

describe('demo work orders', () => {
  it("has this month's plan, confirmed and exploded, once", async () => {
    const plans = await get<{ items: TPlanSummary[] }>('/production/plans');
    expect(plans.items).toHaveLength(1);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(plans.items[0]).toMatchObject({
      code: `MPS-${today.slice(0, 7).replace('-', '')}`,
      periodStart: today,
      status: 'confirmed',
      lineCount: 4,
      explodedCount: 4,
    });
    const orders = await get<{ items: TWorkOrderSummary[]; total: number }>(
      '/production/work-orders?pageSize=100',
    );
    // 4 finished orders; the valve's 3 machined parts, the pump's casing, impeller and shaft below them
    expect(orders.items.filter((w) => w.parentId === null)).toHaveLength(4);
    expect(orders.total).toBeGreaterThan(4);
    expect(new Set(orders.items.map((w) => w.number)).size).toBe(orders.total);
  });

  it('has its orders due days after the demo was made, not on fixed days of the month', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const orders = (await get<{ items: TWorkOrderSummary[] }>('/production/work-orders?pageSize=100')).items;
    const due = ['FG-BV-100', 'FG-PMP-150', 'FG-GV-150', 'FG-CV-80'].map(
      (code) => orders.find((w) => w.productCode === code && w.parentId === null)!.dueDate!,
    );
    // the valve first, then the pump, the gate and the check valves, all after today, within the plan
    expect(due[0]! > today).toBe(true);
    expect([...new Set(due)].sort()).toEqual(due);
    const [plan] = (await get<{ items: TPlanSummary[] }>('/production/plans')).items;
    expect(plan!.periodEnd).toBe(due[3]);
    // a sub-order is due with its finished order
    const valve = orders.find((w) => w.productCode === 'FG-BV-100' && w.parentId === null)!;
    expect(orders.filter((w) => w.parentId === valve.id).every((w) => w.dueDate === due[0])).toBe(true);
  });

  it('released the valve and pump orders with the first operation dispatched, and held the gate valve', async () => {
    const orders = (await get<{ items: TWorkOrderSummary[] }>('/production/work-orders?pageSize=100')).items;
    const top = (code: string) => orders.find((w) => w.productCode === code && w.parentId === null)!;
    expect(top('FG-BV-100').status).toBe('released');
    expect(top('FG-PMP-150').status).toBe('released');
    expect(top('FG-CV-80').status).toBe('draft');
    expect(top('FG-GV-150')).toMatchObject({ status: 'on_hold', heldFromStatus: 'released' });
    expect(top('FG-GV-150').holdReason).toBeTruthy();
    const valve = await get<TWorkOrder>(`/production/work-orders/${top('FG-BV-100').id}`);
    expect(valve.operations[0]!.status).toBe('ready');
    expect(valve.operations[0]!.dispatchedAt).not.toBeNull();
    expect(valve.children.length).toBe(3);
    expect(orders.filter((w) => w.parentId === valve.id).every((w) => w.status === 'released')).toBe(true);
  });

  it('has the scrap and pause reason codes the terminal offers, once', async () => {
    const codes = await get<TReasonCode[]>('/production/reason-codes?active=true');
    expect(codes.length).toBe(DEMO_REASON_CODES.length);
    expect(codes.filter((c) => c.kind === 'scrap').map((c) => c.code)[0]).toBe('S01');
    expect(codes.filter((c) => c.kind === 'pause').map((c) => c.name)).toContain('待料');
  });
});

import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { shiftInstancesOf } from '../calendars/calendars.service.ts';
import { allWorkers } from '../labour/workers.service.ts';
import { todayIn } from '../production/definitions.ts';
import { createPlan, explodePlan, transitionPlan } from '../production/plans.service.ts';
import { moveOperation } from '../production/scheduling/schedule.service.ts';
import { dispatchOperation } from '../production/work-order-changes.service.ts';
import { getWorkOrder, transitionWorkOrder } from '../production/work-orders.service.ts';
import { seedCtx } from './demo-ctx.ts';

/**
 * [product, quantity, due in working days after the demo is made, priority]. Relative to that day, not
 * fixed days of the month: a demo made late in a month would otherwise have its orders late, and the
 * scheduler never moves a late order's operations, so an energy-aware run "from now" would save nothing.
 * Working days of the site's calendar, so a demo made before Sundays or a holiday week has as much time.
 */
const LINES: Array<[string, string, number, number]> = [
  ['FG-BV-100', '200', 4, 2],
  ['FG-PMP-150', '40', 12, 3],
  ['FG-GV-150', '60', 18, 5],
  ['FG-CV-80', '120', 22, 5],
];
/** released and dispatched (with their sub-assemblies); the gate valve is released, then held */
const RELEASED = ['FG-BV-100', 'FG-PMP-150', 'FG-GV-150'];
const HELD = 'FG-GV-150';
const HOLD_REASON = '等待阀体铸件到货（供应商延期至下周）';
/**
 * Operations the energy-aware scheduler may move out of peak tariff hours: the paint shop works from a
 * buffer of tested parts and its oven is a batch process, so when it sprays and cures does not matter as
 * long as the order ships on time; machining and assembly follow the people and the parts.
 */
export const DEMO_ENERGY_FLEXIBLE = ['PAINT', 'CURE'];

/** enough calendar days for the last due date's working days, with Sundays and a holiday week */
const HORIZON_DAYS = 40;

/**
 * The day `n` working days after `today`: the nth later day with a shift in the site's calendar, or
 * without one (no calendar) the nth calendar day.
 */
function workingDaysAfter(o: { today: string; shiftDays: string[]; n: number }): string {
  const later = [...new Set(o.shiftDays)].filter((d) => d > o.today).sort();
  return (
    later[o.n - 1] ??
    new Date(Date.parse(`${o.today}T00:00:00Z`) + o.n * 86_400_000).toISOString().slice(0, 10)
  );
}

/**
 * The demo's master production schedule from the day it is made to its last due date, confirmed and
 * exploded into work orders; the valve, pump and gate-valve orders released that day with each first
 * operation dispatched to the next shifts of the site's calendar and the work center's workers, their
 * paint-shop operations energy-flexible; the gate valve held. Once: does nothing when the tenant has any plan.
 */
export async function seedDemoWorkOrders({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM production_plans LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const [site] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM plant_nodes WHERE code = 'GY-SITE'`,
    );
    const materials = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM materials`)).map((m) => [
        m.code,
        m.id,
      ]),
    );
    if (!site || !LINES.every(([code]) => materials.has(code))) return;
    const today = todayIn(ctx.actor.timezone);
    const now = Date.now();
    const { instances } = await shiftInstancesOf(ctx, {
      siteId: site.id,
      from: now,
      to: now + HORIZON_DAYS * 86_400_000,
    }).catch(() => ({ instances: [] }));
    const shiftDays = instances.map((i) => i.date);
    const dueDates = LINES.map(([, , due]) => workingDaysAfter({ today, shiftDays, n: due }));
    const ym = today.slice(0, 7);
    const plan = await createPlan(ctx, {
      code: `MPS-${ym.replace('-', '')}`,
      siteId: site.id,
      periodStart: today,
      periodEnd: dueDates.reduce((a, b) => (a > b ? a : b)),
      description: `${today} 起主生产计划（示例）`,
      lines: LINES.map(([code, quantity, , priority], i) => ({
        productId: materials.get(code)!,
        quantity,
        dueDate: dueDates[i]!,
        priority,
      })),
    });
    await transitionPlan(ctx, plan.id, 'confirmed');
    const { workOrders } = await explodePlan(ctx, { id: plan.id });
    const shifts = instances.filter((i) => i.start > now);
    const released = new Set(
      workOrders
        .filter((w) => RELEASED.includes(w.productCode) && w.parentId === null)
        .flatMap((top) => [top.id, ...workOrders.filter((w) => w.parentId === top.id).map((w) => w.id)]),
    );
    let next = 0;
    for (const w of workOrders) {
      if (!released.has(w.id) || !w.bomId || !w.routingId) continue;
      await transitionWorkOrder(ctx, { id: w.id, action: 'release' });
      const order = await getWorkOrder(ctx, w.id);
      for (const flexible of order.operations.filter((o) => DEMO_ENERGY_FLEXIBLE.includes(o.code)))
        await moveOperation(ctx, { id: flexible.id, input: { isFlexible: true } });
      const op = order.operations[0];
      if (!op) continue;
      const shift = shifts[next++ % Math.max(shifts.length, 1)];
      const team = await allWorkers(ctx, { teamId: op.workCenterId, isActive: 'true' }).catch(() => []);
      await dispatchOperation(ctx, {
        id: w.id,
        seqNo: op.seqNo,
        input: {
          ...(shift ? { shiftDate: shift.date, shiftCode: shift.shiftCode } : {}),
          operatorIds: team.slice(0, 2).map((x) => x.id),
        },
      });
    }
    const held = workOrders.find((w) => w.productCode === HELD && w.parentId === null);
    if (held && released.has(held.id) && held.routingId)
      await transitionWorkOrder(ctx, { id: held.id, action: 'hold', reason: HOLD_REASON });
  });
}

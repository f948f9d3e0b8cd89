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

/** [product, quantity, due day of the month, priority] */
const LINES: Array<[string, string, number, number]> = [
  ['FG-BV-100', '200', 10, 2],
  ['FG-PMP-150', '40', 18, 3],
  ['FG-GV-150', '60', 24, 5],
  ['FG-CV-80', '120', 28, 5],
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

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The demo's master production schedule for the current month, confirmed and exploded into work
 * orders; the valve, pump and gate-valve orders released with each first operation dispatched to the
 * next shifts of the site's calendar and the work center's workers, their paint-shop operations
 * energy-flexible; the gate valve held. Once: does nothing when the tenant has any plan.
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
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const ym = today.slice(0, 7);
    const day = (d: number) => `${ym}-${String(Math.min(d, lastDay(year, month))).padStart(2, '0')}`;
    const plan = await createPlan(ctx, {
      code: `MPS-${ym.replace('-', '')}`,
      siteId: site.id,
      periodStart: day(1),
      periodEnd: day(31),
      description: `${ym} 月度主生产计划（示例）`,
      lines: LINES.map(([code, quantity, due, priority]) => ({
        productId: materials.get(code)!,
        quantity,
        dueDate: day(due),
        priority,
      })),
    });
    await transitionPlan(ctx, plan.id, 'confirmed');
    const { workOrders } = await explodePlan(ctx, { id: plan.id });
    const now = Date.now();
    const { instances } = await shiftInstancesOf(ctx, {
      siteId: site.id,
      from: now,
      to: now + 14 * 86_400_000,
    }).catch(() => ({ instances: [] }));
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

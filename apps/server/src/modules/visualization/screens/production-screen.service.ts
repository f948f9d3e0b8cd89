import { sql } from 'drizzle-orm';
import type { TJobReport, TProductionScreen, TScreenQuery, WorkOrderStatus } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { listExceptions } from '../../production/andon.service.ts';
import { listJobReports } from '../../production/job-reports.service.ts';
import { listReasonCodes } from '../../production/reason-codes.service.ts';
import { wipBoard } from '../../production/wip.service.ts';
import { findWorkOrders, getWorkOrder } from '../../production/work-orders.service.ts';
import { calendarBuckets } from '../../energy/metering/consumption.service.ts';
import { iso, localDate } from './screen-periods.ts';
import { screenContext, siteRef, type ScreenContext, type ScreenSite } from './screen-site.ts';

const PAGE = 200;
const OPEN_ORDERS = 12;
const OPEN: WorkOrderStatus[] = ['released', 'in_progress', 'on_hold'];
/** Orders whose quantity was meant for the day: not drafts, not cancelled. */
const PLANNED: WorkOrderStatus[] = ['released', 'in_progress', 'on_hold', 'completed', 'closed'];

/** Every job report of [from, to), page by page through the job-report service. */
async function reportsIn(ctx: Ctx, from: number, to: number): Promise<TJobReport[]> {
  const out: TJobReport[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listJobReports(ctx, {
      page,
      pageSize: PAGE,
      from: iso(from),
      to: iso(to),
    });
    out.push(...items);
    if (items.length < PAGE || out.length >= total) return out;
  }
}

/**
 * The work orders with an operation at one of the site's work centers, and those operations: what makes an
 * order, and a job report, the site's. Read straight from the orders' operations (one indexed query) rather
 * than order by order through the work-order service.
 */
async function siteWork(ctx: Ctx, site: ScreenSite) {
  const rows = await queryRows<{ id: string; work_order_id: string }>(
    ctx.tx,
    sql`SELECT id, work_order_id FROM work_order_operations
        WHERE work_center_id = ANY(${sql.param([...site.nodeIds])}::uuid[])`,
  );
  return {
    orderIds: new Set(rows.map((r) => r.work_order_id)),
    operationIds: new Set(rows.map((r) => r.id)),
  };
}

/** The open orders soonest due (of the site's when given), and how many there are. */
async function openOrders(ctx: Ctx, siteOrders: ReadonlySet<string> | null) {
  const filter = { status: OPEN, sort: 'dueDate', order: 'asc' } as const;
  if (!siteOrders) return findWorkOrders(ctx, filter, { limit: OPEN_ORDERS, offset: 0 });
  // the work-order filters know no site: take every open order and keep the site's
  const mine = (await findWorkOrders(ctx, filter, { limit: 10_000, offset: 0 })).items.filter((o) =>
    siteOrders.has(o.id),
  );
  return { items: mine.slice(0, OPEN_ORDERS), total: mine.length };
}

/**
 * Output vs plan, attainment, WIP, open orders' progress, today's scrap reasons and open Andon calls; of a
 * site when asked: the reports of operations at its work centers, the orders with work there, its WIP and Andon.
 */
export async function productionScreen(
  caller: Ctx,
  q: TScreenQuery,
  known?: ScreenContext,
): Promise<TProductionScreen> {
  const { ctx, periods, site } = known ?? (await screenContext(caller, q));
  const [dayStart, dayEnd] = periods.day;
  const atSite = site ? await siteWork(ctx, site) : null;
  const isSiteOrder = (id: string) => !atSite || atSite.orderIds.has(id);
  const board = await wipBoard(ctx, site ? { siteId: site.id } : {});
  const operations = board.workCenters.flatMap((c) => c.operations);
  const lastOps = new Set(operations.filter((o) => o.isLast).map((o) => o.operationId));

  const reports = (await reportsIn(ctx, dayStart, dayEnd)).filter(
    (r) => !atSite || atSite.operationIds.has(r.operationId),
  );
  // an order that left the board today (completed) still counts: its last operation comes from the order
  const onBoard = new Set(operations.map((o) => o.workOrderId));
  for (const id of new Set(reports.map((r) => r.workOrderId))) {
    if (onBoard.has(id)) continue;
    const order = await getWorkOrder(ctx, id);
    const last = order.operations.reduce((a, b) => (b.seqNo > a.seqNo ? b : a), order.operations[0]!);
    if (last) lastOps.add(last.id);
  }

  const { buckets: hours } = await calendarBuckets(ctx, iso(dayStart), iso(dayEnd), 'hour');
  const hourly: Array<[number, number]> = hours.map((h) => [h[0], 0]);
  let goodQty = 0;
  let scrapQty = 0;
  const scrapByCode = new Map<string | null, number>();
  for (const r of reports) {
    const scrap = Number(r.scrapQty);
    scrapQty += scrap;
    if (scrap > 0) scrapByCode.set(r.scrapReasonCode, (scrapByCode.get(r.scrapReasonCode) ?? 0) + scrap);
    if (!lastOps.has(r.operationId)) continue;
    const good = Number(r.goodQty);
    goodQty += good;
    const at = Date.parse(r.reportedAt);
    const hour = hourly.findIndex((_, i) => at >= hours[i]![0] && at < hours[i]![1]);
    if (hour >= 0) hourly[hour]![1] += good;
  }

  const today = localDate(dayStart, periods.timezone);
  const due = await findWorkOrders(
    ctx,
    { status: PLANNED, dueFrom: today, dueTo: today, sort: 'number', order: 'asc' },
    { limit: 10_000, offset: 0 },
  );
  const plannedQty = due.items.filter((o) => isSiteOrder(o.id)).reduce((s, o) => s + Number(o.quantity), 0);

  const codes = new Map((await listReasonCodes(ctx, { kind: 'scrap' })).map((c) => [c.code, c.name]));
  const scrapReasons = [...scrapByCode]
    .map(([code, quantity]) => ({ code, name: code === null ? '' : (codes.get(code) ?? code), quantity }))
    .sort((a, b) => b.quantity - a.quantity)
    .slice(0, 5);

  const goodByOrder = new Map(operations.filter((o) => o.isLast).map((o) => [o.workOrderId, Number(o.good)]));
  const open = await openOrders(ctx, atSite?.orderIds ?? null);
  const andon = await listExceptions(ctx, { page: 1, pageSize: 5, status: 'unresolved' });

  return {
    periods,
    site: siteRef(site),
    today: {
      goodQty,
      scrapQty,
      plannedQty,
      attainment: plannedQty > 0 ? goodQty / plannedQty : null,
      reports: reports.length,
    },
    hourly,
    wip: {
      waiting: Number(board.totals.waiting),
      inProcess: Number(board.totals.inProcess),
      done: Number(board.totals.done),
      orders: board.totals.orders,
      workCenters: board.workCenters.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        waiting: Number(c.totals.waiting),
        inProcess: Number(c.totals.inProcess),
      })),
    },
    orders: open.items.map((o) => {
      const quantity = Number(o.quantity);
      const good = goodByOrder.get(o.id) ?? 0;
      return {
        id: o.id,
        number: o.number,
        productName: o.productName,
        status: o.status,
        quantity,
        goodQty: good,
        progress: quantity > 0 ? Math.min(1, good / quantity) : 0,
        dueDate: o.dueDate,
      };
    }),
    openOrders: open.total,
    scrapReasons,
    andon: {
      unresolved: andon.total,
      items: andon.items.map((e) => ({
        id: e.id,
        kind: e.kind,
        severity: e.severity,
        isStopping: e.isStopping,
        description: e.description,
        workCenterName: e.workCenterName,
        raisedAt: e.raisedAt,
      })),
    },
  };
}

import type { TJobReport, TProductionScreen, TScreenQuery, WorkOrderStatus } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { listExceptions } from '../../production/andon.service.ts';
import { listJobReports } from '../../production/job-reports.service.ts';
import { listReasonCodes } from '../../production/reason-codes.service.ts';
import { wipBoard } from '../../production/wip.service.ts';
import { findWorkOrders, getWorkOrder } from '../../production/work-orders.service.ts';
import { calendarBuckets } from '../../energy/metering/consumption.service.ts';
import { iso, localDate, screenPeriods, type ScreenPeriods } from './screen-periods.ts';

const PAGE = 200;
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

/** Output vs plan, attainment, WIP, open orders' progress, today's scrap reasons and open Andon calls. */
export async function productionScreen(
  ctx: Ctx,
  q: TScreenQuery,
  known?: ScreenPeriods,
): Promise<TProductionScreen> {
  const periods = known ?? (await screenPeriods(ctx, q.at));
  const [dayStart, dayEnd] = periods.day;
  const board = await wipBoard(ctx, {});
  const operations = board.workCenters.flatMap((c) => c.operations);
  const lastOps = new Set(operations.filter((o) => o.isLast).map((o) => o.operationId));

  const reports = await reportsIn(ctx, dayStart, dayEnd);
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
  const plannedQty = due.items.reduce((s, o) => s + Number(o.quantity), 0);

  const codes = new Map((await listReasonCodes(ctx, { kind: 'scrap' })).map((c) => [c.code, c.name]));
  const scrapReasons = [...scrapByCode]
    .map(([code, quantity]) => ({ code, name: code === null ? '' : (codes.get(code) ?? code), quantity }))
    .sort((a, b) => b.quantity - a.quantity)
    .slice(0, 5);

  const goodByOrder = new Map(operations.filter((o) => o.isLast).map((o) => [o.workOrderId, Number(o.good)]));
  const open = await findWorkOrders(
    ctx,
    { status: ['released', 'in_progress', 'on_hold'], sort: 'dueDate', order: 'asc' },
    { limit: 12, offset: 0 },
  );
  const andon = await listExceptions(ctx, { page: 1, pageSize: 5, status: 'unresolved' });

  return {
    periods,
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

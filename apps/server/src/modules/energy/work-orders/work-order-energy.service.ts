import { sql } from 'drizzle-orm';
import type {
  EnergyMedium,
  EnergyUnit,
  TWorkCenterBalance,
  TWorkOrderEnergy,
  TWorkOrderEnergyByProduct,
  TWorkOrderEnergyByProductQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { ordersWorkedIn, runsOnWorkCenters, workOrderRuns } from '../../production/operation-runs.service.ts';
import { readSettings } from '../../platform/settings.service.ts';
import { baseUnitOf } from '../factors/library.ts';
import { calendarBuckets, type Bucket } from '../metering/consumption.service.ts';
import { fromQuanta } from './interval-allocation.ts';
import {
  addMedia,
  allocateWorkCenters,
  figureMaker,
  type MediaQuanta,
  type WorkCenterAllocation,
} from './work-center-energy.ts';

const HOUR = 3_600_000;
/** hourly buckets of every worked work center's meters: a year at most at once */
const MAX_DAYS = 366;
const iso = (ms: number) => new Date(ms).toISOString();
const hours = (ms: number) => ms / HOUR;

/** What an operation took on its work center, per medium and bucket. */
const mediaOf = (wc: WorkCenterAllocation | undefined, operationId: string): MediaQuanta =>
  new Map(
    [...(wc?.media ?? [])].flatMap(([medium, x]) => {
      const q = x.operations.get(operationId);
      return q ? [[medium, q] as const] : [];
    }),
  );

async function workCenterNames(ctx: Ctx, ids: string[]) {
  const rows = await queryRows<{ id: string; code: string; name: string }>(
    ctx.tx,
    sql`SELECT id, code, name FROM plant_nodes WHERE id = ANY(${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** A work center's balance over the buckets: metered = this scope's operations + others' + idle, per medium. */
function balanceOf(
  wc: WorkCenterAllocation,
  names: Map<string, { code: string; name: string }>,
  isMine: (operationId: string) => boolean,
  idleFigures: TWorkCenterBalance['idle'],
): TWorkCenterBalance {
  const total = (xs: number[]) => fromQuanta(xs.reduce((a, x) => a + x, 0));
  return {
    workCenterId: wc.workCenterId,
    workCenterCode: names.get(wc.workCenterId)?.code ?? '',
    workCenterName: names.get(wc.workCenterId)?.name ?? '',
    meters: wc.meters.map((m) => ({
      meterId: m.id,
      code: m.code,
      name: m.name,
      medium: m.medium,
      unit: m.unit,
      source: m.source,
      equipmentCode: m.equipment_code,
    })),
    media: [...wc.media]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([medium, x]) => {
        const ops = [...x.operations];
        return {
          medium,
          unit: baseUnitOf(medium) as EnergyUnit,
          metered: total(x.metered),
          allocated: total(ops.filter(([id]) => isMine(id)).flatMap(([, q]) => q)),
          otherOrders: total(ops.filter(([id]) => !isMine(id)).flatMap(([, q]) => q)),
          idle: total(x.idle),
        };
      }),
    idle: idleFigures,
  };
}

const idleMedia = (wc: WorkCenterAllocation): MediaQuanta =>
  new Map([...wc.media].map(([medium, x]) => [medium, x.idle]));

/**
 * GET /production/work-orders/:id/energy: each operation's share of its work center's metered energy, hour by
 * hour over the hours the order ran in, with tce, tCO₂ and per good unit; the work centers' idle energy apart.
 */
export async function workOrderEnergy(ctx: Ctx, id: string): Promise<TWorkOrderEnergy> {
  const { order, runs, goodQuantity } = await workOrderRuns(ctx, { workOrderId: id });
  const spans = [...runs.values()].flat();
  const notes: string[] = [];
  let buckets: Bucket[] = [];
  let timezone = (await readSettings(ctx.tx, ctx.actor.tenantId)).timezone;
  if (spans.length > 0) {
    const first = Math.min(...spans.map((s) => s.from));
    const last = Math.max(...spans.map((s) => s.to));
    ({ buckets, timezone } = await calendarBuckets(ctx, iso(first), iso(last), 'hour'));
  } else notes.push('no operation has run yet: no energy to allocate');
  const from = buckets[0]?.[0] ?? 0;
  const to = buckets.at(-1)?.[1] ?? 0;
  const workCenterIds = [
    ...new Set(order.operations.filter((o) => runs.has(o.id)).map((o) => o.workCenterId)),
  ];
  const allRuns = await runsOnWorkCenters(ctx, { workCenterIds, from, to });
  const allocation = await allocateWorkCenters(ctx, { buckets, workCenterIds, runs: allRuns });
  const { figures, basis, notes: figureNotes } = await figureMaker(ctx, buckets, timezone);
  const length = buckets.length;
  const total: MediaQuanta = new Map();
  const operations = order.operations.map((op) => {
    const wc = allocation.get(op.workCenterId);
    const media = runs.has(op.id) ? mediaOf(wc, op.id) : new Map<EnergyMedium, number[]>();
    addMedia(total, media, length);
    return {
      operationId: op.id,
      seqNo: op.seqNo,
      code: op.code,
      name: op.name,
      workCenterId: op.workCenterId,
      workCenterCode: op.workCenterCode,
      workCenterName: op.workCenterName,
      runningHours: hours(wc?.runningMs.get(op.id) ?? 0),
      unmeteredRunningHours: hours(wc?.unmeteredRunningMs.get(op.id) ?? 0),
      goodQuantity: op.goodQuantity,
      energy: figures(media, Number(op.goodQuantity)),
    };
  });
  const names = await workCenterNames(ctx, workCenterIds);
  const mine = new Set(order.operations.map((o) => o.id));
  const workCenters = [...allocation.values()].map((wc) => {
    if (wc.meters.length === 0)
      notes.push(`work center ${names.get(wc.workCenterId)?.code ?? wc.workCenterId} has no meter`);
    return balanceOf(wc, names, (opId) => mine.has(opId), figures(idleMedia(wc), null));
  });
  const result = {
    workOrderId: order.id,
    number: order.number,
    productCode: order.productCode,
    productName: order.productName,
    unitCode: order.unitCode,
    goodQuantity,
    from: buckets.length ? iso(from) : null,
    to: buckets.length ? iso(to) : null,
    operations,
    total: figures(total, Number(goodQuantity)),
    workCenters,
  };
  return { ...result, basis: basis(), notes: [...notes, ...figureNotes] };
}

/** Exact sum of decimal strings with up to 6 decimals (the quantity columns' scale). */
function addDecimals(xs: string[]): string {
  const micro = xs.reduce((a, x) => {
    const [int, frac = ''] = x.split('.');
    const sign = int!.startsWith('-') ? -1n : 1n;
    return a + sign * (BigInt(int!.replace('-', '')) * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6)));
  }, 0n);
  const abs = micro < 0n ? -micro : micro;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${micro < 0n ? '-' : ''}${abs / 1_000_000n}${frac ? `.${frac}` : ''}`;
}

/**
 * GET /energy/products/work-orders: the orders worked in [from, to) (whole hours), the energy their operations
 * took in the period and the good output their last operations reported in it, by product; idle apart.
 */
export async function workOrderEnergyByProduct(
  ctx: Ctx,
  q: TWorkOrderEnergyByProductQuery,
): Promise<TWorkOrderEnergyByProduct> {
  if (Date.parse(q.to) - Date.parse(q.from) > MAX_DAYS * 24 * HOUR)
    throw new AppError('VALIDATION', {}, [
      { path: 'querystring.to', message: `at most ${MAX_DAYS} days at once` },
    ]);
  const { buckets, timezone } = await calendarBuckets(ctx, q.from, q.to, 'hour');
  const from = buckets[0]![0];
  const to = buckets.at(-1)![1];
  const { orders, runs } = await ordersWorkedIn(ctx, { from, to });
  const workCenterIds = [...new Set(runs.map((r) => r.workCenterId))];
  const allocation = await allocateWorkCenters(ctx, { buckets, workCenterIds, runs });
  const { figures, basis, notes } = await figureMaker(ctx, buckets, timezone);
  const length = buckets.length;
  const orderMedia = new Map<string, MediaQuanta>();
  for (const r of runs) {
    const media = orderMedia.get(r.workOrderId) ?? new Map();
    addMedia(media, mediaOf(allocation.get(r.workCenterId), r.operationId), length);
    orderMedia.set(r.workOrderId, media);
  }
  const byProduct = new Map<string, typeof orders>();
  for (const o of orders) byProduct.set(o.productId, [...(byProduct.get(o.productId) ?? []), o]);
  const products = [...byProduct.values()].map((list) => {
    const media: MediaQuanta = new Map();
    for (const o of list) addMedia(media, orderMedia.get(o.workOrderId) ?? new Map(), length);
    const good = addDecimals(list.map((o) => o.goodQuantity));
    return {
      productId: list[0]!.productId,
      productCode: list[0]!.productCode,
      productName: list[0]!.productName,
      unitCode: list[0]!.unitCode,
      goodQuantity: good,
      energy: figures(media, Number(good)),
      orders: list.map((o) => {
        const e = figures(orderMedia.get(o.workOrderId) ?? new Map(), null);
        return {
          workOrderId: o.workOrderId,
          number: o.number,
          goodQuantity: o.goodQuantity,
          tceEquivalent: e.tceEquivalent,
          totalTco2: e.totalTco2,
        };
      }),
    };
  });
  const idle: MediaQuanta = new Map();
  for (const wc of allocation.values()) addMedia(idle, idleMedia(wc), length);
  const names = await workCenterNames(ctx, workCenterIds);
  const workCenters = [...allocation.values()].map((wc) =>
    balanceOf(wc, names, () => true, figures(idleMedia(wc), null)),
  );
  const idleFigures = figures(idle, null);
  return {
    from: iso(from),
    to: iso(to),
    products,
    idle: idleFigures,
    workCenters,
    basis: basis(),
    notes: [...notes],
  };
}

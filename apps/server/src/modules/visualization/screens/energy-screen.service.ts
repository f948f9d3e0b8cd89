import { sql } from 'drizzle-orm';
import type { TEnergyOverview, TEnergyScreen, TScreenQuery } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { allMeters } from '../../energy/metering/meters.service.ts';
import { deviceScope, latestValues } from '../../telemetry/devices.service.ts';
import { energyCost } from '../../energy/reports/cost.service.ts';
import { meterPlacement } from '../../energy/reports/boundary.ts';
import { energyFlow, energyOverview } from '../../energy/reports/reports.service.ts';
import { micro } from '../../energy/ledgers/ledger-scope.ts';
import { iso } from './screen-periods.ts';
import { screenContext, siteRef, type ScreenContext } from './screen-site.ts';

const media = (o: TEnergyOverview) =>
  o.byMedium.map((m) => ({
    medium: m.medium,
    unit: m.unit,
    quantity: m.quantity,
    tceEquivalent: m.tceEquivalent,
  }));

/**
 * The incomers' load now: an incomer (level-1 meter) reads a counter; the gauges of its medium on the same
 * device (a power meter's kW, a flow meter's m³/h) are what it draws at this moment.
 */
async function incomerLoads(ctx: Ctx, inSite: MeterFilter): Promise<TEnergyScreen['loads']> {
  const incomers = (await allMeters(ctx)).filter(
    (m) => m.is_enabled && m.level === 1 && m.source === 'telemetry' && m.metric_id !== null && inSite(m),
  );
  if (incomers.length === 0) return [];
  const scope = await deviceScope(ctx);
  const inScope = scope ? sql`AND ${scope}` : sql``;
  const counters = await latestValues(
    ctx,
    sql`m.id = ANY(${sql.param(incomers.map((m) => Number(m.metric_id)))}) ${inScope}`,
  );
  const deviceOf = new Map(counters.map((c) => [c.metricId, c.deviceId]));
  const loads: TEnergyScreen['loads'] = [];
  for (const meter of incomers) {
    const deviceId = deviceOf.get(Number(meter.metric_id));
    if (!deviceId) continue;
    const gauges = await latestValues(
      ctx,
      sql`d.id = ${deviceId} AND m.kind = 'gauge' AND m.energy_medium = ${meter.medium}`,
    );
    for (const g of gauges)
      loads.push({
        meterCode: meter.code,
        meterName: meter.name,
        medium: meter.medium,
        metricId: g.metricId,
        name: g.name,
        unitCode: g.unitCode,
        value: g.value,
        ts: g.ts,
      });
  }
  return loads;
}

type MeterFilter = (m: { id: string; node_id: string | null; equipment_id: string | null }) => boolean;

/** Σ of decimal strings (yuan), exactly: in millionths, as the energy ledgers add them. */
function sumDecimals(values: string[]): string {
  const total = values.reduce((a, v) => a + micro(v), 0n);
  const sign = total < 0n ? '-' : '';
  const abs = total < 0n ? -total : total;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${abs / 1_000_000n}${frac ? `.${frac}` : ''}`;
}

/**
 * Today and this month at the boundary by medium, the month's daily trend, time-of-use split, cost and flow;
 * for a site, its boundary (level-1 meters placed in it), as the energy reports' site filter draws it.
 */
export async function energyScreen(
  caller: Ctx,
  q: TScreenQuery,
  known?: ScreenContext,
): Promise<TEnergyScreen> {
  const { ctx, periods, site } = known ?? (await screenContext(caller, q));
  const [dayStart, dayEnd] = periods.day;
  const [monthStart, monthEnd] = periods.month;
  const siteId = site ? { siteId: site.id } : {};
  const today = await energyOverview(ctx, {
    from: iso(dayStart),
    to: iso(dayEnd),
    granularity: 'day',
    ...siteId,
  });
  const month = await energyOverview(ctx, {
    from: iso(monthStart),
    to: iso(monthEnd),
    granularity: 'day',
    ...siteId,
  });
  const cost = await energyCost(ctx, { from: iso(monthStart), to: iso(monthEnd) });
  const inSite: MeterFilter = site ? (await meterPlacement(ctx))(site.id) : () => true;
  const siteMeters = new Set((await allMeters(ctx)).filter(inSite).map((m) => m.id));

  const incomers = cost.meters.filter((m) => m.level === 1 && m.cost && siteMeters.has(m.meterId));
  const byPeriod = new Map<string, number>();
  for (const m of incomers.filter((x) => x.medium === 'electricity'))
    for (const p of m.cost!.byPeriod) byPeriod.set(p.period, (byPeriod.get(p.period) ?? 0) + p.quantity);
  const costed = [...byPeriod.values()].reduce((a, b) => a + b, 0);

  return {
    periods,
    site: siteRef(site),
    today: { byMedium: media(today), tce: today.totalTceEquivalent },
    month: {
      byMedium: media(month),
      tce: month.totalTceEquivalent,
      previousTce: month.previousTceEquivalent,
    },
    trend: month.trend,
    electricityByPeriod: [...byPeriod].map(([period, quantity]) => ({
      period,
      quantity,
      share: costed > 0 ? quantity / costed : 0,
    })),
    monthCost: !incomers.length
      ? null
      : site
        ? sumDecimals(incomers.map((m) => m.cost!.totalCost))
        : cost.totalCost,
    topConsumers: month.byArea
      .filter((a) => a.tceEquivalent > 0)
      .map((a) => ({ name: a.nodeName ?? a.meters.join(', '), tce: a.tceEquivalent }))
      .sort((a, b) => b.tce - a.tce)
      .slice(0, 8),
    flow: await energyFlow(ctx, { from: iso(monthStart), to: iso(monthEnd), ...siteId }),
    loads: await incomerLoads(ctx, inSite),
  };
}

import type {
  TCarbonCalcRequest,
  TEnergyFlow,
  TEnergyOverview,
  TGhgInventory,
  TReportPeriodQuery,
} from '@greenmes/contracts';
import { ZCarbonCalcRequest } from '@greenmes/contracts';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { readSettings } from '../../platform/settings.service.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { calculateCarbon, sum, type YearFactors } from '../calc/engine.ts';
import { yearFactors } from '../energy.service.ts';
import { COAL_COEFFICIENTS, COMBUSTION_DEFAULTS } from '../factors/library.ts';
import { economicsFor } from '../ledgers/economics.service.ts';
import { calendarBuckets, type Bucket } from '../metering/consumption.service.ts';
import { boundarySeries, total, type MediumSeries } from './boundary.ts';

const YEAR_MS = 365.2425 * 86_400_000;
/** Default enthalpy of purchased steam when none is metered: saturated steam at about 0.8 MPa. */
const DEFAULT_STEAM_ENTHALPY = 2777;
const DEFAULT_HOT_WATER_C = 80;

/** YYYY-MM of the first and last instant of [from, to) in the time zone (the economic figures are monthly). */
export function monthsOf(from: number, to: number, timezone: string) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' });
  return { from: f.format(from).slice(0, 7), to: f.format(to - 1).slice(0, 7) };
}
export const yearOf = (ms: number, timezone: string) =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric' }).format(ms));

async function economics(ctx: Ctx, from: number, to: number, timezone: string, siteId?: string) {
  const e = await economicsFor(ctx, { ...monthsOf(from, to, timezone), siteIds: siteId ? [siteId] : null });
  return e.monthsReported === 0
    ? null
    : {
        grossOutputValue10kYuan: Number(e.grossOutputValue),
        valueAdded10kYuan: Number(e.valueAdded),
        monthsReported: e.monthsReported,
      };
}

/** Boundary tce (equivalent) over [from, to), one bucket: month-on-month and year-on-year comparisons. */
async function boundaryTce(
  ctx: Ctx,
  from: number,
  to: number,
  timezone: string,
  siteId?: string,
): Promise<number | null> {
  const { media } = await boundarySeries(ctx, [[from, to]], timezone, 2, siteId);
  return total(media.map((m) => m.tce[0] ?? null));
}

const equalOf = (m: MediumSeries, tce: number | null, quantity: number, year: YearFactors) =>
  tce === null
    ? null
    : m.medium === 'electricity'
      ? (quantity * year.electricityEqualValueKgcePerKwh.value) / 1000
      : tce;

/** Energy overview: the boundary by medium in physical units and tce, trend, areas, intensities, comparisons. */
export async function energyOverview(ctx: Ctx, q: TReportPeriodQuery): Promise<TEnergyOverview> {
  const { buckets, timezone } = await calendarBuckets(ctx, q.from, q.to, q.granularity);
  const from = buckets[0]![0];
  const to = buckets.at(-1)![1];
  const { media, meters, tceOf } = await boundarySeries(ctx, buckets, timezone, 2, q.siteId);
  const year = await yearFactors(ctx, yearOf(from, timezone));
  const byMedium = media.map((m) => {
    const quantity = total(m.quantities) ?? 0;
    const tce = total(m.tce);
    return {
      medium: m.medium,
      unit: m.unit,
      quantity,
      meters: m.meters,
      kgcePerUnit:
        tce !== null && quantity > 0
          ? (tce * 1000) / quantity
          : (COAL_COEFFICIENTS.get(m.medium)?.value ?? null),
      factorSource: m.sources.size ? [...m.sources].join('; ') : null,
      tceEquivalent: tce,
      tceEqual: equalOf(m, tce, quantity, year),
      quality: { metered: m.metered, manual: m.manual },
    };
  });
  const totalTceEquivalent = sum(byMedium.map((m) => m.tceEquivalent ?? 0));
  const totalTceEqual = sum(byMedium.map((m) => m.tceEqual ?? 0));
  const areas = new Map<
    string,
    { nodeId: string | null; nodeName: string | null; tceEquivalent: number; meters: string[] }
  >();
  for (const m of meters.filter((x) => x.level === 2 && x.source !== 'formula')) {
    const key = m.node_id ?? '';
    const a = areas.get(key) ?? { nodeId: m.node_id, nodeName: m.node_name, tceEquivalent: 0, meters: [] };
    a.tceEquivalent += total(tceOf(m)) ?? 0;
    a.meters.push(m.code);
    areas.set(key, a);
  }
  const econ = await economics(ctx, from, to, timezone, q.siteId);
  const per = (d: number | undefined) =>
    d ? { equivalent: totalTceEquivalent / d, equal: totalTceEqual / d } : null;
  const span = to - from;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timezone,
    granularity: q.granularity,
    byMedium,
    totalTceEquivalent,
    totalTceEqual,
    trend: buckets.map((b, i) => [b[0], total(media.map((m) => m.tce[i] ?? null))]),
    byArea: [...areas.values()].sort((x, y) => y.tceEquivalent - x.tceEquivalent),
    economics: econ,
    perOutputValueTce: per(econ?.grossOutputValue10kYuan),
    perValueAddedTce: per(econ?.valueAdded10kYuan),
    previousTceEquivalent: await boundaryTce(ctx, from - span, from, timezone, q.siteId),
    lastYearTceEquivalent: await boundaryTce(
      ctx,
      from - Math.round(YEAR_MS),
      to - Math.round(YEAR_MS),
      timezone,
      q.siteId,
    ),
  };
}

type Line = TGhgInventory['dataQuality'][number];
interface Activity {
  code: string;
  kind: string;
  unit: string;
  factor: number | null;
  /** the source's monthly quantities spread over the buckets by time */
  perBucket: number[];
}
type Extra = Activity[];

/** Monthly activity of the carbon sources, each month spread over the buckets it overlaps. */
async function sourceActivity(ctx: Ctx, buckets: Bucket[], timezone: string): Promise<Extra> {
  const from = new Date(buckets[0]![0]).toISOString();
  const to = new Date(buckets.at(-1)![1]).toISOString();
  const rows = await queryRows<{
    code: string;
    kind: string;
    unit: string;
    emission_factor: number | null;
    quantity: number;
    s: Date | string;
    e: Date | string;
  }>(
    ctx.tx,
    sql`SELECT c.code, c.kind, c.unit, c.emission_factor, a.quantity,
          (a.month::timestamp AT TIME ZONE ${timezone}) AS s,
          ((a.month + interval '1 month')::timestamp AT TIME ZONE ${timezone}) AS e
        FROM carbon_activity a JOIN carbon_sources c ON c.tenant_id = a.tenant_id AND c.id = a.source_id
        WHERE (a.month::timestamp AT TIME ZONE ${timezone}) < ${to}::timestamptz
          AND ((a.month + interval '1 month')::timestamp AT TIME ZONE ${timezone}) > ${from}::timestamptz`,
  );
  const byCode = new Map<string, Activity>();
  for (const r of rows) {
    const a = byCode.get(r.code) ?? {
      code: r.code,
      kind: r.kind,
      unit: r.unit,
      factor: r.emission_factor,
      perBucket: buckets.map(() => 0),
    };
    const s = new Date(r.s).getTime();
    const e = new Date(r.e).getTime();
    buckets.forEach(([bs, be], i) => {
      const overlap = Math.min(be, e) - Math.max(bs, s);
      if (overlap > 0) a.perBucket[i]! += (r.quantity * overlap) / (e - s);
    });
    byCode.set(r.code, a);
  }
  return [...byCode.values()];
}

/** The carbon request of one bucket (or of the whole period, i = null) from the boundary consumption. */
export function carbonInput(
  media: MediumSeries[],
  i: number | null,
  extra: Extra,
  lines?: Line[],
  excluded?: TGhgInventory['excluded'],
) {
  const qty = (m: MediumSeries) => (i === null ? (total(m.quantities) ?? 0) : (m.quantities[i] ?? 0));
  const input: TCarbonCalcRequest = ZCarbonCalcRequest.parse({});
  const share = (a: Activity) => (i === null ? sum(a.perBucket) : (a.perBucket[i] ?? 0));
  for (const a of extra) {
    const q = share(a);
    if (a.kind === 'process')
      input.process.push({ name: a.code, activity: q, unit: a.unit, emissionFactorTco2PerUnit: a.factor! });
    else if (a.kind === 'recovered_co2') input.recoveredTco2 += q;
    else if (a.kind === 'exported_electricity') input.exportedElectricityMWh += q;
    else if (a.kind === 'exported_heat') input.exportedHeatGj += q;
  }
  for (const m of media) {
    const quantity = qty(m);
    const quality = { metered: m.metered, manual: m.manual };
    const line = (factor: Line['factor'], note: string | null) =>
      lines?.push({
        line: m.meters.join(' + '),
        medium: m.medium,
        quantity,
        unit: m.unit,
        quality,
        factor,
        note,
      });
    if (COMBUSTION_DEFAULTS.has(m.medium)) {
      input.combustion.push({ fuel: m.medium, quantity, unit: m.unit });
      line('default', 'GB/T 32151 default NCV, carbon content and oxidation rate');
    } else if (m.medium === 'electricity') {
      input.purchasedElectricityMWh += quantity / 1000; // kWh
      line('default', "the reporting year's grid emission factor");
    } else if (m.medium === 'steam') {
      input.purchasedHeat.push({
        kind: 'steam',
        tonnes: quantity / 1000,
        enthalpyKjPerKg: DEFAULT_STEAM_ENTHALPY,
      });
      line('default-to-confirm', `enthalpy ${DEFAULT_STEAM_ENTHALPY} kJ/kg assumed (saturated, ≈ 0.8 MPa)`);
    } else if (m.medium === 'hot_water') {
      input.purchasedHeat.push({
        kind: 'hot_water',
        tonnes: quantity / 1000,
        temperatureC: DEFAULT_HOT_WATER_C,
      });
      line('default-to-confirm', `supply temperature ${DEFAULT_HOT_WATER_C} °C assumed`);
    } else if (m.medium === 'heat') {
      input.purchasedHeat.push({ kind: 'heat', gj: quantity / 1000 }); // MJ
      line('default', 'purchased-heat factor of the reporting year');
    } else if (m.medium === 'new_water' || m.medium === 'compressed_air') {
      // energy-bearing working media: counted in energy, not a GHG source of GB/T 32150
    } else if (quantity > 0)
      excluded?.push({
        medium: m.medium,
        quantity,
        unit: m.unit,
        reason: `no default combustion parameters for ${m.medium}: enter measured NCV, carbon content and oxidation (carbon calculator)`,
      });
  }
  return input;
}

/** GHG inventory (GB/T 32150) of [from, to) from the boundary meters: totals, per period, data quality. */
export async function ghgInventory(ctx: Ctx, q: TReportPeriodQuery): Promise<TGhgInventory> {
  const { buckets, timezone } = await calendarBuckets(ctx, q.from, q.to, q.granularity);
  const from = buckets[0]![0];
  const to = buckets.at(-1)![1];
  const { media } = await boundarySeries(ctx, buckets, timezone, 2, q.siteId);
  // the carbon sources (process, biomass, recovered CO₂, exports) are kept for the whole enterprise
  const extra = q.siteId ? [] : await sourceActivity(ctx, buckets, timezone);
  const notes = q.siteId
    ? [
        'site view: the enterprise-wide carbon sources (process emissions, biomass, recovered CO₂, exports) are in the enterprise inventory only',
      ]
    : [];
  const factors = new Map<number, YearFactors>();
  const factorsFor = async (b: Bucket) => {
    const y = yearOf(b[0], timezone);
    if (!factors.has(y)) factors.set(y, await yearFactors(ctx, y));
    return factors.get(y)!;
  };
  const periods = [];
  for (const [i, b] of buckets.entries()) {
    const r = calculateCarbon(carbonInput(media, i, extra), await factorsFor(b));
    periods.push({
      start: b[0],
      processTco2: r.processTco2,
      exportedTco2: r.exportedTco2,
      recoveredTco2: r.recoveredTco2,
      combustionTco2: r.combustionTco2,
      purchasedElectricityTco2: r.purchasedElectricityTco2,
      purchasedHeatTco2: r.purchasedHeatTco2,
      scope1Tco2: r.scope1Tco2,
      scope2Tco2: r.scope2Tco2,
      totalTco2: r.totalTco2,
    });
  }
  const dataQuality: Line[] = [];
  const excluded: TGhgInventory['excluded'] = [];
  const totals = calculateCarbon(
    carbonInput(media, null, extra, dataQuality, excluded),
    await factorsFor(buckets[0]!),
  );
  // the whole-period electricity, heat and exports use each bucket's year factors: take them from the periods
  totals.purchasedElectricityTco2 = sum(periods.map((p) => p.purchasedElectricityTco2));
  totals.purchasedHeatTco2 = sum(periods.map((p) => p.purchasedHeatTco2));
  totals.exportedTco2 = sum(periods.map((p) => p.exportedTco2));
  for (const a of extra) {
    const quantity = sum(a.perBucket);
    const unit = a.kind === 'exported_electricity' ? 'MWh' : a.kind === 'exported_heat' ? 'GJ' : null;
    dataQuality.push({
      line: a.code,
      medium: a.kind === 'exported_electricity' ? 'electricity' : 'heat',
      quantity,
      unit: unit ?? 'GJ',
      quality: { metered: 0, manual: quantity },
      factor: a.kind === 'process' || a.kind === 'biomass' ? 'measured' : 'default',
      note: `${a.kind}: ${quantity} ${a.unit} entered by month`,
    });
  }
  totals.scope2Tco2 = totals.purchasedElectricityTco2 + totals.purchasedHeatTco2 - totals.exportedTco2;
  totals.totalTco2 = totals.scope1Tco2 + totals.scope2Tco2;
  const econ = await economics(ctx, from, to, timezone, q.siteId);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timezone,
    totals,
    periods,
    biomassTco2: sum(
      extra.filter((a) => a.kind === 'biomass').map((a) => sum(a.perBucket) * (a.factor ?? 0)),
    ),
    excluded,
    economics: econ
      ? { grossOutputValue10kYuan: econ.grossOutputValue10kYuan, monthsReported: econ.monthsReported }
      : null,
    perOutputValueTco2:
      econ && econ.grossOutputValue10kYuan > 0 ? totals.totalTco2 / econ.grossOutputValue10kYuan : null,
    dataQuality,
    siteId: q.siteId ?? null,
    notes,
  };
}

/**
 * Energy flow over [from, to) in tce: purchased media into the boundary (level 1), each medium into the areas of
 * its level-2 meters and its unexplained remainder (losses, unmetered), each area into the equipment of its
 * level-3 meters and the rest. A flow is never more than what feeds it (negative remainders are shown as 0).
 */
export async function energyFlow(
  ctx: Ctx,
  q: { from: string; to: string; siteId?: string | undefined },
): Promise<TEnergyFlow> {
  if (Date.parse(q.to) <= Date.parse(q.from))
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must be after from' }]);
  const timezone = (await readSettings(ctx.tx, ctx.actor.tenantId)).timezone;
  const bucket: Bucket = [Date.parse(q.from), Date.parse(q.to)];
  const { media, meters, tceOf } = await boundarySeries(ctx, [bucket], timezone, 3, q.siteId);
  const nodes = new Map<string, TEnergyFlow['nodes'][number]>();
  const links: TEnergyFlow['links'] = [];
  const node = (id: string, name: string, kind: TEnergyFlow['nodes'][number]['kind']) => {
    if (!nodes.has(id)) nodes.set(id, { id, name, kind });
    return id;
  };
  const link = (source: string, target: string, tce: number) => {
    if (tce > 0) links.push({ source, target, tce });
  };
  const tce = (m: (typeof meters)[number]) => tceOf(m)[0] ?? 0;
  for (const m of media) {
    const into = m.tce[0] ?? 0;
    if (into <= 0) continue;
    const medium = node(`medium:${m.medium}`, m.medium, 'medium');
    link(node(`source:${m.medium}`, `purchased ${m.medium}`, 'source'), medium, into);
    const parents = meters.filter((x) => x.level === 1 && x.medium === m.medium).map((x) => x.id);
    const subs = meters.filter(
      (x) => x.level === 2 && x.source !== 'formula' && x.parent_id && parents.includes(x.parent_id),
    );
    let explained = 0;
    const areaTotals = new Map<string, { name: string; tce: number; meterIds: string[] }>();
    for (const s of subs) {
      const key = s.node_id ?? `meter:${s.id}`;
      const a = areaTotals.get(key) ?? { name: s.node_name ?? s.name, tce: 0, meterIds: [] };
      a.tce += tce(s);
      a.meterIds.push(s.id);
      areaTotals.set(key, a);
    }
    for (const [key, a] of areaTotals) {
      const area = node(`area:${key}`, a.name, 'area');
      link(medium, area, a.tce);
      explained += a.tce;
      // level-3 meters below this area's meters, by equipment
      let below = 0;
      for (const e of meters.filter(
        (x) => x.level === 3 && x.parent_id && a.meterIds.includes(x.parent_id),
      )) {
        const v = tce(e);
        link(area, node(`equipment:${e.equipment_id ?? e.id}`, e.equipment_code ?? e.name, 'equipment'), v);
        below += v;
      }
      if (below > 0)
        link(area, node(`other:${key}`, `${a.name} · other`, 'other'), Math.max(0, a.tce - below));
    }
    if (subs.length > 0)
      link(
        medium,
        node(`loss:${m.medium}`, `${m.medium} losses and unmetered`, 'loss'),
        Math.max(0, into - explained),
      );
  }
  return {
    from: new Date(bucket[0]).toISOString(),
    to: new Date(bucket[1]).toISOString(),
    nodes: [...nodes.values()].filter((n) => links.some((l) => l.source === n.id || l.target === n.id)),
    links,
  };
}

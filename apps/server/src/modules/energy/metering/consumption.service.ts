import { sql } from 'drizzle-orm';
import type {
  EnergyUnit,
  GRANULARITIES,
  TConsumptionQuery,
  TConsumptionResult,
  TMeterConsumption,
} from '@greenmes/contracts';
import { ENERGY_UNITS } from '@greenmes/contracts';
import { shiftInstancesOf, sitesWithCalendars } from '../../calendars/calendars.service.ts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { readSettings } from '../../platform/settings.service.ts';
import { bucketSeries } from '../../telemetry/series.service.ts';
import { unitRatio } from '../calc/units.ts';
import { sum } from '../calc/engine.ts';
import { COAL_COEFFICIENTS, libraryKgcePer } from '../factors/library.ts';
import { parseFormula } from './formula.ts';
import { allMeters, type MeterRow } from './meters.service.ts';

/** [start, end) in epoch ms */
export type Bucket = [number, number];
const MAX_BUCKETS = 10_000;

/** Calendar buckets of the enterprise's time zone covering [from, to): hours, days, months or years. */
export async function calendarBuckets(
  ctx: Ctx,
  from: string,
  to: string,
  granularity: (typeof GRANULARITIES)[number],
): Promise<{ buckets: Bucket[]; timezone: string }> {
  const timezone = (await readSettings(ctx.tx, ctx.actor.tenantId)).timezone;
  if (Date.parse(to) <= Date.parse(from))
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must be after from' }]);
  const rows = await queryRows<{ s: Date | string; e: Date | string }>(
    ctx.tx,
    sql`SELECT (g AT TIME ZONE ${timezone}) AS s, ((g + ${`1 ${granularity}`}::interval) AT TIME ZONE ${timezone}) AS e
        FROM generate_series(date_trunc(${granularity}, ${from}::timestamptz AT TIME ZONE ${timezone}),
                             (${to}::timestamptz AT TIME ZONE ${timezone}) - interval '1 microsecond',
                             ${`1 ${granularity}`}::interval) g
        LIMIT ${MAX_BUCKETS + 1}`,
  );
  if (rows.length > MAX_BUCKETS)
    throw new AppError('VALIDATION', {}, [
      {
        path: 'querystring.granularity',
        message: `more than ${MAX_BUCKETS} buckets: choose a coarser granularity`,
      },
    ]);
  return { buckets: rows.map((r) => [new Date(r.s).getTime(), new Date(r.e).getTime()]), timezone };
}

/** index of the bucket containing t, or -1 */
function bucketOf(buckets: Bucket[], t: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = buckets[mid]!;
    if (t < s) hi = mid - 1;
    else if (t >= e) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Adds `quantity`, spread evenly over [a, b), to the buckets it overlaps. */
function spread(into: Array<number | null>, buckets: Bucket[], a: number, b: number, quantity: number) {
  if (b <= a) return;
  for (let i = Math.max(0, bucketOf(buckets, a)); i < buckets.length; i++) {
    const [s, e] = buckets[i]!;
    if (s >= b) break;
    const overlap = Math.min(b, e) - Math.max(a, s);
    if (overlap > 0) into[i] = (into[i] ?? 0) + (quantity * overlap) / (b - a);
  }
}

const isEnergyUnit = (u: string | null): u is EnergyUnit =>
  !!u && (ENERGY_UNITS as readonly string[]).includes(u);

/**
 * Consumption of meters per bucket, in each meter's unit: telemetry counters from the rollups' delta (resets and
 * rollovers already handled) × multiplier; manual meters from consecutive readings (a drop is a register reset:
 * the new reading counts from 0) and consumption records, each spread over its time pro rata; virtual meters by
 * their formula, bucket by bucket. A bucket nothing measured is null, never 0.
 */
export async function consumptionOf(
  ctx: Ctx,
  meters: MeterRow[],
  buckets: Bucket[],
  resolution: '1m' | '1h' | '1d',
  /** every meter of the enterprise, when the caller has them already */
  all?: MeterRow[],
): Promise<Map<string, Array<number | null>>> {
  all ??= await allMeters(ctx);
  const byCode = new Map(all.map((m) => [m.code, m]));
  // the meters asked for and every meter their formulas need
  const needed = new Map<string, MeterRow>();
  const want = (m: MeterRow) => {
    if (needed.has(m.id)) return;
    needed.set(m.id, m);
    if (m.source === 'formula' && m.formula) {
      const p = parseFormula(m.formula);
      if ('terms' in p) for (const t of p.terms) if (byCode.has(t.code)) want(byCode.get(t.code)!);
    }
  };
  meters.forEach(want);
  const out = new Map<string, Array<number | null>>();
  if (buckets.length === 0) return out;
  const from = buckets[0]![0];
  const to = buckets.at(-1)![1];

  // telemetry
  const telemetry = [...needed.values()].filter((m) => m.source === 'telemetry' && m.metric_id !== null);
  if (telemetry.length > 0) {
    const ids = telemetry.map((m) => Number(m.metric_id));
    const units = new Map(
      (
        await queryRows<{ id: string; unit_code: string | null }>(
          ctx.tx,
          sql`SELECT id, unit_code FROM metrics WHERE id = ANY(${sql.param(ids)})`,
        )
      ).map((r) => [Number(r.id), r.unit_code]),
    );
    const series = await bucketSeries(ctx, ids, from, to, resolution);
    for (const m of telemetry) {
      const id = Number(m.metric_id);
      const unit = units.get(id) ?? null;
      const ratio = (isEnergyUnit(unit) ? unitRatio(unit, m.unit) : null) ?? 1;
      const values: Array<number | null> = buckets.map(() => null);
      for (const b of series.get(id) ?? []) {
        const i = bucketOf(buckets, b.t);
        if (i >= 0 && b.delta !== null) values[i] = (values[i] ?? 0) + b.delta * m.multiplier * ratio;
      }
      out.set(m.id, values);
    }
  }

  // manual: readings (with the last before and the first after the range) and consumption records
  const manual = [...needed.values()].filter((m) => m.source === 'manual');
  if (manual.length > 0) {
    const ids = manual.map((m) => m.id);
    const iso = (ms: number) => new Date(ms).toISOString();
    const rows = await queryRows<{
      meter_id: string;
      kind: string;
      ts: Date | string;
      period_end: Date | string | null;
      value: number;
    }>(
      ctx.tx,
      sql`SELECT meter_id, kind, ts, period_end, value FROM meter_records r
          WHERE meter_id = ANY(${sql.param(ids)}) AND (
            (kind = 'consumption' AND ts < ${iso(to)}::timestamptz AND period_end > ${iso(from)}::timestamptz)
            OR (kind = 'reading' AND ts >= coalesce((SELECT max(ts) FROM meter_records p WHERE p.meter_id = r.meter_id
                  AND p.kind = 'reading' AND p.ts <= ${iso(from)}::timestamptz), '-infinity')
                AND ts <= coalesce((SELECT min(ts) FROM meter_records n WHERE n.meter_id = r.meter_id
                  AND n.kind = 'reading' AND n.ts >= ${iso(to)}::timestamptz), 'infinity')))
          ORDER BY meter_id, ts`,
    );
    for (const m of manual) {
      const values: Array<number | null> = buckets.map(() => null);
      const mine = rows.filter((r) => r.meter_id === m.id);
      const readings = mine.filter((r) => r.kind === 'reading');
      for (let k = 1; k < readings.length; k++) {
        const a = readings[k - 1]!;
        const b = readings[k]!;
        const used = b.value >= a.value ? b.value - a.value : b.value; // a drop: the register was reset
        spread(values, buckets, new Date(a.ts).getTime(), new Date(b.ts).getTime(), used * m.multiplier);
      }
      for (const c of mine.filter((r) => r.kind === 'consumption'))
        spread(
          values,
          buckets,
          new Date(c.ts).getTime(),
          new Date(c.period_end!).getTime(),
          c.value * m.multiplier,
        );
      out.set(m.id, values);
    }
  }

  // virtual: formulas over the others, evaluated once each
  const evaluating = new Set<string>();
  const evaluate = (m: MeterRow): Array<number | null> => {
    const done = out.get(m.id);
    if (done) return done;
    const values: Array<number | null> = buckets.map(() => null);
    const p = m.formula ? parseFormula(m.formula) : null;
    if (p && 'terms' in p && !evaluating.has(m.id)) {
      evaluating.add(m.id);
      const parts = p.terms.flatMap((t) => {
        const ref = byCode.get(t.code);
        return ref ? [{ sign: t.sign, values: evaluate(ref), ratio: unitRatio(ref.unit, m.unit) ?? 1 }] : [];
      });
      for (let i = 0; i < buckets.length; i++) {
        const present = parts.filter((x) => x.values[i] !== null);
        if (present.length > 0) values[i] = sum(present.map((x) => x.sign * x.values[i]! * x.ratio));
      }
      evaluating.delete(m.id);
    }
    out.set(m.id, values);
    return values;
  };
  for (const m of needed.values()) if (m.source === 'formula') evaluate(m);
  return out;
}

/** kgce per unit of the meter on a day: the enterprise's override valid then, else the library's. */
async function coefficients(ctx: Ctx) {
  const overrides = await queryRows<{
    medium: string;
    kgce_per_unit: number;
    unit: EnergyUnit;
    valid_from: string;
    valid_to: string | null;
    source: string;
  }>(
    ctx.tx,
    sql`SELECT medium, kgce_per_unit, unit, valid_from::text AS valid_from, valid_to::text AS valid_to, source
        FROM energy_coefficient_overrides`,
  );
  return (m: MeterRow, day: string): { kgcePerUnit: number; source: string } | null => {
    const o = overrides.find(
      (x) => x.medium === m.medium && x.valid_from <= day && (x.valid_to === null || x.valid_to >= day),
    );
    const oRatio = o ? unitRatio(m.unit, o.unit) : null;
    if (o && oRatio !== null)
      return { kgcePerUnit: o.kgce_per_unit * oRatio, source: `enterprise override: ${o.source}` };
    const kgcePerUnit = libraryKgcePer(m.medium, m.unit);
    return kgcePerUnit === null ? null : { kgcePerUnit, source: COAL_COEFFICIENTS.get(m.medium)!.source };
  };
}

/**
 * Converts a meter's bucket quantities to tce (equivalent value) with the coefficient of each bucket's day
 * in the time zone: per bucket (null where nothing was measured or no coefficient applies) and the sources.
 */
export async function tceConverter(ctx: Ctx, buckets: Bucket[], timezone: string) {
  const coefficientOn = await coefficients(ctx);
  const dayOf = dayIn(timezone);
  return (m: MeterRow, quantities: Array<number | null>) => {
    const sources = new Set<string>();
    const tce = quantities.map((q, i) => {
      const c = q === null ? null : coefficientOn(m, dayOf(buckets[i]![0]));
      if (q === null || !c) return null;
      sources.add(c.source);
      return (q * c.kgcePerUnit) / 1000;
    });
    return { tce, sources };
  };
}

/** YYYY-MM-DD of an instant in a time zone. */
const dayIn = (timezone: string) => {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone });
  return (ms: number) => f.format(ms);
};

/** GET /energy/consumption: per meter and calendar bucket, totals and tce. */
export async function getConsumption(ctx: Ctx, query: TConsumptionQuery): Promise<TConsumptionResult> {
  const byShift = query.granularity === 'shift' ? await shiftBuckets(ctx, query) : null;
  const { buckets, timezone } =
    query.granularity === 'shift'
      ? byShift!
      : await calendarBuckets(ctx, query.from, query.to, query.granularity);
  const all = await allMeters(ctx);
  const ids = query.meterIds
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const meters = all.filter(
    (m) => (ids ? ids.includes(m.id) : m.is_enabled) && (!query.medium || m.medium === query.medium),
  );
  if (ids) {
    const unknown = ids.filter((id) => !all.some((m) => m.id === id));
    if (unknown.length)
      throw new AppError('VALIDATION', {}, [
        { path: 'querystring.meterIds', message: `no meter ${unknown.join(', ')}` },
      ]);
  }
  const resolution = byShift?.resolution ?? (query.granularity === 'hour' ? '1h' : '1d');
  const values = await consumptionOf(ctx, meters, buckets, resolution);
  const toTce = await tceConverter(ctx, buckets, timezone);
  return {
    from: new Date(buckets[0]?.[0] ?? Date.parse(query.from)).toISOString(),
    to: new Date(buckets.at(-1)?.[1] ?? Date.parse(query.to)).toISOString(),
    granularity: query.granularity,
    timezone,
    ...(byShift ? { siteId: byShift.siteId, shifts: byShift.shifts } : {}),
    meters: meters.map((m): TMeterConsumption => {
      const v = values.get(m.id) ?? buckets.map(() => null);
      const present = v.filter((x): x is number => x !== null);
      const { tce, sources } = toTce(m, v);
      // a total in tce only when every measured bucket could be converted
      const isConverted = v.every((q, i) => q === null || tce[i] !== null);
      return {
        meterId: m.id,
        code: m.code,
        name: m.name,
        medium: m.medium,
        unit: m.unit,
        level: m.level,
        points: buckets.map((b, i) => [b[0], v[i] ?? null]),
        total: present.length ? sum(present) : null,
        tceEquivalent: present.length && isConverted ? sum(tce.filter((x): x is number => x !== null)) : null,
        factorSource: sources.size ? [...sources].join('; ') : null,
      };
    }),
  };
}

const HOUR = 3_600_000;
/** Shifts off the hour are summed from minute rollups: at most this many days at once. */
const MAX_MINUTE_DAYS = 93;

/**
 * Buckets of granularity shift: the site's shift instances overlapping [from, to), whole (as calendar buckets
 * are whole days or months). Each spans the shift with its breaks — machines draw power in a break too — and
 * time outside every shift is in no bucket. Consumption is summed from hourly rollups when every shift starts
 * and ends on the hour, else from minute rollups (shift times sit on a 5-minute grid, so both are exact; minute
 * rollups are kept 365 days by default). Two calendars of a site whose shifts overlap at the changeover (a night
 * shift of the old one running into the first shift of the new one) would count that time twice: the later
 * shift's bucket starts where the earlier ends.
 */
async function shiftBuckets(ctx: Ctx, query: TConsumptionQuery) {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (to <= from)
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must be after from' }]);
  let siteId = query.siteId;
  if (!siteId) {
    const sites = await sitesWithCalendars(ctx);
    if (sites.length !== 1)
      throw new AppError('VALIDATION', {}, [
        {
          path: 'querystring.siteId',
          message: sites.length
            ? 'several sites have shift calendars: name one'
            : 'no site has a shift calendar: create one first',
        },
      ]);
    siteId = sites[0]!;
  }
  const { timezone, instances } = await shiftInstancesOf(ctx, { siteId, from, to });
  if (instances.length > MAX_BUCKETS)
    throw new AppError('VALIDATION', {}, [
      { path: 'querystring.to', message: `more than ${MAX_BUCKETS} shifts: choose a shorter range` },
    ]);
  const buckets: Bucket[] = [];
  for (const i of instances) buckets.push([Math.max(i.start, buckets.at(-1)?.[1] ?? -Infinity), i.end]);
  const isOnTheHour = buckets.every(([s, e]) => s % HOUR === 0 && e % HOUR === 0);
  if (!isOnTheHour && to - from > MAX_MINUTE_DAYS * 24 * HOUR)
    throw new AppError('VALIDATION', {}, [
      {
        path: 'querystring.to',
        message: `shifts that start or end off the hour are summed from minute data: at most ${MAX_MINUTE_DAYS} days at once`,
      },
    ]);
  return {
    siteId,
    timezone,
    buckets,
    resolution: isOnTheHour ? ('1h' as const) : ('1m' as const),
    shifts: instances.map((i, k) => ({
      start: buckets[k]![0],
      end: i.end,
      shiftCode: i.shiftCode,
      shiftName: i.shiftName,
      date: i.date,
    })),
  };
}

/** Metering completeness over [from, to): each parent meter against the sum of its sub-meters. */
export async function getCompleteness(ctx: Ctx, query: { from: string; to: string }) {
  if (Date.parse(query.to) <= Date.parse(query.from))
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must be after from' }]);
  const all = (await allMeters(ctx)).filter((m) => m.is_enabled);
  const bucket: Bucket = [Date.parse(query.from), Date.parse(query.to)];
  const values = await consumptionOf(ctx, all, [bucket], '1h');
  const total = (m: MeterRow) => values.get(m.id)?.[0] ?? null;
  // sub-meters that measure: a virtual child (say the losses) would explain the parent by definition
  const measuring = (m: MeterRow) => all.filter((c) => c.parent_id === m.id && c.source !== 'formula');
  return all
    .filter((m) => measuring(m).length > 0)
    .map((m) => {
      const children = measuring(m);
      const own = total(m);
      const measured = children.map(total).filter((x): x is number => x !== null);
      const childrenTotal = measured.length
        ? sum(children.map((c) => (total(c) ?? 0) * (unitRatio(c.unit, m.unit) ?? 1)))
        : null;
      return {
        meterId: m.id,
        code: m.code,
        name: m.name,
        medium: m.medium,
        unit: m.unit,
        level: m.level,
        total: own,
        childCount: children.length,
        childrenTotal,
        unexplained: own !== null && childrenTotal !== null ? own - childrenTotal : null,
        coverage: own !== null && childrenTotal !== null && own !== 0 ? childrenTotal / own : null,
      };
    });
}

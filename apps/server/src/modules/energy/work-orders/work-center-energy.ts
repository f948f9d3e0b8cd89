import type {
  EnergyMedium,
  EnergyUnit,
  TEnergyBasis,
  TEnergyFigures,
  TGhgInventory,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import type { OperationRun } from '../../production/operation-runs.service.ts';
import { calculateCarbon, sum } from '../calc/engine.ts';
import { unitRatio } from '../calc/units.ts';
import { yearFactors } from '../energy.service.ts';
import { baseUnitOf } from '../factors/library.ts';
import { consumptionOf, tceConverter, type Bucket } from '../metering/consumption.service.ts';
import { allMeters, type MeterRow } from '../metering/meters.service.ts';
import { nodeMeters } from '../products/allocation.ts';
import { meterPlacement, type MediumSeries } from '../reports/boundary.ts';
import { carbonInput, yearOf } from '../reports/reports.service.ts';
import { allocateIntervals, fromQuanta, toQuanta } from './interval-allocation.ts';

export const METHOD =
  "A work center's energy is what the meters placed at it measure — at the work center node or below it, or on " +
  'its equipment, the topmost of a chain only (as for energy per product); formula meters are left out. Each ' +
  "hour's consumption is shared among the operations running on the work center in that hour (job reports: " +
  'start/resume to pause/finish, at the terminal time) in proportion to their running time; the part of the hour ' +
  'nobody ran is idle. tce with the coefficient of the day (enterprise override, else GB/T 2589), equal value with ' +
  "the year's kgce/kWh; tCO₂ by GB/T 32150 with the year's factors (scope 1 fuels burnt, scope 2 electricity and heat).";
export const INTERVAL = 'PT1H';

/** quanta (10⁻⁶ of the medium's library unit) per bucket, per medium */
export type MediaQuanta = Map<EnergyMedium, number[]>;

export interface WorkCenterAllocation {
  workCenterId: string;
  meters: MeterRow[];
  /** per medium: what the meters measured per bucket, what each operation took, and the idle rest */
  media: Map<EnergyMedium, { metered: number[]; idle: number[]; operations: Map<string, number[]> }>;
  runningMs: Map<string, number>;
  unmeteredRunningMs: Map<string, number>;
}

const addInto = (into: number[], xs: readonly number[]) => xs.forEach((x, i) => (into[i] = into[i]! + x));

/** Adds `from` into `into`, medium by medium. */
export function addMedia(into: MediaQuanta, from: MediaQuanta, length: number) {
  for (const [medium, xs] of from) {
    const target = into.get(medium) ?? Array.from({ length }, () => 0);
    addInto(target, xs);
    into.set(medium, target);
  }
  return into;
}

/**
 * Allocates each work center's metered energy, bucket by bucket, to the operations (of any order) that ran on it.
 * The buckets are whole hours: hourly rollups of the counters and manual records spread pro rata.
 */
export async function allocateWorkCenters(
  ctx: Ctx,
  o: { buckets: Bucket[]; workCenterIds: string[]; runs: OperationRun[] },
): Promise<Map<string, WorkCenterAllocation>> {
  const all = await allMeters(ctx);
  const measuring = all.filter((m) => m.is_enabled && m.source !== 'formula');
  const inside = await meterPlacement(ctx);
  const metersOf = new Map(o.workCenterIds.map((id) => [id, nodeMeters(measuring, inside(id))]));
  const needed = [...new Map([...metersOf.values()].flat().map((m) => [m.id, m])).values()];
  const values = await consumptionOf(ctx, needed, o.buckets, '1h', all);
  const out = new Map<string, WorkCenterAllocation>();
  for (const [workCenterId, meters] of metersOf) {
    const operations = o.runs
      .filter((r) => r.workCenterId === workCenterId)
      .map((r) => ({ id: r.operationId, running: r.running }));
    const media: WorkCenterAllocation['media'] = new Map();
    const zeros = () => o.buckets.map(() => 0);
    for (const m of meters) {
      const ratio = unitRatio(m.unit, baseUnitOf(m.medium)) ?? 1;
      const v = values.get(m.id) ?? o.buckets.map(() => null);
      const intervals = o.buckets.map(([from, to], i) => ({
        from,
        to,
        quanta: v[i] === null || v[i] === undefined ? null : toQuanta(v[i]! * ratio),
      }));
      const r = allocateIntervals({ intervals, operations });
      const x = media.get(m.medium) ?? { metered: zeros(), idle: zeros(), operations: new Map() };
      addInto(
        x.metered,
        intervals.map((i) => i.quanta ?? 0),
      );
      addInto(x.idle, r.idle);
      for (const [id, a] of r.operations) {
        const target = x.operations.get(id) ?? zeros();
        addInto(target, a.quanta);
        x.operations.set(id, target);
      }
      media.set(m.medium, x);
    }
    // running time, and the part of it in hours that no meter of the work center measured
    const measured = o.buckets.map((_, i) => meters.some((m) => (values.get(m.id)?.[i] ?? null) !== null));
    const time = allocateIntervals({
      intervals: o.buckets.map(([from, to], i) => ({ from, to, quanta: measured[i] ? 0 : null })),
      operations,
    });
    out.set(workCenterId, {
      workCenterId,
      meters,
      media,
      runningMs: new Map([...time.operations].map(([id, a]) => [id, a.runningMs])),
      unmeteredRunningMs: new Map([...time.operations].map(([id, a]) => [id, a.unmeteredRunningMs])),
    });
  }
  return out;
}

/**
 * Turns allocated quanta into the auditable figures: quantity per medium in its library unit, tce in equivalent
 * value (the coefficient of each bucket's day) and equal value (electricity at the year's kgce/kWh), tCO₂ through
 * the GHG engine with each year's factors. Collects the factors used for the basis.
 */
export async function figureMaker(ctx: Ctx, buckets: Bucket[], timezone: string) {
  const toTce = await tceConverter(ctx, buckets, timezone);
  const yearOfBucket = buckets.map((b) => yearOf(b[0], timezone));
  const years = new Map(
    await Promise.all([...new Set(yearOfBucket)].map(async (y) => [y, await yearFactors(ctx, y)] as const)),
  );
  const coefficients = new Map<EnergyMedium, Set<string>>();
  const notes = new Set<string>();

  const figures = (media: MediaQuanta, good: number | null): TEnergyFigures => {
    const rows = [...media]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([medium, quanta]) => {
        const unit = baseUnitOf(medium) as EnergyUnit;
        const quantities = quanta.map(fromQuanta);
        // the converter reads only the medium and the unit of the meter it is given
        const { tce, sources } = toTce({ medium, unit } as MeterRow, quantities);
        const seen = coefficients.get(medium) ?? new Set<string>();
        sources.forEach((s) => seen.add(s));
        coefficients.set(medium, seen);
        const isConverted = quantities.every((q, i) => q === 0 || tce[i] !== null);
        if (!isConverted)
          notes.add(`${medium}: no coefficient converts ${unit} to tce; left out of the tce totals`);
        const tceEquivalent = isConverted ? sum(tce.map((t) => t ?? 0)) : null;
        const tceEqual =
          medium === 'electricity'
            ? sum(
                quantities.map(
                  (q, i) => (q * years.get(yearOfBucket[i]!)!.electricityEqualValueKgcePerKwh.value) / 1000,
                ),
              )
            : tceEquivalent;
        return { medium, unit, quantity: fromQuanta(sum(quanta)), quantities, tceEquivalent, tceEqual };
      });
    let scope1Tco2 = 0;
    let scope2Tco2 = 0;
    for (const [year, factors] of years) {
      const series: MediumSeries[] = rows.map((r) => {
        const q = sum(r.quantities.filter((_, i) => yearOfBucket[i] === year));
        return {
          medium: r.medium,
          unit: r.unit,
          meters: [],
          quantities: [q],
          tce: [null],
          sources: new Set(),
          metered: q,
          manual: 0,
        };
      });
      const excluded: TGhgInventory['excluded'] = [];
      const carbon = calculateCarbon(carbonInput(series, 0, [], undefined, excluded), factors);
      for (const e of excluded) notes.add(`${e.medium}: ${e.reason}`);
      scope1Tco2 += carbon.scope1Tco2;
      scope2Tco2 += carbon.scope2Tco2;
    }
    const tceEquivalent = sum(rows.map((r) => r.tceEquivalent ?? 0));
    const tceEqual = sum(rows.map((r) => r.tceEqual ?? 0));
    const totalTco2 = scope1Tco2 + scope2Tco2;
    const hasEnergy = rows.some((r) => r.quantity !== 0);
    return {
      media: rows.map(({ quantities: _, ...r }) => r),
      tceEquivalent,
      tceEqual,
      scope1Tco2,
      scope2Tco2,
      totalTco2,
      perGoodUnit:
        good !== null && good > 0 && hasEnergy
          ? {
              kgceEquivalent: (tceEquivalent * 1000) / good,
              kgceEqual: (tceEqual * 1000) / good,
              kgco2: (totalTco2 * 1000) / good,
            }
          : null,
    };
  };

  const basis = (): TEnergyBasis => ({
    method: METHOD,
    interval: INTERVAL,
    timezone,
    years: [...years].map(([year, f]) => ({
      year,
      gridEmissionFactorTco2PerMWh: f.gridEmissionFactorTco2PerMWh.value,
      gridFactorSource: f.gridEmissionFactorTco2PerMWh.source,
      electricityEqualValueKgcePerKwh: f.electricityEqualValueKgcePerKwh.value,
      equalValueSource: f.electricityEqualValueKgcePerKwh.source,
      heatEmissionFactorTco2PerGj: f.heatEmissionFactorTco2PerGj.value,
      heatFactorSource: f.heatEmissionFactorTco2PerGj.source,
    })),
    coefficients: [...coefficients]
      .filter(([, s]) => s.size > 0)
      .map(([medium, s]) => ({ medium, unit: baseUnitOf(medium) as EnergyUnit, sources: [...s] })),
  });
  return { figures, basis, notes };
}

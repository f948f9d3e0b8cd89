import type { TScheduleEnergy, TTariffPlan } from '@greenmes/contracts';
import { calculateTariffCost } from '../../energy/tariffs/cost-engine.ts';
import type { ScheduleResult, SchedulerOperation, SchedulerWorkCenter } from './scheduler.ts';

const SLOT = 15 * 60_000;
const HOUR = 3_600_000;

/**
 * The scheduled load as 15-minute kWh: each operation draws its work center's power (the average rated
 * power of its in-service equipment) during its working segments only.
 */
export function loadPoints(
  result: ScheduleResult,
  powerOf: (operationId: string) => number | null,
): Array<{ ts: string; quantity: number }> {
  const slots = new Map<number, number>();
  for (const s of result.operations) {
    const kw = powerOf(s.id);
    if (!kw) continue;
    for (const [a, b] of s.segments)
      for (let t = a; t < b;) {
        const slot = Math.floor(t / SLOT) * SLOT;
        const next = Math.min(b, slot + SLOT);
        slots.set(slot, (slots.get(slot) ?? 0) + (kw * (next - t)) / HOUR);
        t = next;
      }
  }
  return [...slots]
    .sort(([x], [y]) => x - y)
    .map(([ms, quantity]) => ({ ts: new Date(ms).toISOString(), quantity }));
}

/**
 * Energy cost (energy charge only: the demand charge is the month's, not the schedule's), peak-period
 * kWh and highest 15-minute demand of the normal schedule (before) and the energy-aware one (after),
 * priced by the electricity tariff plans through the tariff cost engine.
 */
export function energySummary(o: {
  plans: TTariffPlan[];
  timezone: string;
  centers: SchedulerWorkCenter[];
  operations: SchedulerOperation[];
  before: ScheduleResult;
  after: ScheduleResult;
}): TScheduleEnergy {
  const power = new Map(o.centers.map((c) => [c.id, c.powerKw]));
  const centerOf = new Map(o.operations.map((op) => [op.id, op.workCenterId]));
  const powerOf = (id: string) => power.get(centerOf.get(id)!) ?? null;
  const cost = (result: ScheduleResult) => {
    const points = loadPoints(result, powerOf);
    const r = calculateTariffCost({
      plans: o.plans,
      points,
      intervalMinutes: 15,
      timestampMarks: 'start',
      timeZone: o.timezone,
    });
    const peak = r.byPeriod
      .filter((p) => p.period === 'sharp' || p.period === 'peak')
      .reduce((n, p) => n + p.quantity, 0);
    return {
      kwh: r.totalQuantity,
      cents: Math.round(Number(r.energyCost) * 100),
      peak,
      maxDemand: r.maxDemand?.kw ?? null,
      isCosted: o.plans.length > 0 && r.uncosted.quantity < r.totalQuantity,
    };
  };
  const before = cost(o.before);
  const after = cost(o.after);
  const yuan = (cents: number) => (cents / 100).toFixed(2);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    hasTariff: before.isCosted || after.isCosted,
    kwh: round(after.kwh),
    costBefore: yuan(before.cents),
    costAfter: yuan(after.cents),
    costSaving: yuan(before.cents - after.cents),
    peakKwhBefore: round(before.peak),
    peakKwhAfter: round(after.peak),
    maxDemandKwBefore: before.maxDemand === null ? null : round(before.maxDemand),
    maxDemandKwAfter: after.maxDemand === null ? null : round(after.maxDemand),
    shiftedOperations: o.after.operations.filter((s) => s.isShifted).length,
    operationsWithoutPower: o.after.operations.filter((s) => !powerOf(s.id)).length,
  };
}

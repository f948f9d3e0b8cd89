import type { EnergyUnit, TEnergyCostReport } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { unitRatio } from '../calc/units.ts';
import { calendarBuckets, consumptionOf } from '../metering/consumption.service.ts';
import { allMeters } from '../metering/meters.service.ts';
import { calculateTariffCost } from '../tariffs/cost-engine.ts';
import { plansOf } from '../tariffs/tariffs.service.ts';

const cents = (yuan: string) => Math.round(Number(yuan) * 100);

/**
 * Energy cost of [from, to) per incomer and area meter: the meter's hourly consumption (electricity, so the
 * time-of-use periods apply) or daily (other media, flat prices) through the medium's tariff plans.
 * Maximum demand from hourly energy is a lower bound; the incomer's basic charges are the enterprise's bill.
 */
export async function energyCost(ctx: Ctx, q: { from: string; to: string }): Promise<TEnergyCostReport> {
  const meters = (await allMeters(ctx)).filter((m) => m.is_enabled && m.level <= 2 && m.source !== 'formula');
  const hourly = await calendarBuckets(ctx, q.from, q.to, 'hour');
  const daily = await calendarBuckets(ctx, q.from, q.to, 'day');
  const electricity = meters.filter((m) => m.medium === 'electricity');
  const others = meters.filter((m) => m.medium !== 'electricity');
  const values = new Map([
    ...(await consumptionOf(ctx, electricity, hourly.buckets, '1h')),
    ...(await consumptionOf(ctx, others, daily.buckets, '1d')),
  ]);
  const plans = new Map<string, Awaited<ReturnType<typeof plansOf>>>();
  const rows: TEnergyCostReport['meters'] = [];
  for (const m of meters) {
    if (!plans.has(m.medium)) plans.set(m.medium, await plansOf(ctx, m.medium));
    const mediumPlans = plans.get(m.medium)!;
    const base = {
      meterId: m.id,
      code: m.code,
      name: m.name,
      medium: m.medium,
      level: m.level,
      nodeName: m.node_name,
    };
    if (mediumPlans.length === 0) {
      rows.push({ ...base, cost: null, note: `no tariff plan for ${m.medium}` });
      continue;
    }
    const ratio = unitRatio(m.unit, mediumPlans[0]!.unit as EnergyUnit);
    if (ratio === null) {
      rows.push({
        ...base,
        cost: null,
        note: `the plans price ${mediumPlans[0]!.unit}; the meter measures ${m.unit}`,
      });
      continue;
    }
    const buckets = m.medium === 'electricity' ? hourly.buckets : daily.buckets;
    const v = values.get(m.id) ?? [];
    const points = buckets.flatMap((b, i) =>
      v[i] === null || v[i] === undefined
        ? []
        : [{ ts: new Date(b[0]).toISOString(), quantity: v[i]! * ratio }],
    );
    if (points.length === 0) {
      rows.push({ ...base, cost: null, note: 'nothing measured in the period' });
      continue;
    }
    const cost = calculateTariffCost({
      plans: m.level === 1 ? mediumPlans : mediumPlans.map((p) => ({ ...p, basicCharge: null })),
      points,
      intervalMinutes: m.medium === 'electricity' ? 60 : 1440,
      timestampMarks: 'start',
      timeZone: hourly.timezone,
    });
    rows.push({
      ...base,
      cost,
      note: m.level === 1 ? null : 'energy charges only: basic charges are billed on the incomer',
    });
  }
  const total = rows.filter((r) => r.level === 1 && r.cost).reduce((a, r) => a + cents(r.cost!.totalCost), 0);
  return {
    from: new Date(hourly.buckets[0]![0]).toISOString(),
    to: new Date(hourly.buckets.at(-1)![1]).toISOString(),
    timezone: hourly.timezone,
    meters: rows,
    totalCost: (total / 100).toFixed(2),
  };
}

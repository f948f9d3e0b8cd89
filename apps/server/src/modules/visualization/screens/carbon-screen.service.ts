import { sql } from 'drizzle-orm';
import type { TAlarmRule, TCarbonScreen, TScreenQuery } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { ghgInventory } from '../../energy/reports/reports.service.ts';
import { listRules } from '../../telemetry/alarms/alarm-rules.service.ts';
import { deviceScope, latestValues } from '../../telemetry/devices.service.ts';
import { iso } from './screen-periods.ts';
import { screenContext, siteRef, type ScreenContext } from './screen-site.ts';

/**
 * The metric keys environmental monitors report under (flue gas CEMS, waste water outlet, boundary noise):
 * metrics carry no "environmental" flag, so the screen knows them by the keys the edge templates use.
 */
export const ENVIRONMENT_METRIC_KEYS = [
  'so2_mgm3',
  'nox_mgm3',
  'pm_mgm3',
  'cod_mgl',
  'nh3n_mgl',
  'ph',
  'noise_dba',
] as const;

/** Enabled 'high' rules: a metric's own rule first, else one of its key on a profile. */
async function highLimits(ctx: Ctx) {
  const rules: TAlarmRule[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listRules({
      ctx,
      query: { page, pageSize: 200, type: 'high', isEnabled: 'true' },
    });
    rules.push(...items);
    if (items.length < 200 || rules.length >= total) break;
  }
  const byMetric = new Map<number, number>();
  const byKey = new Map<string, number>();
  for (const r of rules) {
    if (r.threshold === null) continue;
    // several rules on one metric (warning, critical…): the lowest threshold is the limit first crossed
    if (r.metricId !== null)
      byMetric.set(r.metricId, Math.min(byMetric.get(r.metricId) ?? Infinity, r.threshold));
    else if (r.metricKey !== null)
      byKey.set(r.metricKey, Math.min(byKey.get(r.metricKey) ?? Infinity, r.threshold));
  }
  return (metricId: number, key: string) => byMetric.get(metricId) ?? byKey.get(key) ?? null;
}

/**
 * The year's emissions by scope and month, intensity, and the monitors' latest values against their limits;
 * of a site (its meters, its devices' monitors) when asked.
 */
export async function carbonScreen(
  caller: Ctx,
  q: TScreenQuery,
  known?: ScreenContext,
): Promise<TCarbonScreen> {
  const { ctx, periods, site } = known ?? (await screenContext(caller, q));
  const [yearStart, yearEnd] = periods.year;
  const inventory = await ghgInventory(ctx, {
    from: iso(yearStart),
    to: iso(yearEnd),
    granularity: 'month',
    ...(site ? { siteId: site.id } : {}),
  });
  const scope = await deviceScope(ctx);
  const values = await latestValues(
    ctx,
    sql`m.key = ANY(${sql.param([...ENVIRONMENT_METRIC_KEYS])}) ${scope ? sql`AND ${scope}` : sql``}`,
  );
  const limitOf = await highLimits(ctx);
  return {
    periods,
    site: siteRef(site),
    year: {
      scope1Tco2: inventory.totals.scope1Tco2,
      scope2Tco2: inventory.totals.scope2Tco2,
      totalTco2: inventory.totals.totalTco2,
      perOutputValueTco2: inventory.perOutputValueTco2,
    },
    months: inventory.periods.map((p) => ({
      start: p.start,
      scope1Tco2: p.scope1Tco2,
      scope2Tco2: p.scope2Tco2,
      totalTco2: p.totalTco2,
    })),
    pollutants: values.map((v) => ({
      metricId: v.metricId,
      key: v.key,
      name: v.name,
      deviceCode: v.deviceCode,
      unitCode: v.unitCode,
      value: v.value,
      ts: v.ts,
      limit: limitOf(v.metricId, v.key),
    })),
  };
}

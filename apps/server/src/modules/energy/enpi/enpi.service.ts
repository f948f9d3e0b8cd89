import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TCreateEnpi, TEnpi, TEnpiEvaluation } from '@greenmes/contracts';
import type { ZUpdateEnpi } from '@greenmes/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { calendarBuckets, consumptionOf } from '../metering/consumption.service.ts';
import { allMeters } from '../metering/meters.service.ts';
import { fitOls, predict } from './regression.ts';

interface Row {
  id: string;
  code: string;
  name: string;
  meter_id: string;
  meter_code: string;
  site_id: string;
  driver: 'product_output' | 'output_value';
  material_id: string | null;
  baseline_from: string;
  baseline_to: string;
  margin_pct: number;
  is_alarm_enabled: boolean;
  degree_days: Record<string, number> | null;
  description: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}
const SELECT = sql`SELECT e.id, e.code, e.name, e.meter_id, m.code AS meter_code, e.site_id, e.driver, e.material_id,
    to_char(e.baseline_from, 'YYYY-MM') AS baseline_from, to_char(e.baseline_to, 'YYYY-MM') AS baseline_to,
    e.margin_pct, e.is_alarm_enabled, e.degree_days, e.description, e.created_at, e.updated_at
  FROM energy_enpis e JOIN meters m ON m.tenant_id = e.tenant_id AND m.id = e.meter_id`;
const toEnpi = (r: Row): TEnpi => ({
  id: r.id,
  code: r.code,
  name: r.name,
  meterId: r.meter_id,
  meterCode: r.meter_code,
  siteId: r.site_id,
  driver: r.driver,
  materialId: r.material_id,
  baselineFrom: r.baseline_from,
  baselineTo: r.baseline_to,
  marginPct: r.margin_pct,
  isAlarmEnabled: r.is_alarm_enabled,
  degreeDays: r.degree_days,
  description: r.description,
  createdAt: toIso(r.created_at)!,
  updatedAt: toIso(r.updated_at)!,
});

export async function listEnpis(ctx: Ctx): Promise<TEnpi[]> {
  return (await queryRows<Row>(ctx.tx, sql`${SELECT} ORDER BY e.code`)).map(toEnpi);
}
export async function getEnpi(ctx: Ctx, id: string): Promise<TEnpi> {
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE e.id = ${id}`);
  if (!row) throw notFound('energy performance indicator');
  return toEnpi(row);
}

async function validate(ctx: Ctx, e: TCreateEnpi): Promise<void> {
  const problems: Array<{ path: string; message: string }> = [];
  if (e.baselineTo < e.baselineFrom)
    problems.push({ path: 'body.baselineTo', message: 'must not be before baselineFrom' });
  if (e.driver === 'product_output' && !e.materialId)
    problems.push({ path: 'body.materialId', message: 'the product whose output drives consumption' });
  if (e.driver === 'output_value' && e.materialId)
    problems.push({ path: 'body.materialId', message: 'only for product_output' });
  if (!(await allMeters(ctx)).some((m) => m.id === e.meterId))
    problems.push({ path: 'body.meterId', message: 'no such meter' });
  const [site] = await queryRows<{ kind: string }>(
    ctx.tx,
    sql`SELECT kind FROM plant_nodes WHERE id = ${e.siteId}`,
  );
  if (site?.kind !== 'site') problems.push({ path: 'body.siteId', message: 'not a site' });
  if (e.materialId) {
    const [material] = await queryRows(ctx.tx, sql`SELECT 1 FROM materials WHERE id = ${e.materialId}`);
    if (!material) problems.push({ path: 'body.materialId', message: 'no such material' });
  }
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
}

export async function createEnpi(ctx: Ctx, input: TCreateEnpi): Promise<TEnpi> {
  await validate(ctx, input);
  const [taken] = await queryRows(ctx.tx, sql`SELECT 1 FROM energy_enpis WHERE code = ${input.code}`);
  if (taken) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'EnPI' });
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO energy_enpis (tenant_id, id, code, name, meter_id, site_id, driver, material_id, baseline_from, baseline_to,
          margin_pct, is_alarm_enabled, degree_days, description)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.name}, ${input.meterId}, ${input.siteId}, ${input.driver},
          ${input.materialId ?? null}, ${`${input.baselineFrom}-01`}::date, ${`${input.baselineTo}-01`}::date, ${input.marginPct},
          ${input.isAlarmEnabled}, ${input.degreeDays ? JSON.stringify(input.degreeDays) : null}::jsonb, ${input.description ?? null})`,
  );
  const created = await getEnpi(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'energy_enpi', entityId: id, after: created });
  return created;
}

export async function updateEnpi(ctx: Ctx, id: string, input: z.infer<typeof ZUpdateEnpi>): Promise<TEnpi> {
  const before = await getEnpi(ctx, id);
  const next = { ...before, ...input } as TCreateEnpi;
  await validate(ctx, next);
  await queryRows(
    ctx.tx,
    sql`UPDATE energy_enpis SET code = ${next.code}, name = ${next.name}, meter_id = ${next.meterId}, site_id = ${next.siteId},
          driver = ${next.driver}, material_id = ${next.materialId ?? null}, baseline_from = ${`${next.baselineFrom}-01`}::date,
          baseline_to = ${`${next.baselineTo}-01`}::date, margin_pct = ${next.marginPct},
          is_alarm_enabled = ${next.isAlarmEnabled},
          degree_days = ${next.degreeDays ? JSON.stringify(next.degreeDays) : null}::jsonb,
          description = ${next.description ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getEnpi(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'energy_enpi', entityId: id, before, after });
  return after;
}

export async function deleteEnpi(ctx: Ctx, id: string): Promise<void> {
  const before = await getEnpi(ctx, id);
  await queryRows(ctx.tx, sql`DELETE FROM energy_enpis WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'energy_enpi', entityId: id, before });
}

/** The driver per month (YYYY-MM): the product's qualified output or the site's gross output value. */
async function drivers(ctx: Ctx, e: TEnpi, from: string, to: string): Promise<Map<string, number>> {
  const rows =
    e.driver === 'product_output'
      ? await queryRows<{ month: string; v: string }>(
          ctx.tx,
          sql`SELECT to_char(m.month, 'YYYY-MM') AS month, sum(coalesce(o.qualified_quantity, o.quantity))::text AS v
              FROM energy_economic_months m JOIN energy_economic_product_outputs o
                ON o.tenant_id = m.tenant_id AND o.economic_month_id = m.id
              WHERE m.site_id = ${e.siteId} AND o.material_id = ${e.materialId}
                AND m.month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date
              GROUP BY m.month`,
        )
      : await queryRows<{ month: string; v: string }>(
          ctx.tx,
          sql`SELECT to_char(month, 'YYYY-MM') AS month, gross_output_value::text AS v FROM energy_economic_months
              WHERE site_id = ${e.siteId} AND month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date`,
        );
  return new Map(rows.map((r) => [r.month, Number(r.v)]));
}

/**
 * Fits the baseline (consumption = a + b·driver [+ c·degree days]) on the baseline months with data, then
 * compares each month of [from, to]: expected, deviation, cumulative savings, and an alarm beyond the margin.
 */
export async function evaluateEnpi(
  ctx: Ctx,
  id: string,
  q: { from: string; to: string },
): Promise<TEnpiEvaluation> {
  if (q.to < q.from)
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must not be before from' }]);
  const enpi = await getEnpi(ctx, id);
  const first = enpi.baselineFrom < q.from ? enpi.baselineFrom : q.from;
  const last = enpi.baselineTo > q.to ? enpi.baselineTo : q.to;
  const { buckets, timezone } = await calendarBuckets(
    ctx,
    `${first}-15T00:00:00Z`,
    `${last}-15T00:00:00Z`,
    'month',
  );
  const meter = (await allMeters(ctx)).find((m) => m.id === enpi.meterId)!;
  const consumption = (await consumptionOf(ctx, [meter], buckets, '1d')).get(meter.id) ?? [];
  const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' });
  const months = buckets.map((b) => monthOf.format(b[0]).slice(0, 7));
  const driver = await drivers(ctx, enpi, first, last);
  const dd = enpi.degreeDays ?? null;
  const useDegreeDays = dd !== null && Object.keys(dd).length > 0;
  const xOf = (month: string) => {
    const p = driver.get(month);
    if (p === undefined) return null;
    if (!useDegreeDays) return [p];
    const d = dd[month];
    return d === undefined ? null : [p, d];
  };
  const inBaseline = (m: string) => m >= enpi.baselineFrom && m <= enpi.baselineTo;
  const xs: number[][] = [];
  const ys: number[] = [];
  months.forEach((m, i) => {
    const x = xOf(m);
    const y = consumption[i] ?? null;
    if (inBaseline(m) && x && y !== null) {
      xs.push(x);
      ys.push(y);
    }
  });
  const fit = fitOls(xs, ys, useDegreeDays ? 2 : 1);
  const model = 'error' in fit ? null : fit;
  let cumulative: number | null = null;
  let alarms = 0;
  const row = (m: string, i: number, accumulate: boolean) => {
    const x = xOf(m);
    const actual = consumption[i] ?? null;
    const expected = model && x ? predict(model, x) : null;
    const deviation = actual !== null && expected !== null ? actual - expected : null;
    const deviationPct = deviation !== null && expected ? (deviation / expected) * 100 : null;
    if (accumulate && deviation !== null) cumulative = (cumulative ?? 0) - deviation;
    const isAlarm = accumulate && deviationPct !== null && deviationPct > enpi.marginPct;
    if (isAlarm) alarms++;
    return {
      month: m,
      driver: driver.get(m) ?? null,
      degreeDays: dd?.[m] ?? null,
      actual,
      expected,
      deviation,
      deviationPct,
      cumulativeSavings: accumulate ? cumulative : null,
      ratio: actual !== null && driver.get(m) ? actual / driver.get(m)! : null,
      isAlarm,
    };
  };
  return {
    enpi,
    unit: meter.unit,
    model: model && {
      intercept: model.intercept,
      coefficients: model.coefficients,
      drivers: useDegreeDays ? [enpi.driver, 'degree_days'] : [enpi.driver],
      r2: model.r2,
      n: model.n,
    },
    modelError: 'error' in fit ? fit.error : null,
    baseline: months.flatMap((m, i) => (inBaseline(m) ? [row(m, i, false)] : [])),
    months: months.flatMap((m, i) => (m >= q.from && m <= q.to ? [row(m, i, true)] : [])),
    cumulativeSavings: cumulative,
    alarms,
  };
}

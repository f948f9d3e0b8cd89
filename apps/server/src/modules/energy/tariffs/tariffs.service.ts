import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  EnergyMedium,
  TariffPeriod,
  TPage,
  TTariffBasicCharge,
  TTariffCostResult,
  TTariffCostValues,
  TTariffPlan,
  TTariffPlanQuery,
  TTariffPlanValues,
  TTariffSeason,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { writeSheet, type Column } from '../../../platform/excel/excel.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { calculateTariffCost, type CostPlan } from './cost-engine.ts';

const ENTITY = 'energy_tariff_plan';

interface Row {
  id: string;
  code: string;
  name: string;
  medium: string;
  unit: string;
  valid_from: string;
  valid_to: string | null;
  pricing: 'tou' | 'flat';
  flat_price: string | null;
  prices: Partial<Record<TariffPeriod, string>>;
  seasons: TTariffSeason[];
  basic_charge: TTariffBasicCharge | null;
  note: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** numeric as text without trailing zeros: "1.070000" → "1.07" */
const decimal = (v: string | null) => (v === null ? null : v.includes('.') ? v.replace(/\.?0+$/, '') : v);

const toPlan = (r: Row): TTariffPlan => ({
  id: r.id,
  code: r.code,
  name: r.name,
  medium: r.medium as EnergyMedium,
  unit: r.unit as TTariffPlan['unit'],
  currency: 'CNY',
  validFrom: r.valid_from,
  validTo: r.valid_to,
  pricing: r.pricing,
  flatPrice: decimal(r.flat_price),
  prices: r.prices,
  seasons: r.seasons,
  basicCharge: r.basic_charge,
  note: r.note,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

const SELECT = sql`SELECT id, code, name, medium, unit, valid_from::text AS valid_from, valid_to::text AS valid_to,
  pricing, flat_price::text AS flat_price, prices, seasons, basic_charge, note, created_at, updated_at
  FROM energy_tariff_plans`;

type Filters = Omit<TTariffPlanQuery, 'page' | 'pageSize'>;
const filterWhere = (q: Filters) => {
  const pattern = q.q ? likePattern(q.q) : null;
  const on = q.on ?? null;
  return sql`WHERE (${pattern}::text IS NULL OR code ILIKE ${pattern} OR name ILIKE ${pattern} OR note ILIKE ${pattern})
    AND (${q.medium ?? null}::text IS NULL OR medium = ${q.medium ?? null})
    AND (${on}::date IS NULL OR (valid_from <= ${on}::date AND (valid_to IS NULL OR valid_to >= ${on}::date)))`;
};

export async function listPlans({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TTariffPlanQuery;
}): Promise<TPage<TTariffPlan>> {
  const { limit, offset } = pageWindow(query);
  const where = filterWhere(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM energy_tariff_plans ${where}`,
  );
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} ${where} ORDER BY medium, valid_from DESC, code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toPlan), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getPlan({ ctx, id }: { ctx: Ctx; id: string }): Promise<TTariffPlan> {
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE id = ${id}`);
  if (!row) throw notFound('tariff plan');
  return toPlan(row);
}

/** One plan per medium and day: validity overlapping another plan of the medium is a 409. */
async function assertFree(ctx: Ctx, input: TTariffPlanValues, id: string | null) {
  const [dup] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM energy_tariff_plans WHERE code = ${input.code} AND (${id}::uuid IS NULL OR id <> ${id}::uuid)`,
  );
  if (dup) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'tariff plan' });
  const to = input.validTo ?? null;
  const [clash] = await queryRows<{ code: string; valid_from: string; valid_to: string | null }>(
    ctx.tx,
    sql`SELECT code, valid_from::text AS valid_from, valid_to::text AS valid_to FROM energy_tariff_plans
        WHERE medium = ${input.medium} AND (${id}::uuid IS NULL OR id <> ${id}::uuid)
          AND valid_from <= coalesce(${to}::date, 'infinity'::date)
          AND coalesce(valid_to, 'infinity'::date) >= ${input.validFrom}::date
        LIMIT 1`,
  );
  if (clash)
    throw new AppError('CONFLICT', {
      reason: `the ${input.medium} plan ${clash.code} is valid from ${clash.valid_from} to ${clash.valid_to ?? 'open end'}; validity must not overlap — end it first`,
    });
}

/** What is stored: only the fields of the plan's pricing. */
const stored = (p: TTariffPlanValues) => ({
  flatPrice: p.pricing === 'flat' ? (p.flatPrice ?? null) : null,
  prices: p.pricing === 'tou' ? (p.prices ?? {}) : {},
  seasons: p.pricing === 'tou' ? (p.seasons ?? []) : [],
  basicCharge: p.basicCharge ?? null,
});

export async function createPlan({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TTariffPlanValues;
}): Promise<TTariffPlan> {
  await assertFree(ctx, input, null);
  const id = randomUUID();
  const s = stored(input);
  await queryRows(
    ctx.tx,
    sql`INSERT INTO energy_tariff_plans (tenant_id, id, code, name, medium, unit, valid_from, valid_to, pricing,
          flat_price, prices, seasons, basic_charge, note, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.name}, ${input.medium}, ${input.unit},
          ${input.validFrom}::date, ${input.validTo ?? null}::date, ${input.pricing}, ${s.flatPrice}::numeric,
          ${JSON.stringify(s.prices)}::jsonb, ${JSON.stringify(s.seasons)}::jsonb,
          ${s.basicCharge === null ? null : JSON.stringify(s.basicCharge)}::jsonb, ${input.note ?? null}, ${ctx.actor.userId})`,
  );
  const created = await getPlan({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: ENTITY, entityId: id, after: created });
  return created;
}

export async function updatePlan({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TTariffPlanValues;
}): Promise<TTariffPlan> {
  const before = await getPlan({ ctx, id });
  await assertFree(ctx, input, id);
  const s = stored(input);
  await queryRows(
    ctx.tx,
    sql`UPDATE energy_tariff_plans SET code = ${input.code}, name = ${input.name}, medium = ${input.medium},
          unit = ${input.unit}, valid_from = ${input.validFrom}::date, valid_to = ${input.validTo ?? null}::date,
          pricing = ${input.pricing}, flat_price = ${s.flatPrice}::numeric, prices = ${JSON.stringify(s.prices)}::jsonb,
          seasons = ${JSON.stringify(s.seasons)}::jsonb,
          basic_charge = ${s.basicCharge === null ? null : JSON.stringify(s.basicCharge)}::jsonb,
          note = ${input.note ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getPlan({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: ENTITY, entityId: id, before, after });
  return after;
}

export async function deletePlan({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getPlan({ ctx, id });
  await queryRows(ctx.tx, sql`DELETE FROM energy_tariff_plans WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: ENTITY, entityId: id, before });
}

/** Every stored plan of a medium, by validity (the cost engine picks the one valid on each day). */
export async function plansOf(ctx: Ctx, medium: string): Promise<TTariffPlan[]> {
  return (await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE medium = ${medium} ORDER BY valid_from`)).map(
    toPlan,
  );
}

/** Cost of interval consumption under a stored plan, an inline plan, or the medium's plans by validity. */
export async function calculateCost({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TTariffCostValues;
}): Promise<TTariffCostResult> {
  let plans: CostPlan[];
  if (input.plan) plans = [input.plan];
  else if (input.tariffId) plans = [await getPlan({ ctx, id: input.tariffId })];
  else {
    const rows = await queryRows<Row>(
      ctx.tx,
      sql`${SELECT} WHERE medium = ${input.medium!} ORDER BY valid_from`,
    );
    if (rows.length === 0)
      throw new AppError('VALIDATION', {}, [
        { path: 'body.medium', message: `no tariff plan for ${input.medium}` },
      ]);
    plans = rows.map(toPlan);
  }
  return calculateTariffCost({ ...input, plans });
}

const PERIOD_ZH: Record<TariffPeriod, string> = {
  sharp: '尖峰',
  peak: '峰',
  flat: '平',
  valley: '谷',
  deep_valley: '深谷',
};
const hours = (s: TTariffSeason, period: TariffPeriod) =>
  s.schedule
    .filter((r) => r.period === period)
    .map((r) => `${r.start}-${r.end}`)
    .join(', ');

export const TARIFF_COLUMNS: Column[] = [
  { key: 'code', header: '编码 / Code' },
  { key: 'name', header: '名称 / Name', width: 28 },
  { key: 'medium', header: '能源介质 / Medium' },
  { key: 'unit', header: '计量单位 / Unit', width: 10 },
  { key: 'validFrom', header: '生效日期 / Valid from', width: 12 },
  { key: 'validTo', header: '失效日期 / Valid to', width: 12 },
  { key: 'pricing', header: '计价方式 / Pricing', width: 10 },
  { key: 'season', header: '季节 / Season', width: 14 },
  { key: 'months', header: '月份 / Months', width: 14 },
  ...(['sharp', 'peak', 'flat', 'valley', 'deep_valley'] as const).flatMap((p) => [
    { key: `${p}Hours`, header: `${PERIOD_ZH[p]}时段 / ${p} hours`, width: 26 },
    { key: `${p}Price`, header: `${PERIOD_ZH[p]}电价 / ${p} price` },
  ]),
  { key: 'flatPrice', header: '单一价格 / Flat price' },
  { key: 'basicCharge', header: '基本电费 / Basic charge', width: 30 },
  { key: 'note', header: '备注 / Note', width: 40 },
];

/** One row per season (a flat-price plan: one row), with the list filters. */
export async function exportPlans({ ctx, query }: { ctx: Ctx; query: Filters }): Promise<Buffer> {
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} ${filterWhere(query)} ORDER BY medium, valid_from, code`,
  );
  const out = rows.flatMap((r) => {
    const p = toPlan(r);
    const base = {
      code: p.code,
      name: p.name,
      medium: p.medium,
      unit: p.unit,
      validFrom: p.validFrom,
      validTo: p.validTo,
      pricing: p.pricing,
      flatPrice: p.flatPrice,
      basicCharge: !p.basicCharge
        ? null
        : p.basicCharge.basis === 'demand'
          ? `需量 ${p.basicCharge.pricePerKwMonth} 元/kW·月`
          : `容量 ${p.basicCharge.pricePerKvaMonth} 元/kVA·月 × ${p.basicCharge.capacityKva} kVA`,
      note: p.note,
    };
    if (p.pricing === 'flat') return [base];
    return p.seasons.map((s) => ({
      ...base,
      season: s.name,
      months: s.months.join(','),
      ...Object.fromEntries(
        (['sharp', 'peak', 'flat', 'valley', 'deep_valley'] as const).flatMap((period) => [
          [`${period}Hours`, hours(s, period) || null],
          [`${period}Price`, hours(s, period) ? (s.prices?.[period] ?? p.prices[period] ?? null) : null],
        ]),
      ),
    }));
  });
  return writeSheet({ sheetName: '电价方案 Tariffs', columns: TARIFF_COLUMNS, rows: out });
}

import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  TEconomicMonth,
  TEconomicProductOutput,
  TEconomicsFilters,
  TEconomicsQuery,
  TEconomicsSummary,
  TPage,
  TPutEconomicMonth,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { pageWindow } from '../../../platform/db/paging.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { allowedNodeIds, dec, dec0, inScope, micro, resolveNode } from './ledger-scope.ts';

const ENTITY = 'economic month';

interface MonthRow {
  id: string;
  site_id: string;
  site_code: string;
  site_name: string;
  month: string;
  gross_output_value: string;
  value_added: string;
  note: string | null;
  updated_by: string | null;
  updated_at: string | Date;
}
interface OutputRow {
  economic_month_id: string;
  material_id: string;
  material_code: string;
  material_name: string;
  unit_code: string;
  quantity: string;
  qualified_quantity: string | null;
}

const SELECT_MONTH = sql`SELECT m.id, m.site_id, n.code AS site_code, n.name AS site_name,
    to_char(m.month, 'YYYY-MM') AS month, m.gross_output_value::text AS gross_output_value,
    m.value_added::text AS value_added, m.note, u.username AS updated_by, m.updated_at
  FROM energy_economic_months m
  JOIN plant_nodes n ON n.tenant_id = m.tenant_id AND n.id = m.site_id
  LEFT JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.updated_by`;

const SELECT_OUTPUT = sql`SELECT o.economic_month_id, o.material_id, mt.code AS material_code, mt.name AS material_name,
    un.code AS unit_code, o.quantity::text AS quantity, o.qualified_quantity::text AS qualified_quantity
  FROM energy_economic_product_outputs o
  JOIN materials mt ON mt.tenant_id = o.tenant_id AND mt.id = o.material_id
  JOIN units un ON un.tenant_id = mt.tenant_id AND un.id = mt.unit_id`;

const toOutput = (r: OutputRow): TEconomicProductOutput => ({
  materialId: r.material_id,
  materialCode: r.material_code,
  materialName: r.material_name,
  unitCode: r.unit_code,
  quantity: dec0(r.quantity),
  qualifiedQuantity: dec(r.qualified_quantity),
});

async function withOutputs(ctx: Ctx, rows: MonthRow[]): Promise<TEconomicMonth[]> {
  const ids = rows.map((r) => r.id);
  const outputs = ids.length
    ? await queryRows<OutputRow>(
        ctx.tx,
        sql`${SELECT_OUTPUT} WHERE o.economic_month_id = ANY(${sql.param(ids)}::uuid[]) ORDER BY mt.code`,
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    month: r.month,
    grossOutputValue: dec0(r.gross_output_value),
    valueAdded: dec0(r.value_added),
    note: r.note,
    products: outputs.filter((o) => o.economic_month_id === r.id).map(toOutput),
    updatedBy: r.updated_by,
    updatedAt: toIso(r.updated_at),
  }));
}

async function filterSql(ctx: Ctx, f: TEconomicsFilters): Promise<SQL> {
  const allowed = await allowedNodeIds(ctx);
  const parts: SQL[] = [inScope(sql`m.site_id`, allowed)];
  if (f.siteId) parts.push(sql`m.site_id = ${f.siteId}`);
  if (f.year) parts.push(sql`extract(year FROM m.month) = ${f.year}`);
  if (f.from) parts.push(sql`m.month >= ${`${f.from}-01`}::date`);
  if (f.to) parts.push(sql`m.month <= ${`${f.to}-01`}::date`);
  return sql.join(parts, sql` AND `);
}

export async function listEconomicMonths(ctx: Ctx, query: TEconomicsQuery): Promise<TPage<TEconomicMonth>> {
  const where = await filterSql(ctx, query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM energy_economic_months m WHERE ${where}`,
  );
  const rows = await queryRows<MonthRow>(
    ctx.tx,
    sql`${SELECT_MONTH} WHERE ${where} ORDER BY m.month DESC, n.code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: await withOutputs(ctx, rows), total: count!.n, page: query.page, pageSize: query.pageSize };
}

/** Every month matching the filters, oldest first (for the Excel export). */
export async function allEconomicMonths(ctx: Ctx, filters: TEconomicsFilters): Promise<TEconomicMonth[]> {
  const rows = await queryRows<MonthRow>(
    ctx.tx,
    sql`${SELECT_MONTH} WHERE ${await filterSql(ctx, filters)} ORDER BY n.code, m.month`,
  );
  return withOutputs(ctx, rows);
}

async function findMonth(ctx: Ctx, siteId: string, month: string): Promise<TEconomicMonth | null> {
  const rows = await queryRows<MonthRow>(
    ctx.tx,
    sql`${SELECT_MONTH} WHERE m.site_id = ${siteId} AND m.month = ${`${month}-01`}::date`,
  );
  return (await withOutputs(ctx, rows))[0] ?? null;
}

/** The finished products by id, for checking product output lines. */
export async function finishedProducts(ctx: Ctx) {
  return queryRows<{ id: string; code: string; type: string; unit_code: string }>(
    ctx.tx,
    sql`SELECT mt.id, mt.code, mt.type, un.code AS unit_code FROM materials mt
        JOIN units un ON un.tenant_id = mt.tenant_id AND un.id = mt.unit_id`,
  );
}

/** Problems with a month's product lines, as field paths under `prefix`. */
export function productIssues(
  input: TPutEconomicMonth,
  materials: Map<string, { type: string }>,
  prefix: string,
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  (input.products ?? []).forEach((p, i) => {
    const m = materials.get(p.materialId);
    if (!m) issues.push({ path: `${prefix}.${i}.materialId`, message: 'no such material' });
    else if (m.type !== 'finished')
      issues.push({
        path: `${prefix}.${i}.materialId`,
        message: `must be a finished product, not ${m.type}`,
      });
    if (seen.has(p.materialId))
      issues.push({ path: `${prefix}.${i}.materialId`, message: 'listed twice for the month' });
    seen.add(p.materialId);
    if (p.qualifiedQuantity != null && micro(p.qualifiedQuantity) > micro(p.quantity))
      issues.push({ path: `${prefix}.${i}.qualifiedQuantity`, message: 'must not exceed the quantity' });
  });
  return issues;
}

/** Writes one site-month (insert or replace, product lines included) and audits it; no checks. */
export async function writeMonth(
  ctx: Ctx,
  o: { siteId: string; month: string; input: TPutEconomicMonth },
): Promise<{ month: TEconomicMonth; created: boolean }> {
  const before = await findMonth(ctx, o.siteId, o.month);
  const id = before?.id ?? randomUUID();
  const { input } = o;
  await queryRows(
    ctx.tx,
    sql`INSERT INTO energy_economic_months (tenant_id, id, site_id, month, gross_output_value, value_added, note, updated_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${o.siteId}, ${`${o.month}-01`}::date, ${input.grossOutputValue}::numeric,
                ${input.valueAdded}::numeric, ${input.note ?? null}, ${ctx.actor.userId})
        ON CONFLICT (tenant_id, site_id, month) DO UPDATE SET gross_output_value = EXCLUDED.gross_output_value,
          value_added = EXCLUDED.value_added, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
  );
  await queryRows(ctx.tx, sql`DELETE FROM energy_economic_product_outputs WHERE economic_month_id = ${id}`);
  for (const p of input.products ?? [])
    await queryRows(
      ctx.tx,
      sql`INSERT INTO energy_economic_product_outputs (tenant_id, economic_month_id, material_id, quantity, qualified_quantity)
          VALUES (${ctx.actor.tenantId}, ${id}, ${p.materialId}, ${p.quantity}::numeric, ${p.qualifiedQuantity ?? null}::numeric)`,
    );
  const after = (await findMonth(ctx, o.siteId, o.month))!;
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entityType: 'energy_economic_month',
    entityId: id,
    ...(before ? { before } : {}),
    after,
  });
  return { month: after, created: !before };
}

export async function putEconomicMonth(
  ctx: Ctx,
  o: { siteId: string; month: string; input: TPutEconomicMonth },
): Promise<TEconomicMonth> {
  await resolveNode(ctx, { id: o.siteId, path: 'params.siteId', kinds: ['site'] });
  const materials = new Map((await finishedProducts(ctx)).map((m) => [m.id, m]));
  const issues = productIssues(o.input, materials, 'body.products');
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  return (await writeMonth(ctx, o)).month;
}

export async function deleteEconomicMonth(ctx: Ctx, o: { siteId: string; month: string }): Promise<void> {
  const allowed = await allowedNodeIds(ctx);
  const before = await findMonth(ctx, o.siteId, o.month);
  if (!before || (allowed !== null && !allowed.includes(o.siteId))) throw notFound(ENTITY);
  await queryRows(ctx.tx, sql`DELETE FROM energy_economic_months WHERE id = ${before.id}`);
  await recordAudit(ctx, {
    action: 'delete',
    entityType: 'energy_economic_month',
    entityId: before.id,
    before,
  });
}

/**
 * Sums of output value, value added and output per product over [from, to] (months inclusive), for
 * the given sites or every site in the caller's data scope: the denominators of energy intensity.
 */
export async function economicsFor(
  ctx: Ctx,
  o: { siteIds?: string[] | null; from: string; to: string },
): Promise<TEconomicsSummary> {
  if (o.to < o.from)
    throw new AppError('VALIDATION', {}, [{ path: 'query.to', message: 'must not be before from' }]);
  const allowed = await allowedNodeIds(ctx);
  const sites = o.siteIds ?? null;
  const where = sql`${inScope(sql`m.site_id`, allowed)}
    AND ${sites === null ? sql`true` : sql`m.site_id = ANY(${sql.param(sites)}::uuid[])`}
    AND m.month BETWEEN ${`${o.from}-01`}::date AND ${`${o.to}-01`}::date`;
  const [totals] = await queryRows<{ n: number; gross: string | null; added: string | null }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n, sum(m.gross_output_value)::text AS gross, sum(m.value_added)::text AS added
        FROM energy_economic_months m WHERE ${where}`,
  );
  const products = await queryRows<OutputRow>(
    ctx.tx,
    sql`SELECT NULL AS economic_month_id, o.material_id, mt.code AS material_code, mt.name AS material_name,
          un.code AS unit_code, sum(o.quantity)::text AS quantity,
          sum(coalesce(o.qualified_quantity, o.quantity))::text AS qualified_quantity
        FROM energy_economic_months m
        JOIN energy_economic_product_outputs o ON o.tenant_id = m.tenant_id AND o.economic_month_id = m.id
        JOIN materials mt ON mt.tenant_id = o.tenant_id AND mt.id = o.material_id
        JOIN units un ON un.tenant_id = mt.tenant_id AND un.id = mt.unit_id
        WHERE ${where}
        GROUP BY o.material_id, mt.code, mt.name, un.code ORDER BY mt.code`,
  );
  return {
    from: o.from,
    to: o.to,
    siteIds: sites,
    monthsReported: totals!.n,
    grossOutputValue: dec0(totals!.gross),
    valueAdded: dec0(totals!.added),
    products: products.map((r) => ({ ...toOutput(r), qualifiedQuantity: dec0(r.qualified_quantity) })),
  };
}

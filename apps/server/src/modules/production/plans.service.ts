import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  PLAN_TRANSITIONS,
  type PlanStatus,
  type TMaterialRequirement,
  type TPage,
  type TPlan,
  type TPlanExplosion,
  type TPlanQuery,
  type TPlanSummary,
  type TSavePlanParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { isVisible } from '../modeling/data-scope.ts';
import { loadPlant } from '../modeling/plant.service.ts';
import { trim } from './boms.service.ts';
import { materialsById, todayIn } from './definitions.ts';
import { explodeBom } from './explosion.service.ts';
import { createFromNode, summariesOf } from './work-orders.service.ts';
import { sumDecimals } from './work-order-rules.ts';

const ENTITY = 'production plan';
const AUDIT_ENTITY = 'production_plan';

interface HeaderRow {
  id: string;
  code: string;
  site_id: string;
  site_code: string;
  site_name: string;
  period_start: string;
  period_end: string;
  status: PlanStatus;
  description: string | null;
  line_count: number;
  exploded_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const SELECT = sql`SELECT p.id, p.code, p.site_id, s.code AS site_code, s.name AS site_name,
    p.period_start::text AS period_start, p.period_end::text AS period_end, p.status, p.description,
    (SELECT count(*)::int FROM production_plan_lines l WHERE l.tenant_id = p.tenant_id AND l.plan_id = p.id) AS line_count,
    (SELECT count(*)::int FROM production_plan_lines l WHERE l.tenant_id = p.tenant_id AND l.plan_id = p.id
      AND l.work_order_id IS NOT NULL) AS exploded_count,
    p.created_at, p.updated_at
  FROM production_plans p JOIN plant_nodes s ON s.tenant_id = p.tenant_id AND s.id = p.site_id`;

const toSummary = (r: HeaderRow): TPlanSummary => ({
  id: r.id,
  code: r.code,
  siteId: r.site_id,
  siteCode: r.site_code,
  siteName: r.site_name,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  status: r.status,
  description: r.description,
  lineCount: r.line_count,
  explodedCount: r.exploded_count,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

export async function listPlans(ctx: Ctx, query: TPlanQuery): Promise<TPage<TPlanSummary>> {
  const like = query.q ? likePattern(query.q) : null;
  const where = sql`(${like}::text IS NULL OR p.code ILIKE ${like} OR p.description ILIKE ${like})
    AND (${query.status ?? null}::text IS NULL OR p.status = ${query.status ?? null})
    AND (${query.siteId ?? null}::uuid IS NULL OR p.site_id = ${query.siteId ?? null}::uuid)`;
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM production_plans p WHERE ${where}`,
  );
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY p.period_start DESC, p.code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toSummary), total: count!.n, page: query.page, pageSize: query.pageSize };
}

export async function getPlan(ctx: Ctx, id: string): Promise<TPlan> {
  const [row] = await queryRows<HeaderRow>(ctx.tx, sql`${SELECT} WHERE p.id = ${id}`);
  if (!row) throw notFound(ENTITY);
  const lines = await queryRows<{
    line_no: number;
    product_id: string;
    product_code: string;
    product_name: string;
    unit_code: string;
    quantity: string;
    due_date: string;
    priority: number;
    note: string | null;
    work_order_id: string | null;
    work_order_number: string | null;
  }>(
    ctx.tx,
    sql`SELECT l.line_no, l.product_id, m.code AS product_code, m.name AS product_name, u.code AS unit_code,
          l.quantity::text AS quantity, l.due_date::text AS due_date, l.priority::int AS priority, l.note,
          l.work_order_id, w.number AS work_order_number
        FROM production_plan_lines l
        JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.product_id
        JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id
        LEFT JOIN work_orders w ON w.tenant_id = l.tenant_id AND w.id = l.work_order_id
        WHERE l.plan_id = ${id} ORDER BY l.line_no`,
  );
  return {
    ...toSummary(row),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      productCode: l.product_code,
      productName: l.product_name,
      unitCode: l.unit_code,
      quantity: trim(l.quantity),
      dueDate: l.due_date,
      priority: l.priority,
      note: l.note,
      workOrderId: l.work_order_id,
      workOrderNumber: l.work_order_number,
    })),
  };
}

async function check(ctx: Ctx, input: TSavePlanParsed, id: string | null) {
  const issues: Array<{ path: string; message: string }> = [];
  const { nodes, scope } = await loadPlant(ctx);
  const site = nodes.find((n) => n.id === input.siteId);
  if (!site || !isVisible(scope, site.id)) issues.push({ path: 'body.siteId', message: 'no such site' });
  else if (site.kind !== 'site')
    issues.push({ path: 'body.siteId', message: `${site.code} is a ${site.kind}, not a site` });
  if (input.periodEnd < input.periodStart)
    issues.push({ path: 'body.periodEnd', message: 'must not be before periodStart' });
  const materials = await materialsById(
    ctx,
    input.lines.map((l) => l.productId),
  );
  input.lines.forEach((l, i) => {
    if (!materials.has(l.productId))
      issues.push({ path: `body.lines.${i}.productId`, message: 'unknown material' });
  });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  const [taken] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM production_plans WHERE code = ${input.code} AND id IS DISTINCT FROM ${id}::uuid`,
  );
  if (taken) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
}

async function writeLines(ctx: Ctx, id: string, input: TSavePlanParsed) {
  await queryRows(ctx.tx, sql`DELETE FROM production_plan_lines WHERE plan_id = ${id}`);
  if (input.lines.length === 0) return;
  await queryRows(
    ctx.tx,
    sql`INSERT INTO production_plan_lines (tenant_id, plan_id, line_no, product_id, quantity, due_date, priority, note)
        VALUES ${sql.join(
          input.lines.map(
            (l, i) =>
              sql`(${ctx.actor.tenantId}::uuid, ${id}::uuid, ${i + 1}, ${l.productId}::uuid, ${l.quantity}::numeric,
                ${l.dueDate}::date, ${l.priority}, ${l.note ?? null})`,
          ),
          sql`, `,
        )}`,
  );
}

export async function createPlan(ctx: Ctx, input: TSavePlanParsed): Promise<TPlan> {
  await check(ctx, input, null);
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO production_plans (tenant_id, id, code, site_id, period_start, period_end, description, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.siteId}, ${input.periodStart}::date,
          ${input.periodEnd}::date, ${input.description ?? null}, ${ctx.actor.userId})`,
  );
  await writeLines(ctx, id, input);
  const after = await getPlan(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT_ENTITY, entityId: id, after });
  return after;
}

const lockPlan = async (ctx: Ctx, id: string) => {
  const [row] = await queryRows(ctx.tx, sql`SELECT 1 FROM production_plans WHERE id = ${id} FOR UPDATE`);
  if (!row) throw notFound(ENTITY);
  return getPlan(ctx, id);
};

const assertDraft = (plan: TPlan) => {
  if (plan.status !== 'draft')
    throw new AppError('CONFLICT', {
      reason: `plan ${plan.code} is ${plan.status}; only drafts can be changed`,
      status: plan.status,
    });
};

export async function updatePlan(ctx: Ctx, id: string, input: TSavePlanParsed): Promise<TPlan> {
  const before = await lockPlan(ctx, id);
  assertDraft(before);
  if (before.explodedCount > 0)
    throw new AppError('CONFLICT', { reason: `plan ${before.code} already has work orders` });
  await check(ctx, input, id);
  await queryRows(
    ctx.tx,
    sql`UPDATE production_plans SET code = ${input.code}, site_id = ${input.siteId},
          period_start = ${input.periodStart}::date, period_end = ${input.periodEnd}::date,
          description = ${input.description ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  await writeLines(ctx, id, input);
  const after = await getPlan(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

export async function transitionPlan(ctx: Ctx, id: string, status: PlanStatus): Promise<TPlan> {
  const before = await lockPlan(ctx, id);
  if (!PLAN_TRANSITIONS[before.status].includes(status))
    throw new AppError('CONFLICT', {
      reason: `plan ${before.code} is ${before.status} and cannot become ${status}`,
      from: before.status,
      to: status,
    });
  if (status === 'confirmed' && before.lines.length === 0)
    throw new AppError('VALIDATION', {}, [{ path: 'lines', message: 'a confirmed plan needs lines' }]);
  if (status === 'draft' && before.explodedCount > 0)
    throw new AppError('CONFLICT', {
      reason: `plan ${before.code} already has work orders and cannot go back to draft`,
      from: before.status,
      to: status,
    });
  await queryRows(
    ctx.tx,
    sql`UPDATE production_plans SET status = ${status}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getPlan(ctx, id);
  await recordAudit(ctx, {
    action: 'transition',
    entityType: AUDIT_ENTITY,
    entityId: id,
    before: { status: before.status },
    after: { status },
  });
  return after;
}

export async function deletePlan(ctx: Ctx, id: string): Promise<void> {
  const before = await lockPlan(ctx, id);
  assertDraft(before);
  await queryRows(ctx.tx, sql`DELETE FROM production_plans WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_ENTITY, entityId: id, before });
}

/**
 * Explodes lines of a confirmed plan into work orders: per line the finished-product order and,
 * below it, an order per made component (one with an active BOM on the day), multi-level, with the
 * explosion's gross quantities. The versions are those effective on the later of today and the
 * plan's first day. A line already exploded is left alone, so exploding twice makes nothing new.
 */
export async function explodePlan(
  ctx: Ctx,
  o: { id: string; lineNos?: number[] | undefined },
): Promise<TPlanExplosion> {
  const plan = await lockPlan(ctx, o.id);
  if (plan.status !== 'confirmed')
    throw new AppError('CONFLICT', {
      reason: `plan ${plan.code} is ${plan.status}; only confirmed plans are exploded`,
      status: plan.status,
    });
  const wanted = o.lineNos ? new Set(o.lineNos) : null;
  const lines = plan.lines.filter((l) => !wanted || wanted.has(l.lineNo));
  if (wanted && lines.length !== wanted.size)
    throw new AppError('VALIDATION', {}, [{ path: 'body.lineNos', message: 'no such line in the plan' }]);
  const today = todayIn(ctx.actor.timezone);
  const date = today > plan.periodStart ? today : plan.periodStart;
  const created: string[] = [];
  for (const line of lines) {
    if (line.workOrderId) continue;
    const explosion = await explodeBom(ctx, { productId: line.productId, quantity: line.quantity, date });
    const ids = await createFromNode(ctx, {
      node: explosion.tree,
      date,
      header: { priority: line.priority, dueDate: line.dueDate, planId: plan.id, planLineNo: line.lineNo },
      parentId: null,
      makeChildren: true,
    });
    await queryRows(
      ctx.tx,
      sql`UPDATE production_plan_lines SET work_order_id = ${ids[0]!}
          WHERE plan_id = ${plan.id} AND line_no = ${line.lineNo}`,
    );
    created.push(...ids);
  }
  const lineNos = lines.map((l) => l.lineNo);
  const all = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM work_orders WHERE plan_id = ${plan.id}
          AND plan_line_no = ANY(${sql.param(lineNos)}::int[])`,
  );
  const workOrders = await summariesOf(
    ctx,
    all.map((r) => r.id),
  );
  const requirements = await boughtRequirements(ctx, plan.id, lineNos);
  const after = await getPlan(ctx, plan.id);
  // each new order's own history starts with its creation, from this plan
  for (const w of workOrders)
    if (created.includes(w.id))
      await recordAudit(ctx, {
        action: 'create',
        entityType: 'work_order',
        entityId: w.id,
        after: { ...w, source: `plan ${plan.code}` },
      });
  if (created.length)
    await recordAudit(ctx, {
      action: 'explode',
      entityType: AUDIT_ENTITY,
      entityId: plan.id,
      after: { lineNos, workOrders: workOrders.filter((w) => created.includes(w.id)).map((w) => w.number) },
    });
  return {
    plan: after,
    created: workOrders.filter((w) => created.includes(w.id)),
    workOrders,
    requirements,
  };
}

/** Bought components of the plan's orders for these lines (not cancelled), summed per material. */
async function boughtRequirements(
  ctx: Ctx,
  planId: string,
  lineNos: number[],
): Promise<TMaterialRequirement[]> {
  const rows = await queryRows<{
    material_id: string;
    code: string;
    name: string;
    type: TMaterialRequirement['materialType'];
    unit_code: string;
    quantity: string;
  }>(
    ctx.tx,
    sql`SELECT l.material_id, m.code, m.name, m.type, u.code AS unit_code, l.quantity::text AS quantity
        FROM work_order_materials l
        JOIN work_orders w ON w.tenant_id = l.tenant_id AND w.id = l.work_order_id
        JOIN materials m ON m.tenant_id = l.tenant_id AND m.id = l.material_id
        JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id
        WHERE w.plan_id = ${planId} AND w.plan_line_no = ANY(${sql.param(lineNos)}::int[])
          AND w.status <> 'cancelled' AND NOT l.is_made`,
  );
  const byMaterial = new Map<string, { row: (typeof rows)[number]; quantities: string[] }>();
  for (const r of rows) {
    const entry = byMaterial.get(r.material_id) ?? { row: r, quantities: [] };
    entry.quantities.push(r.quantity);
    byMaterial.set(r.material_id, entry);
  }
  return [...byMaterial.values()]
    .map(({ row, quantities }) => ({
      materialId: row.material_id,
      materialCode: row.code,
      materialName: row.name,
      materialType: row.type,
      unitCode: row.unit_code,
      grossQuantity: sumDecimals(quantities),
      isMade: false,
      levels: [],
    }))
    .sort((a, b) => a.materialCode.localeCompare(b.materialCode));
}

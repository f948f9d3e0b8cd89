import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  SAVING_PROJECT_STATUSES,
  SAVING_PROJECT_TRANSITIONS,
  type SavingMeasureType,
  type SavingProjectStatus,
  type TCreateSavingProject,
  type TPage,
  type TSavingProject,
  type TSavingProjectFilters,
  type TSavingProjectQuery,
  type TSavingProjectTotals,
  type TUpdateSavingProject,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { allowedNodeIds, dec, dec0, inScope, resolveNode } from './ledger-scope.ts';

const ENTITY = 'energy-saving project';

interface Row {
  id: string;
  code: string;
  name: string;
  node_id: string;
  node_code: string;
  node_name: string;
  measure_type: string;
  status: string;
  start_date: string | null;
  finish_date: string | null;
  investment: string | null;
  media: string[];
  expected_savings_tce: string | null;
  expected_savings_quantity: string | null;
  expected_savings_unit: string | null;
  expected_savings_value: string | null;
  verified_savings_tce: string | null;
  verified_savings_value: string | null;
  verification_method: string | null;
  verified_on: string | null;
  verified_by: string | null;
  payback: string | null;
  description: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

// Simple payback = investment ÷ annual savings value; the verified value once there is one.
const SELECT = sql`SELECT p.id, p.code, p.name, p.node_id, n.code AS node_code, n.name AS node_name, p.measure_type,
    p.status, p.start_date::text AS start_date, p.finish_date::text AS finish_date, p.investment::text AS investment,
    p.media, p.expected_savings_tce::text AS expected_savings_tce,
    p.expected_savings_quantity::text AS expected_savings_quantity, p.expected_savings_unit,
    p.expected_savings_value::text AS expected_savings_value, p.verified_savings_tce::text AS verified_savings_tce,
    p.verified_savings_value::text AS verified_savings_value, p.verification_method,
    p.verified_on::text AS verified_on, p.verified_by,
    round(p.investment / nullif(coalesce(p.verified_savings_value, p.expected_savings_value), 0), 2)::text AS payback,
    p.description, p.created_at, p.updated_at
  FROM energy_saving_projects p JOIN plant_nodes n ON n.tenant_id = p.tenant_id AND n.id = p.node_id`;

const toProject = (r: Row): TSavingProject => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nodeId: r.node_id,
  nodeCode: r.node_code,
  nodeName: r.node_name,
  measureType: r.measure_type as SavingMeasureType,
  status: r.status as SavingProjectStatus,
  startDate: r.start_date,
  finishDate: r.finish_date,
  investment: dec(r.investment),
  media: r.media,
  expectedSavingsTce: dec(r.expected_savings_tce),
  expectedSavingsQuantity: dec(r.expected_savings_quantity),
  expectedSavingsUnit: r.expected_savings_unit,
  expectedSavingsValue: dec(r.expected_savings_value),
  verifiedSavingsTce: dec(r.verified_savings_tce),
  verifiedSavingsValue: dec(r.verified_savings_value),
  verificationMethod: r.verification_method,
  verifiedOn: r.verified_on,
  verifiedBy: r.verified_by,
  simplePaybackYears: dec(r.payback),
  description: r.description,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

async function filterSql(ctx: Ctx, f: TSavingProjectFilters): Promise<SQL> {
  const parts: SQL[] = [inScope(sql`p.node_id`, await allowedNodeIds(ctx))];
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(sql`(p.code ILIKE ${like} OR p.name ILIKE ${like})`);
  }
  if (f.nodeId) parts.push(sql`p.node_id = ${f.nodeId}`);
  if (f.status) parts.push(sql`p.status = ${f.status}`);
  if (f.measureType) parts.push(sql`p.measure_type = ${f.measureType}`);
  if (f.year)
    parts.push(
      sql`(extract(year FROM p.start_date) = ${f.year} OR extract(year FROM p.finish_date) = ${f.year})`,
    );
  return sql.join(parts, sql` AND `);
}

export async function listProjects(ctx: Ctx, query: TSavingProjectQuery): Promise<TPage<TSavingProject>> {
  const where = await filterSql(ctx, query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM energy_saving_projects p WHERE ${where}`,
  );
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY p.code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toProject), total: count!.n, page: query.page, pageSize: query.pageSize };
}

export async function allProjects(ctx: Ctx, filters: TSavingProjectFilters): Promise<TSavingProject[]> {
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} WHERE ${await filterSql(ctx, filters)} ORDER BY p.code`,
  );
  return rows.map(toProject);
}

export async function getProject(ctx: Ctx, id: string): Promise<TSavingProject> {
  const allowed = await allowedNodeIds(ctx);
  const [row] = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} WHERE p.id = ${id} AND ${inScope(sql`p.node_id`, allowed)}`,
  );
  if (!row) throw notFound(ENTITY);
  return toProject(row);
}

export async function projectIdsByCode(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; code: string }>(
    ctx.tx,
    sql`SELECT id, code FROM energy_saving_projects WHERE code = ANY(${sql.param(codes)}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

type Merged = Omit<TCreateSavingProject, 'code'> & { status: SavingProjectStatus };

/** Rules across fields; verified savings belong to a finished project. */
export function projectIssues(p: Merged, prefix: string) {
  const issues: Array<{ path: string; message: string }> = [];
  if (p.startDate && p.finishDate && p.finishDate < p.startDate)
    issues.push({ path: `${prefix}.finishDate`, message: 'must not be before startDate' });
  const verified = [p.verifiedSavingsTce, p.verifiedSavingsValue, p.verifiedOn].some((v) => v != null);
  if (verified && p.status !== 'done')
    issues.push({
      path: `${prefix}.verifiedSavingsTce`,
      message: 'verified savings are recorded once the project is done',
    });
  if (p.expectedSavingsQuantity != null && !p.expectedSavingsUnit)
    issues.push({ path: `${prefix}.expectedSavingsUnit`, message: 'required with expectedSavingsQuantity' });
  return issues;
}
function check(p: Merged, prefix: string) {
  const issues = projectIssues(p, prefix);
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
}

const n = (v: string | null | undefined) => (v == null || v === '' ? null : v);

async function write(ctx: Ctx, id: string, code: string, p: Merged, isNew: boolean) {
  const values = sql`${code}, ${p.name}, ${p.nodeId}, ${p.measureType}, ${p.status}, ${n(p.startDate)}::date,
    ${n(p.finishDate)}::date, ${n(p.investment)}::numeric, ${sql.param(p.media ?? [])}::text[],
    ${n(p.expectedSavingsTce)}::numeric, ${n(p.expectedSavingsQuantity)}::numeric, ${n(p.expectedSavingsUnit)},
    ${n(p.expectedSavingsValue)}::numeric, ${n(p.verifiedSavingsTce)}::numeric, ${n(p.verifiedSavingsValue)}::numeric,
    ${n(p.verificationMethod)}, ${n(p.verifiedOn)}::date, ${n(p.verifiedBy)}, ${n(p.description)}`;
  const columns = sql`code, name, node_id, measure_type, status, start_date, finish_date, investment, media,
    expected_savings_tce, expected_savings_quantity, expected_savings_unit, expected_savings_value,
    verified_savings_tce, verified_savings_value, verification_method, verified_on, verified_by, description`;
  if (isNew)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO energy_saving_projects (tenant_id, id, created_by, ${columns})
          VALUES (${ctx.actor.tenantId}, ${id}, ${ctx.actor.userId}, ${values})`,
    );
  else
    await queryRows(
      ctx.tx,
      sql`UPDATE energy_saving_projects SET (${columns}) = (${values}), updated_at = now() WHERE id = ${id}`,
    );
}

async function assertCodeFree(ctx: Ctx, code: string, id: string | null) {
  const [taken] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM energy_saving_projects WHERE code = ${code} AND id IS DISTINCT FROM ${id}::uuid`,
  );
  if (taken) throw new AppError('DUPLICATE_CODE', { code, entity: ENTITY });
}

export async function createProject(ctx: Ctx, input: TCreateSavingProject): Promise<TSavingProject> {
  await resolveNode(ctx, { id: input.nodeId, path: 'body.nodeId' });
  const merged: Merged = { ...input, status: 'planned' };
  check(merged, 'body');
  await assertCodeFree(ctx, input.code, null);
  const id = randomUUID();
  await write(ctx, id, input.code, merged, true);
  const created = await getProject(ctx, id);
  await recordAudit(ctx, {
    action: 'create',
    entityType: 'energy_saving_project',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updateProject(
  ctx: Ctx,
  id: string,
  input: TUpdateSavingProject,
): Promise<TSavingProject> {
  const before = await getProject(ctx, id);
  if (input.nodeId) await resolveNode(ctx, { id: input.nodeId, path: 'body.nodeId' });
  const { code = before.code, ...rest } = input;
  const merged = { ...before, ...rest } as Merged;
  check(merged, 'body');
  if (code !== before.code) await assertCodeFree(ctx, code, id);
  await write(ctx, id, code, merged, false);
  const after = await getProject(ctx, id);
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'energy_saving_project',
    entityId: id,
    before,
    after,
  });
  return after;
}

/** An imported row, written as recorded (its status included) over the project with its code, if any. */
export async function writeImportedProject(
  ctx: Ctx,
  o: { id: string | null; input: TCreateSavingProject; status: SavingProjectStatus },
): Promise<void> {
  const before = o.id ? await getProject(ctx, o.id) : null;
  const id = o.id ?? randomUUID();
  const merged: Merged = { ...o.input, status: o.status };
  check(merged, 'body');
  await write(ctx, id, o.input.code, merged, !before);
  const after = await getProject(ctx, id);
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entityType: 'energy_saving_project',
    entityId: id,
    ...(before ? { before } : {}),
    after,
  });
}

/**
 * planned → ongoing → done, or cancelled from either; anything else is a 409. Starting stamps the
 * start date and finishing the finish date (today, or `date`) unless they were entered.
 */
export async function transitionProject(
  ctx: Ctx,
  o: { id: string; status: SavingProjectStatus; date?: string },
): Promise<TSavingProject> {
  const before = await getProject(ctx, o.id);
  if (!SAVING_PROJECT_TRANSITIONS[before.status].includes(o.status))
    throw new AppError('CONFLICT', {
      reason: `a project that is ${before.status} cannot become ${o.status}`,
      from: before.status,
      to: o.status,
    });
  const on = o.date ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
  const startDate = o.status === 'ongoing' ? (o.date ?? before.startDate ?? on) : before.startDate;
  const finishDate = o.status === 'done' ? (o.date ?? before.finishDate ?? on) : before.finishDate;
  if (startDate && finishDate && finishDate < startDate)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.date', message: 'must not be before the start date' },
    ]);
  await queryRows(
    ctx.tx,
    sql`UPDATE energy_saving_projects SET status = ${o.status}, start_date = ${startDate}::date,
          finish_date = ${finishDate}::date, updated_at = now() WHERE id = ${o.id}`,
  );
  const after = await getProject(ctx, o.id);
  await recordAudit(ctx, {
    action: 'transition',
    entityType: 'energy_saving_project',
    entityId: o.id,
    before,
    after,
  });
  return after;
}

export async function deleteProject(ctx: Ctx, id: string): Promise<void> {
  const before = await getProject(ctx, id);
  await queryRows(ctx.tx, sql`DELETE FROM energy_saving_projects WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'energy_saving_project', entityId: id, before });
}

interface TotalsRow {
  key: string | number | null;
  count: number;
  investment: string | null;
  expected_tce: string | null;
  expected_value: string | null;
  verified_tce: string | null;
  verified_value: string | null;
}

/** Investment and expected vs verified savings, overall, by status and by year (cancelled counted only under its status). */
export async function projectTotals(ctx: Ctx, filters: TSavingProjectFilters): Promise<TSavingProjectTotals> {
  const where = await filterSql(ctx, filters);
  const sums = sql`count(*)::int AS count, sum(p.investment)::text AS investment,
    sum(p.expected_savings_tce)::text AS expected_tce, sum(p.expected_savings_value)::text AS expected_value,
    sum(p.verified_savings_tce)::text AS verified_tce, sum(p.verified_savings_value)::text AS verified_value`;
  const by = (key: SQL, extra: SQL = sql`true`) =>
    queryRows<TotalsRow>(
      ctx.tx,
      sql`SELECT ${key} AS key, ${sums} FROM energy_saving_projects p WHERE ${where} AND ${extra} GROUP BY 1 ORDER BY 1`,
    );
  const totals = (r: TotalsRow | undefined) => ({
    count: r?.count ?? 0,
    investment: dec0(r?.investment ?? null),
    expectedSavingsTce: dec0(r?.expected_tce ?? null),
    expectedSavingsValue: dec0(r?.expected_value ?? null),
    verifiedSavingsTce: dec0(r?.verified_tce ?? null),
    verifiedSavingsValue: dec0(r?.verified_value ?? null),
  });
  const [all] = await by(sql`'all'`, sql`p.status <> 'cancelled'`);
  const byStatus = await by(sql`p.status`);
  const byYear = await by(
    sql`extract(year FROM coalesce(p.finish_date, p.start_date))::int`,
    sql`p.status <> 'cancelled'`,
  );
  return {
    all: totals(all),
    byStatus: SAVING_PROJECT_STATUSES.map((status) => ({
      status,
      ...totals(byStatus.find((r) => r.key === status)),
    })),
    byYear: byYear.map((r) => ({ year: r.key === null ? null : Number(r.key), ...totals(r) })),
  };
}

import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  DefinitionStatus,
  TPage,
  TRouting,
  TRoutingOperation,
  TRoutingFilters,
  TRoutingQuery,
  TRoutingSummary,
  TSaveRoutingParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { trim } from './boms.service.ts';
import {
  assertDraft,
  assertNoOverlap,
  assertTransition,
  assertVersionFree,
  lockDefinitions,
  materialsById,
  versionFilterSql,
} from './definitions.ts';

const ENTITY = 'routing';

interface HeaderRow {
  id: string;
  product_id: string;
  product_code: string;
  product_name: string;
  product_type: TRouting['productType'];
  product_unit_code: string;
  version: string;
  status: DefinitionStatus;
  effective_from: string;
  effective_to: string | null;
  description: string | null;
  operation_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const SELECT = sql`SELECT v.id, v.product_id, m.code AS product_code, m.name AS product_name, m.type AS product_type,
    pu.code AS product_unit_code, v.version, v.status, v.effective_from::text AS effective_from,
    v.effective_to::text AS effective_to, v.description,
    (SELECT count(*)::int FROM production_routing_operations o
      WHERE o.tenant_id = v.tenant_id AND o.routing_id = v.id) AS operation_count,
    v.created_at, v.updated_at
  FROM production_routings v
  JOIN materials m ON m.tenant_id = v.tenant_id AND m.id = v.product_id
  JOIN units pu ON pu.tenant_id = m.tenant_id AND pu.id = m.unit_id`;

const toSummary = (r: HeaderRow): TRoutingSummary => ({
  id: r.id,
  productId: r.product_id,
  productCode: r.product_code,
  productName: r.product_name,
  productType: r.product_type,
  productUnitCode: r.product_unit_code,
  version: r.version,
  status: r.status,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  description: r.description,
  operationCount: r.operation_count,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

/** The list's filters over `v` (versions) joined to `m` (products); the Excel export takes the same. */
function routingFilterSql(query: TRoutingFilters): SQL {
  const base = versionFilterSql(query);
  return query.workCenterId
    ? sql`${base} AND EXISTS (SELECT 1 FROM production_routing_operations o
        WHERE o.tenant_id = v.tenant_id AND o.routing_id = v.id AND o.work_center_id = ${query.workCenterId})`
    : base;
}

export async function listRoutings(ctx: Ctx, query: TRoutingQuery): Promise<TPage<TRoutingSummary>> {
  const where = routingFilterSql(query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM production_routings v
        JOIN materials m ON m.tenant_id = v.tenant_id AND m.id = v.product_id WHERE ${where}`,
  );
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY m.code, v.effective_from DESC, v.version LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toSummary), total: count!.n, page: query.page, pageSize: query.pageSize };
}

interface OperationRow {
  seq_no: number;
  code: string;
  name: string;
  work_center_id: string;
  work_center_code: string;
  work_center_name: string;
  setup_minutes: string;
  run_seconds_per_unit: string;
  required_skill: string | null;
  is_inspection_point: boolean;
  description: string | null;
}

/** The operations of `routingIds`, in seq-no. order, by routing: one query for any number of routings. */
async function operationsOf(ctx: Ctx, routingIds: string[]): Promise<Map<string, TRoutingOperation[]>> {
  const rows = await queryRows<OperationRow & { routing_id: string }>(
    ctx.tx,
    sql`SELECT o.routing_id, o.seq_no, o.code, o.name, o.work_center_id, n.code AS work_center_code,
          n.name AS work_center_name, o.setup_minutes::text AS setup_minutes,
          o.run_seconds_per_unit::text AS run_seconds_per_unit, o.required_skill, o.is_inspection_point, o.description
        FROM production_routing_operations o
        JOIN plant_nodes n ON n.tenant_id = o.tenant_id AND n.id = o.work_center_id
        WHERE o.routing_id = ANY(${sql.param(routingIds)}::uuid[]) ORDER BY o.routing_id, o.seq_no`,
  );
  const byRouting = new Map<string, TRoutingOperation[]>();
  for (const o of rows) {
    const list = byRouting.get(o.routing_id) ?? [];
    list.push({
      seqNo: o.seq_no,
      code: o.code,
      name: o.name,
      workCenterId: o.work_center_id,
      workCenterCode: o.work_center_code,
      workCenterName: o.work_center_name,
      setupMinutes: trim(o.setup_minutes),
      runSecondsPerUnit: trim(o.run_seconds_per_unit),
      requiredSkill: o.required_skill,
      isInspectionPoint: o.is_inspection_point,
      description: o.description,
    });
    byRouting.set(o.routing_id, list);
  }
  return byRouting;
}

/** Full routings matching `where` over `v` (versions) joined to `m` (products), by product, then period. */
async function routingsWhere(ctx: Ctx, where: SQL): Promise<TRouting[]> {
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY m.code, v.effective_from, v.version`,
  );
  const operations = await operationsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...toSummary(r), operations: operations.get(r.id) ?? [] }));
}

/** Every routing matching the list's filters, operations included (the Excel export). */
export const allRoutings = (ctx: Ctx, filters: TRoutingFilters) =>
  routingsWhere(ctx, routingFilterSql(filters));

export async function getRouting(ctx: Ctx, id: string): Promise<TRouting> {
  const [routing] = await routingsWhere(ctx, sql`v.id = ${id}`);
  if (!routing) throw notFound(ENTITY);
  return routing;
}

export async function routingsByProductVersion(
  ctx: Ctx,
  keys: Array<{ productId: string; version: string }>,
) {
  if (keys.length === 0) return [];
  return routingsWhere(
    ctx,
    sql`(v.product_id, v.version) IN (${sql.join(
      keys.map((k) => sql`(${k.productId}::uuid, ${k.version})`),
      sql`, `,
    )})`,
  );
}

/** A stored routing as the input that would save it again (a copy, an import's comparison). */
export const routingInput = (r: TRouting): TSaveRoutingParsed => ({
  productId: r.productId,
  version: r.version,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
  description: r.description,
  operations: r.operations.map((o) => ({
    seqNo: o.seqNo,
    code: o.code,
    name: o.name,
    workCenterId: o.workCenterId,
    setupMinutes: o.setupMinutes,
    runSecondsPerUnit: o.runSecondsPerUnit,
    requiredSkill: o.requiredSkill,
    isInspectionPoint: o.isInspectionPoint,
    description: o.description,
  })),
});

/** Product exists, period in order, seq nos and codes unique, every work center a work_center node. */
async function check(ctx: Ctx, input: TSaveRoutingParsed, id: string | null) {
  const issues: Array<{ path: string; message: string }> = [];
  if (!(await materialsById(ctx, [input.productId])).has(input.productId))
    issues.push({ path: 'body.productId', message: 'unknown material' });
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
    issues.push({ path: 'body.effectiveTo', message: 'must not be before effectiveFrom' });
  const nodes = new Map(
    (
      await queryRows<{ id: string; kind: string; code: string }>(
        ctx.tx,
        sql`SELECT id, kind, code FROM plant_nodes
            WHERE id = ANY(${sql.param([...new Set(input.operations.map((o) => o.workCenterId))])}::uuid[])`,
      )
    ).map((n) => [n.id, n]),
  );
  const seqs = new Map<number, number>();
  const codes = new Map<string, number>();
  input.operations.forEach((o, i) => {
    const at = `body.operations.${i}`;
    if (seqs.has(o.seqNo))
      issues.push({ path: `${at}.seqNo`, message: `the same as operation ${seqs.get(o.seqNo)}` });
    else seqs.set(o.seqNo, i);
    if (codes.has(o.code))
      issues.push({ path: `${at}.code`, message: `the same as operation ${codes.get(o.code)}` });
    else codes.set(o.code, i);
    const node = nodes.get(o.workCenterId);
    if (!node) issues.push({ path: `${at}.workCenterId`, message: 'no such plant node' });
    else if (node.kind !== 'work_center')
      issues.push({
        path: `${at}.workCenterId`,
        message: `${node.code} is a ${node.kind}, not a work center`,
      });
  });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  await assertVersionFree(ctx, {
    table: 'production_routings',
    entity: ENTITY,
    productId: input.productId,
    version: input.version,
    id,
  });
}

async function writeRouting(ctx: Ctx, id: string, input: TSaveRoutingParsed, isNew: boolean) {
  const to = input.effectiveTo ?? null;
  const description = input.description ?? null;
  if (isNew)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO production_routings (tenant_id, id, product_id, version, effective_from, effective_to,
            description, created_by)
          VALUES (${ctx.actor.tenantId}, ${id}, ${input.productId}, ${input.version}, ${input.effectiveFrom}::date,
            ${to}::date, ${description}, ${ctx.actor.userId})`,
    );
  else {
    await queryRows(
      ctx.tx,
      sql`UPDATE production_routings SET product_id = ${input.productId}, version = ${input.version},
            effective_from = ${input.effectiveFrom}::date, effective_to = ${to}::date,
            description = ${description}, updated_at = now()
          WHERE id = ${id}`,
    );
    await queryRows(ctx.tx, sql`DELETE FROM production_routing_operations WHERE routing_id = ${id}`);
  }
  if (input.operations.length === 0) return;
  const values = input.operations.map(
    (o) =>
      sql`(${ctx.actor.tenantId}::uuid, ${id}::uuid, ${o.seqNo}, ${o.code}, ${o.name}, ${o.workCenterId}::uuid,
        ${o.setupMinutes}::numeric, ${o.runSecondsPerUnit}::numeric, ${o.requiredSkill ?? null},
        ${o.isInspectionPoint}, ${o.description ?? null})`,
  );
  await queryRows(
    ctx.tx,
    sql`INSERT INTO production_routing_operations (tenant_id, routing_id, seq_no, code, name, work_center_id,
          setup_minutes, run_seconds_per_unit, required_skill, is_inspection_point, description)
        VALUES ${sql.join(values, sql`, `)}`,
  );
}

/** A new draft version; operations are kept in seq-no. order. */
export async function createRouting(ctx: Ctx, input: TSaveRoutingParsed): Promise<TRouting> {
  await lockDefinitions(ctx);
  await check(ctx, input, null);
  const id = randomUUID();
  await writeRouting(ctx, id, input, true);
  const after = await getRouting(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'production_routing', entityId: id, after });
  return after;
}

export async function updateRouting(ctx: Ctx, id: string, input: TSaveRoutingParsed): Promise<TRouting> {
  await lockDefinitions(ctx);
  const before = await getRouting(ctx, id);
  assertDraft(ENTITY, before);
  await check(ctx, input, id);
  await writeRouting(ctx, id, input, false);
  const after = await getRouting(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'production_routing', entityId: id, before, after });
  return after;
}

export async function transitionRouting(ctx: Ctx, id: string, status: DefinitionStatus): Promise<TRouting> {
  await lockDefinitions(ctx);
  const before = await getRouting(ctx, id);
  assertTransition(ENTITY, before.status, status, before.version);
  if (status === 'active') {
    if (before.operations.length === 0)
      throw new AppError('VALIDATION', {}, [
        { path: 'operations', message: 'an active routing needs at least one operation' },
      ]);
    await assertNoOverlap(ctx, { table: 'production_routings', entity: ENTITY, ...before, id });
  }
  await queryRows(
    ctx.tx,
    sql`UPDATE production_routings SET status = ${status}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getRouting(ctx, id);
  await recordAudit(ctx, {
    action: 'transition',
    entityType: 'production_routing',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function copyRouting(ctx: Ctx, id: string, version: string): Promise<TRouting> {
  return createRouting(ctx, { ...routingInput(await getRouting(ctx, id)), version });
}

export async function deleteRouting(ctx: Ctx, id: string): Promise<void> {
  await lockDefinitions(ctx);
  const before = await getRouting(ctx, id);
  assertDraft(ENTITY, before);
  await queryRows(ctx.tx, sql`DELETE FROM production_routings WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'production_routing', entityId: id, before });
}

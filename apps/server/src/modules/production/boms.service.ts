import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  DefinitionStatus,
  TBom,
  TBomFilters,
  TBomLine,
  TBomQuery,
  TBomSummary,
  TPage,
  TSaveBomParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findPath, loadBomGraph, type BomGraph } from './bom-graph.ts';
import {
  assertDraft,
  assertNoOverlap,
  assertPeriod,
  assertTransition,
  assertVersionFree,
  lockDefinitions,
  materialsById,
  unitsById,
  versionFilterSql,
  type MaterialRef,
} from './definitions.ts';

const ENTITY = 'BOM';
type Issue = { path: string; message: string };

interface HeaderRow {
  id: string;
  product_id: string;
  product_code: string;
  product_name: string;
  product_type: TBom['productType'];
  product_unit_code: string;
  version: string;
  status: DefinitionStatus;
  effective_from: string;
  effective_to: string | null;
  base_quantity: string;
  description: string | null;
  line_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const SELECT = sql`SELECT v.id, v.product_id, m.code AS product_code, m.name AS product_name, m.type AS product_type,
    pu.code AS product_unit_code, v.version, v.status, v.effective_from::text AS effective_from,
    v.effective_to::text AS effective_to, v.base_quantity::text AS base_quantity, v.description,
    (SELECT count(*)::int FROM production_bom_lines l WHERE l.tenant_id = v.tenant_id AND l.bom_id = v.id) AS line_count,
    v.created_at, v.updated_at
  FROM production_boms v
  JOIN materials m ON m.tenant_id = v.tenant_id AND m.id = v.product_id
  JOIN units pu ON pu.tenant_id = m.tenant_id AND pu.id = m.unit_id`;

/** numeric text without trailing zeros: "2.500000" → "2.5" */
export const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

const toSummary = (r: HeaderRow): TBomSummary => ({
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
  baseQuantity: trim(r.base_quantity),
  description: r.description,
  lineCount: r.line_count,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

export async function listBoms(ctx: Ctx, query: TBomQuery): Promise<TPage<TBomSummary>> {
  const where = versionFilterSql(query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM production_boms v
        JOIN materials m ON m.tenant_id = v.tenant_id AND m.id = v.product_id WHERE ${where}`,
  );
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY m.code, v.effective_from DESC, v.version LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toSummary), total: count!.n, page: query.page, pageSize: query.pageSize };
}

interface LineRow {
  bom_id: string;
  line_no: number;
  component_id: string;
  component_code: string;
  component_name: string;
  component_type: TBomLine['componentType'];
  quantity: string;
  unit_id: string;
  unit_code: string;
  scrap_percent: string;
  operation_seq: number | null;
  note: string | null;
}

async function linesOf(ctx: Ctx, bomIds: string[]): Promise<Map<string, TBomLine[]>> {
  const rows = await queryRows<LineRow>(
    ctx.tx,
    sql`SELECT l.bom_id, l.line_no, l.component_id, c.code AS component_code, c.name AS component_name,
          c.type AS component_type, l.quantity::text AS quantity, l.unit_id, u.code AS unit_code,
          l.scrap_percent::text AS scrap_percent, l.operation_seq, l.note
        FROM production_bom_lines l
        JOIN materials c ON c.tenant_id = l.tenant_id AND c.id = l.component_id
        JOIN units u ON u.tenant_id = l.tenant_id AND u.id = l.unit_id
        WHERE l.bom_id = ANY(${sql.param(bomIds)}::uuid[]) ORDER BY l.bom_id, l.line_no`,
  );
  const byBom = new Map<string, TBomLine[]>();
  for (const r of rows) {
    const list = byBom.get(r.bom_id) ?? [];
    list.push({
      lineNo: r.line_no,
      componentId: r.component_id,
      componentCode: r.component_code,
      componentName: r.component_name,
      componentType: r.component_type,
      quantity: trim(r.quantity),
      unitId: r.unit_id,
      unitCode: r.unit_code,
      scrapPercent: trim(r.scrap_percent),
      operationSeq: r.operation_seq,
      note: r.note,
    });
    byBom.set(r.bom_id, list);
  }
  return byBom;
}

async function bomsWhere(ctx: Ctx, where: SQL): Promise<TBom[]> {
  const rows = await queryRows<HeaderRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY m.code, v.effective_from, v.version`,
  );
  const lines = await linesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...toSummary(r), lines: lines.get(r.id) ?? [] }));
}

/** Every BOM matching the filters, lines included (the Excel export). */
export const allBoms = (ctx: Ctx, filters: TBomFilters) => bomsWhere(ctx, versionFilterSql(filters));

export async function getBom(ctx: Ctx, id: string): Promise<TBom> {
  const [bom] = await bomsWhere(ctx, sql`v.id = ${id}`);
  if (!bom) throw notFound(ENTITY);
  return bom;
}

export async function bomsByProductVersion(ctx: Ctx, keys: Array<{ productId: string; version: string }>) {
  if (keys.length === 0) return [];
  const list = await bomsWhere(
    ctx,
    sql`(v.product_id, v.version) IN (${sql.join(
      keys.map((k) => sql`(${k.productId}::uuid, ${k.version})`),
      sql`, `,
    )})`,
  );
  return list;
}

const codesOf = (path: string[], materials: Map<string, MaterialRef>) =>
  path.map((id) => materials.get(id)?.code ?? id).join(' → ');

/**
 * The checks on a BOM's content, as issues under `prefix` (`body` for the API, `rows.<n>` mapped by
 * the import): product and components exist, no component is the product, units fit the component,
 * and no line closes a cycle through the other BOMs in `graph` (which must not hold this BOM).
 */
export async function bomIssues(
  ctx: Ctx,
  o: { input: TSaveBomParsed; graph: BomGraph; prefix: string; materials?: Map<string, MaterialRef> },
): Promise<Issue[]> {
  const { input, prefix } = o;
  const issues: Issue[] = [];
  const materials =
    o.materials ?? (await materialsById(ctx, [input.productId, ...input.lines.map((l) => l.componentId)]));
  const units = await unitsById(ctx);
  if (!materials.has(input.productId))
    issues.push({ path: `${prefix}.productId`, message: 'unknown material' });
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
    issues.push({ path: `${prefix}.effectiveTo`, message: 'must not be before effectiveFrom' });
  const cycles: Array<{ at: string; path: string[] }> = [];
  input.lines.forEach((l, i) => {
    const at = `${prefix}.lines.${i}`;
    const component = materials.get(l.componentId);
    if (!component) return issues.push({ path: `${at}.componentId`, message: 'unknown material' });
    if (l.componentId === input.productId)
      return issues.push({ path: `${at}.componentId`, message: 'a component cannot be the product itself' });
    const unit = l.unitId ? units.get(l.unitId) : units.get(component.unitId);
    if (!unit) issues.push({ path: `${at}.unitId`, message: 'unknown unit of measure' });
    else if (unit.dimension !== component.dimension)
      issues.push({
        path: `${at}.unitId`,
        message: `${unit.code} is not a unit of ${component.code}, which is counted in ${component.unitCode} (${component.dimension})`,
      });
    const back = findPath(o.graph, l.componentId, input.productId);
    if (back) cycles.push({ at: `${at}.componentId`, path: [input.productId, ...back] });
  });
  if (cycles.length) {
    const named = await materialsById(
      ctx,
      cycles.flatMap((c) => c.path),
    );
    for (const c of cycles) issues.push({ path: c.at, message: `closes a cycle: ${codesOf(c.path, named)}` });
  }
  return issues;
}

async function writeBom(ctx: Ctx, id: string, input: TSaveBomParsed, isNew: boolean) {
  const to = input.effectiveTo ?? null;
  const description = input.description ?? null;
  if (isNew)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO production_boms (tenant_id, id, product_id, version, effective_from, effective_to,
            base_quantity, description, created_by)
          VALUES (${ctx.actor.tenantId}, ${id}, ${input.productId}, ${input.version}, ${input.effectiveFrom}::date,
            ${to}::date, ${input.baseQuantity}::numeric, ${description}, ${ctx.actor.userId})`,
    );
  else {
    await queryRows(
      ctx.tx,
      sql`UPDATE production_boms SET product_id = ${input.productId}, version = ${input.version},
            effective_from = ${input.effectiveFrom}::date, effective_to = ${to}::date,
            base_quantity = ${input.baseQuantity}::numeric, description = ${description}, updated_at = now()
          WHERE id = ${id}`,
    );
    await queryRows(ctx.tx, sql`DELETE FROM production_bom_lines WHERE bom_id = ${id}`);
  }
  if (input.lines.length === 0) return;
  const materials = await materialsById(
    ctx,
    input.lines.map((l) => l.componentId),
  );
  const values = input.lines.map(
    (l, i) =>
      sql`(${ctx.actor.tenantId}::uuid, ${id}::uuid, ${i + 1}, ${l.componentId}::uuid, ${l.quantity}::numeric,
        ${l.unitId ?? materials.get(l.componentId)!.unitId}::uuid, ${l.scrapPercent ?? '0'}::numeric,
        ${l.operationSeq ?? null}::int, ${l.note ?? null})`,
  );
  await queryRows(
    ctx.tx,
    sql`INSERT INTO production_bom_lines (tenant_id, bom_id, line_no, component_id, quantity, unit_id,
          scrap_percent, operation_seq, note) VALUES ${sql.join(values, sql`, `)}`,
  );
}

async function check(ctx: Ctx, input: TSaveBomParsed, id: string | null) {
  const graph = await loadBomGraph(ctx, { exceptBomIds: id ? [id] : [] });
  const issues = await bomIssues(ctx, { input, graph, prefix: 'body' });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  await assertVersionFree(ctx, {
    table: 'production_boms',
    entity: ENTITY,
    productId: input.productId,
    version: input.version,
    id,
  });
}

/** A new draft version. */
export async function createBom(ctx: Ctx, input: TSaveBomParsed): Promise<TBom> {
  await lockDefinitions(ctx);
  await check(ctx, input, null);
  const id = randomUUID();
  await writeBom(ctx, id, input, true);
  const after = await getBom(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'production_bom', entityId: id, after });
  return after;
}

/** Replaces a draft's header and lines; any other status is a 409. */
export async function updateBom(ctx: Ctx, id: string, input: TSaveBomParsed): Promise<TBom> {
  await lockDefinitions(ctx);
  const before = await getBom(ctx, id);
  assertDraft(ENTITY, before);
  await check(ctx, input, id);
  await writeBom(ctx, id, input, false);
  const after = await getBom(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'production_bom', entityId: id, before, after });
  return after;
}

/**
 * draft → active (needs lines; its period may not overlap another active version's: 409) or
 * obsolete; active → obsolete. Obsolete is final.
 */
export async function transitionBom(ctx: Ctx, id: string, status: DefinitionStatus): Promise<TBom> {
  await lockDefinitions(ctx);
  const before = await getBom(ctx, id);
  assertTransition(ENTITY, before.status, status, before.version);
  if (status === 'active') {
    if (before.lines.length === 0)
      throw new AppError('VALIDATION', {}, [
        { path: 'lines', message: 'an active BOM needs at least one line' },
      ]);
    assertPeriod(before.effectiveFrom, before.effectiveTo, 'body');
    await assertNoOverlap(ctx, { table: 'production_boms', entity: ENTITY, ...before, id });
  }
  await queryRows(
    ctx.tx,
    sql`UPDATE production_boms SET status = ${status}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getBom(ctx, id);
  await recordAudit(ctx, { action: 'transition', entityType: 'production_bom', entityId: id, before, after });
  return after;
}

/** A new draft with the same content: how an active version is changed. */
export async function copyBom(ctx: Ctx, id: string, version: string): Promise<TBom> {
  const from = await getBom(ctx, id);
  return createBom(ctx, { ...inputOf(from), version });
}

export const inputOf = (b: TBom): TSaveBomParsed => ({
  productId: b.productId,
  version: b.version,
  effectiveFrom: b.effectiveFrom,
  effectiveTo: b.effectiveTo,
  baseQuantity: b.baseQuantity,
  description: b.description,
  lines: b.lines.map((l) => ({
    componentId: l.componentId,
    quantity: l.quantity,
    unitId: l.unitId,
    scrapPercent: l.scrapPercent,
    operationSeq: l.operationSeq,
    note: l.note,
  })),
});

/** Only drafts are deleted; an active or obsolete version is history that work orders refer to. */
export async function deleteBom(ctx: Ctx, id: string): Promise<void> {
  await lockDefinitions(ctx);
  const before = await getBom(ctx, id);
  assertDraft(ENTITY, before);
  await queryRows(ctx.tx, sql`DELETE FROM production_boms WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'production_bom', entityId: id, before });
}

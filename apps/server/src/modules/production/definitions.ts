import { sql, type SQL } from 'drizzle-orm';
import {
  DEFINITION_TRANSITIONS,
  type DefinitionStatus,
  type TBomFilters,
  type TMaterial,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { likePattern } from '../../platform/db/paging.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * What BOMs and routings share: versions of a product with a status and an effective period
 * (inclusive days, open-ended when `effective_to` is null), and the rules on them.
 */
export type DefinitionTable = 'production_boms' | 'production_routings';

/**
 * One writer of a tenant's production definitions at a time: the overlap and cycle checks read what
 * other versions hold, so two concurrent activations could otherwise both pass.
 */
export const lockDefinitions = (ctx: Ctx) =>
  queryRows(
    ctx.tx,
    sql`SELECT pg_advisory_xact_lock(hashtext(${`production-definitions:${ctx.actor.tenantId}`}))`,
  );

/** Today in the enterprise's time zone, as YYYY-MM-DD. */
export const todayIn = (timezone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone || 'Asia/Shanghai' }).format(new Date());

export interface MaterialRef {
  id: string;
  code: string;
  name: string;
  type: TMaterial['type'];
  unitId: string;
  unitCode: string;
  dimension: string;
  baseFactor: string;
}

/** Materials by id with their unit (for unit checks and conversions). */
export async function materialsById(ctx: Ctx, ids: string[]): Promise<Map<string, MaterialRef>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<MaterialRef>(
    ctx.tx,
    sql`SELECT m.id, m.code, m.name, m.type, m.unit_id AS "unitId", u.code AS "unitCode", u.dimension,
          u.base_factor::text AS "baseFactor"
        FROM materials m JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id
        WHERE m.id = ANY(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function unitsById(
  ctx: Ctx,
): Promise<Map<string, { id: string; code: string; dimension: string; baseFactor: string }>> {
  const rows = await queryRows<{ id: string; code: string; dimension: string; baseFactor: string }>(
    ctx.tx,
    sql`SELECT id, code, dimension, base_factor::text AS "baseFactor" FROM units`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Search, product, status and effective-on filters over a version table aliased `v` joined to `m`. */
export function versionFilterSql(f: TBomFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(sql`(m.code ILIKE ${like} OR m.name ILIKE ${like} OR v.version ILIKE ${like})`);
  }
  if (f.productId) parts.push(sql`v.product_id = ${f.productId}`);
  if (f.status) parts.push(sql`v.status = ${f.status}`);
  if (f.effectiveOn)
    parts.push(
      sql`v.effective_from <= ${f.effectiveOn}::date AND coalesce(v.effective_to, 'infinity'::date) >= ${f.effectiveOn}::date`,
    );
  return sql.join(parts, sql` AND `);
}

export function assertPeriod(from: string, to: string | null | undefined, path: string) {
  if (to && to < from)
    throw new AppError('VALIDATION', {}, [
      { path: `${path}.effectiveTo`, message: 'must not be before effectiveFrom' },
    ]);
}

export function assertDraft(entity: string, v: { version: string; status: DefinitionStatus }) {
  if (v.status !== 'draft')
    throw new AppError('CONFLICT', {
      reason: `${entity} version ${v.version} is ${v.status}; only drafts can be changed (copy it to a new version)`,
      status: v.status,
    });
}

export function assertTransition(
  entity: string,
  from: DefinitionStatus,
  to: DefinitionStatus,
  version: string,
) {
  if (!DEFINITION_TRANSITIONS[from].includes(to))
    throw new AppError('CONFLICT', {
      reason: `${entity} version ${version} is ${from} and cannot become ${to}`,
      from,
      to,
    });
}

/**
 * An active version's period may not overlap another active version's of the same product: on any
 * day at most one applies. 409 naming the other version.
 */
export async function assertNoOverlap(
  ctx: Ctx,
  o: {
    table: DefinitionTable;
    entity: string;
    id: string;
    productId: string;
    effectiveFrom: string;
    effectiveTo: string | null;
  },
) {
  const [other] = await queryRows<{ version: string; from: string; to: string | null }>(
    ctx.tx,
    sql`SELECT version, effective_from::text AS "from", effective_to::text AS "to" FROM ${sql.identifier(o.table)}
        WHERE product_id = ${o.productId} AND status = 'active' AND id <> ${o.id}
          AND effective_from <= coalesce(${o.effectiveTo}::date, 'infinity'::date)
          AND coalesce(effective_to, 'infinity'::date) >= ${o.effectiveFrom}::date
        ORDER BY effective_from LIMIT 1`,
  );
  if (other)
    throw new AppError('CONFLICT', {
      reason: `the active ${o.entity} version ${other.version} (${other.from} – ${other.to ?? '…'}) overlaps ${o.effectiveFrom} – ${o.effectiveTo ?? '…'}; obsolete it or change the dates`,
      version: other.version,
    });
}

export async function assertVersionFree(
  ctx: Ctx,
  o: { table: DefinitionTable; entity: string; productId: string; version: string; id: string | null },
) {
  const [taken] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM ${sql.identifier(o.table)} WHERE product_id = ${o.productId} AND version = ${o.version}
          AND id IS DISTINCT FROM ${o.id}::uuid`,
  );
  if (taken)
    throw new AppError('CONFLICT', {
      reason: `the product already has a ${o.entity} version ${o.version}`,
      version: o.version,
    });
}

import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { notFound } from '../../platform/http/errors.ts';
import { isAllowed, isVisible, scopeOf, type Scope } from '../modeling/data-scope.ts';

/**
 * The user's data scope over the plant tree, for production rows that belong to a work center (a plant
 * node): WIP, Andon exceptions, live production events. Unrestricted users cost no query.
 */
export async function productionScope(ctx: Ctx): Promise<Scope> {
  if (ctx.actor.dataScopeNodeIds === null) return { allowed: null, visible: null };
  const nodes = await queryRows<{ id: string; parentId: string | null }>(
    ctx.tx,
    sql`SELECT id, parent_id AS "parentId" FROM plant_nodes`,
  );
  return scopeOf(ctx, nodes);
}

/** `column` (a work center id) inside the scope, or `true` when unrestricted. */
export const workCenterInScope = (scope: Scope, column: SQL): SQL =>
  scope.allowed === null ? sql`true` : sql`${column} = ANY(${sql.param([...scope.allowed])}::uuid[])`;

/**
 * A production view's plant filter (WIP board, OEE): a work center or a site that exists as that kind and
 * that the scope lets the user see, else 404 naming it — as for any record one may not see.
 */
export async function assertPlantFilter(
  ctx: Ctx,
  scope: Scope,
  q: { workCenterId?: string; siteId?: string },
): Promise<void> {
  const isKind = async (id: string, kind: string) =>
    (await queryRows(ctx.tx, sql`SELECT 1 FROM plant_nodes WHERE id = ${id} AND kind = ${kind}`)).length > 0;
  if (q.workCenterId && !((await isKind(q.workCenterId, 'work_center')) && isAllowed(scope, q.workCenterId)))
    throw notFound('work center');
  if (q.siteId && !((await isKind(q.siteId, 'site')) && isVisible(scope, q.siteId))) throw notFound('site');
}

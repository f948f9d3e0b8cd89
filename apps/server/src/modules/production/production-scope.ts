import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { scopeOf, type Scope } from '../modeling/data-scope.ts';

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

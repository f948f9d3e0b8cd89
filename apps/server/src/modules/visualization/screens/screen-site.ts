import { sql } from 'drizzle-orm';
import type { TScreenQuery } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { descendantsOf, scopeOf, type NodeLink } from '../../modeling/data-scope.ts';
import { screenPeriods, type ScreenPeriods } from './screen-periods.ts';

/** The site a screen is limited to, and its plant nodes (its subtree, work centers among them). */
export interface ScreenSite {
  id: string;
  name: string;
  nodeIds: ReadonlySet<string>;
}

/** What a screen's answer says of its site, for its header. */
export const siteRef = (site: ScreenSite | null) => site && { id: site.id, name: site.name };

/**
 * A screen of one site (`?siteId=`): the caller's data scope narrowed to that site, so every figure the owning
 * services already limit by data scope (WIP, Andon, alarms, devices, equipment) stays within it. The site must
 * be in the caller's scope, as for the energy reports' site filter: an unknown id, a node that is not a site,
 * or a site outside the scope (even one holding the caller's area) is 404, as for any record one may not see.
 */
export async function narrowToSite(
  ctx: Ctx,
  siteId: string | undefined,
): Promise<{ ctx: Ctx; site: ScreenSite | null }> {
  if (!siteId) return { ctx, site: null };
  const nodes = await queryRows<NodeLink & { kind: string; name: string }>(
    ctx.tx,
    sql`SELECT id, parent_id AS "parentId", kind, name FROM plant_nodes`,
  );
  const { allowed } = scopeOf(ctx, nodes);
  const site = nodes.find((n) => n.id === siteId && n.kind === 'site');
  if (!site || (allowed !== null && !allowed.has(siteId))) throw notFound('site');
  const narrowed: Ctx = { ...ctx, actor: { ...ctx.actor, dataScopeNodeIds: [siteId] } };
  return {
    ctx: narrowed,
    site: { id: siteId, name: site.name, nodeIds: descendantsOf(nodes, [siteId]) },
  };
}

export interface ScreenContext {
  /** the caller's, narrowed to the site when one is asked for */
  ctx: Ctx;
  periods: ScreenPeriods;
  site: ScreenSite | null;
}

/** What every screen works from; the summary screen resolves it once for the four it draws on. */
export async function screenContext(ctx: Ctx, q: TScreenQuery): Promise<ScreenContext> {
  const narrowed = await narrowToSite(ctx, q.siteId);
  return { ...narrowed, periods: await screenPeriods(ctx, q.at) };
}

import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TLiveSubscribe, TWidget } from '@greenmes/contracts';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/rows.ts';
import { AppError } from '../http/errors.ts';
import type { TenantActor } from './actor.ts';
import { hashToken } from './tokens.ts';

/**
 * A dashboard's TV link: a bearer token for a shop-floor screen that shows one dashboard without a login.
 * It acts as a read-only actor of the tenant with the read permissions of the user who created the link,
 * and only on the routes below; anything else is 403, a revoked or expired token 401.
 */
export const TV_LINK_PREFIX = 'gmv_';
export const isTvLinkToken = (token: string) => token.startsWith(TV_LINK_PREFIX);

interface Presented {
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  dashboardId: string;
  widgets: TWidget[];
}
const hasWidget = (o: Presented, pick: (w: TWidget) => boolean) => o.widgets.some(pick);

/** GET routes a TV link may call, and when: its dashboard, and the data its widgets read. */
const TV_ROUTES: Record<string, (o: Presented) => boolean> = {
  '/api/v1/tv/dashboard': () => true,
  '/api/v1/dashboards/:id/widgets/:widgetId/data': (o) => o.params.id === o.dashboardId,
  // shared widgets read their own endpoints: only when the dashboard shows such a widget
  '/api/v1/visualization/layouts/:id': (o) =>
    hasWidget(o, (w) => w.type === 'plant-layout' && w.options.layoutId === o.params.id),
  '/api/v1/visualization/layouts/:id/background': (o) =>
    hasWidget(o, (w) => w.type === 'plant-layout' && w.options.layoutId === o.params.id),
  // a plant layout's marker states come with its widget data: only the equipment on that layout
  '/api/v1/screens/equipment-grid': (o) =>
    hasWidget(o, (w) => w.type === 'equipment-status' && w.options.siteId === o.query.siteId),
  '/api/v1/energy/flow': (o) => hasWidget(o, (w) => w.type === 'sankey'),
  // the live WebSocket: which targets it may subscribe to is decided per subscription (tvLiveRefusals)
  '/api/v1/live': () => true,
};

/** The link is not revoked or expired, and its creator and tenant are active. */
const LINK_IS_VALID = sql`l.revoked_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > now())
  AND u.is_active AND t.status = 'active'`;

interface LinkRow {
  link_id: string;
  tenant_id: string;
  tenant_code: string;
  tenant_name: string;
  dashboard_id: string;
  definition: { widgets: TWidget[] };
  user_id: string;
  username: string;
  display_name: string;
  data_scope_node_ids: string[] | null;
  locale: string | null;
  timezone: string | null;
  permissions: string[] | null;
}

/**
 * The actor of a TV link token, or null when it is unknown, revoked, expired, or its creator or tenant
 * is no longer active (→ 401). Throws 403 when the link is valid but the route is not one it may call.
 */
export async function resolveTvLinkActor(
  database: Database,
  req: FastifyRequest,
  token: string,
): Promise<TenantActor | null> {
  const db = database.db;
  const [row] = await queryRows<LinkRow>(
    db,
    sql`SELECT l.id AS link_id, u.tenant_id, t.code AS tenant_code, t.name AS tenant_name, l.dashboard_id,
          d.definition, u.id AS user_id, u.username, u.display_name, u.data_scope_node_ids,
          (SELECT value #>> '{}' FROM tenant_settings WHERE tenant_id = u.tenant_id AND key = 'locale') AS locale,
          (SELECT value #>> '{}' FROM tenant_settings WHERE tenant_id = u.tenant_id AND key = 'timezone') AS timezone,
          (SELECT array_agg(DISTINCT p) FROM user_roles ur
            JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id, unnest(r.permissions) p
            WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id) AS permissions
        FROM dashboard_tv_links l
        JOIN dashboards d ON d.tenant_id = l.tenant_id AND d.id = l.dashboard_id
        JOIN users u ON u.tenant_id = l.tenant_id AND u.id = l.created_by
        JOIN tenants t ON t.id = l.tenant_id
        WHERE l.token_hash = ${hashToken(token)} AND ${LINK_IS_VALID}`,
  );
  if (!row) return null;
  const allowed = req.method === 'GET' ? TV_ROUTES[req.routeOptions.url ?? ''] : undefined;
  const presented = {
    params: req.params as Record<string, string | undefined>,
    query: req.query as Record<string, string | undefined>,
    dashboardId: row.dashboard_id,
    widgets: row.definition.widgets,
  };
  if (!allowed?.(presented))
    throw new AppError('FORBIDDEN', { permission: 'more than a TV link’s read-only view of its dashboard' });
  // at most one write a minute per link
  await db.execute(
    sql`UPDATE dashboard_tv_links SET last_used_at = now() WHERE tenant_id = ${row.tenant_id} AND id = ${row.link_id}
        AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
  );
  return {
    kind: 'user',
    tenantId: row.tenant_id,
    tenantCode: row.tenant_code,
    tenantName: row.tenant_name,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    locale: row.locale ?? 'zh-CN',
    timezone: row.timezone ?? 'Asia/Shanghai',
    // read permissions only: a TV never writes, whoever created the link
    permissions: new Set((row.permissions ?? []).filter((p) => p.endsWith('.read'))),
    dataScopeNodeIds: row.data_scope_node_ids,
    // a TV link is a narrowly scoped API token: credential checks that look for sessions leave it alone
    via: { apiTokenId: row.link_id },
    tvLink: { linkId: row.link_id, dashboardId: row.dashboard_id },
  };
}

/**
 * Of the given TV links (an open live socket each), those still valid. A socket outlives the request that
 * opened it: revoking the link, its expiry or a disabled creator must end the stream too. Platform context,
 * like the lookup above.
 */
export async function validTvLinks(database: Database, linkIds: string[]): Promise<Set<string>> {
  if (!linkIds.length) return new Set();
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`SELECT l.id FROM dashboard_tv_links l
        JOIN users u ON u.tenant_id = l.tenant_id AND u.id = l.created_by
        JOIN tenants t ON t.id = l.tenant_id
        WHERE l.id = ANY(${sql.param([...new Set(linkIds)])}::uuid[]) AND ${LINK_IS_VALID}`,
  );
  return new Set(rows.map((r) => r.id));
}

type LiveTarget = TLiveSubscribe['target'];

/** Why a TV's dashboard does not need a live target (the FORBIDDEN error's subject), or null when it does. */
function liveRefusal(widgets: TWidget[], target: LiveTarget): string | null {
  switch (target.kind) {
    case 'metrics': {
      const bound = new Set(
        widgets.flatMap((w) => (w.binding?.source === 'metrics' ? w.binding.metricIds : [])),
      );
      const other = target.ids.find((id) => !bound.has(id));
      return other === undefined ? null : `live metric ${other} (not on the TV link’s dashboard)`;
    }
    case 'alarms':
      return widgets.some((w) => w.binding?.source === 'query' && w.binding.query === 'alarms.open')
        ? null
        : 'live alarms (no alarm list on the TV link’s dashboard)';
    case 'equipment-states': {
      // no more than the widgets draw: a plant layout's markers, a status grid's site (or, unlimited, its scope)
      const grids = widgets.filter((w) => w.type === 'equipment-status');
      if (target.layoutId)
        return widgets.some((w) => w.type === 'plant-layout' && w.options.layoutId === target.layoutId)
          ? null
          : `live equipment states of plant layout ${target.layoutId} (not on the TV link’s dashboard)`;
      if (target.siteId)
        return grids.some((w) => !w.options.siteId || w.options.siteId === target.siteId)
          ? null
          : `live equipment states of site ${target.siteId} (no equipment grid of it on the TV link’s dashboard)`;
      return grids.some((w) => !w.options.siteId)
        ? null
        : 'live states of all equipment (the TV link’s dashboard shows only some: name its plant layout or site)';
    }
    default:
      return `a live ${target.kind} target (a TV link follows its dashboard’s widgets only)`;
  }
}

/**
 * The live subscriptions a TV link may not open, each with its FORBIDDEN error: exactly what its dashboard's
 * widgets show live (their bound metrics; alarms for an alarm list; equipment states of a plant layout's
 * markers or of an equipment grid's site). Read at each (re-)resolution, so an edited dashboard or a revoked
 * link applies to open sockets.
 */
export async function tvLiveRefusals(
  database: Database,
  tvLink: { linkId: string; dashboardId: string },
  tenantId: string,
  targets: ReadonlyMap<string, LiveTarget>,
): Promise<Map<string, AppError>> {
  const [row] = await queryRows<{ definition: { widgets: TWidget[] } }>(
    database.db,
    sql`SELECT d.definition FROM dashboard_tv_links l
        JOIN dashboards d ON d.tenant_id = l.tenant_id AND d.id = l.dashboard_id
        JOIN users u ON u.tenant_id = l.tenant_id AND u.id = l.created_by
        JOIN tenants t ON t.id = l.tenant_id
        WHERE l.tenant_id = ${tenantId} AND l.id = ${tvLink.linkId} AND ${LINK_IS_VALID}`,
  );
  const refused = new Map<string, AppError>();
  for (const [id, target] of targets) {
    const reason = row
      ? liveRefusal(row.definition.widgets, target)
      : 'live data (the TV link is no longer valid)';
    if (reason) refused.set(id, new AppError('FORBIDDEN', { permission: reason }));
  }
  return refused;
}

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  DASHBOARD_FILE_FORMAT,
  DASHBOARD_FILE_VERSION,
  ZDashboardFile,
  ZSaveDashboard,
  type TDashboard,
  type TDashboardFile,
  type TDashboardSummary,
  type TPage,
  type TPageQuery,
  type TSaveDashboard,
  type TWidget,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { assertBindingsResolve } from './widget-data.service.ts';

/**
 * Dashboards: a user builds one, shares it with roles; readers see their own, those shared with one of
 * their roles, and tenant admins see all. Only the owner (or an admin) with the manage permission
 * changes, shares or deletes it. A TV link's actor sees exactly its one dashboard.
 */

const AUDIT_ENTITY = 'dashboard';
const ENTITY = 'dashboard';
const ADMIN_ROLE = 'tenant_admin';

interface DashboardRow {
  id: string;
  name: string;
  description: string | null;
  definition: { widgets: TWidget[] };
  owner_id: string | null;
  owner_name: string | null;
  shared_role_ids: string[];
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

interface Viewer {
  isAdmin: boolean;
  roleIds: string[];
}

async function viewerOf(ctx: Ctx): Promise<Viewer> {
  const rows = await queryRows<{ id: string; code: string }>(
    ctx.tx,
    sql`SELECT r.id, r.code FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
        WHERE ur.user_id = ${ctx.actor.userId}`,
  );
  return { isAdmin: rows.some((r) => r.code === ADMIN_ROLE), roleIds: rows.map((r) => r.id) };
}

const canManage = (ctx: Ctx, viewer: Viewer, row: DashboardRow) =>
  !ctx.actor.tvLink &&
  ctx.actor.permissions.has('visualization.dashboard.manage') &&
  (viewer.isAdmin || row.owner_id === ctx.actor.userId);

const toSummary = (ctx: Ctx, viewer: Viewer, r: DashboardRow): TDashboardSummary => ({
  id: r.id,
  name: r.name,
  description: r.description,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  sharedRoleIds: r.shared_role_ids,
  widgetCount: r.definition.widgets.length,
  version: r.version,
  canManage: canManage(ctx, viewer, r),
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});
const toDashboard = (ctx: Ctx, viewer: Viewer, r: DashboardRow): TDashboard => ({
  ...toSummary(ctx, viewer, r),
  widgets: r.definition.widgets,
});

const SELECT = sql`SELECT d.id, d.name, d.description, d.definition, d.owner_id, u.display_name AS owner_name,
    d.shared_role_ids, d.version, d.created_at, d.updated_at
  FROM dashboards d LEFT JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.owner_id`;

/** The rows the caller may see: a TV link its one dashboard; admins all; others own + shared with a role. */
function visibleTo(ctx: Ctx, viewer: Viewer) {
  if (ctx.actor.tvLink) return sql`d.id = ${ctx.actor.tvLink.dashboardId}`;
  if (viewer.isAdmin) return sql`true`;
  return sql`(d.owner_id = ${ctx.actor.userId} OR d.shared_role_ids && ${sql.param(viewer.roleIds)}::uuid[])`;
}

export async function listDashboards(ctx: Ctx, q: TPageQuery): Promise<TPage<TDashboardSummary>> {
  const viewer = await viewerOf(ctx);
  const { limit, offset } = pageWindow(q);
  const search = q.q
    ? sql`AND (d.name ILIKE ${likePattern(q.q)} OR d.description ILIKE ${likePattern(q.q)})`
    : sql``;
  const where = sql`WHERE ${visibleTo(ctx, viewer)} ${search}`;
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM dashboards d ${where}`,
  );
  const rows = await queryRows<DashboardRow>(
    ctx.tx,
    sql`${SELECT} ${where} ORDER BY d.updated_at DESC, d.id LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map((r) => toSummary(ctx, viewer, r)), total: count?.n ?? 0, ...q };
}

/** 404 when it does not exist or the caller may not see it: the two are not told apart. */
async function loadVisible(ctx: Ctx, id: string): Promise<{ row: DashboardRow; viewer: Viewer }> {
  const viewer = await viewerOf(ctx);
  const [row] = await queryRows<DashboardRow>(
    ctx.tx,
    sql`${SELECT} WHERE d.id = ${id} AND ${visibleTo(ctx, viewer)}`,
  );
  if (!row) throw notFound(ENTITY);
  return { row, viewer };
}

export async function getDashboard(ctx: Ctx, id: string): Promise<TDashboard> {
  const { row, viewer } = await loadVisible(ctx, id);
  return toDashboard(ctx, viewer, row);
}

/** The widget of a visible dashboard (for its data). */
export async function getWidget(ctx: Ctx, id: string, widgetId: string): Promise<TWidget> {
  const { row } = await loadVisible(ctx, id);
  const widget = row.definition.widgets.find((w) => w.id === widgetId);
  if (!widget) throw notFound('widget');
  return widget;
}

async function loadManaged(ctx: Ctx, id: string): Promise<TDashboard> {
  const { row, viewer } = await loadVisible(ctx, id);
  if (!canManage(ctx, viewer, row))
    throw new AppError('FORBIDDEN', {
      permission: 'visualization.dashboard.manage, as its owner or a tenant admin',
    });
  return toDashboard(ctx, viewer, row);
}

async function assertRolesExist(ctx: Ctx, roleIds: string[], path: string) {
  if (!roleIds.length) return;
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM roles WHERE id = ANY(${sql.param(roleIds)}::uuid[])`,
  );
  const found = new Set(rows.map((r) => r.id));
  const i = roleIds.findIndex((r) => !found.has(r));
  if (i >= 0)
    throw new AppError('VALIDATION', {}, [{ path: `${path}.${i}`, message: `no role ${roleIds[i]}` }]);
}

async function insertDashboard(
  ctx: Ctx,
  input: { name: string; description?: string | null; widgets: TWidget[]; sharedRoleIds: string[] },
): Promise<string> {
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO dashboards (tenant_id, id, name, description, definition, owner_id, shared_role_ids)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.name}, ${input.description ?? null},
          ${JSON.stringify({ widgets: input.widgets })}::jsonb, ${ctx.actor.userId},
          ${sql.param(input.sharedRoleIds)}::uuid[])`,
  );
  return id;
}

export async function createDashboard(ctx: Ctx, body: TSaveDashboard): Promise<TDashboard> {
  const input = ZSaveDashboard.parse(body);
  await assertRolesExist(ctx, input.sharedRoleIds, 'body.sharedRoleIds');
  await assertBindingsResolve(ctx, input.widgets, 'body.widgets');
  const id = await insertDashboard(ctx, input);
  const after = await getDashboard(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT_ENTITY, entityId: id, after });
  return after;
}

/** Optimistic concurrency: the version read must still be current, else 409 (someone saved in between). */
export async function updateDashboard(ctx: Ctx, id: string, body: TSaveDashboard): Promise<TDashboard> {
  const input = ZSaveDashboard.parse(body);
  const before = await loadManaged(ctx, id);
  if (input.version !== undefined && input.version !== before.version)
    throw new AppError('CONFLICT', {
      reason: `the dashboard was saved by someone else (version ${before.version}, yours ${input.version}); reload it`,
    });
  await assertRolesExist(ctx, input.sharedRoleIds, 'body.sharedRoleIds');
  await assertBindingsResolve(ctx, input.widgets, 'body.widgets');
  await queryRows(
    ctx.tx,
    sql`UPDATE dashboards SET name = ${input.name}, description = ${input.description ?? null},
          definition = ${JSON.stringify({ widgets: input.widgets })}::jsonb,
          shared_role_ids = ${sql.param(input.sharedRoleIds)}::uuid[], version = version + 1, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getDashboard(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

export async function deleteDashboard(ctx: Ctx, id: string): Promise<void> {
  const before = await loadManaged(ctx, id);
  await queryRows(ctx.tx, sql`DELETE FROM dashboards WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_ENTITY, entityId: id, before });
}

export async function exportDashboard(ctx: Ctx, id: string): Promise<TDashboardFile> {
  const d = await getDashboard(ctx, id);
  return {
    format: DASHBOARD_FILE_FORMAT,
    formatVersion: DASHBOARD_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    dashboard: { name: d.name, description: d.description, widgets: d.widgets },
  };
}

/** A new dashboard of the importer, shared with nobody; metrics and layouts must exist in this tenant. */
export async function importDashboard(ctx: Ctx, body: TDashboardFile): Promise<TDashboard> {
  const file = ZDashboardFile.parse(body);
  await assertBindingsResolve(ctx, file.dashboard.widgets, 'body.dashboard.widgets');
  const id = await insertDashboard(ctx, { ...file.dashboard, sharedRoleIds: [] });
  const after = await getDashboard(ctx, id);
  await recordAudit(ctx, { action: 'import', entityType: AUDIT_ENTITY, entityId: id, after });
  return after;
}

export { loadManaged as getManagedDashboard };

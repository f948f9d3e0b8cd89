import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TCreateTvLink, TCreatedTvLink, TTvLink } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { TV_LINK_PREFIX } from '../../../platform/auth/tv-links.ts';
import { hashToken } from '../../../platform/auth/tokens.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { getManagedDashboard } from './dashboards.service.ts';

/** A dashboard's read-only links for shop-floor TVs: the token is shown once, only its hash is kept. */

const AUDIT_ENTITY = 'dashboard_tv_link';

interface LinkRow {
  id: string;
  dashboard_id: string;
  label: string;
  prefix: string;
  created_by_name: string | null;
  created_at: string | Date;
  expires_at: string | Date | null;
  revoked_at: string | Date | null;
  last_used_at: string | Date | null;
}
const isoOrNull = (v: string | Date | null) => (v === null ? null : toIso(v));
const toLink = (r: LinkRow): TTvLink => ({
  id: r.id,
  dashboardId: r.dashboard_id,
  label: r.label,
  prefix: r.prefix,
  createdByName: r.created_by_name,
  createdAt: toIso(r.created_at),
  expiresAt: isoOrNull(r.expires_at),
  revokedAt: isoOrNull(r.revoked_at),
  lastUsedAt: isoOrNull(r.last_used_at),
});
const SELECT = sql`SELECT l.id, l.dashboard_id, l.label, l.prefix, u.display_name AS created_by_name, l.created_at,
    l.expires_at, l.revoked_at, l.last_used_at
  FROM dashboard_tv_links l LEFT JOIN users u ON u.tenant_id = l.tenant_id AND u.id = l.created_by`;

export async function listTvLinks(ctx: Ctx, dashboardId: string): Promise<TTvLink[]> {
  await getManagedDashboard(ctx, dashboardId);
  const rows = await queryRows<LinkRow>(
    ctx.tx,
    sql`${SELECT} WHERE l.dashboard_id = ${dashboardId} ORDER BY l.created_at DESC, l.id`,
  );
  return rows.map(toLink);
}

async function getLink(ctx: Ctx, dashboardId: string, linkId: string): Promise<TTvLink> {
  const [row] = await queryRows<LinkRow>(
    ctx.tx,
    sql`${SELECT} WHERE l.dashboard_id = ${dashboardId} AND l.id = ${linkId}`,
  );
  if (!row) throw notFound('TV link');
  return toLink(row);
}

export async function createTvLink(
  ctx: Ctx,
  dashboardId: string,
  input: TCreateTvLink,
): Promise<TCreatedTvLink> {
  await getManagedDashboard(ctx, dashboardId);
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now())
    throw new AppError('VALIDATION', {}, [{ path: 'body.expiresAt', message: 'must be in the future' }]);
  const token = `${TV_LINK_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO dashboard_tv_links (tenant_id, id, dashboard_id, label, prefix, token_hash, created_by, expires_at)
        VALUES (${ctx.actor.tenantId}, ${id}, ${dashboardId}, ${input.label}, ${token.slice(0, 10)},
          ${hashToken(token)}, ${ctx.actor.userId}, ${input.expiresAt ?? null})`,
  );
  const link = await getLink(ctx, dashboardId, id);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT_ENTITY, entityId: id, after: link });
  return { link, token };
}

/** Revoking is final (a new link gets a new token); revoking twice is a no-op. */
export async function revokeTvLink(ctx: Ctx, dashboardId: string, linkId: string): Promise<TTvLink> {
  await getManagedDashboard(ctx, dashboardId);
  const before = await getLink(ctx, dashboardId, linkId);
  if (before.revokedAt) return before;
  await queryRows(ctx.tx, sql`UPDATE dashboard_tv_links SET revoked_at = now() WHERE id = ${linkId}`);
  const after = await getLink(ctx, dashboardId, linkId);
  await recordAudit(ctx, { action: 'revoke', entityType: AUDIT_ENTITY, entityId: linkId, before, after });
  return after;
}

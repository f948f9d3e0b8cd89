import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { PERMISSIONS } from '@greenmes/contracts';
import type { Database } from '../db/database.ts';
import { queryRows } from '../db/rows.ts';
import { inTenant } from '../db/tenant-tx.ts';
import { AppError } from '../http/errors.ts';
import type { Actor, Ctx, OperatorActor, RouteAccess, TenantActor } from './actor.ts';
import { hashToken, tokenKind } from './tokens.ts';
import { isTvLinkToken, resolveTvLinkActor } from './tv-links.ts';

export const SESSION_COOKIE = 'greenmes_session';
export const OPERATOR_COOKIE = 'greenmes_operator';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** true when a token was presented but did not authenticate */
    hasStaleToken: boolean;
    tenantActor(): TenantActor;
    operatorActor(): OperatorActor;
    /** Runs fn in the caller's tenant transaction (RLS on). */
    inTenant<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  }
}

const VALID_ACCESS = new Set<string>(['public', 'authenticated', 'operator', ...PERMISSIONS]);

export function registerAuth(app: FastifyInstance, database: Database): void {
  // Every API route must say who may call it; a route without `config.access` stops the boot.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: string } | undefined)?.access;
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config as object), access: 'public' } as typeof route.config;
      return;
    }
    if (!access || !VALID_ACCESS.has(access))
      throw new Error(`Route ${route.method} ${route.url} declares no valid access (config.access)`);
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('hasStaleToken', false);
  app.decorateRequest('tenantActor', function (this: FastifyRequest) {
    if (this.actor?.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    return this.actor;
  });
  app.decorateRequest('operatorActor', function (this: FastifyRequest) {
    if (this.actor?.kind !== 'operator') throw new AppError('UNAUTHENTICATED');
    return this.actor;
  });
  app.decorateRequest('inTenant', function <T>(this: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) {
    const actor = this.tenantActor();
    return inTenant(database.db, actor.tenantId, (tx) => fn({ tx, actor, requestId: this.id, ip: this.ip }));
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = presentedToken(req);
    if (!token) return;
    req.actor = isTvLinkToken(token)
      ? await resolveTvLinkActor(database, req, token)
      : await resolveActor(database, token);
    req.hasStaleToken = req.actor === null;
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const unauthenticated = () => new AppError(req.hasStaleToken ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (access === 'operator') {
      if (req.actor?.kind !== 'operator') throw unauthenticated();
      return;
    }
    if (req.actor?.kind !== 'user') throw unauthenticated();
    if (access !== 'authenticated' && !req.actor.permissions.has(access))
      throw new AppError('FORBIDDEN', { permission: access });
  });
}

function presentedToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookies = req.cookies as Record<string, string | undefined>;
  if (req.url.startsWith('/api/v1/admin/')) return cookies[OPERATOR_COOKIE];
  return cookies[SESSION_COOKIE];
}

interface UserRow {
  via_id: string;
  tenant_id: string;
  tenant_code: string;
  tenant_name: string;
  user_id: string;
  username: string;
  display_name: string;
  locale: string | null;
  timezone: string | null;
  data_scope_node_ids: string[] | null;
  permissions: string[] | null;
}

/** Every permission the user's roles grant, as a text[] (NULL when none); `u` is the users row. */
export const permissionsOfUser = sql`(SELECT array_agg(DISTINCT p) FROM user_roles ur
  JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id, unnest(r.permissions) p
  WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id)`;

const userColumns = sql`u.tenant_id, t.code AS tenant_code, t.name AS tenant_name, u.id AS user_id, u.username,
  u.display_name, u.data_scope_node_ids,
  (SELECT value #>> '{}' FROM tenant_settings WHERE tenant_id = u.tenant_id AND key = 'locale') AS locale,
  (SELECT value #>> '{}' FROM tenant_settings WHERE tenant_id = u.tenant_id AND key = 'timezone') AS timezone,
  ${permissionsOfUser} AS permissions`;

/** Looks a token up in the platform context (before any tenant is known); null when it is not valid now. */
async function resolveActor(database: Database, token: string): Promise<Actor | null> {
  const kind = tokenKind(token);
  const hash = hashToken(token);
  const db = database.db;
  if (kind === 'operator') {
    const [row] = await queryRows<{ id: string; operator_id: string; username: string }>(
      db,
      sql`SELECT s.id, s.operator_id, o.username FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
          WHERE s.token_hash = ${hash} AND s.expires_at > now()`,
    );
    return row
      ? { kind: 'operator', operatorId: row.operator_id, username: row.username, sessionId: row.id }
      : null;
  }
  let row: UserRow | undefined;
  if (kind === 'session') {
    // every request of a signed-in user: a prepared statement, planned once per connection
    [row] = await database.preparedRows<UserRow>(
      'auth_session',
      sql`SELECT s.id AS via_id, ${userColumns} FROM sessions s
          JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
          JOIN tenants t ON t.id = u.tenant_id
          WHERE s.token_hash = ${hash} AND s.expires_at > now() AND u.is_active AND t.status = 'active'`,
    );
  } else if (kind === 'apiToken') {
    [row] = await database.preparedRows<UserRow>(
      'auth_api_token',
      sql`SELECT a.id AS via_id, ${userColumns} FROM api_tokens a
          JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.user_id
          JOIN tenants t ON t.id = u.tenant_id
          WHERE a.token_hash = ${hash} AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())
            AND u.is_active AND t.status = 'active'`,
    );
    if (row)
      // at most one write a minute per token
      await db.execute(
        sql`UPDATE api_tokens SET last_used_at = now() WHERE tenant_id = ${row.tenant_id} AND id = ${row.via_id}
            AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      );
  }
  if (!row) return null;
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
    permissions: new Set(row.permissions ?? []),
    dataScopeNodeIds: row.data_scope_node_ids,
    via: kind === 'session' ? { sessionId: row.via_id } : { apiTokenId: row.via_id },
  };
}

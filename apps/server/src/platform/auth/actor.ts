import type { Permission } from '@greenmes/contracts';
import type { AuditEvent } from '../audit/audit.ts';
import type { Tx } from '../db/database.ts';

/** Who is calling: a tenant user (by session or API token) or a system operator. */
export interface TenantActor {
  kind: 'user';
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  userId: string;
  username: string;
  displayName: string;
  locale: string;
  /** the enterprise's time zone (Settings) */
  timezone: string;
  permissions: ReadonlySet<string>;
  /** null = all sites and areas; otherwise plant node ids (with their subtrees) the user may see */
  dataScopeNodeIds: string[] | null;
  via: { sessionId: string } | { apiTokenId: string };
  /** set for a dashboard's TV link: read-only, limited to that dashboard (platform/auth/tv-links.ts) */
  tvLink?: { linkId: string; dashboardId: string };
}

export interface OperatorActor {
  kind: 'operator';
  operatorId: string;
  username: string;
  sessionId: string;
}

export type Actor = TenantActor | OperatorActor;

/** What every tenant service function receives: the RLS-scoped transaction and who asks. */
export interface Ctx {
  tx: Tx;
  actor: TenantActor;
  requestId: string;
  ip: string | null;
  /** audit entries held back by `withAuditBatch`, written when it ends */
  auditBatch?: AuditEvent[];
}

/** Route access: public, any signed-in tenant user, a system operator, or one permission. */
export type RouteAccess = 'public' | 'authenticated' | 'operator' | Permission;

export const hasPermission = (actor: TenantActor, p: Permission) => actor.permissions.has(p);

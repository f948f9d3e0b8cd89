import { sql } from 'drizzle-orm';
import type { TenantActor } from '../../../platform/auth/actor.ts';
import { permissionsOfUser } from '../../../platform/auth/auth.plugin.ts';
import type { Database } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';

/** The session or API token a socket was opened with. */
export const credentialOf = (actor: TenantActor): string =>
  'sessionId' in actor.via ? actor.via.sessionId : actor.via.apiTokenId;

/**
 * Of the given sockets' sessions and API tokens, those still valid whose user still may read device
 * data. A socket outlives the request that opened it: sign-out, a disabled user, a suspended
 * enterprise or a revoked role must end the stream too. Platform context, like the sign-in lookup.
 */
export async function validCredentials(database: Database, actors: TenantActor[]): Promise<Set<string>> {
  const sessionIds = [...new Set(actors.flatMap((a) => ('sessionId' in a.via ? [a.via.sessionId] : [])))];
  const tokenIds = [...new Set(actors.flatMap((a) => ('apiTokenId' in a.via ? [a.via.apiTokenId] : [])))];
  const userIsAllowed = sql`u.is_active AND t.status = 'active'
    AND 'telemetry.data.read' = ANY(COALESCE(${permissionsOfUser}, '{}'::text[]))`;
  const valid = new Set<string>();
  if (sessionIds.length)
    for (const row of await queryRows<{ id: string }>(
      database.db,
      sql`SELECT s.id FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
          JOIN tenants t ON t.id = u.tenant_id
          WHERE s.id = ANY(${sql.param(sessionIds)}) AND s.expires_at > now() AND ${userIsAllowed}`,
    ))
      valid.add(row.id);
  if (tokenIds.length)
    for (const row of await queryRows<{ id: string }>(
      database.db,
      sql`SELECT a.id FROM api_tokens a JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.user_id
          JOIN tenants t ON t.id = u.tenant_id
          WHERE a.id = ANY(${sql.param(tokenIds)}) AND a.revoked_at IS NULL
            AND (a.expires_at IS NULL OR a.expires_at > now()) AND ${userIsAllowed}`,
    ))
      valid.add(row.id);
  return valid;
}

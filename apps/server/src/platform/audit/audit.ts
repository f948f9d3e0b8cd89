import { sql } from 'drizzle-orm';
import type { Ctx } from '../auth/actor.ts';
import type { Tx } from '../db/database.ts';
import { preparedRows } from '../db/rows.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records a write in the same transaction as the write itself: no write without its audit entry. */
export async function recordAudit(ctx: Ctx, event: AuditEvent): Promise<void> {
  await insertAudit(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username,
    requestId: ctx.requestId,
    ip: ctx.ip,
    ...event,
  });
}

export async function insertAudit(
  tx: Tx,
  e: AuditEvent & {
    tenantId: string;
    actorId: string | null;
    actorName: string;
    requestId: string | null;
    ip: string | null;
  },
): Promise<void> {
  // a prepared statement: every write of every module runs it
  await preparedRows(
    tx,
    'audit_insert',
    sql`INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity_type, entity_id, before, after,
          request_id, ip)
        VALUES (${e.tenantId}, ${e.actorId}, ${e.actorName}, ${e.action}, ${e.entityType}, ${e.entityId ?? null},
          ${redact(e.before)}::jsonb, ${redact(e.after)}::jsonb, ${e.requestId}, ${e.ip})`,
  );
}

const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'tokenHash',
  'token',
  'newPassword',
  'currentPassword',
]);
/** JSON text without secrets (Dates become ISO strings); null for no value, as SQL NULL. */
function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (k, v: unknown) => (SECRET_KEYS.has(k) ? '[redacted]' : v)) ?? null;
}

import type { Ctx } from '../auth/actor.ts';
import type { Tx } from '../db/database.ts';
import { auditLog } from '../../modules/platform/platform.schema.ts';

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
  await tx.insert(auditLog).values({
    tenantId: e.tenantId,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: redact(e.before) ?? null,
    after: redact(e.after) ?? null,
    requestId: e.requestId,
    ip: e.ip,
  });
}

const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'tokenHash',
  'token',
  'newPassword',
  'currentPassword',
]);
/** JSON copy without secrets; Dates become ISO strings. */
function redact(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (SECRET_KEYS.has(k) ? '[redacted]' : v)));
}

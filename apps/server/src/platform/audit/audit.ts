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

/**
 * Records a write in the same transaction as the write itself: no write without its audit entry. Under
 * `withAuditBatch` the entry waits for the batch's end, still inside the transaction.
 */
export async function recordAudit(ctx: Ctx, event: AuditEvent): Promise<void> {
  if (ctx.auditBatch) ctx.auditBatch.push(event);
  else await insertAudit(ctx.tx, { ...whoOf(ctx), ...event });
}

const whoOf = (ctx: Ctx) => ({
  tenantId: ctx.actor.tenantId,
  actorId: ctx.actor.userId,
  actorName: ctx.actor.username,
  requestId: ctx.requestId,
  ip: ctx.ip,
});

/**
 * Runs `fn` with its audit entries held back and written together when it returns, in one statement: a hot
 * path with several audited writes (a job report that also books output) saves a round trip per entry. If
 * `fn` throws, nothing is written — the transaction is rolled back anyway. Not for work that rolls back to a
 * savepoint and goes on: the entries of the undone part would still be written.
 */
export async function withAuditBatch<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.auditBatch) return fn(ctx);
  const batch: AuditEvent[] = [];
  const result = await fn({ ...ctx, auditBatch: batch });
  if (batch.length === 1) await insertAudit(ctx.tx, { ...whoOf(ctx), ...batch[0]! });
  else if (batch.length > 1) {
    const who = whoOf(ctx);
    await preparedRows(
      ctx.tx,
      'audit_insert_batch',
      sql`INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity_type, entity_id, before, after,
            request_id, ip)
          SELECT ${who.tenantId}, ${who.actorId}, ${who.actorName}, a.action, a.entity_type, a.entity_id,
            a.before::jsonb, a.after::jsonb, ${who.requestId}, ${who.ip}
          FROM unnest(${sql.param(batch.map((e) => e.action))}::text[],
            ${sql.param(batch.map((e) => e.entityType))}::text[],
            ${sql.param(batch.map((e) => e.entityId ?? null))}::text[],
            ${sql.param(batch.map((e) => redact(e.before)))}::text[],
            ${sql.param(batch.map((e) => redact(e.after)))}::text[]) WITH ORDINALITY
            AS a(action, entity_type, entity_id, before, after, n)
          ORDER BY a.n`,
    );
  }
  return result;
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

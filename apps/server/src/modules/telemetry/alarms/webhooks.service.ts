import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  WEBHOOK_TEST_EVENT,
  type TAlarmWebhookPayload,
  type TCreateWebhook,
  type TCreatedWebhook,
  type TPage,
  type TUpdateWebhook,
  type TWebhook,
  type TWebhookDelivery,
  type TWebhookDeliveryQuery,
  type TWebhookQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { iso, isoOrNull } from './alarm-store.ts';
import { MAX_ATTEMPTS, type SendResult } from './webhook-sender.ts';

const ENTITY = 'webhook';

interface WebhookRow {
  id: string;
  name: string;
  url: string;
  secret: string;
  min_severity: TWebhook['minSeverity'];
  is_enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}
const toWebhook = (r: WebhookRow): TWebhook => ({
  id: r.id,
  name: r.name,
  url: r.url,
  minSeverity: r.min_severity,
  isEnabled: r.is_enabled,
  secretHint: `${r.secret.slice(0, 10)}…`,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function listWebhooks({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TWebhookQuery;
}): Promise<TPage<TWebhook>> {
  const c: SQL[] = [sql`tenant_id = ${ctx.actor.tenantId}`];
  if (query.q) c.push(sql`(name ILIKE ${likePattern(query.q)} OR url ILIKE ${likePattern(query.q)})`);
  if (query.isEnabled) c.push(sql`is_enabled = ${query.isEnabled === 'true'}`);
  const where = sql.join(c, sql` AND `);
  const { limit, offset } = pageWindow(query);
  const [{ total }] = (await queryRows<{ total: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS total FROM webhooks WHERE ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<WebhookRow>(
    ctx.tx,
    sql`SELECT * FROM webhooks WHERE ${where} ORDER BY name, id LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toWebhook), total, page: query.page, pageSize: query.pageSize };
}

async function webhookRow(ctx: Ctx, id: string): Promise<WebhookRow> {
  const [row] = await queryRows<WebhookRow>(
    ctx.tx,
    sql`SELECT * FROM webhooks WHERE tenant_id = ${ctx.actor.tenantId} AND id = ${id}`,
  );
  if (!row) throw notFound(ENTITY);
  return row;
}

export const getWebhook = async ({ ctx, id }: { ctx: Ctx; id: string }) =>
  toWebhook(await webhookRow(ctx, id));

export async function createWebhook({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreateWebhook;
}): Promise<TCreatedWebhook> {
  const id = randomUUID();
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  await ctx.tx.execute(
    sql`INSERT INTO webhooks (tenant_id, id, name, url, secret, min_severity, is_enabled)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.name}, ${input.url}, ${secret}, ${input.minSeverity},
          ${input.isEnabled ?? true})`,
  );
  const created = await getWebhook({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'webhook', entityId: id, after: created });
  return { ...created, secret };
}

export async function updateWebhook({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateWebhook;
}): Promise<TWebhook> {
  const before = await getWebhook({ ctx, id });
  await ctx.tx.execute(
    sql`UPDATE webhooks SET name = ${input.name ?? before.name}, url = ${input.url ?? before.url},
          min_severity = ${input.minSeverity ?? before.minSeverity}, is_enabled = ${input.isEnabled ?? before.isEnabled},
          updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getWebhook({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'webhook', entityId: id, before, after });
  return after;
}

/** Its pending deliveries go with it. */
export async function deleteWebhook({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getWebhook({ ctx, id });
  await ctx.tx.execute(sql`DELETE FROM webhooks WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'webhook', entityId: id, before });
}

interface DeliveryRow {
  id: number | string;
  webhook_id: string;
  alarm_id: string | null;
  event: string;
  status: TWebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date | string;
  last_status: number | null;
  last_error: string | null;
  payload: Record<string, unknown>;
  created_at: Date | string;
  delivered_at: Date | string | null;
}
const toDelivery = (r: DeliveryRow): TWebhookDelivery => ({
  id: Number(r.id),
  webhookId: r.webhook_id,
  alarmId: r.alarm_id,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  lastStatus: r.last_status,
  lastError: r.last_error,
  payload: r.payload,
  createdAt: iso(r.created_at),
  deliveredAt: isoOrNull(r.delivered_at),
});

export async function listDeliveries({
  ctx,
  id,
  query,
}: {
  ctx: Ctx;
  id: string;
  query: TWebhookDeliveryQuery;
}): Promise<TPage<TWebhookDelivery>> {
  await webhookRow(ctx, id);
  const c: SQL[] = [sql`tenant_id = ${ctx.actor.tenantId}`, sql`webhook_id = ${id}`];
  if (query.status) c.push(sql`status = ${query.status}`);
  if (query.q) c.push(sql`(event ILIKE ${likePattern(query.q)} OR last_error ILIKE ${likePattern(query.q)})`);
  const where = sql.join(c, sql` AND `);
  const { limit, offset } = pageWindow(query);
  const [{ total }] = (await queryRows<{ total: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS total FROM webhook_deliveries WHERE ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<DeliveryRow>(
    ctx.tx,
    sql`SELECT * FROM webhook_deliveries WHERE ${where} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toDelivery), total, page: query.page, pageSize: query.pageSize };
}

/** A test delivery, sent at once by the route (outside any transaction) and never retried. */
export async function createTestDelivery({ ctx, id }: { ctx: Ctx; id: string }) {
  const hook = await webhookRow(ctx, id);
  const payload: TAlarmWebhookPayload = {
    event: WEBHOOK_TEST_EVENT,
    at: new Date().toISOString(),
    tenantId: ctx.actor.tenantId,
    alarm: null,
  };
  const [row] = await queryRows<{ id: number | string }>(
    ctx.tx,
    sql`INSERT INTO webhook_deliveries (tenant_id, webhook_id, event, payload, next_attempt_at)
        VALUES (${ctx.actor.tenantId}, ${id}, ${WEBHOOK_TEST_EVENT}, ${JSON.stringify(payload)}::jsonb,
          now() + interval '1 hour')
        RETURNING id`,
  );
  const deliveryId = Number(row!.id);
  await recordAudit(ctx, { action: 'test', entityType: 'webhook', entityId: id, after: { deliveryId } });
  return { deliveryId, url: hook.url, secret: hook.secret, payload };
}

export async function getDelivery({ ctx, id }: { ctx: Ctx; id: number }): Promise<TWebhookDelivery> {
  const [row] = await queryRows<DeliveryRow>(
    ctx.tx,
    sql`SELECT * FROM webhook_deliveries WHERE tenant_id = ${ctx.actor.tenantId} AND id = ${id}`,
  );
  if (!row) throw notFound('webhook delivery');
  return toDelivery(row);
}

/**
 * Queues one delivery to a given webhook, in the caller's transaction (the outbox): other modules'
 * events — an Andon escalation — reach the same delivery job, retries and delivery log as alarms.
 * Nothing is queued for a disabled webhook.
 */
export async function enqueueWebhookDelivery(
  tx: Tx,
  o: { tenantId: string; webhookId: string; event: string; payload: unknown },
): Promise<boolean> {
  const rows = await queryRows<{ id: number | string }>(
    tx,
    sql`INSERT INTO webhook_deliveries (tenant_id, webhook_id, event, payload)
        SELECT tenant_id, id, ${o.event}, ${JSON.stringify(o.payload)}::jsonb FROM webhooks
        WHERE tenant_id = ${o.tenantId} AND id = ${o.webhookId} AND is_enabled
        RETURNING id`,
  );
  return rows.length > 0;
}

/** Records one attempt: delivered, or due again after the back-off, or failed for good. */
export async function recordAttempt(
  tx: Tx,
  o: { tenantId: string; id: number; result: SendResult; maxAttempts?: number },
): Promise<void> {
  const max = o.maxAttempts ?? MAX_ATTEMPTS;
  const ok = o.result.isDelivered;
  await tx.execute(
    sql`UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ${o.result.status}::int,
          last_error = ${o.result.error}::text,
          status = CASE WHEN ${ok}::boolean THEN 'delivered' WHEN attempts + 1 >= ${max}::int THEN 'failed' ELSE 'pending' END,
          delivered_at = CASE WHEN ${ok}::boolean THEN now() END,
          -- back-off 30 s · 2^(n−1) after the n-th attempt
          next_attempt_at = now() + 30 * power(2, attempts) * interval '1 second'
        WHERE tenant_id = ${o.tenantId} AND id = ${o.id}`,
  );
}

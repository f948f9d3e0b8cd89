import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  TAndonEscalationRule,
  TAndonNotifyTargets,
  TSaveAndonEscalationRuleParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

const ENTITY = 'andon escalation rule';
const AUDIT = 'andon_escalation_rule';

interface RuleRow {
  id: string;
  kind: TAndonEscalationRule['kind'];
  level: number;
  after_minutes: number;
  notify_role_id: string | null;
  role_name: string | null;
  webhook_id: string | null;
  webhook_name: string | null;
  is_enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}
const toRule = (r: RuleRow): TAndonEscalationRule => ({
  id: r.id,
  kind: r.kind,
  level: r.level,
  afterMinutes: r.after_minutes,
  notifyRoleId: r.notify_role_id,
  notifyRoleName: r.role_name,
  webhookId: r.webhook_id,
  webhookName: r.webhook_name,
  isEnabled: r.is_enabled,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});
const SELECT = sql`SELECT r.id, r.kind, r.level, r.after_minutes, r.notify_role_id, ro.name AS role_name,
    r.webhook_id, h.name AS webhook_name, r.is_enabled, r.created_at, r.updated_at
  FROM andon_escalation_rules r
  LEFT JOIN roles ro ON ro.tenant_id = r.tenant_id AND ro.id = r.notify_role_id
  LEFT JOIN webhooks h ON h.tenant_id = r.tenant_id AND h.id = r.webhook_id`;

/** The enterprise's rules by kind and level. */
export async function listEscalationRules(ctx: Ctx): Promise<TAndonEscalationRule[]> {
  const rows = await queryRows<RuleRow>(ctx.tx, sql`${SELECT} ORDER BY r.kind, r.level`);
  return rows.map(toRule);
}

async function getRule(ctx: Ctx, id: string): Promise<TAndonEscalationRule> {
  const [row] = await queryRows<RuleRow>(ctx.tx, sql`${SELECT} WHERE r.id = ${id}`);
  if (!row) throw notFound(ENTITY);
  return toRule(row);
}

const invalid = (path: string, message: string) => new AppError('VALIDATION', {}, [{ path, message }]);

/**
 * The role and webhook exist in this enterprise; no other rule has the kind and level; the levels of a
 * kind grow in minutes (level 2 cannot come before level 1). Taken under a per-tenant advisory lock,
 * as two saves of one kind could each pass the order check alone.
 */
async function check(ctx: Ctx, input: TSaveAndonEscalationRuleParsed, id: string | null) {
  await ctx.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('andon-rules:' || ${ctx.actor.tenantId}))`);
  if (input.notifyRoleId) {
    const [role] = await queryRows(ctx.tx, sql`SELECT 1 FROM roles WHERE id = ${input.notifyRoleId}`);
    if (!role) throw invalid('body.notifyRoleId', 'unknown role');
  }
  if (input.webhookId) {
    const [hook] = await queryRows(ctx.tx, sql`SELECT 1 FROM webhooks WHERE id = ${input.webhookId}`);
    if (!hook) throw invalid('body.webhookId', 'unknown webhook');
  }
  const others = await queryRows<{ level: number; after_minutes: number }>(
    ctx.tx,
    sql`SELECT level, after_minutes FROM andon_escalation_rules
        WHERE kind = ${input.kind} AND id IS DISTINCT FROM ${id}::uuid`,
  );
  if (others.some((o) => o.level === input.level))
    throw new AppError('CONFLICT', {
      reason: `level ${input.level} of ${input.kind} already has a rule`,
      kind: input.kind,
      level: input.level,
    });
  for (const o of others) {
    if (o.level < input.level && o.after_minutes >= input.afterMinutes)
      throw invalid('body.afterMinutes', `must be more than level ${o.level}'s ${o.after_minutes} minutes`);
    if (o.level > input.level && o.after_minutes <= input.afterMinutes)
      throw invalid('body.afterMinutes', `must be less than level ${o.level}'s ${o.after_minutes} minutes`);
  }
}

export async function createEscalationRule(
  ctx: Ctx,
  input: TSaveAndonEscalationRuleParsed,
): Promise<TAndonEscalationRule> {
  await check(ctx, input, null);
  const id = randomUUID();
  await ctx.tx.execute(
    sql`INSERT INTO andon_escalation_rules (tenant_id, id, kind, level, after_minutes, notify_role_id, webhook_id,
          is_enabled)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.kind}, ${input.level}, ${input.afterMinutes},
          ${input.notifyRoleId ?? null}, ${input.webhookId ?? null}, ${input.isEnabled})`,
  );
  const created = await getRule(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT, entityId: id, after: created });
  return created;
}

export async function updateEscalationRule(
  ctx: Ctx,
  o: { id: string; input: TSaveAndonEscalationRuleParsed },
): Promise<TAndonEscalationRule> {
  const before = await getRule(ctx, o.id);
  const { input } = o;
  await check(ctx, input, o.id);
  await ctx.tx.execute(
    sql`UPDATE andon_escalation_rules SET kind = ${input.kind}, level = ${input.level},
          after_minutes = ${input.afterMinutes}, notify_role_id = ${input.notifyRoleId ?? null},
          webhook_id = ${input.webhookId ?? null}, is_enabled = ${input.isEnabled}, updated_at = now()
        WHERE id = ${o.id}`,
  );
  const after = await getRule(ctx, o.id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT, entityId: o.id, before, after });
  return after;
}

/** Exceptions keep the levels they reached; the history keeps whom they told. */
export async function deleteEscalationRule(ctx: Ctx, id: string): Promise<void> {
  const before = await getRule(ctx, id);
  await ctx.tx.execute(sql`DELETE FROM andon_escalation_rules WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT, entityId: id, before });
}

/** The roles and webhooks a rule may name. */
export async function notifyTargets(ctx: Ctx): Promise<TAndonNotifyTargets> {
  const roles = await queryRows<{ id: string; name: string }>(
    ctx.tx,
    sql`SELECT id, name FROM roles ORDER BY name`,
  );
  const webhooks = await queryRows<{ id: string; name: string; is_enabled: boolean }>(
    ctx.tx,
    sql`SELECT id, name, is_enabled FROM webhooks ORDER BY name`,
  );
  return { roles, webhooks: webhooks.map((w) => ({ id: w.id, name: w.name, isEnabled: w.is_enabled })) };
}

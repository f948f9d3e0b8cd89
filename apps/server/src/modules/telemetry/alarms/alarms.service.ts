import { sql, type SQL } from 'drizzle-orm';
import {
  ALARM_SEVERITIES,
  type TAcknowledgeAlarm,
  type TAlarm,
  type TAlarmDetail,
  type TAlarmEvent,
  type TAlarmQuery,
  type TAlarmSummary,
  type TPage,
  type TShelveAlarm,
  type TUnshelveAlarm,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { deviceScope } from '../devices.service.ts';
import { findAlarms, iso, loadAlarm, recordAction } from './alarm-store.ts';

const ENTITY = 'alarm';

/**
 * Tenant, plus the user's data scope over devices (`d`): alarms of devices out of scope do not exist
 * for them — nor alarms without a device (an EnPI's), like devices bound to no equipment.
 */
async function baseWhere(ctx: Ctx): Promise<SQL[]> {
  const scope = await deviceScope(ctx);
  return [sql`a.tenant_id = ${ctx.actor.tenantId}`, ...(scope ? [scope] : [])];
}

export async function listAlarms({ ctx, query }: { ctx: Ctx; query: TAlarmQuery }): Promise<TPage<TAlarm>> {
  const c = await baseWhere(ctx);
  if (query.state === 'open') c.push(sql`a.state <> 'cleared'`);
  else if (query.state) c.push(sql`a.state = ${query.state}`);
  if (query.severity) c.push(sql`a.severity = ${query.severity}`);
  if (query.deviceId) c.push(sql`a.device_id = ${query.deviceId}`);
  if (query.ruleId) c.push(sql`a.rule_id = ${query.ruleId}`);
  if (query.metricId) c.push(sql`a.metric_id = ${query.metricId}`);
  if (query.source) c.push(sql`a.source = ${query.source}`);
  if (query.sourceId) c.push(sql`a.source_id = ${query.sourceId}`);
  if (query.isShelved) c.push(sql`coalesce(a.shelved_until > now(), false) = ${query.isShelved === 'true'}`);
  if (query.from) c.push(sql`a.raised_at >= ${query.from}::timestamptz`);
  if (query.to) c.push(sql`a.raised_at < ${query.to}::timestamptz`);
  if (query.q) {
    const like = likePattern(query.q);
    c.push(
      sql`(a.rule_name ILIKE ${like} OR a.message ILIKE ${like} OR d.code ILIKE ${like} OR d.name ILIKE ${like})`,
    );
  }
  const { limit, offset } = pageWindow(query);
  const { total, items } = await findAlarms(ctx.tx, sql.join(c, sql` AND `), limit, offset);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function visibleAlarm(ctx: Ctx, id: string): Promise<TAlarm> {
  const scope = await deviceScope(ctx);
  const alarm = await loadAlarm(ctx.tx, ctx.actor.tenantId, id, scope ?? undefined);
  if (!alarm) throw notFound(ENTITY);
  return alarm;
}

export async function getAlarm({ ctx, id }: { ctx: Ctx; id: string }): Promise<TAlarmDetail> {
  const alarm = await visibleAlarm(ctx, id);
  const events = await queryRows<{
    id: number | string;
    at: Date | string;
    action: TAlarmEvent['action'];
    user_id: string | null;
    user_name: string | null;
    comment: string | null;
    value: number | null;
  }>(
    ctx.tx,
    sql`SELECT e.id, e.at, e.action, e.user_id, u.display_name AS user_name, e.comment, e.value
        FROM alarm_events e LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
        WHERE e.tenant_id = ${ctx.actor.tenantId} AND e.alarm_id = ${id} ORDER BY e.id`,
  );
  return {
    ...alarm,
    events: events.map((e) => ({
      id: Number(e.id),
      at: iso(e.at),
      action: e.action,
      userId: e.user_id,
      userName: e.user_name,
      comment: e.comment,
      value: e.value,
    })),
  };
}

/** Locks the alarm row for a user action; 404 when invisible, 409 when the action does not apply. */
async function lockForAction(ctx: Ctx, id: string, verb: string): Promise<TAlarm> {
  await visibleAlarm(ctx, id);
  await ctx.tx.execute(sql`SELECT 1 FROM alarms WHERE id = ${id} FOR UPDATE`);
  const current = (await loadAlarm(ctx.tx, ctx.actor.tenantId, id))!;
  if (current.state === 'cleared')
    throw new AppError('CONFLICT', { reason: `The alarm is already cleared; it cannot be ${verb}` });
  return current;
}

const latestValue = sql`coalesce((SELECT l.value FROM metric_latest l
  WHERE l.tenant_id = alarms.tenant_id AND l.metric_id = alarms.metric_id), last_value)`;

export async function acknowledgeAlarm({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TAcknowledgeAlarm;
}): Promise<TAlarm> {
  const before = await lockForAction(ctx, id, 'acknowledged');
  if (before.state === 'acknowledged')
    throw new AppError('CONFLICT', {
      reason: `The alarm was already acknowledged by ${before.acknowledgedByName ?? 'someone'}`,
    });
  const [updated] = await queryRows<{ last_value: number | null }>(
    ctx.tx,
    sql`UPDATE alarms SET state = 'acknowledged', acknowledged_at = now(), acknowledged_by = ${ctx.actor.userId},
          ack_comment = ${input.comment}, last_value = ${latestValue}, updated_at = now()
        WHERE id = ${id} RETURNING last_value`,
  );
  const after = await recordAction(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    alarmId: id,
    action: 'acknowledge',
    userId: ctx.actor.userId,
    comment: input.comment,
    value: updated?.last_value ?? null,
  });
  await recordAudit(ctx, { action: 'acknowledge', entityType: 'alarm', entityId: id, before, after });
  return after;
}

export async function shelveAlarm({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TShelveAlarm;
}): Promise<TAlarm> {
  const before = await lockForAction(ctx, id, 'shelved');
  await ctx.tx.execute(
    sql`UPDATE alarms SET shelved_until = now() + ${input.minutes} * interval '1 minute',
          shelved_by = ${ctx.actor.userId}, shelve_reason = ${input.reason}, last_value = ${latestValue},
          updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await recordAction(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    alarmId: id,
    action: 'shelve',
    userId: ctx.actor.userId,
    comment: `${input.reason} (${input.minutes} min)`,
  });
  await recordAudit(ctx, { action: 'shelve', entityType: 'alarm', entityId: id, before, after });
  return after;
}

export async function unshelveAlarm({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUnshelveAlarm | null | undefined;
}): Promise<TAlarm> {
  const before = await lockForAction(ctx, id, 'unshelved');
  if (!before.isShelved) throw new AppError('CONFLICT', { reason: 'The alarm is not shelved' });
  await ctx.tx.execute(
    sql`UPDATE alarms SET shelved_until = NULL, shelved_by = NULL, shelve_reason = NULL,
          last_value = ${latestValue}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await recordAction(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    alarmId: id,
    action: 'unshelve',
    userId: ctx.actor.userId,
    comment: input?.comment || null,
  });
  await recordAudit(ctx, { action: 'unshelve', entityType: 'alarm', entityId: id, before, after });
  return after;
}

export async function alarmSummary({ ctx }: { ctx: Ctx }): Promise<TAlarmSummary> {
  const c = await baseWhere(ctx);
  const rows = await queryRows<{ severity: string; open: number; unacknowledged: number; shelved: number }>(
    ctx.tx,
    sql`SELECT a.severity,
          count(*) FILTER (WHERE NOT x.is_shelved)::int AS open,
          count(*) FILTER (WHERE NOT x.is_shelved AND a.state = 'active')::int AS unacknowledged,
          count(*) FILTER (WHERE x.is_shelved)::int AS shelved
        FROM alarms a
        LEFT JOIN devices d ON d.tenant_id = a.tenant_id AND d.id = a.device_id,
        LATERAL (SELECT coalesce(a.shelved_until > now(), false) AS is_shelved) x
        WHERE a.state <> 'cleared' AND ${sql.join(c, sql` AND `)}
        GROUP BY a.severity`,
  );
  const summary: TAlarmSummary = {
    bySeverity: Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, 0])) as TAlarmSummary['bySeverity'],
    open: 0,
    unacknowledged: 0,
    shelved: 0,
  };
  for (const r of rows) {
    summary.bySeverity[r.severity as keyof TAlarmSummary['bySeverity']] = r.open;
    summary.open += r.open;
    summary.unacknowledged += r.unacknowledged;
    summary.shelved += r.shelved;
  }
  return summary;
}

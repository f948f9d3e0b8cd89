import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  ALARM_RULE_SETTINGS,
  ZCreateAlarmRule,
  type TAlarm,
  type TAlarmRule,
  type TAlarmRuleQuery,
  type TCreateAlarmRule,
  type TPage,
  type TUpdateAlarmRule,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { stateCode } from './alarm-engine.ts';
import { clearAlarmById, iso } from './alarm-store.ts';

const ENTITY = 'alarm rule';

interface RuleRow {
  id: string;
  name: string;
  metric_id: number | string | null;
  profile_id: string | null;
  metric_key: string | null;
  device_id: string | null;
  device_code: string | null;
  metric_name: string | null;
  profile_code: string | null;
  type: TAlarmRule['type'];
  threshold: number | null;
  deadband: number;
  duration_seconds: number;
  rate_per_minute: number | null;
  window_seconds: number | null;
  state_value: string | null;
  no_data_minutes: number | null;
  severity: TAlarmRule['severity'];
  message: string | null;
  is_enabled: boolean;
  open_alarms: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const toRule = (r: RuleRow): TAlarmRule => ({
  id: r.id,
  name: r.name,
  metricId: r.metric_id === null ? null : Number(r.metric_id),
  profileId: r.profile_id,
  metricKey: r.metric_key,
  deviceId: r.device_id,
  deviceCode: r.device_code,
  metricName: r.metric_name,
  profileCode: r.profile_code,
  type: r.type,
  threshold: r.threshold,
  deadband: r.deadband,
  durationSeconds: r.duration_seconds,
  ratePerMinute: r.rate_per_minute,
  windowSeconds: r.window_seconds,
  stateValue: r.state_value,
  noDataMinutes: r.no_data_minutes,
  severity: r.severity,
  message: r.message,
  isEnabled: r.is_enabled,
  openAlarms: r.open_alarms,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const ruleSelect = (where: SQL, tail: SQL = sql``) => sql`
  SELECT r.id, r.name, r.metric_id, r.profile_id, r.metric_key, m.device_id, d.code AS device_code,
    m.name AS metric_name, p.code AS profile_code, r.type, r.threshold, r.deadband, r.duration_seconds,
    r.rate_per_minute, r.window_seconds, r.state_value, r.no_data_minutes, r.severity, r.message, r.is_enabled,
    (SELECT count(*)::int FROM alarms a WHERE a.tenant_id = r.tenant_id AND a.rule_id = r.id
      AND a.state <> 'cleared') AS open_alarms,
    r.created_at, r.updated_at
  FROM alarm_rules r
  LEFT JOIN metrics m ON m.tenant_id = r.tenant_id AND m.id = r.metric_id
  LEFT JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
  LEFT JOIN device_profiles p ON p.tenant_id = r.tenant_id AND p.id = r.profile_id
  WHERE ${where} ${tail}`;

export async function listRules({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TAlarmRuleQuery;
}): Promise<TPage<TAlarmRule>> {
  const c: SQL[] = [sql`r.tenant_id = ${ctx.actor.tenantId}`];
  if (query.q) {
    const like = likePattern(query.q);
    c.push(
      sql`(r.name ILIKE ${like} OR r.metric_key ILIKE ${like} OR m.key ILIKE ${like} OR d.code ILIKE ${like})`,
    );
  }
  if (query.type) c.push(sql`r.type = ${query.type}`);
  if (query.severity) c.push(sql`r.severity = ${query.severity}`);
  if (query.metricId) c.push(sql`r.metric_id = ${query.metricId}`);
  if (query.profileId) c.push(sql`r.profile_id = ${query.profileId}`);
  // a device's rules: those on its metrics and those of its profile
  if (query.deviceId)
    c.push(sql`(m.device_id = ${query.deviceId}
      OR r.profile_id = (SELECT profile_id FROM devices WHERE id = ${query.deviceId}))`);
  if (query.isEnabled) c.push(sql`r.is_enabled = ${query.isEnabled === 'true'}`);
  const where = sql.join(c, sql` AND `);
  const { limit, offset } = pageWindow(query);
  const [{ total }] = (await queryRows<{ total: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS total FROM alarm_rules r
        LEFT JOIN metrics m ON m.tenant_id = r.tenant_id AND m.id = r.metric_id
        LEFT JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id WHERE ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<RuleRow>(
    ctx.tx,
    ruleSelect(where, sql`ORDER BY r.name, r.id LIMIT ${limit} OFFSET ${offset}`),
  );
  return { items: rows.map(toRule), total, page: query.page, pageSize: query.pageSize };
}

export async function getRule({ ctx, id }: { ctx: Ctx; id: string }): Promise<TAlarmRule> {
  const [row] = await queryRows<RuleRow>(
    ctx.tx,
    ruleSelect(sql`r.tenant_id = ${ctx.actor.tenantId} AND r.id = ${id}`),
  );
  if (!row) throw notFound(ENTITY);
  return toRule(row);
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', {}, [{ path: `body.${path}`, message }]);

/** The target exists, has the right kind of values, and knows the state a state_equals rule names. */
async function assertTarget(ctx: Ctx, r: TCreateAlarmRule) {
  let metric: { key: string; value_type: string; states: string[] | null } | undefined;
  let at = 'metricId';
  if (r.metricId != null) {
    [metric] = await queryRows(
      ctx.tx,
      sql`SELECT key, value_type, states FROM metrics WHERE id = ${r.metricId}`,
    );
    if (!metric) throw invalid('metricId', 'unknown metric');
  } else {
    const [profile] = await queryRows<{ id: string }>(
      ctx.tx,
      sql`SELECT id FROM device_profiles WHERE id = ${r.profileId!}`,
    );
    if (!profile) throw invalid('profileId', 'unknown device profile');
    [metric] = await queryRows(
      ctx.tx,
      sql`SELECT key, value_type, states FROM profile_metrics WHERE profile_id = ${r.profileId!} AND key = ${r.metricKey!}`,
    );
    if (!metric) throw invalid('metricKey', `the profile has no metric ${r.metricKey}`);
    at = 'metricKey';
  }
  if (['high', 'low', 'rate_of_change'].includes(r.type) && metric.value_type !== 'number')
    throw invalid(
      at,
      `a ${r.type} rule needs a number metric; ${metric.key} holds ${metric.value_type} values`,
    );
  if (r.type === 'state_equals' && metric.value_type !== 'string') {
    const code = stateCode({
      stateValue: r.stateValue!,
      valueType: metric.value_type,
      states: metric.states,
    });
    if (code === null)
      throw invalid(
        'stateValue',
        metric.value_type === 'state'
          ? `not a state of ${metric.key}${metric.states ? `: use one of ${metric.states.join(', ')}` : ''}`
          : metric.value_type === 'boolean'
            ? 'must be true or false'
            : 'must be a number',
      );
  }
}

/** The settings columns, with the defaults of the settings the type uses. */
const columns = (r: TCreateAlarmRule) => {
  const uses = new Set<string>(ALARM_RULE_SETTINGS[r.type].uses);
  return {
    threshold: r.threshold ?? null,
    deadband: uses.has('deadband') ? (r.deadband ?? 0) : 0,
    durationSeconds: uses.has('durationSeconds') ? (r.durationSeconds ?? 0) : 0,
    ratePerMinute: r.ratePerMinute ?? null,
    windowSeconds: uses.has('windowSeconds') ? (r.windowSeconds ?? 60) : null,
    stateValue: r.stateValue ?? null,
    noDataMinutes: r.noDataMinutes ?? null,
  };
};

export async function createRule({ ctx, input }: { ctx: Ctx; input: TCreateAlarmRule }): Promise<TAlarmRule> {
  await assertTarget(ctx, input);
  const id = randomUUID();
  const s = columns(input);
  await ctx.tx.execute(
    sql`INSERT INTO alarm_rules (tenant_id, id, name, metric_id, profile_id, metric_key, type, threshold, deadband,
          duration_seconds, rate_per_minute, window_seconds, state_value, no_data_minutes, severity, message, is_enabled)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.name}, ${input.metricId ?? null}, ${input.profileId ?? null},
          ${input.metricKey ?? null}, ${input.type}, ${s.threshold}::float8, ${s.deadband}::float8, ${s.durationSeconds},
          ${s.ratePerMinute}::float8, ${s.windowSeconds}::int, ${s.stateValue}::text, ${s.noDataMinutes}::int,
          ${input.severity}, ${input.message ?? null}, ${input.isEnabled ?? true})`,
  );
  const created = await getRule({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'alarm_rule', entityId: id, after: created });
  return created;
}

/**
 * The rule as a create request after applying `input`: settings the (new) type does not use are
 * dropped, and naming one kind of target replaces the other.
 */
function merge(before: TAlarmRule, input: TUpdateAlarmRule): Record<string, unknown> {
  const type = input.type ?? before.type;
  const { uses } = ALARM_RULE_SETTINGS[type];
  const base: Record<string, unknown> = {
    name: before.name,
    type,
    severity: before.severity,
    message: before.message,
    isEnabled: before.isEnabled,
  };
  const namesMetric = input.metricId != null;
  const namesProfile = input.profileId != null || input.metricKey != null;
  if (!namesMetric && !namesProfile) Object.assign(base, { metricId: before.metricId });
  if (!namesMetric) Object.assign(base, { profileId: before.profileId, metricKey: before.metricKey });
  for (const key of uses) base[key] = before[key];
  return { ...base, ...input };
}

export async function updateRule({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateAlarmRule;
}): Promise<{ rule: TAlarmRule; changed: TAlarm[] }> {
  const before = await getRule({ ctx, id });
  const parsed = ZCreateAlarmRule.safeParse(merge(before, input));
  if (!parsed.success)
    throw new AppError(
      'VALIDATION',
      {},
      parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
    );
  const r = parsed.data;
  await assertTarget(ctx, r);
  const s = columns(r);
  await ctx.tx.execute(
    sql`UPDATE alarm_rules SET name = ${r.name}, metric_id = ${r.metricId ?? null}, profile_id = ${r.profileId ?? null},
          metric_key = ${r.metricKey ?? null}, type = ${r.type}, threshold = ${s.threshold}::float8,
          deadband = ${s.deadband}::float8, duration_seconds = ${s.durationSeconds},
          rate_per_minute = ${s.ratePerMinute}::float8, window_seconds = ${s.windowSeconds}::int,
          state_value = ${s.stateValue}::text, no_data_minutes = ${s.noDataMinutes}::int, severity = ${r.severity},
          message = ${r.message ?? null}, is_enabled = ${r.isEnabled ?? true}, updated_at = now()
        WHERE id = ${id}`,
  );
  const targetChanged =
    r.type !== before.type ||
    (r.metricId ?? null) !== before.metricId ||
    (r.profileId ?? null) !== before.profileId ||
    (r.metricKey ?? null) !== before.metricKey;
  const reason = !(r.isEnabled ?? true) ? 'rule disabled' : targetChanged ? 'rule changed' : null;
  // its open alarms would never be evaluated again; a new threshold is judged by the next sample
  const changed = reason ? await clearOpenAlarms(ctx, id, reason) : [];
  const rule = await getRule({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'alarm_rule', entityId: id, before, after: rule });
  return { rule, changed };
}

export async function deleteRule({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ changed: TAlarm[] }> {
  const before = await getRule({ ctx, id });
  // its alarms stay as history (rule_id becomes null); the open ones end now
  const changed = await clearOpenAlarms(ctx, id, 'rule deleted');
  await ctx.tx.execute(sql`DELETE FROM alarm_rules WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'alarm_rule', entityId: id, before });
  return { changed };
}

async function clearOpenAlarms(ctx: Ctx, ruleId: string, comment: string): Promise<TAlarm[]> {
  const open = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM alarms WHERE rule_id = ${ruleId} AND state <> 'cleared' FOR UPDATE`,
  );
  const changed: TAlarm[] = [];
  for (const { id } of open) {
    const alarm = await clearAlarmById(ctx.tx, {
      tenantId: ctx.actor.tenantId,
      id,
      comment,
      userId: ctx.actor.userId,
    });
    if (alarm) changed.push(alarm);
  }
  return changed;
}

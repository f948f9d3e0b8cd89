import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  ALARM_SEVERITIES,
  ALARM_WEBHOOK_EVENTS,
  type AlarmAction,
  type AlarmSeverity,
  type TAlarm,
  type TAlarmWebhookPayload,
} from '@greenmes/contracts';
import type { Tx } from '../../../platform/db/database.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';

/**
 * SQL of alarm instances and their history, shared by the evaluator, the jobs and the services.
 * Every function takes the caller's transaction and filters by tenant explicitly, so the same
 * statements are safe in a tenant transaction (RLS) and in the jobs' system context.
 */

type Ts = Date | string;
export const iso = toIso;
export const isoOrNull = (v: Ts | null) => (v === null ? null : toIso(v));
export const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

interface AlarmRow {
  id: string;
  rule_id: string | null;
  rule_name: string;
  type: TAlarm['type'];
  severity: AlarmSeverity;
  message: string | null;
  state: TAlarm['state'];
  source: TAlarm['source'];
  source_id: string | null;
  source_key: string | null;
  metric_id: number | string | null;
  metric_key: string | null;
  metric_name: string | null;
  unit_code: string | null;
  device_id: string | null;
  device_code: string | null;
  device_name: string | null;
  raised_at: Ts;
  raise_value: number | null;
  raise_text: string | null;
  last_value: number | null;
  acknowledged_at: Ts | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  ack_comment: string | null;
  cleared_at: Ts | null;
  clear_value: number | null;
  is_shelved: boolean;
  shelved_until: Ts | null;
  shelved_by: string | null;
  shelved_by_name: string | null;
  shelve_reason: string | null;
  updated_at: Ts;
}

const toAlarm = (r: AlarmRow): TAlarm => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  type: r.type,
  severity: r.severity,
  message: r.message,
  state: r.state,
  source: r.source,
  sourceId: r.source_id,
  sourceKey: r.source_key,
  metricId: r.metric_id === null ? null : Number(r.metric_id),
  metricKey: r.metric_key,
  metricName: r.metric_name,
  unitCode: r.unit_code,
  deviceId: r.device_id,
  deviceCode: r.device_code,
  deviceName: r.device_name,
  raisedAt: iso(r.raised_at),
  raiseValue: r.raise_value,
  raiseText: r.raise_text,
  lastValue: r.last_value,
  acknowledgedAt: isoOrNull(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  acknowledgedByName: r.acknowledged_by_name,
  ackComment: r.ack_comment,
  clearedAt: isoOrNull(r.cleared_at),
  clearValue: r.clear_value,
  isShelved: r.is_shelved,
  shelvedUntil: r.is_shelved ? isoOrNull(r.shelved_until) : null,
  shelvedBy: r.is_shelved ? r.shelved_by : null,
  shelvedByName: r.is_shelved ? r.shelved_by_name : null,
  shelveReason: r.is_shelved ? r.shelve_reason : null,
  updatedAt: iso(r.updated_at),
});

/**
 * Alarms with their metric, device and user names; `d` is the device (for data-scope conditions),
 * absent for alarms of other sources than a metric.
 */
const alarmSelect = (where: SQL, tail: SQL = sql``) => sql`
  SELECT a.id, a.rule_id, a.rule_name, a.type, a.severity, a.message, a.state, a.source, a.source_id,
    a.source_key, a.metric_id,
    m.key AS metric_key, m.name AS metric_name, m.unit_code, a.device_id, d.code AS device_code,
    d.name AS device_name, a.raised_at, a.raise_value, a.raise_text, a.last_value, a.acknowledged_at,
    a.acknowledged_by, au.display_name AS acknowledged_by_name, a.ack_comment, a.cleared_at, a.clear_value,
    coalesce(a.shelved_until > now(), false) AS is_shelved, a.shelved_until, a.shelved_by,
    su.display_name AS shelved_by_name, a.shelve_reason, a.updated_at
  FROM alarms a
  LEFT JOIN metrics m ON m.tenant_id = a.tenant_id AND m.id = a.metric_id
  LEFT JOIN devices d ON d.tenant_id = a.tenant_id AND d.id = a.device_id
  LEFT JOIN users au ON au.tenant_id = a.tenant_id AND au.id = a.acknowledged_by
  LEFT JOIN users su ON su.tenant_id = a.tenant_id AND su.id = a.shelved_by
  WHERE ${where} ${tail}`;

export async function findAlarms(tx: Tx, where: SQL, limit: number, offset: number) {
  const [{ total }] = (await queryRows<{ total: number }>(
    tx,
    sql`SELECT count(*)::int AS total FROM alarms a
        LEFT JOIN devices d ON d.tenant_id = a.tenant_id AND d.id = a.device_id WHERE ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<AlarmRow>(
    tx,
    alarmSelect(where, sql`ORDER BY a.raised_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`),
  );
  return { total, items: rows.map(toAlarm) };
}

export async function loadAlarm(
  tx: Tx,
  tenantId: string,
  id: string,
  scope?: SQL,
): Promise<TAlarm | undefined> {
  const where = sql`a.tenant_id = ${tenantId} AND a.id = ${id}`;
  const [row] = await queryRows<AlarmRow>(tx, alarmSelect(scope ? sql`${where} AND ${scope}` : where));
  return row ? toAlarm(row) : undefined;
}

/** What a rule contributes to the alarms it raises (copied: history reads the same after edits). */
export interface RuleSnapshot {
  id: string;
  name: string;
  type: TAlarm['type'];
  severity: AlarmSeverity;
  message: string | null;
}

/**
 * Opens an alarm unless one is already open for (rule, metric) — another instance may have raised
 * it: the partial unique index decides. A raise while the pair is still shelved (the previous
 * occurrence was shelved until later) inherits the shelving and notifies no one.
 */
export async function raiseAlarm(
  tx: Tx,
  o: {
    tenantId: string;
    rule: RuleSnapshot;
    metricId: number;
    deviceId: string;
    at: Date;
    value: number | null;
    text: string | null;
  },
): Promise<TAlarm | null> {
  const id = randomUUID();
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO alarms (tenant_id, id, rule_id, rule_name, type, metric_id, device_id, severity, message,
          raised_at, raise_value, raise_text, last_value, shelved_until, shelved_by, shelve_reason)
        SELECT ${o.tenantId}, ${id}, ${o.rule.id}, ${o.rule.name}, ${o.rule.type}, ${o.metricId}, ${o.deviceId},
          ${o.rule.severity}, ${o.rule.message}, ${o.at.toISOString()}::timestamptz, ${o.value}::float8,
          ${o.text}::text, ${o.value}::float8, s.shelved_until, s.shelved_by, s.shelve_reason
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT shelved_until, shelved_by, shelve_reason FROM alarms
          WHERE tenant_id = ${o.tenantId} AND rule_id = ${o.rule.id} AND metric_id = ${o.metricId}
            AND shelved_until > now()
          ORDER BY shelved_until DESC LIMIT 1) s ON true
        ON CONFLICT (tenant_id, rule_id, metric_id) WHERE state <> 'cleared' DO NOTHING
        RETURNING id`,
  );
  if (!inserted.length) return null;
  return recordAction(tx, {
    tenantId: o.tenantId,
    alarmId: id,
    action: 'raise',
    at: o.at,
    value: o.value,
  });
}

/** Clears the open alarm of (rule, metric), if any; the clear time never precedes the raise. */
export async function clearOpenAlarm(
  tx: Tx,
  o: { tenantId: string; ruleId: string; metricId: number; at: Date; value: number | null; comment?: string },
): Promise<TAlarm | null> {
  const [row] = await queryRows<{ id: string; cleared_at: Ts }>(
    tx,
    sql`UPDATE alarms SET state = 'cleared', cleared_at = greatest(${o.at.toISOString()}::timestamptz, raised_at),
          clear_value = ${o.value}::float8, last_value = coalesce(${o.value}::float8, last_value), updated_at = now()
        WHERE tenant_id = ${o.tenantId} AND rule_id = ${o.ruleId} AND metric_id = ${o.metricId}
          AND state <> 'cleared'
        RETURNING id, cleared_at`,
  );
  if (!row) return null;
  return recordAction(tx, {
    tenantId: o.tenantId,
    alarmId: row.id,
    action: 'clear',
    at: new Date(row.cleared_at),
    value: o.value,
    comment: o.comment,
  });
}

/** Clears an open alarm by id (rule disabled or deleted, device disabled, metric gone). */
export async function clearAlarmById(
  tx: Tx,
  o: { tenantId: string; id: string; comment: string; userId?: string | null },
): Promise<TAlarm | null> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE alarms SET state = 'cleared', cleared_at = greatest(now(), raised_at), updated_at = now()
        WHERE tenant_id = ${o.tenantId} AND id = ${o.id} AND state <> 'cleared' RETURNING id`,
  );
  if (!row) return null;
  return recordAction(tx, {
    tenantId: o.tenantId,
    alarmId: o.id,
    action: 'clear',
    userId: o.userId,
    comment: o.comment,
  });
}

export const SEVERITY_AT_LEAST_SQL = (severity: AlarmSeverity) =>
  // webhooks whose minimum is this severity or a less severe one
  sql.join(
    ALARM_SEVERITIES.slice(ALARM_SEVERITIES.indexOf(severity)).map((s) => sql`${s}`),
    sql`, `,
  );

/**
 * Appends the history entry, and queues a webhook delivery per enabled webhook that wants this
 * severity — unless the alarm is shelved (shelving and unshelving themselves are always sent).
 */
export async function recordAction(
  tx: Tx,
  o: {
    tenantId: string;
    alarmId: string;
    action: AlarmAction;
    at?: Date;
    userId?: string | null;
    comment?: string | null;
    value?: number | null;
  },
): Promise<TAlarm> {
  const at = o.at ?? new Date();
  await tx.execute(
    sql`INSERT INTO alarm_events (tenant_id, alarm_id, at, action, user_id, comment, value)
        VALUES (${o.tenantId}, ${o.alarmId}, ${at.toISOString()}::timestamptz, ${o.action}, ${o.userId ?? null},
          ${o.comment ?? null}, ${o.value ?? null}::float8)`,
  );
  const alarm = (await loadAlarm(tx, o.tenantId, o.alarmId))!;
  if (!alarm.isShelved || o.action === 'shelve' || o.action === 'unshelve') {
    const event = ALARM_WEBHOOK_EVENTS[o.action];
    await enqueueDeliveries(tx, {
      tenantId: o.tenantId,
      severity: alarm.severity,
      alarmId: alarm.id,
      event,
      payload: { event, at: at.toISOString(), tenantId: o.tenantId, alarm },
    });
  }
  return alarm;
}

async function enqueueDeliveries(
  tx: Tx,
  o: {
    tenantId: string;
    severity: AlarmSeverity;
    alarmId: string;
    event: string;
    payload: TAlarmWebhookPayload;
  },
) {
  await tx.execute(
    sql`INSERT INTO webhook_deliveries (tenant_id, webhook_id, alarm_id, event, payload)
        SELECT tenant_id, id, ${o.alarmId}, ${o.event}, ${JSON.stringify(o.payload)}::jsonb FROM webhooks
        WHERE tenant_id = ${o.tenantId} AND is_enabled AND min_severity IN (${SEVERITY_AT_LEAST_SQL(o.severity)})`,
  );
}

/** An enabled rule with one metric it watches: the rule's own metric, or each profile device's metric of that key. */
export interface RuleTargetRow {
  tenant_id: string;
  rule_id: string;
  name: string;
  type: TAlarm['type'];
  threshold: number | null;
  deadband: number;
  duration_seconds: number;
  rate_per_minute: number | null;
  window_seconds: number | null;
  state_value: string | null;
  no_data_minutes: number | null;
  severity: AlarmSeverity;
  message: string | null;
  rule_updated_at: Ts;
  metric_id: number | string;
  device_id: string;
  value_type: string;
  states: string[] | null;
  metric_created_at: Ts;
}

const targetColumns = sql`r.tenant_id, r.id AS rule_id, r.name, r.type, r.threshold, r.deadband, r.duration_seconds,
  r.rate_per_minute, r.window_seconds, r.state_value, r.no_data_minutes, r.severity, r.message,
  r.updated_at AS rule_updated_at, m.id AS metric_id, m.device_id, m.value_type, m.states,
  m.created_at AS metric_created_at`;

/** Pairs of enabled rules and the metrics of enabled devices they watch; `where` filters the rules (alias r). */
export const ruleTargets = (where: SQL) => sql`
  SELECT ${targetColumns} FROM alarm_rules r
  JOIN metrics m ON m.tenant_id = r.tenant_id AND m.id = r.metric_id
  JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
  WHERE r.is_enabled AND d.is_enabled AND ${where}
  UNION ALL
  SELECT ${targetColumns} FROM alarm_rules r
  JOIN devices d ON d.tenant_id = r.tenant_id AND d.profile_id = r.profile_id
  JOIN metrics m ON m.tenant_id = d.tenant_id AND m.device_id = d.id AND m.key = r.metric_key
  WHERE r.is_enabled AND d.is_enabled AND ${where}`;

export const snapshotOf = (r: RuleTargetRow): RuleSnapshot => ({
  id: r.rule_id,
  name: r.name,
  type: r.type,
  severity: r.severity,
  message: r.message,
});

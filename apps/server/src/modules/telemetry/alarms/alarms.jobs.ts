import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TAlarm } from '@greenmes/contracts';
import type { Database, Tx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inSystem, inTenant } from '../../../platform/db/tenant-tx.ts';
import type { Job } from '../../../platform/jobs/jobs.ts';
import {
  clearAlarmById,
  clearOpenAlarm,
  raiseAlarm,
  recordAction,
  ruleTargets,
  snapshotOf,
  type RuleTargetRow,
} from './alarm-store.ts';
import { sendWebhook } from './webhook-sender.ts';
import { recordAttempt } from './webhooks.service.ts';

interface JobDeps {
  database: Database;
  log: FastifyBaseLogger;
  notify: (tenantId: string, alarm: TAlarm) => void;
}

/** Rows found across tenants in the system context, then written in one transaction per tenant. */
async function perTenant<R extends { tenant_id: string }>(
  { database, log, notify }: JobDeps,
  rows: R[],
  write: (tx: Tx, row: R) => Promise<TAlarm | null>,
) {
  const byTenant = new Map<string, R[]>();
  for (const r of rows) {
    const list = byTenant.get(r.tenant_id);
    if (list) list.push(r);
    else byTenant.set(r.tenant_id, [r]);
  }
  for (const [tenantId, list] of byTenant) {
    try {
      const changed = await inTenant(database.db, tenantId, async (tx) => {
        const out: TAlarm[] = [];
        for (const row of list) {
          const alarm = await write(tx, row);
          if (alarm) out.push(alarm);
        }
        return out;
      });
      for (const alarm of changed) notify(tenantId, alarm);
    } catch (err) {
      log.error({ err, tenantId }, 'alarm job failed for a tenant');
    }
  }
}

type NoDataRow = RuleTargetRow & { is_silent: boolean; last_value: number | null };

/**
 * No-data rules: raise when a metric has received nothing for N minutes (a metric that never
 * reported counts from its creation or the rule's last edit), clear when data arrives again.
 * Also ends open alarms that nothing evaluates any more (rule deleted or disabled, metric gone,
 * device disabled, rule retargeted).
 */
export async function runNoData(deps: JobDeps): Promise<void> {
  const transitions = await inSystem(deps.database.db, (tx) =>
    queryRows<NoDataRow>(
      tx,
      sql`SELECT * FROM (
            SELECT t.*, l.value AS last_value, a.id AS open_id,
              coalesce(l.received_at, greatest(t.metric_created_at, t.rule_updated_at))
                <= now() - t.no_data_minutes * interval '1 minute' AS is_silent
            FROM (${ruleTargets(sql`r.type = 'no_data'`)}) t
            LEFT JOIN metric_latest l ON l.tenant_id = t.tenant_id AND l.metric_id = t.metric_id
            LEFT JOIN alarms a ON a.tenant_id = t.tenant_id AND a.rule_id = t.rule_id AND a.metric_id = t.metric_id
              AND a.state <> 'cleared') x
          WHERE x.is_silent <> (x.open_id IS NOT NULL)`,
    ),
  );
  await perTenant(deps, transitions, (tx, r) =>
    r.is_silent
      ? raiseAlarm(tx, {
          tenantId: r.tenant_id,
          rule: snapshotOf(r),
          metricId: Number(r.metric_id),
          deviceId: r.device_id,
          at: new Date(),
          value: null,
          text: null,
        })
      : clearOpenAlarm(tx, {
          tenantId: r.tenant_id,
          ruleId: r.rule_id,
          metricId: Number(r.metric_id),
          at: new Date(),
          value: r.last_value,
          comment: 'data received again',
        }),
  );

  const orphans = await inSystem(deps.database.db, (tx) =>
    queryRows<{ tenant_id: string; id: string; reason: string }>(
      tx,
      sql`SELECT a.tenant_id, a.id,
            CASE WHEN a.rule_id IS NULL THEN 'rule deleted' WHEN NOT r.is_enabled THEN 'rule disabled'
              WHEN m.id IS NULL THEN 'metric deleted' WHEN NOT d.is_enabled THEN 'device disabled'
              ELSE 'the rule no longer watches this metric' END AS reason
          FROM alarms a
          LEFT JOIN alarm_rules r ON r.tenant_id = a.tenant_id AND r.id = a.rule_id
          LEFT JOIN metrics m ON m.tenant_id = a.tenant_id AND m.id = a.metric_id
          LEFT JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
          WHERE a.state <> 'cleared' AND a.source = 'metric' -- other sources end their own alarms
            AND (a.rule_id IS NULL OR NOT r.is_enabled OR m.id IS NULL OR NOT d.is_enabled
            OR r.metric_id <> a.metric_id
            OR (r.profile_id IS NOT NULL AND (d.profile_id IS DISTINCT FROM r.profile_id OR m.key <> r.metric_key)))
          LIMIT 1000`,
    ),
  );
  await perTenant(deps, orphans, (tx, r) =>
    clearAlarmById(tx, { tenantId: r.tenant_id, id: r.id, comment: r.reason }),
  );
}

/** Shelving ends: the alarm is back, and its webhooks hear so if it is still open. */
export async function runUnshelve(deps: JobDeps): Promise<void> {
  const due = await inSystem(deps.database.db, (tx) =>
    queryRows<{ tenant_id: string; id: string }>(
      tx,
      sql`SELECT tenant_id, id FROM alarms
          WHERE shelved_until IS NOT NULL AND shelved_until <= now() AND state <> 'cleared'
          ORDER BY shelved_until LIMIT 1000`,
    ),
  );
  await perTenant(deps, due, async (tx, r) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE alarms SET shelved_until = NULL, shelved_by = NULL, shelve_reason = NULL, updated_at = now()
          WHERE tenant_id = ${r.tenant_id} AND id = ${r.id} AND shelved_until <= now() AND state <> 'cleared'
          RETURNING id`,
    );
    return row
      ? recordAction(tx, {
          tenantId: r.tenant_id,
          alarmId: r.id,
          action: 'unshelve',
          comment: 'shelving expired',
        })
      : null;
  });
}

const BATCH = 50;
const CONCURRENCY = 8;

/**
 * Sends due webhook deliveries. Each batch is first leased (next attempt pushed a minute ahead) in
 * a short transaction, so no transaction stays open across HTTP calls and a crash mid-send only
 * delays the retry.
 */
export async function runWebhooks({ database }: Pick<JobDeps, 'database'>): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const due = await inSystem(database.db, (tx) =>
      queryRows<{
        tenant_id: string;
        id: number | string;
        event: string;
        payload: unknown;
        url: string;
        secret: string;
        is_enabled: boolean;
      }>(
        tx,
        sql`UPDATE webhook_deliveries w SET next_attempt_at = now() + interval '1 minute'
            FROM (SELECT tenant_id, id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) due, webhooks h
            WHERE w.tenant_id = due.tenant_id AND w.id = due.id AND h.tenant_id = w.tenant_id AND h.id = w.webhook_id
            RETURNING w.tenant_id, w.id, w.event, w.payload, h.url, h.secret, h.is_enabled`,
      ),
    );
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const d = due[next++]!;
        const id = Number(d.id);
        const result = d.is_enabled
          ? await sendWebhook({
              url: d.url,
              secret: d.secret,
              event: d.event,
              deliveryId: id,
              payload: d.payload,
            })
          : { isDelivered: false, status: null, error: 'webhook disabled' };
        await inTenant(database.db, d.tenant_id, (tx) =>
          recordAttempt(tx, { tenantId: d.tenant_id, id, result, maxAttempts: d.is_enabled ? undefined : 1 }),
        );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (due.length < BATCH) return;
  }
}

export const alarmJobs = (deps: JobDeps): Job[] => [
  { name: 'alarms.no-data', everyMs: 30_000, run: () => runNoData(deps) },
  { name: 'alarms.webhooks', everyMs: 5_000, run: () => runWebhooks(deps) },
  { name: 'alarms.unshelve', everyMs: 30_000, run: () => runUnshelve(deps) },
];

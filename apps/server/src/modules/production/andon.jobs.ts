import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { ANDON_ESCALATED_EVENT, type AndonKind, type TAndonWebhookPayload } from '@greenmes/contracts';
import { insertAudit } from '../../platform/audit/audit.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inSystem, inTenant } from '../../platform/db/tenant-tx.ts';
import type { Job } from '../../platform/jobs/jobs.ts';
import { enqueueWebhookDelivery } from '../telemetry/alarms/webhooks.service.ts';
import type { LiveProductionEvent } from '../telemetry/live/live-digest.ts';
import { ANDON_AUDIT, loadException, recordAndonEvent } from './andon.service.ts';

export const ANDON_ESCALATION_JOB = 'production.andon-escalation';
const ACTOR = 'system:andon-escalation';

interface Deps {
  database: Database;
  log: FastifyBaseLogger;
  /** the live stream's production events, told after each tenant's escalations commit */
  announce?: (tenantId: string, events: LiveProductionEvent[]) => void;
}

interface DueRow {
  tenant_id: string;
  id: string;
  kind: AndonKind;
  work_order_id: string | null;
  operation_id: string | null;
  work_center_id: string;
}

interface LevelRow {
  level: number;
  after_minutes: number;
  notify_role_id: string | null;
  role_name: string | null;
  webhook_id: string | null;
  webhook_name: string | null;
}

/**
 * Escalates one exception to every enabled level of its kind whose minutes have passed at `now` and
 * that it has not reached yet, each once: the row is locked and its level only grows, so a second
 * run (or instance) finds nothing to do. Each level reached is a history entry, an audit entry and,
 * if the rule names a webhook, an `andon.escalated` delivery that names the role's users.
 */
async function escalate(tx: Tx, row: DueRow, now: Date): Promise<number> {
  const [current] = await queryRows<{ escalation_level: number; raised_at: Date | string }>(
    tx,
    sql`SELECT escalation_level, raised_at FROM andon_exceptions
        WHERE tenant_id = ${row.tenant_id} AND id = ${row.id} AND status <> 'resolved' FOR UPDATE`,
  );
  if (!current) return 0;
  const levels = await queryRows<LevelRow>(
    tx,
    sql`SELECT r.level, r.after_minutes, r.notify_role_id, ro.name AS role_name, r.webhook_id, h.name AS webhook_name
        FROM andon_escalation_rules r
        LEFT JOIN roles ro ON ro.tenant_id = r.tenant_id AND ro.id = r.notify_role_id
        LEFT JOIN webhooks h ON h.tenant_id = r.tenant_id AND h.id = r.webhook_id
        WHERE r.tenant_id = ${row.tenant_id} AND r.kind = ${row.kind} AND r.is_enabled
          AND r.level > ${current.escalation_level}
          AND ${new Date(current.raised_at).toISOString()}::timestamptz + r.after_minutes * interval '1 minute'
            <= ${now.toISOString()}::timestamptz
        ORDER BY r.level`,
  );
  if (!levels.length) return 0;
  const before = await loadException(tx, row.tenant_id, row.id);
  const top = levels[levels.length - 1]!.level;
  await tx.execute(
    sql`UPDATE andon_exceptions SET escalation_level = ${top}, escalated_at = ${now.toISOString()}::timestamptz,
          updated_at = now()
        WHERE tenant_id = ${row.tenant_id} AND id = ${row.id}`,
  );
  const after = (await loadException(tx, row.tenant_id, row.id))!;
  for (const l of levels) {
    const users = l.notify_role_id
      ? await queryRows<{ username: string; display_name: string }>(
          tx,
          sql`SELECT u.username, u.display_name FROM user_roles ur
              JOIN users u ON u.tenant_id = ur.tenant_id AND u.id = ur.user_id
              WHERE ur.tenant_id = ${row.tenant_id} AND ur.role_id = ${l.notify_role_id} AND u.is_active
              ORDER BY u.username LIMIT 200`,
        )
      : [];
    let webhook: string | null = null;
    if (l.webhook_id) {
      const payload: TAndonWebhookPayload = {
        event: ANDON_ESCALATED_EVENT,
        at: now.toISOString(),
        tenantId: row.tenant_id,
        level: l.level,
        notify: {
          role: l.notify_role_id
            ? {
                id: l.notify_role_id,
                name: l.role_name ?? '',
                users: users.map((u) => ({ username: u.username, displayName: u.display_name })),
              }
            : null,
        },
        exception: { ...after, escalationLevel: l.level },
      };
      const queued = await enqueueWebhookDelivery(tx, {
        tenantId: row.tenant_id,
        webhookId: l.webhook_id,
        event: ANDON_ESCALATED_EVENT,
        payload,
      });
      if (queued) webhook = l.webhook_name;
    }
    await recordAndonEvent(tx, {
      tenantId: row.tenant_id,
      exceptionId: row.id,
      action: 'escalate',
      at: now,
      level: l.level,
      notifiedRole: l.role_name,
      notifiedWebhook: webhook,
      comment: `${l.after_minutes} min`,
    });
  }
  await insertAudit(tx, {
    tenantId: row.tenant_id,
    actorId: null,
    actorName: ACTOR,
    requestId: `job:${ANDON_ESCALATION_JOB}`,
    ip: null,
    action: 'escalate',
    entityType: ANDON_AUDIT,
    entityId: row.id,
    before,
    after: {
      ...after,
      levels: levels.map((l) => ({ level: l.level, role: l.role_name, webhook: l.webhook_name })),
    },
  });
  return levels.length;
}

/**
 * Finds the unresolved exceptions (open or acknowledged: acknowledging answers the call, but a problem
 * that stays unsolved still climbs) with a level due at `now` across tenants, then escalates them in one
 * transaction per tenant. Answers the number of levels reached.
 */
export async function runAndonEscalation(deps: Deps & { now?: Date }) {
  const { database, log, now = new Date() } = deps;
  const due = await inSystem(database.db, (tx) =>
    queryRows<DueRow>(
      tx,
      sql`SELECT DISTINCT x.tenant_id, x.id, x.kind, x.raised_at, x.work_order_id, x.operation_id, x.work_center_id
          FROM andon_exceptions x
          JOIN andon_escalation_rules r ON r.tenant_id = x.tenant_id AND r.kind = x.kind AND r.is_enabled
          WHERE x.status <> 'resolved' AND r.level > x.escalation_level
            AND x.raised_at + r.after_minutes * interval '1 minute' <= ${now.toISOString()}::timestamptz
          ORDER BY x.raised_at LIMIT 1000`,
    ),
  );
  const byTenant = new Map<string, DueRow[]>();
  for (const r of due) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  let reached = 0;
  for (const [tenantId, rows] of byTenant) {
    try {
      const escalated = await inTenant(database.db, tenantId, async (tx) => {
        const out: Array<{ row: DueRow; levels: number }> = [];
        for (const row of rows) out.push({ row, levels: await escalate(tx, row, now) });
        return out.filter((e) => e.levels > 0);
      });
      reached += escalated.reduce((sum, e) => sum + e.levels, 0);
      deps.announce?.(
        tenantId,
        escalated.map(({ row }) => ({
          kind: 'andon',
          workOrderId: row.work_order_id,
          operationId: row.operation_id,
          workCenterId: row.work_center_id,
          at: now.getTime(),
        })),
      );
    } catch (err) {
      log.error({ err, tenantId }, 'andon escalation failed for a tenant');
    }
  }
  return reached;
}

export const andonJobs = (deps: Deps): Job[] => [
  {
    name: ANDON_ESCALATION_JOB,
    everyMs: 30_000,
    run: async () => {
      await runAndonEscalation(deps);
    },
  },
];

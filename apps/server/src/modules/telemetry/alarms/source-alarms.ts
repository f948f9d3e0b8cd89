import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AlarmSeverity, AlarmSource, TAlarm } from '@greenmes/contracts';
import type { Tx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { clearAlarmById, recordAction } from './alarm-store.ts';

/**
 * Alarms that another module decides on itself — an EnPI's month beyond its margin — written through
 * the same history, webhook outbox and (via the module's `announce`) live feed as metric alarms.
 * An occurrence is (source, sourceId, sourceKey); at most one is open at a time (a partial unique
 * index), so a source that re-evaluates and raises again changes nothing.
 */
export type OtherSource = Exclude<AlarmSource, 'metric'>;

export interface SourceOccurrence {
  tenantId: string;
  source: OtherSource;
  sourceId: string;
  sourceKey: string;
}

/** Opens the occurrence's alarm unless it is open already; null when it was. */
export async function raiseSourceAlarm(
  tx: Tx,
  o: SourceOccurrence & {
    /** shown where a metric alarm shows its rule's name */
    name: string;
    type: TAlarm['type'];
    severity: AlarmSeverity;
    message: string;
    at: Date;
    value: number | null;
  },
): Promise<TAlarm | null> {
  const id = randomUUID();
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO alarms (tenant_id, id, rule_name, type, source, source_id, source_key, severity, message,
          raised_at, raise_value, last_value)
        VALUES (${o.tenantId}, ${id}, ${o.name}, ${o.type}, ${o.source}, ${o.sourceId}, ${o.sourceKey}, ${o.severity},
          ${o.message}, ${o.at.toISOString()}::timestamptz, ${o.value}::float8, ${o.value}::float8)
        ON CONFLICT (tenant_id, source, source_id, source_key) WHERE state <> 'cleared' AND source <> 'metric'
        DO NOTHING
        RETURNING id`,
  );
  if (!inserted.length) return null;
  return recordAction(tx, { tenantId: o.tenantId, alarmId: id, action: 'raise', at: o.at, value: o.value });
}

/** Newer figures for an alarm that is still open (corrected readings, still beyond): no event, no webhook. */
export async function refreshSourceAlarm(
  tx: Tx,
  o: SourceOccurrence & { message: string; value: number | null },
): Promise<void> {
  await tx.execute(
    sql`UPDATE alarms SET message = ${o.message}, last_value = ${o.value}::float8, updated_at = now()
        WHERE tenant_id = ${o.tenantId} AND source = ${o.source} AND source_id = ${o.sourceId}
          AND source_key = ${o.sourceKey} AND state <> 'cleared'
          AND (message IS DISTINCT FROM ${o.message} OR last_value IS DISTINCT FROM ${o.value}::float8)`,
  );
}

/** Clears the occurrence's open alarm, if any. */
export async function clearSourceAlarm(
  tx: Tx,
  o: SourceOccurrence & { value: number | null; comment: string },
): Promise<TAlarm | null> {
  const [row] = await queryRows<{ id: string; cleared_at: Date | string }>(
    tx,
    sql`UPDATE alarms SET state = 'cleared', cleared_at = greatest(now(), raised_at), clear_value = ${o.value}::float8,
          last_value = coalesce(${o.value}::float8, last_value), updated_at = now()
        WHERE tenant_id = ${o.tenantId} AND source = ${o.source} AND source_id = ${o.sourceId}
          AND source_key = ${o.sourceKey} AND state <> 'cleared'
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

/** Ends an open alarm whose occurrence nothing evaluates any more (source deleted, alarms turned off). */
export const endSourceAlarm = (tx: Tx, o: { tenantId: string; id: string; comment: string }) =>
  clearAlarmById(tx, o);

export interface OpenSourceAlarm {
  id: string;
  sourceId: string;
  sourceKey: string;
  state: TAlarm['state'];
}

export async function openSourceAlarms(
  tx: Tx,
  o: { tenantId: string; source: OtherSource },
): Promise<OpenSourceAlarm[]> {
  return queryRows<OpenSourceAlarm>(
    tx,
    sql`SELECT id, source_id AS "sourceId", source_key AS "sourceKey", state FROM alarms
        WHERE tenant_id = ${o.tenantId} AND source = ${o.source} AND state <> 'cleared'`,
  );
}

/** Across tenants (the jobs' system context): tenants with open alarms of the source. */
export async function tenantsWithOpenSourceAlarms(tx: Tx, source: OtherSource): Promise<string[]> {
  const rows = await queryRows<{ tenant_id: string }>(
    tx,
    sql`SELECT DISTINCT tenant_id FROM alarms WHERE source = ${source} AND state <> 'cleared'`,
  );
  return rows.map((r) => r.tenant_id);
}

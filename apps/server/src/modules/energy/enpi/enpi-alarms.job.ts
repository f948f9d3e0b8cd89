import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TAlarm, TEnpi, TEnpiEvaluation } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import type { Database, Tx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inSystem, inTenant } from '../../../platform/db/tenant-tx.ts';
import type { Job } from '../../../platform/jobs/jobs.ts';
import { readSettings } from '../../platform/settings.service.ts';
import {
  clearSourceAlarm,
  endSourceAlarm,
  openSourceAlarms,
  raiseSourceAlarm,
  refreshSourceAlarm,
  tenantsWithOpenSourceAlarms,
} from '../../telemetry/alarms/source-alarms.ts';
import { evaluateEnpi, listEnpis } from './enpi.service.ts';

/**
 * Complete months re-evaluated on every run: readings and economic figures of the last months are
 * still being corrected. An open alarm of an older month stays until someone acknowledges it, then
 * the next run clears it — its month is closed and nobody missed it.
 */
export const ENPI_ALARM_MONTHS = 3;
const SOURCE = 'enpi' as const;

interface Deps {
  database: Database;
  log: FastifyBaseLogger;
  /** after commit: the alarms module's listeners (the live feed) */
  announce: (tenantId: string, alarm: TAlarm) => void;
}

/** The job reads through the energy services as a system actor of the tenant: all sites, writes no audit. */
const jobCtx = (tx: Tx, tenantId: string): Ctx => ({
  tx,
  actor: {
    kind: 'user',
    tenantId,
    tenantCode: '',
    tenantName: '',
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'system:enpi-alarms',
    displayName: 'EnPI alarms',
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    permissions: new Set(),
    dataScopeNodeIds: null,
    via: { sessionId: 'job' },
  },
  requestId: 'job:energy.enpi-alarms',
  ip: null,
});

/** YYYY-MM of `now` in the time zone, moved by `delta` months. */
export function monthIn(timeZone: string, now: Date, delta: number): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  const index = y! * 12 + (m! - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1, useGrouping: false });

/** Names the EnPI, the month, expected, actual and the deviation. */
export function enpiAlarmMessage(e: TEnpi, unit: string, m: TEnpiEvaluation['months'][number]): string {
  return (
    `${e.code} ${e.name}, ${m.month}: actual ${num(m.actual!)} ${unit}, expected ${num(m.expected!)} ${unit}, ` +
    `+${m.deviationPct!.toFixed(1)} % (margin ${num(e.marginPct)} %)`
  );
}

/** Raises, refreshes and clears one tenant's EnPI alarms; answers the alarms that changed. */
async function reconcileTenant(tx: Tx, tenantId: string, now: Date, log: FastifyBaseLogger) {
  const ctx = jobCtx(tx, tenantId);
  const { timezone } = await readSettings(tx, tenantId);
  const from = monthIn(timezone, now, -ENPI_ALARM_MONTHS);
  const to = monthIn(timezone, now, -1);
  const occurrence = (sourceId: string, sourceKey: string) => ({
    tenantId,
    source: SOURCE,
    sourceId,
    sourceKey,
  });
  const open = new Map(
    (await openSourceAlarms(tx, { tenantId, source: SOURCE })).map((a) => [
      `${a.sourceId}|${a.sourceKey}`,
      a,
    ]),
  );
  const enpis = await listEnpis(ctx);
  const changed: TAlarm[] = [];
  const keep = (alarm: TAlarm | null) => void (alarm && changed.push(alarm));

  for (const e of enpis.filter((x) => x.isAlarmEnabled)) {
    let evaluation: TEnpiEvaluation;
    try {
      evaluation = await evaluateEnpi(ctx, e.id, { from, to });
    } catch (err) {
      log.error({ err, tenantId, enpiId: e.id }, 'EnPI not evaluated for alarms');
      continue;
    }
    for (const m of evaluation.months) {
      const key = `${e.id}|${m.month}`;
      const isOpen = open.has(key);
      open.delete(key);
      if (m.isAlarm) {
        const message = enpiAlarmMessage(e, evaluation.unit, m);
        if (isOpen) await refreshSourceAlarm(tx, { ...occurrence(e.id, m.month), message, value: m.actual });
        else
          keep(
            await raiseSourceAlarm(tx, {
              ...occurrence(e.id, m.month),
              name: `${e.code} ${e.name}`,
              type: 'enpi_deviation',
              severity: 'warning',
              message,
              at: now,
              value: m.actual,
            }),
          );
      } else if (isOpen && m.deviationPct !== null) {
        // a verdict within the margin (corrected readings or figures); no data or no model is no verdict
        keep(
          await clearSourceAlarm(tx, {
            ...occurrence(e.id, m.month),
            value: m.actual,
            comment: `back within the margin: ${m.deviationPct >= 0 ? '+' : ''}${m.deviationPct.toFixed(1)} % (margin ${num(e.marginPct)} %)`,
          }),
        );
      }
    }
  }

  // what is left open was not evaluated now
  const byId = new Map(enpis.map((e) => [e.id, e]));
  for (const a of open.values()) {
    const e = byId.get(a.sourceId);
    const comment = !e
      ? 'EnPI deleted'
      : !e.isAlarmEnabled
        ? 'alarms turned off for the EnPI'
        : a.sourceKey < from && a.state === 'acknowledged'
          ? `month closed: acknowledged and no longer re-evaluated (the last ${ENPI_ALARM_MONTHS} months are)`
          : null;
    if (comment) keep(await endSourceAlarm(tx, { tenantId, id: a.id, comment }));
  }
  return changed;
}

/**
 * EnPI alarms: each EnPI with alarms on, over the last complete months in the enterprise's time zone —
 * one alarm per EnPI-month beyond its margin (never a second while it is open), cleared when a
 * re-evaluation brings the month back within the margin. One transaction per tenant.
 */
export async function runEnpiAlarms({ database, log, announce }: Deps, now = new Date()): Promise<void> {
  const tenants = await inSystem(database.db, async (tx) => {
    const rows = await queryRows<{ tenant_id: string }>(
      tx,
      sql`SELECT DISTINCT e.tenant_id FROM energy_enpis e JOIN tenants t ON t.id = e.tenant_id
          WHERE t.status = 'active'`,
    );
    return [
      ...new Set([...rows.map((r) => r.tenant_id), ...(await tenantsWithOpenSourceAlarms(tx, SOURCE))]),
    ];
  });
  for (const tenantId of tenants) {
    try {
      const changed = await inTenant(database.db, tenantId, (tx) => reconcileTenant(tx, tenantId, now, log));
      for (const alarm of changed) announce(tenantId, alarm);
    } catch (err) {
      log.error({ err, tenantId }, 'EnPI alarms failed for a tenant');
    }
  }
}

export const enpiAlarmJobs = (deps: Deps): Job[] => [
  // monthly figures: hourly is soon enough after a correction
  { name: 'energy.enpi-alarms', everyMs: 3_600_000, run: () => runEnpiAlarms(deps) },
];

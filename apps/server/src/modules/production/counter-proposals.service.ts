import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  TConfirmCounterProposal,
  TCounterConfigRow,
  TCounterConfirmation,
  TCounterProposal,
  TSaveCounterConfig,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { bucketSeries } from '../telemetry/series.service.ts';
import { trim } from './boms.service.ts';
import { createJobReport } from './job-reports.service.ts';
import { overlapMs, type Interval } from './operation-timeline.ts';
import { workOrderRuns } from './operation-runs.service.ts';
import { add, mul, parseDecimal, toDecimal, ZERO } from './rational.ts';

const MINUTE = 60_000;
const AUDIT_CONFIG = 'counter_config';
const AUDIT_PROPOSAL = 'counter_proposal';
const METHOD =
  "the counter's increase per minute from the device-data rollups (a reset counts from zero, a rollover wraps at " +
  'the modulus), summed over the minutes the operation ran since the last confirmed window, × parts per count';

const floorMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
/** A measured count (double precision) as a decimal string, to 6 places. */
const decimalOf = (x: number) => trim(x.toFixed(6));

// ---- configuration ----

interface ConfigRow {
  equipment_id: string;
  equipment_code: string;
  equipment_name: string;
  node_id: string;
  node_code: string;
  node_name: string;
  metric_id: string | null;
  metric_key: string | null;
  metric_name: string | null;
  device_code: string | null;
  cfg_metric_id: string | null;
  parts_per_count: string | null;
  mode: 'off' | 'propose' | null;
  updated_at: string | Date | null;
}

/** Equipment with counter metrics (devices bound to it), each with its configuration if any. */
export async function listCounterConfigs(ctx: Ctx): Promise<TCounterConfigRow[]> {
  const rows = await queryRows<ConfigRow>(
    ctx.tx,
    sql`SELECT e.id AS equipment_id, e.code AS equipment_code, e.name AS equipment_name, n.id AS node_id,
          n.code AS node_code, n.name AS node_name, m.id AS metric_id, m.key AS metric_key, m.name AS metric_name,
          d.code AS device_code, c.metric_id AS cfg_metric_id, c.parts_per_count::text AS parts_per_count, c.mode,
          c.updated_at
        FROM equipment e
        JOIN plant_nodes n ON n.tenant_id = e.tenant_id AND n.id = e.node_id
        LEFT JOIN devices d ON d.tenant_id = e.tenant_id AND d.equipment_id = e.id
        LEFT JOIN metrics m ON m.tenant_id = d.tenant_id AND m.device_id = d.id AND m.kind = 'counter'
        LEFT JOIN equipment_counter_configs c ON c.tenant_id = e.tenant_id AND c.equipment_id = e.id
        WHERE m.id IS NOT NULL OR c.equipment_id IS NOT NULL
        ORDER BY n.code, e.code, d.code, m.sort_order, m.key`,
  );
  const out = new Map<string, TCounterConfigRow>();
  for (const r of rows) {
    let item = out.get(r.equipment_id);
    if (!item) {
      item = {
        equipmentId: r.equipment_id,
        equipmentCode: r.equipment_code,
        equipmentName: r.equipment_name,
        nodeId: r.node_id,
        nodeCode: r.node_code,
        nodeName: r.node_name,
        metrics: [],
        config:
          r.cfg_metric_id === null
            ? null
            : {
                metricId: Number(r.cfg_metric_id),
                partsPerCount: trim(r.parts_per_count!),
                mode: r.mode!,
                updatedAt: toIso(r.updated_at!),
              },
      };
      out.set(r.equipment_id, item);
    }
    if (r.metric_id !== null)
      item.metrics.push({
        metricId: Number(r.metric_id),
        key: r.metric_key!,
        name: r.metric_name!,
        deviceCode: r.device_code!,
      });
  }
  return [...out.values()];
}

async function configOf(ctx: Ctx, equipmentId: string) {
  return (await listCounterConfigs(ctx)).find((c) => c.equipmentId === equipmentId);
}

/** Binds a counter metric of a device on the equipment (else 400 on metricId); 404 for unknown equipment. */
export async function saveCounterConfig(
  ctx: Ctx,
  o: { equipmentId: string; input: TSaveCounterConfig },
): Promise<TCounterConfigRow> {
  const [equipment] = await queryRows(ctx.tx, sql`SELECT 1 FROM equipment WHERE id = ${o.equipmentId}`);
  if (!equipment) throw notFound('equipment');
  const metricId = Number(o.input.metricId);
  const [metric] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM metrics m JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
        WHERE m.id = ${metricId} AND m.kind = 'counter' AND d.equipment_id = ${o.equipmentId}`,
  );
  if (!metric)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.metricId', message: 'not a counter metric of a device bound to this equipment' },
    ]);
  const before = (await configOf(ctx, o.equipmentId))?.config ?? null;
  await queryRows(
    ctx.tx,
    sql`INSERT INTO equipment_counter_configs (tenant_id, equipment_id, metric_id, parts_per_count, mode, updated_by)
        VALUES (${ctx.actor.tenantId}, ${o.equipmentId}, ${metricId}, ${o.input.partsPerCount}::numeric,
          ${o.input.mode}, ${ctx.actor.userId})
        ON CONFLICT (tenant_id, equipment_id) DO UPDATE SET metric_id = excluded.metric_id,
          parts_per_count = excluded.parts_per_count, mode = excluded.mode, updated_at = now(),
          updated_by = excluded.updated_by`,
  );
  const after = (await configOf(ctx, o.equipmentId))!;
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entityType: AUDIT_CONFIG,
    entityId: o.equipmentId,
    before,
    after: after.config,
  });
  return after;
}

export async function deleteCounterConfig(ctx: Ctx, equipmentId: string): Promise<void> {
  const [row] = await queryRows<{ metric_id: string }>(
    ctx.tx,
    sql`DELETE FROM equipment_counter_configs WHERE equipment_id = ${equipmentId} RETURNING metric_id::text`,
  );
  if (!row) throw notFound('counter configuration');
  await recordAudit(ctx, {
    action: 'delete',
    entityType: AUDIT_CONFIG,
    entityId: equipmentId,
    before: { metricId: Number(row.metric_id) },
    after: null,
  });
}

// ---- proposals ----

/** Minute starts in [from, to) that overlap a running span. */
function runningMinutes(spans: readonly Interval[], from: number, to: number): Set<number> {
  const minutes = new Set<number>();
  for (const s of spans)
    for (let t = Math.max(from, floorMinute(s.from)); t < Math.min(to, s.to); t += MINUTE)
      if (overlapMs({ from: t, to: t + MINUTE }, s) > 0) minutes.add(t);
  return minutes;
}

/**
 * What the part counters of the operation's work center say it made since its last confirmed window, up to
 * `until` (default now) floored to the minute — a minute still filling is proposed once it is over, so no
 * count is confirmed before it arrives. The counter's increase is the rollups' (no second calculation);
 * only minutes the operation ran in (its timeline from job reports) count. 404 for unknown ids.
 */
export async function counterProposal(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string; until?: number },
): Promise<TCounterProposal> {
  const now = Date.now();
  const { order, runs } = await workOrderRuns(ctx, { workOrderId: o.workOrderId, now });
  const op = order.operations.find((x) => x.id === o.operationId);
  if (!op) throw notFound('operation');
  const to = floorMinute(Math.min(now, o.until ?? now));
  const configs = await queryRows<{
    equipment_id: string;
    equipment_code: string;
    metric_id: string;
    metric_key: string;
    device_code: string;
    parts_per_count: string;
    last_to: string | Date | null;
  }>(
    ctx.tx,
    sql`SELECT c.equipment_id, e.code AS equipment_code, c.metric_id, m.key AS metric_key, d.code AS device_code,
          c.parts_per_count::text AS parts_per_count,
          (SELECT max(x.window_to) FROM counter_confirmations x WHERE x.tenant_id = c.tenant_id
            AND x.operation_id = ${op.id} AND x.metric_id = c.metric_id) AS last_to
        FROM equipment_counter_configs c
        JOIN equipment e ON e.tenant_id = c.tenant_id AND e.id = c.equipment_id
        JOIN metrics m ON m.tenant_id = c.tenant_id AND m.id = c.metric_id
        JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
        WHERE c.mode = 'propose' AND e.node_id = ${op.workCenterId}
        ORDER BY e.code`,
  );
  const spans = runs.get(op.id) ?? [];
  const sources: TCounterProposal['sources'] = [];
  for (const c of configs) {
    const from = c.last_to === null ? floorMinute(spans[0]?.from ?? to) : new Date(c.last_to).getTime();
    const minutes = runningMinutes(spans, from, to);
    let counts = 0;
    if (minutes.size > 0) {
      const series = await bucketSeries(ctx, [Number(c.metric_id)], from, to, '1m');
      for (const b of series.get(Number(c.metric_id)) ?? [])
        if (minutes.has(b.t) && b.delta !== null) counts += b.delta;
    }
    const countsText = decimalOf(counts);
    sources.push({
      equipmentId: c.equipment_id,
      equipmentCode: c.equipment_code,
      metricId: Number(c.metric_id),
      metricKey: c.metric_key,
      deviceCode: c.device_code,
      partsPerCount: trim(c.parts_per_count),
      from: new Date(Math.min(from, to)).toISOString(),
      to: new Date(to).toISOString(),
      counts: countsText,
      minutes: minutes.size,
      quantity: toDecimal(mul(parseDecimal(countsText), parseDecimal(c.parts_per_count))),
    });
  }
  return {
    operationId: op.id,
    workOrderId: order.id,
    isConfigured: configs.length > 0,
    quantity: toDecimal(sources.reduce((acc, s) => add(acc, parseDecimal(s.quantity)), ZERO)),
    to: new Date(to).toISOString(),
    sources,
    method: METHOD,
  };
}

/**
 * Confirms the proposal the operator saw (its `to`) — or the number they edited — as a quantity job report
 * through `createJobReport`, and records each source's window so those counts are never proposed again. A
 * `clientId` seen before answers that first report and records nothing.
 */
export async function confirmCounterProposal(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string; input: TConfirmCounterProposal },
): Promise<TCounterConfirmation> {
  const until = Date.parse(o.input.to);
  if (until > Date.now())
    throw new AppError('VALIDATION', {}, [{ path: 'body.to', message: 'must not be in the future' }]);
  const proposal = await counterProposal(ctx, { ...o, until });
  if (!proposal.isConfigured)
    throw new AppError('CONFLICT', {
      reason: 'no equipment of the work center proposes from a part counter',
    });
  const goodQty = o.input.goodQty ?? proposal.quantity;
  const jobReport = await createJobReport(ctx, {
    workOrderId: o.workOrderId,
    operationId: o.operationId,
    input: {
      kind: 'quantity',
      workerId: o.input.workerId,
      goodQty,
      ...(o.input.clientId ? { clientId: o.input.clientId } : {}),
    },
  });
  if (!jobReport.isNew) return { proposal, jobReport };
  for (const s of proposal.sources)
    if (Date.parse(s.from) < Date.parse(s.to))
      await queryRows(
        ctx.tx,
        sql`INSERT INTO counter_confirmations (tenant_id, id, operation_id, metric_id, window_from, window_to, counts,
              proposed_qty, job_report_id)
            VALUES (${ctx.actor.tenantId}, ${randomUUID()}, ${o.operationId}, ${s.metricId}, ${s.from}::timestamptz,
              ${s.to}::timestamptz, ${Number(s.counts)}, ${s.quantity}::numeric, ${jobReport.report.id})`,
      );
  await recordAudit(ctx, {
    action: 'confirm',
    entityType: AUDIT_PROPOSAL,
    entityId: jobReport.report.id,
    before: proposal,
    after: { goodQty, isEdited: o.input.goodQty !== undefined && o.input.goodQty !== proposal.quantity },
  });
  return { proposal, jobReport };
}

import { sql } from 'drizzle-orm';
import { OEE_MAX_SPAN_DAYS, type TOeeQuery, type TOeeReport } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';
import { shiftInstancesOf } from '../calendars/calendars.service.ts';
import { localDate, zonedInstant } from '../calendars/shift-instances.ts';
import { isAllowed } from '../modeling/data-scope.ts';
import { readSettings } from '../platform/settings.service.ts';
import { epochMsSql, rawRowsSql } from '../telemetry/storage/rollup-sql.ts';
import { trim } from './boms.service.ts';
import {
  oeeFactors,
  overlapMs,
  plannedWindows,
  plantOee,
  runningIntervals,
  unionIntervals,
  type Interval,
} from './oee.ts';
import { assertPlantFilter, productionScope } from './production-scope.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Center {
  id: string;
  code: string;
  name: string;
  site_id: string;
  site_code: string;
}

/** The period asked for, with its defaults: today (of `to`'s day) in the tenant's time zone, up to now. */
function periodOf(q: TOeeQuery, timezone: string, now: number): { from: number; to: number } {
  const to = q.to ? Date.parse(q.to) : now;
  const from = q.from ? Date.parse(q.from) : zonedInstant(timezone, localDate(timezone, to - 1), 0);
  if (to <= from)
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must be after from' }]);
  if (to - from > OEE_MAX_SPAN_DAYS * DAY)
    throw new AppError('VALIDATION', {}, [
      { path: 'querystring.to', message: `at most ${OEE_MAX_SPAN_DAYS} days after from` },
    ]);
  return { from, to };
}

/**
 * The work centers of the filter (one, those of a site, or all) in the user's data scope, each with its
 * site. An unknown id is a 404, and so is one the scope hides, as on the WIP board.
 */
async function centersOf(ctx: Ctx, q: TOeeQuery): Promise<Center[]> {
  const scope = await productionScope(ctx);
  await assertPlantFilter(ctx, scope, q);
  const centers = await queryRows<Center>(
    ctx.tx,
    sql`WITH RECURSIVE tree AS (
          SELECT id, kind, code, name, sort_order, id AS site_id, code AS site_code FROM plant_nodes
            WHERE parent_id IS NULL ${q.siteId ? sql`AND id = ${q.siteId}` : sql``}
          UNION ALL
          SELECT n.id, n.kind, n.code, n.name, n.sort_order, t.site_id, t.site_code
            FROM plant_nodes n JOIN tree t ON n.parent_id = t.id)
        SELECT id, code, name, site_id, site_code FROM tree WHERE kind = 'work_center'
          ${q.workCenterId ? sql`AND id = ${q.workCenterId}` : sql``}
        ORDER BY site_code, sort_order, code`,
  );
  return centers.filter((c) => isAllowed(scope, c.id));
}

/**
 * Per piece of equipment, when it ran inside [from, until): the union over its state metrics that know a
 * 'running' state (a machine runs while any of its controllers says so). Equipment without such a
 * metric, or without a sample up to `until`, is absent: its running time is unknown, not zero.
 */
async function runningByEquipment(
  ctx: Ctx,
  o: { equipmentIds: string[]; from: number; until: number },
): Promise<Map<string, Interval[]>> {
  const out = new Map<string, Interval[]>();
  if (o.equipmentIds.length === 0 || o.until <= o.from) return out;
  const metrics = await queryRows<{ id: string; equipment_id: string; running: number }>(
    ctx.tx,
    sql`SELECT m.id, d.equipment_id, array_position(m.states, 'running') - 1 AS running
        FROM metrics m JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
        WHERE d.equipment_id = ANY(${sql.param(o.equipmentIds)}::uuid[]) AND m.kind = 'state'
          AND 'running' = ANY(m.states)`,
  );
  if (metrics.length === 0) return out;
  const ids = metrics.map((m) => Number(m.id));
  const from = new Date(o.from).toISOString();
  const until = new Date(o.until).toISOString();
  // the state each metric was in when the period began: its last sample before, raw or packed
  const priors = await queryRows<{ metric_id: string; value: number | null }>(
    ctx.tx,
    sql`SELECT m.id AS metric_id, (SELECT x.v FROM (
          (SELECT s.ts, s.value AS v FROM samples s WHERE s.tenant_id = m.tenant_id AND s.metric_id = m.id
            AND s.ts < ${from}::timestamptz ORDER BY s.ts DESC LIMIT 1)
          UNION ALL
          (SELECT p.hour + u.o * interval '1 millisecond', u.v
            FROM (SELECT p.hour, p.offsets_ms, p."values" FROM samples_packed p
              WHERE p.tenant_id = m.tenant_id AND p.metric_id = m.id AND p.hour < ${from}::timestamptz
              ORDER BY p.hour DESC LIMIT 2) p, unnest(p.offsets_ms, p."values") AS u(o, v)
            WHERE p.hour + u.o * interval '1 millisecond' < ${from}::timestamptz)) x
          ORDER BY x.ts DESC LIMIT 1) AS value
        FROM metrics m WHERE m.id = ANY(${sql.param(ids)}::bigint[])`,
  );
  // only the samples that change a metric's state: a controller repeating it every few seconds adds nothing
  const changes = await queryRows<{ metric_id: string; ts: number; value: number | null }>(
    ctx.tx,
    sql`SELECT x.metric_id, ${epochMsSql(sql`x.ts`)} AS ts, x.value FROM (
          SELECT r.metric_id, r.ts, r.value, lag(r.value) OVER (PARTITION BY r.metric_id ORDER BY r.ts) AS prev,
            row_number() OVER (PARTITION BY r.metric_id ORDER BY r.ts) AS n
          FROM (${rawRowsSql({ from, to: until, metricIds: ids })}) r) x
        WHERE x.n = 1 OR x.prev IS DISTINCT FROM x.value
        ORDER BY x.metric_id, x.ts`,
  );
  const priorOf = new Map(priors.map((p) => [String(p.metric_id), p.value]));
  const changesOf = new Map<string, typeof changes>();
  for (const c of changes)
    changesOf.set(String(c.metric_id), [...(changesOf.get(String(c.metric_id)) ?? []), c]);
  for (const m of metrics) {
    const prior = priorOf.get(String(m.id)) ?? null;
    const own = changesOf.get(String(m.id)) ?? [];
    if (prior === null && own.length === 0) continue;
    const intervals = runningIntervals({
      initial: prior === null ? null : Number(prior) === m.running,
      changes: own.map((c) => ({ ts: Number(c.ts), isRunning: Number(c.value) === m.running })),
      from: o.from,
      until: o.until,
    });
    out.set(m.equipment_id, unionIntervals([...(out.get(m.equipment_id) ?? []), ...intervals]));
  }
  return out;
}

/** Good, scrap and standard time of the job reports in [from, until) per work center. */
async function outputByCenter(ctx: Ctx, o: { centerIds: string[]; from: number; until: number }) {
  if (o.centerIds.length === 0 || o.until <= o.from) return new Map<string, never>();
  const at = sql`coalesce(r.occurred_at, r.reported_at)`;
  const rows = await queryRows<{
    work_center_id: string;
    good: string;
    scrap: string;
    standard_seconds: number;
    is_standard_missing: boolean;
  }>(
    ctx.tx,
    sql`SELECT o.work_center_id, sum(r.good_qty)::text AS good, sum(r.scrap_qty)::text AS scrap,
          sum(o.run_seconds_per_unit * (r.good_qty + r.scrap_qty))::float8 AS standard_seconds,
          bool_or(o.run_seconds_per_unit = 0 AND r.good_qty + r.scrap_qty > 0) AS is_standard_missing
        FROM job_reports r JOIN work_order_operations o ON o.tenant_id = r.tenant_id AND o.id = r.operation_id
        WHERE o.work_center_id = ANY(${sql.param(o.centerIds)}::uuid[])
          AND ${at} >= ${new Date(o.from).toISOString()}::timestamptz
          AND ${at} < ${new Date(o.until).toISOString()}::timestamptz
        GROUP BY o.work_center_id`,
  );
  return new Map(rows.map((r) => [r.work_center_id, r]));
}

const minutes = (ms: number) => Math.round((ms / MINUTE) * 100) / 100;

/**
 * OEE per work center over [from, to): availability from the running state of its equipment inside the
 * site's planned production time, performance from the standard run time of the job reports on its
 * operations, quality from their good and scrap. Job reports name an operation, and so a work center,
 * never a machine: with several machines the output cannot be split honestly, so the figure is the work
 * center's, and a machine's own only where it is the work center's one piece of equipment.
 */
export async function oeeReport(ctx: Ctx, q: TOeeQuery): Promise<TOeeReport> {
  const { timezone } = await readSettings(ctx.tx, ctx.actor.tenantId);
  const now = Date.now();
  const { from, to } = periodOf(q, timezone, now);
  // the future is neither planned nor run yet
  const until = Math.min(to, now);
  const centers = await centersOf(ctx, q);
  const centerIds = centers.map((c) => c.id);

  const windowsBySite = new Map<string, Interval[]>();
  for (const siteId of new Set(centers.map((c) => c.site_id))) {
    const instances =
      until > from ? (await shiftInstancesOf(ctx, { siteId, from, to: until })).instances : [];
    windowsBySite.set(siteId, plannedWindows(instances, from, until));
  }
  const equipment =
    centerIds.length === 0
      ? []
      : await queryRows<{ id: string; code: string; name: string; node_id: string }>(
          ctx.tx,
          sql`SELECT id, code, name, node_id FROM equipment WHERE node_id = ANY(${sql.param(centerIds)}::uuid[])
              ORDER BY sort_order, code`,
        );
  const running = await runningByEquipment(ctx, { equipmentIds: equipment.map((e) => e.id), from, until });
  const output = await outputByCenter(ctx, { centerIds, from, until });

  const rows = centers.map((c) => {
    const windows = windowsBySite.get(c.site_id)!;
    const windowMs = windows.reduce((n, [a, b]) => n + b - a, 0);
    const own = equipment.filter((e) => e.node_id === c.id);
    const reporting = own.filter((e) => running.has(e.id));
    const out = output.get(c.id);
    const runningMs = reporting.length
      ? reporting.reduce((n, e) => n + overlapMs(running.get(e.id)!, windows), 0)
      : null;
    // each machine reporting a state is planned for the shift; none reporting: the calendar time once
    const plannedMs = windowMs * Math.max(1, reporting.length);
    const factors = oeeFactors({
      plannedMs,
      runningMs,
      stateReason: own.length === 0 ? 'no_equipment' : reporting.length === 0 ? 'no_state_data' : null,
      standardMs: (out?.standard_seconds ?? 0) * 1000,
      isStandardMissing: out?.is_standard_missing ?? false,
      good: Number(out?.good ?? 0),
      scrap: Number(out?.scrap ?? 0),
    });
    return {
      workCenterId: c.id,
      workCenterCode: c.code,
      workCenterName: c.name,
      siteId: c.site_id,
      siteCode: c.site_code,
      equipment: own.map((e) => ({ id: e.id, code: e.code, name: e.name, hasStateData: running.has(e.id) })),
      equipmentId: own.length === 1 ? own[0]!.id : null,
      plannedMinutes: minutes(plannedMs),
      runningMinutes: runningMs === null ? null : minutes(runningMs),
      standardMinutes: minutes((out?.standard_seconds ?? 0) * 1000),
      good: trim(out?.good ?? '0'),
      scrap: trim(out?.scrap ?? '0'),
      ...factors,
      plannedMs,
    };
  });
  const plant = plantOee(rows);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timezone,
    workCenters: rows.map(({ plannedMs: _, ...r }) => r),
    plant: plant && {
      oee: plant.oee,
      plannedMinutes: minutes(plant.plannedMs),
      workCenters: plant.workCenters,
    },
  };
}

import { sql } from 'drizzle-orm';
import type {
  DashboardKpi,
  DashboardQuery,
  Permission,
  TEnergyOverview,
  TTimeRange,
  TWidget,
  TWidgetBinding,
  TWidgetData,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { localDate, offsetAt } from '../../calendars/shift-instances.ts';
import { energyOverview } from '../../energy/reports/reports.service.ts';
import { listExceptions } from '../../production/andon.service.ts';
import { readSettings } from '../../platform/settings.service.ts';
import { alarmSummary, listAlarms } from '../../telemetry/alarms/alarms.service.ts';
import { equipmentStates } from '../../telemetry/equipment-states.service.ts';
import { getLayout } from '../layouts/layouts.service.ts';
import { getSeries } from '../../telemetry/series.service.ts';

/**
 * What a widget shows, computed by the services that own the data: telemetry series (downsampled there to
 * at most MAX_POINTS per series), a fixed catalogue of KPIs and named queries. The caller needs the
 * permission of the data as well as the dashboard's: a dashboard shares layouts, not rights.
 */

/** the cap: no series reaches the browser with more points than this */
export const MAX_POINTS = 2000;
const TABLE_ROWS = 50;
const HOUR = 3_600_000;
const RELATIVE_MS = { '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR, '7d': 168 * HOUR, '30d': 720 * HOUR };
const TODAY: TTimeRange = { kind: 'relative', last: '24h' };

export function resolveRange(range: TTimeRange, now = Date.now()): { from: number; to: number } {
  if (range.kind === 'absolute') return { from: Date.parse(range.from), to: Date.parse(range.to) };
  return { from: now - RELATIVE_MS[range.last], to: now };
}

const NEEDS: Record<TWidgetBinding['source'] | DashboardKpi | DashboardQuery, Permission> = {
  metrics: 'telemetry.data.read',
  kpi: 'visualization.dashboard.read',
  query: 'visualization.dashboard.read',
  'alarms.open': 'telemetry.alarm.read',
  'alarms.unacknowledged': 'telemetry.alarm.read',
  'andon.unresolved': 'production.report.read',
  'energy.today.tce': 'energy.report.read',
  'energy.today.electricityKwh': 'energy.report.read',
  'energy.byMedium': 'energy.report.read',
  'energy.byArea': 'energy.report.read',
  'energy.flow': 'energy.report.read',
};
function assertMay(ctx: Ctx, what: keyof typeof NEEDS) {
  const permission = NEEDS[what];
  if (!ctx.actor.permissions.has(permission)) throw new AppError('FORBIDDEN', { permission });
}

/** Metrics, sites and plant layouts the widgets name must exist here: 400 naming the widget's field. */
export async function assertBindingsResolve(ctx: Ctx, widgets: TWidget[], path: string): Promise<void> {
  const metricIds = [
    ...new Set(widgets.flatMap((w) => (w.binding?.source === 'metrics' ? w.binding.metricIds : []))),
  ];
  const metrics = new Set(
    metricIds.length
      ? (
          await queryRows<{ id: string | number }>(
            ctx.tx,
            sql`SELECT id FROM metrics WHERE id = ANY(${sql.param(metricIds)}::bigint[])`,
          )
        ).map((r) => Number(r.id))
      : [],
  );
  const refs = async (table: 'plant_nodes' | 'plant_layouts', ids: string[]) =>
    new Set(
      ids.length
        ? (
            await queryRows<{ id: string }>(
              ctx.tx,
              sql`SELECT id FROM ${sql.identifier(table)} WHERE id = ANY(${sql.param(ids)}::uuid[])`,
            )
          ).map((r) => r.id)
        : [],
    );
  const sites = await refs(
    'plant_nodes',
    widgets.flatMap((w) => (w.options.siteId ? [w.options.siteId] : [])),
  );
  const layouts = await refs(
    'plant_layouts',
    widgets.flatMap((w) => (w.options.layoutId ? [w.options.layoutId] : [])),
  );
  const details: Array<{ path: string; message: string }> = [];
  widgets.forEach((w, i) => {
    if (w.binding?.source === 'metrics')
      w.binding.metricIds.forEach((id, j) => {
        if (!metrics.has(id))
          details.push({ path: `${path}.${i}.binding.metricIds.${j}`, message: `no metric ${id}` });
      });
    if (w.options.siteId && !sites.has(w.options.siteId))
      details.push({ path: `${path}.${i}.options.siteId`, message: `no site ${w.options.siteId}` });
    if (w.options.layoutId && !layouts.has(w.options.layoutId))
      details.push({
        path: `${path}.${i}.options.layoutId`,
        message: `no plant layout ${w.options.layoutId}`,
      });
  });
  if (details.length) throw new AppError('VALIDATION', {}, details);
}

export async function widgetData(ctx: Ctx, widget: TWidget, now = Date.now()): Promise<TWidgetData> {
  if (widget.type === 'plant-layout' && widget.options.layoutId)
    return layoutStates(ctx, widget.options.layoutId);
  const b = widget.binding;
  if (!b) return { kind: 'none' };
  if (b.source === 'metrics') {
    assertMay(ctx, 'metrics');
    if (widget.type === 'heatmap') return heatmap(ctx, b, now);
    const series = await metricSeries(ctx, b, now);
    if (widget.type !== 'kpi' && widget.type !== 'gauge') return series;
    // a single figure: the metric's latest bucket, the one before it for the trend
    const points = (series.series[0]?.points ?? []).filter((p) => p[1] !== null);
    return {
      kind: 'value',
      value: points.at(-1)?.[1] ?? null,
      previous: points.at(-2)?.[1] ?? null,
      unit: series.series[0]?.unitCode ?? null,
    };
  }
  if (b.source === 'kpi') {
    assertMay(ctx, b.kpi);
    return kpi(ctx, b.kpi, now);
  }
  assertMay(ctx, b.query);
  return namedQuery(ctx, b.query, resolveRange(b.timeRange ?? TODAY, now), now);
}

/**
 * The running state of the equipment a plant layout shows (its markers within the caller's data scope): what
 * the widget colours its markers by, and all a TV link showing it may read of equipment states.
 */
async function layoutStates(ctx: Ctx, layoutId: string): Promise<TWidgetData> {
  assertMay(ctx, 'metrics');
  const layout = await getLayout({ ctx, id: layoutId });
  const equipmentIds = [...new Set(layout.markers.map((m) => m.equipmentId))];
  return { kind: 'equipment-states', layoutId, states: await equipmentStates({ ctx, equipmentIds }) };
}

async function metricSeries(
  ctx: Ctx,
  b: Extract<TWidgetBinding, { source: 'metrics' }>,
  now: number,
): Promise<Extract<TWidgetData, { kind: 'series' }>> {
  const { from, to } = resolveRange(b.timeRange, now);
  const result = await getSeries({
    ctx,
    query: {
      metricIds: b.metricIds,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      resolution: 'auto',
      agg: b.agg,
      maxPoints: MAX_POINTS,
      downsample: 'lttb',
    },
  });
  return {
    kind: 'series',
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    resolution: result.resolution,
    agg: b.agg,
    series: result.series.map((s) => ({
      metricId: s.metricId,
      name: s.name,
      unitCode: s.unitCode,
      sourcePoints: s.sourcePoints,
      points: s.points,
    })),
  };
}

/** Hour of day × local date of one metric, from hourly buckets. */
async function heatmap(
  ctx: Ctx,
  b: Extract<TWidgetBinding, { source: 'metrics' }>,
  now: number,
): Promise<TWidgetData> {
  const { from, to } = resolveRange(b.timeRange, now);
  const timezone = (await readSettings(ctx.tx, ctx.actor.tenantId)).timezone;
  const result = await getSeries({
    ctx,
    query: {
      metricIds: b.metricIds.slice(0, 1),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      resolution: '1h',
      agg: b.agg,
      maxPoints: MAX_POINTS,
      downsample: 'lttb',
    },
  });
  const days: string[] = [];
  const cells: Array<[number, number, number | null]> = [];
  for (const [t, v] of result.series[0]?.points ?? []) {
    const day = localDate(timezone, t);
    if (days.at(-1) !== day) days.push(day);
    const hour = new Date(t + offsetAt(timezone, t)).getUTCHours();
    cells.push([days.length - 1, hour, v]);
  }
  return { kind: 'heatmap', unitCode: result.series[0]?.unitCode ?? null, days, cells };
}

const sumOf = (values: number[]) => values.reduce((a, v) => a + v, 0);

/**
 * The catalogue's figures. Energy KPIs are of today (the tenant's local day) and carry yesterday's figure as
 * `previous`: the period of the same length just before, for the trend. Alarm and Andon counts are of this
 * moment; what was open at an earlier moment is not kept, so they have no previous figure.
 */
async function kpi(ctx: Ctx, which: DashboardKpi, now: number): Promise<TWidgetData> {
  const value = (
    v: number | null,
    unit: string | null = null,
    previous: number | null = null,
  ): TWidgetData => ({
    kind: 'value',
    value: v,
    previous,
    unit,
  });
  switch (which) {
    case 'alarms.open':
      return value((await alarmSummary({ ctx })).open);
    case 'alarms.unacknowledged':
      return value((await alarmSummary({ ctx })).unacknowledged);
    case 'andon.unresolved':
      return value((await listExceptions(ctx, { status: 'unresolved', page: 1, pageSize: 1 })).total);
    case 'energy.today.tce':
    case 'energy.today.electricityKwh': {
      // a one-minute span inside a day: the report's day buckets widen it to the whole local day
      const dayAround = (at: number) =>
        energyOverview(ctx, {
          from: new Date(at - 60_000).toISOString(),
          to: new Date(at).toISOString(),
          granularity: 'day',
        });
      const figure = (o: TEnergyOverview) =>
        which === 'energy.today.tce'
          ? o.totalTceEquivalent
          : sumOf(o.byMedium.filter((m) => m.medium === 'electricity').map((m) => m.quantity));
      const today = await dayAround(now);
      // the minute before today's start lies in yesterday, however long that day was (DST)
      const yesterday = await dayAround(Date.parse(today.from));
      return value(figure(today), which === 'energy.today.tce' ? 'tce' : 'kWh', figure(yesterday));
    }
  }
}

async function namedQuery(
  ctx: Ctx,
  which: DashboardQuery,
  range: { from: number; to: number },
  now: number,
): Promise<TWidgetData> {
  const iso = (t: number) => new Date(t).toISOString();
  switch (which) {
    case 'alarms.open': {
      const page = await listAlarms({ ctx, query: { state: 'open', page: 1, pageSize: TABLE_ROWS } });
      return {
        kind: 'rows',
        columns: ['raisedAt', 'severity', 'device', 'rule', 'message', 'state'],
        rows: page.items.map((a) => ({
          id: a.id,
          raisedAt: a.raisedAt,
          severity: a.severity,
          device: a.deviceName ?? a.deviceCode,
          rule: a.ruleName,
          message: a.message,
          state: a.state,
        })),
      };
    }
    case 'andon.unresolved': {
      const page = await listExceptions(ctx, { status: 'unresolved', page: 1, pageSize: TABLE_ROWS });
      return {
        kind: 'rows',
        columns: ['raisedAt', 'kind', 'severity', 'workCenter', 'description', 'status'],
        rows: page.items.map((e) => ({
          id: e.id,
          raisedAt: e.raisedAt,
          kind: e.kind,
          severity: e.severity,
          workCenter: e.workCenterName,
          description: e.description,
          status: e.status,
        })),
      };
    }
    case 'energy.byMedium':
    case 'energy.byArea': {
      const o = await energyOverview(ctx, { from: iso(range.from), to: iso(range.to), granularity: 'day' });
      return which === 'energy.byMedium'
        ? {
            kind: 'rows',
            columns: ['medium', 'quantity', 'unit', 'tce'],
            rows: o.byMedium.map((m) => ({
              name: m.medium,
              medium: m.medium,
              quantity: m.quantity,
              unit: m.unit,
              tce: m.tceEquivalent,
              value: m.tceEquivalent,
            })),
          }
        : {
            kind: 'rows',
            columns: ['area', 'tce'],
            rows: o.byArea.map((a) => ({
              name: a.nodeName ?? '—',
              area: a.nodeName ?? '—',
              tce: a.tceEquivalent,
              value: a.tceEquivalent,
            })),
          };
    }
    case 'energy.flow':
      return { kind: 'range', from: iso(range.from), to: iso(Math.min(range.to, now)) };
  }
}

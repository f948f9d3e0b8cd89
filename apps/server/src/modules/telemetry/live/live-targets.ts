import { sql, type SQL } from 'drizzle-orm';
import type { Ctx, TenantActor } from '../../../platform/auth/actor.ts';
import type { Database } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inTenant } from '../../../platform/db/tenant-tx.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { descendantsOf } from '../../modeling/data-scope.ts';
import { productionScope } from '../../production/production-scope.ts';
import { deviceScope } from '../devices.service.ts';
import type { LiveTarget, ResolvedTarget } from './live-subscription.ts';

/** A device or equipment with more metrics than this is refused: subscribe to its metrics by id in parts. */
export const MAX_METRICS_PER_SUBSCRIPTION = 1000;
/** equipment-states: a plant's every state metric (1,000+ machines, a few controllers each) */
export const MAX_STATE_METRICS = 20_000;

/**
 * Turns subscription targets into the metric ids (or, for alarms, the device ids) the user may see,
 * in one tenant transaction. Row-level security hides other tenants' rows, so a foreign id reads as
 * "not found", exactly like an unknown one. A target that fails maps to its AppError.
 */
export async function resolveTargets(o: {
  database: Database;
  actor: TenantActor;
  requestId: string;
  targets: ReadonlyMap<string, LiveTarget>;
}): Promise<Map<string, ResolvedTarget | AppError>> {
  const { actor } = o;
  return inTenant(o.database.db, actor.tenantId, async (tx) => {
    const ctx: Ctx = { tx, actor, requestId: o.requestId, ip: null };
    const scope = await deviceScope(ctx);
    const inScope = scope ? sql`AND ${scope}` : sql``;
    const out = new Map<string, ResolvedTarget | AppError>();
    for (const [id, target] of o.targets) {
      try {
        out.set(id, await resolveOne(ctx, target, inScope));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.set(id, err);
      }
    }
    return out;
  });
}

async function resolveOne(ctx: Ctx, target: LiveTarget, inScope: SQL): Promise<ResolvedTarget> {
  const metricIds = async (where: SQL) => {
    const rows = await queryRows<{ id: string | number }>(
      ctx.tx,
      sql`SELECT m.id FROM metrics m JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
          WHERE ${where} ${inScope} LIMIT ${MAX_METRICS_PER_SUBSCRIPTION + 1}`,
    );
    if (rows.length > MAX_METRICS_PER_SUBSCRIPTION)
      throw new AppError('CONFLICT', {
        reason: `more than ${MAX_METRICS_PER_SUBSCRIPTION} metrics; subscribe to them by id in parts`,
      });
    return new Set(rows.map((r) => Number(r.id)));
  };

  switch (target.kind) {
    case 'metrics': {
      const found = await metricIds(sql`m.id = ANY(${sql.param(target.ids)})`);
      const missing = target.ids.find((id) => !found.has(id));
      if (missing !== undefined) throw notFound(`metric ${missing}`);
      return { metricIds: found, deviceIds: null };
    }
    case 'device': {
      const [device] = await queryRows<{ id: string }>(
        ctx.tx,
        sql`SELECT d.id FROM devices d WHERE d.id = ${target.id} ${inScope}`,
      );
      if (!device) throw notFound('device');
      return { metricIds: await metricIds(sql`d.id = ${target.id}`), deviceIds: null };
    }
    case 'equipment': {
      // the device scope speaks of d.equipment_id: alias the equipment's own id so it applies here too
      const [equipment] = await queryRows<{ id: string }>(
        ctx.tx,
        sql`SELECT e.id FROM equipment e CROSS JOIN LATERAL (SELECT e.id AS equipment_id) d
            WHERE e.id = ${target.id} ${inScope}`,
      );
      if (!equipment) throw notFound('equipment');
      return { metricIds: await metricIds(sql`d.equipment_id = ${target.id}`), deviceIds: null };
    }
    case 'alarms': {
      if (!ctx.actor.permissions.has('telemetry.alarm.read'))
        throw new AppError('FORBIDDEN', { permission: 'telemetry.alarm.read' });
      if (ctx.actor.dataScopeNodeIds === null) return { metricIds: new Set(), deviceIds: null };
      const rows = await queryRows<{ id: string }>(
        ctx.tx,
        sql`SELECT d.id FROM devices d WHERE true ${inScope}`,
      );
      return { metricIds: new Set(), deviceIds: new Set(rows.map((r) => r.id)) };
    }
    case 'equipment-states': {
      // the metric → equipment index, built once here and again when devices change (or periodically)
      const narrowed = await equipmentNarrowing(ctx, target);
      const rows = await queryRows<{ id: string | number; equipment_id: string }>(
        ctx.tx,
        sql`SELECT m.id, d.equipment_id FROM metrics m
            JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
            WHERE m.kind = 'state' AND d.equipment_id IS NOT NULL ${narrowed} ${inScope}
            LIMIT ${MAX_STATE_METRICS + 1}`,
      );
      if (rows.length > MAX_STATE_METRICS)
        throw new AppError('CONFLICT', {
          reason: `more than ${MAX_STATE_METRICS} state metrics; subscribe to equipment one by one`,
        });
      const equipmentByMetric = new Map(rows.map((r) => [Number(r.id), r.equipment_id]));
      return { metricIds: new Set(equipmentByMetric.keys()), deviceIds: null, equipmentByMetric };
    }
    case 'production': {
      // the same permission as the work-order list and detail whose data these events refresh
      if (!ctx.actor.permissions.has('production.workorder.read'))
        throw new AppError('FORBIDDEN', { permission: 'production.workorder.read' });
      return { metricIds: new Set(), deviceIds: null, workCenterIds: (await productionScope(ctx)).allowed };
    }
  }
}

/**
 * An equipment-states target narrowed to one plant layout's markers or one site's equipment, as a condition on
 * `d.equipment_id` (empty when not narrowed). Read at each resolution, so moved markers and equipment follow.
 */
async function equipmentNarrowing(
  ctx: Ctx,
  target: Extract<LiveTarget, { kind: 'equipment-states' }>,
): Promise<SQL> {
  if (target.layoutId) {
    const [layout] = await queryRows<{ id: string }>(
      ctx.tx,
      sql`SELECT id FROM plant_layouts WHERE id = ${target.layoutId}`,
    );
    if (!layout) throw notFound('plant layout');
    return sql`AND d.equipment_id IN
      (SELECT equipment_id FROM plant_layout_markers WHERE layout_id = ${target.layoutId})`;
  }
  if (target.siteId) {
    const nodes = await queryRows<{ id: string; parentId: string | null; kind: string }>(
      ctx.tx,
      sql`SELECT id, parent_id AS "parentId", kind FROM plant_nodes`,
    );
    if (!nodes.some((n) => n.id === target.siteId && n.kind === 'site')) throw notFound('site');
    const nodeIds = [...descendantsOf(nodes, [target.siteId])];
    return sql`AND d.equipment_id IN (SELECT id FROM equipment WHERE node_id = ANY(${sql.param(nodeIds)}))`;
  }
  return sql``;
}

import { sql } from 'drizzle-orm';
import type { TEquipmentState, TLatestValue } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { connectivitySql, deviceScope, latestValues } from './devices.service.ts';

/**
 * The running state of each piece of equipment on a list page, in one round of queries: the latest
 * value of a state metric of a device bound to it. Ids the user may not see (another tenant's, out of
 * the data scope, unknown) are left out rather than refused, so a page never fails on one row.
 */
export async function equipmentStates({
  ctx,
  equipmentIds,
}: {
  ctx: Ctx;
  equipmentIds: string[];
}): Promise<TEquipmentState[]> {
  if (equipmentIds.length === 0) return [];
  const scope = await deviceScope(ctx);
  // the device scope speaks of d.equipment_id: alias the equipment's own id so it applies here too
  const visible = (
    await queryRows<{ id: string }>(
      ctx.tx,
      sql`SELECT e.id FROM equipment e CROSS JOIN LATERAL (SELECT e.id AS equipment_id) d
          WHERE e.id = ANY(${sql.param(equipmentIds)}) ${scope ? sql`AND ${scope}` : sql``}`,
    )
  ).map((r) => r.id);
  if (visible.length === 0) return [];
  // every device bound to visible equipment is itself in scope: the scope is by equipment
  const bound = sql`d.equipment_id = ANY(${sql.param(visible)})`;
  const devices = await queryRows<{
    id: string;
    equipment_id: string;
    connectivity: NonNullable<TEquipmentState['connectivity']>;
  }>(
    ctx.tx,
    sql`SELECT d.id, d.equipment_id, ${connectivitySql('d', sql`d.offline_after_seconds`)} AS connectivity
        FROM devices d WHERE ${bound}`,
  );
  const deviceById = new Map(devices.map((d) => [d.id, d]));
  const states = await latestValues(ctx, sql`${bound} AND m.kind = 'state'`);

  // several controllers on one machine: the most recently reported state wins
  const best = new Map<string, TLatestValue>();
  for (const row of states) {
    const equipmentId = deviceById.get(row.deviceId)?.equipment_id;
    if (!equipmentId) continue;
    const known = best.get(equipmentId);
    if (!known || (row.ts !== null && (known.ts === null || Date.parse(row.ts) > Date.parse(known.ts))))
      best.set(equipmentId, row);
  }
  const order = new Map(equipmentIds.map((id, i) => [id, i]));
  return visible
    .sort((x, y) => order.get(x)! - order.get(y)!)
    .map((equipmentId) => {
      const row = best.get(equipmentId);
      if (!row)
        return {
          equipmentId,
          state: null,
          ts: null,
          metricId: null,
          deviceId: null,
          deviceCode: null,
          connectivity: null,
        };
      return {
        equipmentId,
        state: row.textValue ?? (row.value === null ? null : String(row.value)),
        ts: row.ts,
        metricId: row.metricId,
        deviceId: row.deviceId,
        deviceCode: row.deviceCode,
        connectivity: deviceById.get(row.deviceId)!.connectivity,
      };
    });
}

import type {
  TEquipment,
  TEquipmentGrid,
  TEquipmentGridQuery,
  TEquipmentScreen,
  TScreenQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { listEquipment } from '../../modeling/equipment.service.ts';
import { alarmSummary, listAlarms } from '../../telemetry/alarms/alarms.service.ts';
import { equipmentStates } from '../../telemetry/equipment-states.service.ts';
import { oeeReport } from '../../production/oee.service.ts';
import { screenContext, siteRef, type ScreenContext } from './screen-site.ts';

const PAGE = 200;

/** Every piece of equipment the user may see (in a site when asked) with its running state, in one answer. */
export async function equipmentGrid(ctx: Ctx, q: TEquipmentGridQuery): Promise<TEquipmentGrid> {
  const equipment: TEquipment[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listEquipment({
      ctx,
      query: { page, pageSize: PAGE, ...(q.siteId ? { nodeId: q.siteId } : {}) },
    });
    equipment.push(...items);
    if (items.length < PAGE || equipment.length >= total) break;
  }
  const states = new Map(
    (await equipmentStates({ ctx, equipmentIds: equipment.map((e) => e.id) })).map((s) => [s.equipmentId, s]),
  );
  return {
    items: equipment.map((e) => {
      const s = states.get(e.id);
      return {
        id: e.id,
        code: e.code,
        name: e.name,
        nodeId: e.nodeId,
        state: s?.state ?? null,
        stateAt: s?.ts ?? null,
        connectivity: s?.connectivity ?? null,
      };
    }),
  };
}

/** 'offline' when the controller stopped talking (its last state may be stale), 'none' when nothing reports. */
export const stateBucket = (e: TEquipmentGrid['items'][number]) =>
  e.state === null ? 'none' : e.connectivity !== null && e.connectivity !== 'online' ? 'offline' : e.state;

/** Share of the equipment reporting a live state that is running now. */
export function runningShare(grid: TEquipmentGrid): number | null {
  const reporting = grid.items.map(stateBucket).filter((s) => s !== 'none' && s !== 'offline');
  return reporting.length ? reporting.filter((s) => s === 'running').length / reporting.length : null;
}

const OEE_SHOWN = 3;

/**
 * Today's OEE up to the screen's moment: the plant's and the best and worst work centers (of the site when
 * asked); null when no work center has data. The screen's viewers need no production permission for it.
 */
async function screenOee(
  ctx: Ctx,
  o: { day: [number, number]; at: string; siteId: string | null },
): Promise<TEquipmentScreen['oee']> {
  const to = Math.min(o.day[1], Date.parse(o.at));
  if (to <= o.day[0]) return null;
  const report = await oeeReport(ctx, {
    from: new Date(o.day[0]).toISOString(),
    to: new Date(to).toISOString(),
    ...(o.siteId ? { siteId: o.siteId } : {}),
  });
  if (!report.plant) return null;
  const ranked = report.workCenters
    .filter((w) => w.oee !== null)
    .map((w) => ({ id: w.workCenterId, code: w.workCenterCode, name: w.workCenterName, oee: w.oee! }))
    .sort((a, b) => b.oee - a.oee || a.code.localeCompare(b.code));
  const top = ranked.slice(0, OEE_SHOWN);
  // the worst first; a work center never shows in both lists
  const bottom = ranked.slice(top.length).slice(-OEE_SHOWN).reverse();
  return { value: report.plant.oee, workCenters: report.plant.workCenters, top, bottom };
}

/**
 * The status grid, equipment per state, running share, today's OEE and open alarms (of a site's devices
 * when asked).
 */
export async function equipmentScreen(
  caller: Ctx,
  q: TScreenQuery,
  known?: ScreenContext,
): Promise<TEquipmentScreen> {
  const { ctx, periods, site } = known ?? (await screenContext(caller, q));
  const grid = await equipmentGrid(ctx, site ? { siteId: site.id } : {});
  const counts = new Map<string, number>();
  for (const e of grid.items) counts.set(stateBucket(e), (counts.get(stateBucket(e)) ?? 0) + 1);
  const summary = await alarmSummary({ ctx });
  const open = await listAlarms({ ctx, query: { page: 1, pageSize: 8, state: 'open', isShelved: 'false' } });
  return {
    periods,
    site: siteRef(site),
    grid,
    byState: [...counts].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count),
    runningShare: runningShare(grid),
    oee: await screenOee(ctx, { day: periods.day, at: periods.at, siteId: site?.id ?? null }),
    alarms: {
      open: summary.open,
      unacknowledged: summary.unacknowledged,
      bySeverity: summary.bySeverity,
      items: open.items.map((a) => ({
        id: a.id,
        severity: a.severity,
        ruleName: a.ruleName,
        deviceName: a.deviceName,
        message: a.message,
        state: a.state,
        raisedAt: a.raisedAt,
      })),
    },
  };
}

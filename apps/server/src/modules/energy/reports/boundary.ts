import type { EnergyMedium, EnergyUnit } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { sum } from '../calc/engine.ts';
import { unitRatio } from '../calc/units.ts';
import { baseUnitOf } from '../factors/library.ts';
import { consumptionOf, tceConverter, type Bucket } from '../metering/consumption.service.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/rows.ts';
import { allMeters, type MeterRow } from '../metering/meters.service.ts';
import { resolveNode } from '../ledgers/ledger-scope.ts';
import { descendantsOf, type NodeLink } from '../../modeling/data-scope.ts';

/** A medium's consumption at the enterprise boundary, per bucket, in the library's unit of the medium. */
export interface MediumSeries {
  medium: EnergyMedium;
  unit: EnergyUnit;
  meters: string[];
  quantities: Array<number | null>;
  /** tce, equivalent value, per bucket (the enterprise's override on the bucket's day, else the library) */
  tce: Array<number | null>;
  sources: Set<string>;
  /** quantity from counters read automatically vs readings and records entered by hand */
  metered: number;
  manual: number;
}

/** The level-1 meters (the boundary, GB 17167) and, for areas, the level-2 ones; consumption and tce per bucket. */
export async function boundarySeries(
  ctx: Ctx,
  buckets: Bucket[],
  timezone: string,
  maxLevel = 2,
  siteId?: string | null,
): Promise<{
  media: MediumSeries[];
  meters: MeterRow[];
  values: Map<string, Array<number | null>>;
  tceOf: (m: MeterRow) => Array<number | null>;
}> {
  const all = await allMeters(ctx);
  const inSite = siteId ? await siteFilter(ctx, siteId) : () => true;
  const meters = all.filter((m) => m.is_enabled && m.level <= maxLevel && inSite(m));
  const values = await consumptionOf(ctx, meters, buckets, '1d', all);
  const toTce = await tceConverter(ctx, buckets, timezone);
  const sources = new Map<string, Set<string>>();
  const tceOf = (m: MeterRow) => {
    const { tce, sources: used } = toTce(m, values.get(m.id) ?? []);
    const s = sources.get(m.medium) ?? new Set<string>();
    used.forEach((x) => s.add(x));
    sources.set(m.medium, s);
    return tce;
  };
  const byMedium = new Map<EnergyMedium, MediumSeries>();
  for (const m of meters.filter((x) => x.level === 1)) {
    const unit = baseUnitOf(m.medium);
    const ratio = unitRatio(m.unit, unit) ?? 1;
    const s =
      byMedium.get(m.medium) ??
      ({
        medium: m.medium,
        unit,
        meters: [],
        quantities: buckets.map(() => null),
        tce: buckets.map(() => null),
        sources: new Set<string>(),
        metered: 0,
        manual: 0,
      } satisfies MediumSeries);
    s.meters.push(m.code);
    const q = values.get(m.id) ?? [];
    const t = tceOf(m);
    q.forEach((v, i) => {
      if (v !== null) s.quantities[i] = (s.quantities[i] ?? 0) + v * ratio;
      if (t[i] !== null && t[i] !== undefined) s.tce[i] = (s.tce[i] ?? 0) + t[i]!;
    });
    const total = sum(q.filter((v): v is number => v !== null)) * ratio;
    if (m.source === 'manual') s.manual += total;
    else s.metered += total;
    for (const src of sources.get(m.medium) ?? []) s.sources.add(src);
    byMedium.set(m.medium, s);
  }
  return { media: [...byMedium.values()], meters, values, tceOf };
}

export const total = (xs: Array<number | null>) => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? sum(present) : null;
};

/**
 * Where meters stand in the plant: for a node, whether a meter is placed in its subtree, directly or
 * through its equipment. The plant and the equipment are read once for any number of nodes.
 */
export async function meterPlacement(ctx: Ctx) {
  const nodes = await queryRows<NodeLink>(ctx.tx, sql`SELECT id, parent_id AS "parentId" FROM plant_nodes`);
  const equipmentNode = new Map(
    (await queryRows<{ id: string; node_id: string }>(ctx.tx, sql`SELECT id, node_id FROM equipment`)).map(
      (e) => [e.id, e.node_id],
    ),
  );
  return (nodeId: string) => {
    const subtree = descendantsOf(nodes, [nodeId]);
    return (m: Pick<MeterRow, 'node_id' | 'equipment_id'>) =>
      (m.node_id !== null && subtree.has(m.node_id)) ||
      (m.equipment_id !== null && subtree.has(equipmentNode.get(m.equipment_id) ?? ''));
  };
}

/** Whether a meter belongs to a site. A site unknown or outside the caller's data scope is a 400 on querystring.siteId. */
export async function siteFilter(ctx: Ctx, siteId: string): Promise<(m: MeterRow) => boolean> {
  await resolveNode(ctx, { id: siteId, path: 'querystring.siteId', kinds: ['site'] });
  return (await meterPlacement(ctx))(siteId);
}

import type { TPlantModel } from '@greenmes/contracts';
import { shapeOf, type EquipmentShape } from './equipment-shapes.ts';

type Equipment = TPlantModel['equipment'][number];

export interface PlacedEquipment {
  equipment: Equipment;
  shape: EquipmentShape;
  /** centre of the footprint on the floor (metres) */
  x: number;
  z: number;
}
export interface Hall {
  id: string;
  name: string;
  /** top-left corner of the floor and its size (metres) */
  x: number;
  z: number;
  width: number;
  depth: number;
}
export interface Row {
  x: number;
  z: number;
  width: number;
  depth: number;
}
export interface PlantLayout3d {
  halls: Hall[];
  rows: Row[];
  equipment: PlacedEquipment[];
  /** the whole plant's extent, for the camera */
  width: number;
  depth: number;
}

const GAP = 1.2; // between machines in a row
const AISLE = 3; // between rows
const WALL_MARGIN = 3; // inside a hall's walls
const HALL_GAP = 8; // between halls

/** What a row holds: the equipment of a line and its work centers, or what sits on the area itself. */
function rowsOf(
  areaId: string,
  childrenOf: Map<string, string[]>,
  byNode: Map<string, Equipment[]>,
): Equipment[][] {
  const subtree = (id: string): Equipment[] => [
    ...(byNode.get(id) ?? []),
    ...(childrenOf.get(id) ?? []).flatMap(subtree),
  ];
  const rows = (childrenOf.get(areaId) ?? []).map(subtree);
  rows.push(byNode.get(areaId) ?? []);
  return rows.filter((r) => r.length > 0);
}

/**
 * Lays the factory model out on a floor: each area (workshop) a hall, each line a row of machines across
 * it (long lines fold into several rows so a hall stays roughly square), halls on a grid. Equipment placed
 * on a site itself gets a hall named after the site. Pure and deterministic: the same model, the same plant.
 */
export function layoutPlant(model: TPlantModel): PlantLayout3d {
  const childrenOf = new Map<string, string[]>();
  for (const n of model.nodes)
    if (n.parentId) childrenOf.set(n.parentId, [...(childrenOf.get(n.parentId) ?? []), n.id]);
  const byNode = new Map<string, Equipment[]>();
  for (const e of model.equipment) {
    const list = byNode.get(e.nodeId);
    if (list) list.push(e);
    else byNode.set(e.nodeId, [e]);
  }
  const groups: Array<{ id: string; name: string; rows: Equipment[][] }> = [];
  for (const site of model.nodes.filter((n) => n.kind === 'site')) {
    for (const area of model.nodes.filter((n) => n.parentId === site.id && n.kind === 'area'))
      groups.push({ id: area.id, name: area.name, rows: rowsOf(area.id, childrenOf, byNode) });
    const onSite = byNode.get(site.id) ?? [];
    if (onSite.length) groups.push({ id: site.id, name: site.name, rows: [onSite] });
  }
  // equipment whose area is outside the caller's view (a scoped user sees lines but not their area)
  const known = new Set(groups.flatMap((g) => g.rows.flat().map((e) => e.id)));
  const orphans = model.equipment.filter((e) => !known.has(e.id));
  if (orphans.length) groups.push({ id: 'other', name: '—', rows: [orphans] });

  const halls: Hall[] = [];
  const rows: Row[] = [];
  const equipment: PlacedEquipment[] = [];
  const built = groups.map((g) => buildHall(g.rows));
  const columns = Math.max(1, Math.ceil(Math.sqrt(groups.length)));
  let z = 0;
  let width = 0;
  for (let start = 0; start < groups.length; start += columns) {
    let x = 0;
    let rowDepth = 0;
    for (let i = start; i < Math.min(groups.length, start + columns); i++) {
      const hall = built[i]!;
      halls.push({ id: groups[i]!.id, name: groups[i]!.name, x, z, width: hall.width, depth: hall.depth });
      for (const r of hall.rows) rows.push({ ...r, x: r.x + x, z: r.z + z });
      for (const p of hall.equipment) equipment.push({ ...p, x: p.x + x, z: p.z + z });
      x += hall.width + HALL_GAP;
      rowDepth = Math.max(rowDepth, hall.depth);
    }
    width = Math.max(width, x - HALL_GAP);
    z += rowDepth + HALL_GAP;
  }
  return { halls, rows, equipment, width: Math.max(width, 1), depth: Math.max(z - HALL_GAP, 1) };
}

/** One hall at the origin: rows of machines, each folded at a length that keeps the hall near square. */
function buildHall(lines: Equipment[][]) {
  const placedRows: Array<{ items: PlacedEquipment[]; width: number; depth: number }> = [];
  const total = lines.reduce((n, l) => n + l.length, 0);
  // a square of `total` machines of ~3 m pitch: fold rows at that length
  const fold = Math.max(12, Math.ceil(Math.sqrt(total) * 3.5));
  for (const line of lines) {
    let current: PlacedEquipment[] = [];
    let x = 0;
    let depth = 0;
    const flush = () => {
      if (current.length) placedRows.push({ items: current, width: x - GAP, depth });
      current = [];
      x = 0;
      depth = 0;
    };
    for (const e of line) {
      const shape = shapeOf(e.category);
      if (x > 0 && x + shape.width > fold) flush();
      current.push({ equipment: e, shape, x: x + shape.width / 2, z: 0 });
      x += shape.width + GAP;
      depth = Math.max(depth, shape.depth);
    }
    flush();
  }
  const rows: Row[] = [];
  const equipment: PlacedEquipment[] = [];
  let z = WALL_MARGIN + 2; // room for the hall's name at the front
  let width = 0;
  for (const r of placedRows) {
    rows.push({ x: WALL_MARGIN - 0.5, z: z - 0.5, width: r.width + 1, depth: r.depth + 1 });
    for (const p of r.items) equipment.push({ ...p, x: p.x + WALL_MARGIN, z: z + r.depth / 2 });
    z += r.depth + AISLE;
    width = Math.max(width, r.width);
  }
  return {
    rows,
    equipment,
    width: Math.max(width + WALL_MARGIN * 2, 12),
    depth: Math.max(z - AISLE + WALL_MARGIN, 10),
  };
}

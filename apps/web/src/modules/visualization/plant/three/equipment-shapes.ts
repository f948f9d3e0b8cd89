import type { EQUIPMENT_CATEGORIES } from '@greenmes/contracts';

type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];

export type ShapeKind = 'box' | 'cylinder';
/** footprint and height in metres (a cylinder's width is its diameter) */
export interface EquipmentShape {
  kind: ShapeKind;
  width: number;
  depth: number;
  height: number;
}

/**
 * How big each kind of equipment is drawn: a rough silhouette, so a boiler house looks unlike a line of
 * lathes. Round machines (boilers, motors, pumps, fans, robots' bases) are cylinders, the rest boxes.
 */
const SHAPES: Partial<Record<EquipmentCategory, EquipmentShape>> = {
  transformer: { kind: 'box', width: 2, depth: 1.5, height: 2.4 },
  boiler: { kind: 'cylinder', width: 2.6, depth: 2.6, height: 4 },
  electric_motor: { kind: 'cylinder', width: 0.9, depth: 0.9, height: 0.9 },
  fan: { kind: 'cylinder', width: 1.6, depth: 1.6, height: 1.6 },
  pump: { kind: 'cylinder', width: 1, depth: 1, height: 1.2 },
  air_compressor: { kind: 'box', width: 2, depth: 1.4, height: 1.8 },
  chiller: { kind: 'box', width: 3, depth: 1.8, height: 2 },
  heating_furnace: { kind: 'box', width: 3, depth: 2.6, height: 2.8 },
  kiln: { kind: 'box', width: 4, depth: 2.4, height: 2.6 },
  electric_furnace: { kind: 'box', width: 2.4, depth: 2.4, height: 2.6 },
  welding_machine: { kind: 'box', width: 1, depth: 0.8, height: 1.4 },
  machine_tool: { kind: 'box', width: 2.6, depth: 1.6, height: 1.9 },
  industrial_robot: { kind: 'cylinder', width: 0.9, depth: 0.9, height: 2 },
  painting_line: { kind: 'box', width: 4, depth: 2, height: 2.6 },
  dryer: { kind: 'box', width: 3, depth: 2, height: 2.2 },
  lighting: { kind: 'cylinder', width: 0.3, depth: 0.3, height: 3 },
};
const DEFAULT_SHAPE: EquipmentShape = { kind: 'box', width: 1.5, depth: 1.5, height: 1.5 };

export const shapeOf = (category: string): EquipmentShape =>
  SHAPES[category as EquipmentCategory] ?? DEFAULT_SHAPE;

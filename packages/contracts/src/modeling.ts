import { z } from 'zod';
import {
  ZCode,
  ZDate,
  ZDecimal,
  ZId,
  ZName,
  ZNonNegativeDecimal,
  ZOptionalText,
  ZPageQuery,
  ZTimestamp,
} from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';

// ---- plant nodes: site → area (workshop) → line → work center (ISA-95) ----
export const PLANT_NODE_KINDS = ['site', 'area', 'line', 'work_center'] as const;
export const ZPlantNodeKind = z.enum(PLANT_NODE_KINDS);
export type PlantNodeKind = z.infer<typeof ZPlantNodeKind>;
/** Which kind of node a kind may sit under (null = top level). */
export const PLANT_NODE_PARENT: Record<PlantNodeKind, PlantNodeKind | null> = {
  site: null,
  area: 'site',
  line: 'area',
  work_center: 'line',
};

export const ZPlantNode = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  kind: ZPlantNodeKind,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TPlantNode = z.infer<typeof ZPlantNode>;
export const ZCreatePlantNode = z
  .object({
    parentId: ZId.nullable().default(null),
    kind: ZPlantNodeKind,
    code: ZCode,
    name: ZName,
    description: ZOptionalText,
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type TCreatePlantNode = z.infer<typeof ZCreatePlantNode>;
export const ZUpdatePlantNode = z
  .object({ code: ZCode, name: ZName, description: ZOptionalText })
  .partial()
  .strict();
export type TUpdatePlantNode = z.infer<typeof ZUpdatePlantNode>;
/** Move under another parent and/or to a position among siblings (0-based). */
export const ZMovePlantNode = z
  .object({ parentId: ZId.nullable(), position: z.number().int().min(0).max(100_000) })
  .strict();
export type TMovePlantNode = z.infer<typeof ZMovePlantNode>;

/** The whole tree in one response: nodes plus equipment leaves, both flat with parent ids. */
export const ZPlantTree = z.object({
  nodes: z.array(ZPlantNode),
  equipment: z.array(
    z.object({ id: ZId, nodeId: ZId, code: z.string(), name: z.string(), status: z.string() }),
  ),
});
export type TPlantTree = z.infer<typeof ZPlantTree>;

// ---- equipment ----
/** Categories of the key energy-consuming equipment register (Table 3). */
export const EQUIPMENT_CATEGORIES = [
  'transformer',
  'boiler',
  'electric_motor',
  'fan',
  'pump',
  'air_compressor',
  'chiller',
  'heating_furnace',
  'kiln',
  'electric_furnace',
  'welding_machine',
  'machine_tool',
  'industrial_robot',
  'painting_line',
  'dryer',
  'lighting',
  'other',
] as const;
export const ZEquipmentCategory = z.enum(EQUIPMENT_CATEGORIES);
export const EQUIPMENT_STATUSES = ['in_service', 'standby', 'under_maintenance', 'decommissioned'] as const;
export const ZEquipmentStatus = z.enum(EQUIPMENT_STATUSES);
export const ZEnergyMedium = z.enum(ENERGY_MEDIA);

export const ZEquipment = z.object({
  id: ZId,
  nodeId: ZId,
  code: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  category: ZEquipmentCategory,
  ratedPowerKw: z.string().nullable(),
  energyMedia: z.array(ZEnergyMedium),
  commissioningDate: ZDate.nullable(),
  status: ZEquipmentStatus,
  isKeyEnergyConsumer: z.boolean(),
  isEliminatedModel: z.boolean(),
  phaseOutDate: ZDate.nullable(),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TEquipment = z.infer<typeof ZEquipment>;
const equipmentFields = z.object({
  nodeId: ZId,
  code: ZCode,
  name: ZName,
  model: z.string().trim().max(200).nullable().optional(),
  manufacturer: z.string().trim().max(200).nullable().optional(),
  serialNumber: z.string().trim().max(100).nullable().optional(),
  category: ZEquipmentCategory,
  ratedPowerKw: ZNonNegativeDecimal.nullable().optional(),
  energyMedia: z.array(ZEnergyMedium).max(ENERGY_MEDIA.length).optional(),
  commissioningDate: ZDate.nullable().optional(),
  status: ZEquipmentStatus.optional(),
  isKeyEnergyConsumer: z.boolean().optional(),
  isEliminatedModel: z.boolean().optional(),
  phaseOutDate: ZDate.nullable().optional(),
  description: ZOptionalText,
});
const phaseOutRule = (
  v: { isEliminatedModel?: boolean; phaseOutDate?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (v.isEliminatedModel && !v.phaseOutDate)
    ctx.addIssue({
      code: 'custom',
      path: ['phaseOutDate'],
      message: 'required when the model is ordered eliminated',
    });
};
export const ZCreateEquipment = equipmentFields.strict().superRefine(phaseOutRule);
export type TCreateEquipment = z.infer<typeof ZCreateEquipment>;
export const ZUpdateEquipment = equipmentFields.partial().strict();
export type TUpdateEquipment = z.infer<typeof ZUpdateEquipment>;
export const ZEquipmentQuery = ZPageQuery.extend({
  nodeId: ZId.optional().describe('equipment at this plant node or anywhere below it'),
  category: ZEquipmentCategory.optional(),
  status: ZEquipmentStatus.optional(),
  isEliminatedModel: z.enum(['true', 'false']).optional(),
  isKeyEnergyConsumer: z.enum(['true', 'false']).optional(),
}).strict();
export type TEquipmentQuery = z.infer<typeof ZEquipmentQuery>;

// ---- units of measure ----
export const UNIT_DIMENSIONS = [
  'count',
  'mass',
  'length',
  'area',
  'volume',
  'energy',
  'power',
  'time',
  'other',
] as const;
export const ZUnitDimension = z.enum(UNIT_DIMENSIONS);
export const ZUnit = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  dimension: ZUnitDimension,
  /** How many of the dimension's base unit one of this unit is (kg per t = 1000). */
  baseFactor: z.string(),
  isBase: z.boolean(),
});
export type TUnit = z.infer<typeof ZUnit>;
export const ZCreateUnit = z
  .object({
    code: z.string().trim().min(1).max(32),
    name: ZName,
    dimension: ZUnitDimension,
    baseFactor: ZDecimal.refine((v) => Number(v) > 0, 'must be greater than zero'),
    isBase: z.boolean().optional(),
  })
  .strict();
export type TCreateUnit = z.infer<typeof ZCreateUnit>;
export const ZUpdateUnit = ZCreateUnit.omit({ code: true, dimension: true }).partial().strict();
export const ZConvertQuery = z
  .object({ from: z.string().min(1).max(32), to: z.string().min(1).max(32), value: ZDecimal })
  .strict();
export const ZConvertResult = z.object({
  from: z.string(),
  to: z.string(),
  value: z.string(),
  result: z.string(),
});

// ---- materials ----
export const MATERIAL_TYPES = ['raw', 'semi_finished', 'finished', 'consumable', 'packaging'] as const;
export const ZMaterialType = z.enum(MATERIAL_TYPES);
export const ZMaterial = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  type: ZMaterialType,
  specification: z.string().nullable(),
  unitId: ZId,
  unitCode: z.string(),
  category: z.string().nullable(),
  description: z.string().nullable(),
  isActive: z.boolean(),
  /** one serial number per piece on the lots its orders produce (a job report on the last operation) */
  isSerialTracked: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TMaterial = z.infer<typeof ZMaterial>;
const materialFields = z.object({
  code: ZCode,
  name: ZName,
  type: ZMaterialType,
  specification: z.string().trim().max(500).nullable().optional(),
  unitId: ZId,
  category: z.string().trim().max(100).nullable().optional(),
  description: ZOptionalText,
  isActive: z.boolean().optional(),
  isSerialTracked: z.boolean().optional(),
});
export const ZCreateMaterial = materialFields.strict();
export type TCreateMaterial = z.infer<typeof ZCreateMaterial>;
export const ZUpdateMaterial = materialFields.partial().strict();
export type TUpdateMaterial = z.infer<typeof ZUpdateMaterial>;
export const ZMaterialQuery = ZPageQuery.extend({
  type: ZMaterialType.optional(),
  category: z.string().max(100).optional(),
  isActive: z.enum(['true', 'false']).optional(),
}).strict();
export type TMaterialQuery = z.infer<typeof ZMaterialQuery>;
export type TUpdateUnit = z.infer<typeof ZUpdateUnit>;
export type TConvertResult = z.infer<typeof ZConvertResult>;

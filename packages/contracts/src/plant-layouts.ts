import { z } from 'zod';
import { ZId, ZName, ZPageQuery, ZTimestamp } from './common.ts';
import { ZEquipmentCategory, ZPlantNodeKind } from './modeling.ts';

// ---- 2D plant layouts: a floor plan of a site or area with equipment markers ----
export const PLANT_LAYOUT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export const ZPlantLayoutImageType = z.enum(PLANT_LAYOUT_IMAGE_TYPES);
/** the largest background image accepted (413 above it) */
export const MAX_PLANT_LAYOUT_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_PLANT_LAYOUT_MARKERS = 5000;

export const ZPlantLayout = z.object({
  id: ZId,
  /** the site or area (workshop) the plan shows */
  nodeId: ZId,
  nodeName: z.string(),
  name: z.string(),
  /** null until a background image is uploaded */
  backgroundType: ZPlantLayoutImageType.nullable(),
  /** the image's size in pixels; markers sit at fractions of it */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  markerCount: z.number().int(),
  /** sent back with every change: a stale version is refused (409) */
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TPlantLayout = z.infer<typeof ZPlantLayout>;

export const ZPlantLayoutMarker = z.object({
  equipmentId: ZId,
  /** fractions of the image's width and height, 0..1 from the top left */
  x: z.number(),
  y: z.number(),
  label: z.string().nullable(),
  equipmentCode: z.string(),
  equipmentName: z.string(),
  category: ZEquipmentCategory,
});
export type TPlantLayoutMarker = z.infer<typeof ZPlantLayoutMarker>;

export const ZPlantLayoutDetail = ZPlantLayout.extend({
  /** only the equipment within the caller's data scope */
  markers: z.array(ZPlantLayoutMarker),
});
export type TPlantLayoutDetail = z.infer<typeof ZPlantLayoutDetail>;

export const ZPlantLayoutQuery = ZPageQuery.extend({ nodeId: ZId.optional() }).strict();
export type TPlantLayoutQuery = z.infer<typeof ZPlantLayoutQuery>;

export const ZCreatePlantLayout = z.object({ nodeId: ZId, name: ZName }).strict();
export type TCreatePlantLayout = z.infer<typeof ZCreatePlantLayout>;

export const ZUpdatePlantLayout = z
  .object({ nodeId: ZId.optional(), name: ZName.optional(), version: z.number().int().min(1) })
  .strict();
export type TUpdatePlantLayout = z.infer<typeof ZUpdatePlantLayout>;

export const ZPlantLayoutVersionQuery = z
  .object({ version: z.coerce.number().int().min(1).describe('the layout version the upload replaces') })
  .strict();

const fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
export const ZSavePlantLayoutMarkers = z
  .object({
    version: z.number().int().min(1),
    /** replaces every marker of the layout; one per equipment */
    markers: z
      .array(
        z
          .object({
            equipmentId: ZId,
            x: fraction,
            y: fraction,
            label: z.string().trim().max(100).nullable().optional(),
          })
          .strict(),
      )
      .max(MAX_PLANT_LAYOUT_MARKERS),
  })
  .strict();
export type TSavePlantLayoutMarkers = z.infer<typeof ZSavePlantLayoutMarkers>;

// ---- the factory model for the 3D plant view, in one request ----
export const ZPlantModel = z.object({
  nodes: z.array(
    z.object({ id: ZId, parentId: ZId.nullable(), kind: ZPlantNodeKind, code: z.string(), name: z.string() }),
  ),
  equipment: z.array(
    z.object({
      id: ZId,
      nodeId: ZId,
      code: z.string(),
      name: z.string(),
      category: ZEquipmentCategory,
    }),
  ),
});
export type TPlantModel = z.infer<typeof ZPlantModel>;

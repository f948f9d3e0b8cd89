import { z } from 'zod';
import { ZCode, ZId, ZNonNegativeDecimal, ZOptionalText, ZPage, ZPageQuery, ZTimestamp } from './common.ts';
import { ZMaterialType } from './modeling.ts';

// ---- inventory: lots, serial numbers, stock moves ----
export const LOT_ORIGINS = ['received', 'produced'] as const;
export const ZLotOrigin = z.enum(LOT_ORIGINS);
export type LotOrigin = z.infer<typeof ZLotOrigin>;
export const LOT_STATUSES = ['available', 'on_hold', 'blocked'] as const;
export const ZLotStatus = z.enum(LOT_STATUSES);
export type LotStatus = z.infer<typeof ZLotStatus>;
export const STOCK_MOVE_KINDS = ['receipt', 'issue', 'return', 'output', 'backflush', 'adjustment'] as const;
export const ZStockMoveKind = z.enum(STOCK_MOVE_KINDS);
export type StockMoveKind = z.infer<typeof ZStockMoveKind>;
export const ZStockPlace = z.enum(['supplier', 'stock', 'work_order', 'consumed', 'adjustment']);
export type StockPlace = z.infer<typeof ZStockPlace>;

export const ZLotQuantity = ZNonNegativeDecimal.refine(
  (v) => !/^0*(\.0*)?$/.test(v),
  'must be greater than 0',
);

export const ZLot = z.object({
  id: ZId,
  lotNumber: z.string(),
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  materialType: ZMaterialType,
  /** on hand, in the material's unit */
  quantity: z.string(),
  unitCode: z.string(),
  origin: ZLotOrigin,
  supplier: z.string().nullable(),
  supplierLot: z.string().nullable(),
  /** received at, or first produced at */
  originAt: ZTimestamp,
  workOrderId: ZId.nullable(),
  workOrderNumber: z.string().nullable(),
  operationId: ZId.nullable(),
  status: ZLotStatus,
  serialCount: z.number().int(),
  note: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TLot = z.infer<typeof ZLot>;

export const ZStockMove = z.object({
  id: ZId,
  lotId: ZId,
  lotNumber: z.string(),
  materialCode: z.string(),
  kind: ZStockMoveKind,
  quantity: z.string(),
  fromPlace: ZStockPlace,
  toPlace: ZStockPlace,
  workOrderId: ZId.nullable(),
  workOrderNumber: z.string().nullable(),
  operationId: ZId.nullable(),
  jobReportId: ZId.nullable(),
  reason: z.string().nullable(),
  movedBy: ZId.nullable(),
  movedByName: z.string().nullable(),
  movedAt: ZTimestamp,
});
export type TStockMove = z.infer<typeof ZStockMove>;

export const ZLotDetail = ZLot.extend({
  serials: z.array(z.string()),
  moves: z.array(ZStockMove),
});
export type TLotDetail = z.infer<typeof ZLotDetail>;

export const ZLotNumber = ZCode.describe('a lot number as printed on the label');

/** 收货: a new lot received from a supplier; serial numbers (if any) one per piece. */
export const ZReceiveLot = z
  .object({
    lotNumber: ZLotNumber,
    materialId: ZId,
    quantity: ZLotQuantity,
    supplier: z.string().trim().max(200).nullable().optional(),
    supplierLot: z.string().trim().max(100).nullable().optional(),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    serials: z.array(ZCode).max(10000).optional(),
    note: ZOptionalText,
  })
  .strict();
export type TReceiveLot = z.input<typeof ZReceiveLot>;
export type TReceiveLotParsed = z.output<typeof ZReceiveLot>;

export const ZUpdateLot = z
  .object({
    status: ZLotStatus.optional(),
    supplier: z.string().trim().max(200).nullable().optional(),
    supplierLot: z.string().trim().max(100).nullable().optional(),
    note: ZOptionalText,
  })
  .strict();
export type TUpdateLot = z.infer<typeof ZUpdateLot>;

/** 盘点调整: the counted quantity on hand; the difference becomes an adjustment move. */
export const ZAdjustLot = z
  .object({ quantity: ZNonNegativeDecimal, reason: z.string().trim().min(1).max(200) })
  .strict();
export type TAdjustLot = z.infer<typeof ZAdjustLot>;

export const ZLotFilters = z
  .object({
    q: z.string().trim().max(100).optional(),
    /** exact lot number (a scan) */
    lotNumber: z.string().trim().max(64).optional(),
    materialId: ZId.optional(),
    origin: ZLotOrigin.optional(),
    status: ZLotStatus.optional(),
    workOrderId: ZId.optional(),
    /** only lots with something on hand */
    inStock: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type TLotFilters = z.infer<typeof ZLotFilters>;
export const ZLotQuery = ZPageQuery.omit({ q: true }).extend(ZLotFilters.shape).strict();
export type TLotQuery = z.infer<typeof ZLotQuery>;
export const ZLotPage = ZPage(ZLot);

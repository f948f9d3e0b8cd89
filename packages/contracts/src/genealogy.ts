import { z } from 'zod';
import { ZId, ZPage, ZPageQuery, ZTimestamp } from './common.ts';
import { ZLot, ZLotNumber, ZLotQuantity, ZStockMove } from './inventory.ts';
import { ZMaterialType } from './modeling.ts';

// ---- production: material issue and return by lot, output lots, genealogy ----

/** 领料: a scanned lot issued to a work order (optionally to the operation that consumes it). */
export const ZIssueMaterial = z
  .object({
    lotNumber: ZLotNumber,
    /** needed only when two requirement materials have a lot of this number */
    materialId: ZId.optional(),
    quantity: ZLotQuantity,
    operationId: ZId.optional(),
    /** issue beyond the order's requirement (else 400 on body.quantity) */
    allowOverIssue: z.boolean().optional(),
  })
  .strict();
export type TIssueMaterial = z.input<typeof ZIssueMaterial>;

/** 退料: a lot issued to the order goes back to stock (at most what is still at the order). */
export const ZReturnMaterial = z
  .object({ lotNumber: ZLotNumber, materialId: ZId.optional(), quantity: ZLotQuantity })
  .strict();
export type TReturnMaterial = z.input<typeof ZReturnMaterial>;

export const ZSetBackflush = z.object({ isBackflush: z.boolean() }).strict();
export type TSetBackflush = z.infer<typeof ZSetBackflush>;

/** A lot's balance at one work order: issued − returned − consumed into output lots = at the order. */
export const ZOrderLot = z.object({
  lotId: ZId,
  lotNumber: z.string(),
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  unitCode: z.string(),
  issued: z.string(),
  returned: z.string(),
  /** into the order's output lots: linked issued lots and backflush */
  consumed: z.string(),
  atOrder: z.string(),
  /** the lot's on hand in stock */
  onHand: z.string(),
});
export type TOrderLot = z.infer<typeof ZOrderLot>;

export const ZOrderMaterialLine = z.object({
  lineNo: z.number().int(),
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  unitCode: z.string(),
  quantity: z.string(),
  issuedQuantity: z.string(),
  isMade: z.boolean(),
  isBackflush: z.boolean(),
});
export type TOrderMaterialLine = z.infer<typeof ZOrderMaterialLine>;

/** What the materials tab and the terminal show for an order. */
export const ZOrderMaterials = z.object({
  workOrderId: ZId,
  workOrderNumber: z.string(),
  lines: z.array(ZOrderMaterialLine),
  lots: z.array(ZOrderLot),
  outputLots: z.array(ZLot),
  moves: z.array(ZStockMove),
});
export type TOrderMaterials = z.infer<typeof ZOrderMaterials>;

export const ZMaterialMoveResult = z.object({
  move: ZStockMove,
  lot: ZLot,
  line: ZOrderMaterialLine,
});
export type TMaterialMoveResult = z.infer<typeof ZMaterialMoveResult>;

export const TRACE_DIRECTIONS = ['backward', 'forward'] as const;
export const ZTraceDirection = z.enum(TRACE_DIRECTIONS);
export type TraceDirection = z.infer<typeof ZTraceDirection>;

/**
 * One lot in a trace tree. Backward: the children are the lots consumed into it; forward: the lots it
 * went into. `quantity` is the edge's: how much of the component lot went into the output lot through
 * `workOrderNumber` (summed per order), null at the root; `repeated` marks a lot already shown higher on
 * the same path (never expanded twice). `serialCount`: the lot's serial numbers (its pieces), listed by
 * GET /production/genealogy/lots/:id/serials.
 */
export interface TTraceNode {
  lotId: string;
  lotNumber: string;
  materialId: string;
  materialCode: string;
  materialName: string;
  materialType: z.infer<typeof ZMaterialType>;
  unitCode: string;
  origin: 'received' | 'produced';
  supplier: string | null;
  supplierLot: string | null;
  onHand: string;
  serialCount: number;
  quantity: string | null;
  workOrderId: string | null;
  workOrderNumber: string | null;
  isBackflush: boolean;
  repeated: boolean;
  children: TTraceNode[];
}
export const ZTraceNode: z.ZodType<TTraceNode> = z.lazy(() =>
  z.object({
    lotId: ZId,
    lotNumber: z.string(),
    materialId: ZId,
    materialCode: z.string(),
    materialName: z.string(),
    materialType: ZMaterialType,
    unitCode: z.string(),
    origin: z.enum(['received', 'produced']),
    supplier: z.string().nullable(),
    supplierLot: z.string().nullable(),
    onHand: z.string(),
    serialCount: z.number().int(),
    quantity: z.string().nullable(),
    workOrderId: ZId.nullable(),
    workOrderNumber: z.string().nullable(),
    isBackflush: z.boolean(),
    repeated: z.boolean(),
    children: z.array(ZTraceNode),
  }),
);

export const ZTraceQuery = z
  .object({
    direction: ZTraceDirection.default('backward'),
    /** a lot by id, or by number (with materialId when the number is used by several materials) */
    lotId: ZId.optional(),
    lotNumber: z.string().trim().min(1).max(64).optional(),
    /** or the lot carrying this serial number (with materialId when several materials use it) */
    serialNumber: z.string().trim().min(1).max(64).optional(),
    materialId: ZId.optional(),
  })
  .strict()
  .refine((q) => q.lotId || q.lotNumber || q.serialNumber, {
    message: 'lotId, lotNumber or serialNumber is required',
    path: ['lotNumber'],
  });
export type TTraceQuery = z.output<typeof ZTraceQuery>;

export const ZTrace = z.object({
  direction: ZTraceDirection,
  root: ZTraceNode,
  /** every work order on the tree, once */
  workOrders: z.array(z.object({ id: ZId, number: z.string() })),
  generatedAt: ZTimestamp,
});
export type TTrace = z.infer<typeof ZTrace>;

/** 序列号追溯: the lot carrying a serial number (with materialId when several materials use it). */
export const ZSerialTraceQuery = z
  .object({ serialNumber: z.string().trim().min(1).max(64), materialId: ZId.optional() })
  .strict();
export type TSerialTraceQuery = z.output<typeof ZSerialTraceQuery>;

/** A serial number's lot, traced both ways: what went into the piece's lot, and what that lot went into. */
export const ZSerialTrace = z.object({
  serialNumber: z.string(),
  lot: ZLot,
  backward: ZTrace,
  forward: ZTrace,
});
export type TSerialTrace = z.infer<typeof ZSerialTrace>;

/** A lot's serial numbers, a page at a time, in order; `q` keeps those containing it. */
export const ZLotSerialsQuery = ZPageQuery;
export type TLotSerialsQuery = z.output<typeof ZLotSerialsQuery>;
export const ZLotSerialPage = ZPage(z.string()).extend({ lotId: ZId, lotNumber: z.string() });
export type TLotSerialPage = z.infer<typeof ZLotSerialPage>;

/** What the terminal needs to scan serials: whether the order's product is serial-tracked, its output lot. */
export const ZOrderSerials = z.object({
  workOrderId: ZId,
  productId: ZId,
  isSerialTracked: z.boolean(),
  /** the order's output lot, once something was produced */
  outputLotNumber: z.string().nullable(),
  /** serial numbers recorded on the output lot so far */
  serialCount: z.number().int(),
});
export type TOrderSerials = z.infer<typeof ZOrderSerials>;

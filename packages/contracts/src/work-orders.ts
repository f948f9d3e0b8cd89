import { z } from 'zod';
import {
  ZCode,
  ZDate,
  ZId,
  ZNonNegativeDecimal,
  ZOptionalText,
  ZPage,
  ZPageQuery,
  ZTimestamp,
} from './common.ts';
import { ZMaterialType } from './modeling.ts';
import { ZAuditEntry } from './platform.ts';
import { ZMaterialRequirement } from './production.ts';

const ZQuantity = ZNonNegativeDecimal.refine((v) => !/^0*(\.0*)?$/.test(v), 'must be greater than zero');
/** 1 = most urgent … 9 = least; 5 by default */
export const ZPriority = z.number().int().min(1).max(9);

// ---- production plans ----
export const PLAN_STATUSES = ['draft', 'confirmed', 'closed'] as const;
export const ZPlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof ZPlanStatus>;
/** Lines are edited in draft; a confirmed plan is exploded into work orders; closed is final. */
export const PLAN_TRANSITIONS: Record<PlanStatus, PlanStatus[]> = {
  draft: ['confirmed', 'closed'],
  confirmed: ['draft', 'closed'],
  closed: [],
};

export const ZPlanLineInput = z
  .object({
    productId: ZId,
    quantity: ZQuantity,
    dueDate: ZDate,
    priority: ZPriority.default(5),
    note: ZOptionalText,
  })
  .strict();
export const ZSavePlan = z
  .object({
    code: ZCode.max(32),
    /** a plant node of kind site */
    siteId: ZId,
    periodStart: ZDate,
    periodEnd: ZDate,
    description: ZOptionalText,
    lines: z.array(ZPlanLineInput).max(500),
  })
  .strict();
export type TSavePlan = z.input<typeof ZSavePlan>;
export type TSavePlanParsed = z.output<typeof ZSavePlan>;

export const ZPlanLine = z.object({
  lineNo: z.number().int(),
  productId: ZId,
  productCode: z.string(),
  productName: z.string(),
  unitCode: z.string(),
  quantity: z.string(),
  dueDate: ZDate,
  priority: z.number().int(),
  note: z.string().nullable(),
  /** the finished-product work order made from the line; null until exploded */
  workOrderId: ZId.nullable(),
  workOrderNumber: z.string().nullable(),
});
export type TPlanLine = z.infer<typeof ZPlanLine>;

export const ZPlanSummary = z.object({
  id: ZId,
  code: z.string(),
  siteId: ZId,
  siteCode: z.string(),
  siteName: z.string(),
  periodStart: ZDate,
  periodEnd: ZDate,
  status: ZPlanStatus,
  description: z.string().nullable(),
  lineCount: z.number().int(),
  explodedCount: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;
export const ZPlan = ZPlanSummary.extend({ lines: z.array(ZPlanLine) });
export type TPlan = z.infer<typeof ZPlan>;
export const ZPlanPage = ZPage(ZPlanSummary);
export const ZPlanQuery = ZPageQuery.extend({
  status: ZPlanStatus.optional(),
  siteId: ZId.optional(),
}).strict();
export type TPlanQuery = z.infer<typeof ZPlanQuery>;
export const ZPlanTransition = z.object({ status: ZPlanStatus }).strict();

export const ZExplodePlan = z
  .object({ /** default every line */ lineNos: z.array(z.number().int().min(1)).max(500).optional() })
  .strict();
export type TExplodePlan = z.infer<typeof ZExplodePlan>;

// ---- work orders ----
export const WORK_ORDER_STATUSES = [
  'draft',
  'released',
  'in_progress',
  'completed',
  'closed',
  'on_hold',
  'cancelled',
] as const;
export const ZWorkOrderStatus = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof ZWorkOrderStatus>;

export const WORK_ORDER_ACTIONS = [
  'release',
  'start',
  'complete',
  'close',
  'hold',
  'resume',
  'cancel',
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];
/** Where each action may start and where it leads; resume returns to the status before the hold. */
export const WORK_ORDER_MOVES: Record<
  WorkOrderAction,
  { from: WorkOrderStatus[]; to: WorkOrderStatus | 'previous' }
> = {
  release: { from: ['draft'], to: 'released' },
  start: { from: ['released'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  close: { from: ['completed'], to: 'closed' },
  hold: { from: ['released', 'in_progress'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'previous' },
  cancel: { from: ['draft', 'released'], to: 'cancelled' },
};
export const ZWorkOrderActionBody = z
  .object({ /** required to hold */ reason: z.string().trim().max(500).optional() })
  .strict();

export const OPERATION_STATUSES = ['pending', 'ready', 'in_progress', 'paused', 'done'] as const;
export const ZOperationStatus = z.enum(OPERATION_STATUSES);

export const ZCreateWorkOrder = z
  .object({
    productId: ZId,
    quantity: ZQuantity,
    dueDate: ZDate.nullable().optional(),
    priority: ZPriority.default(5),
    plannedStart: z.iso.datetime({ offset: true }).nullable().optional(),
    plannedEnd: z.iso.datetime({ offset: true }).nullable().optional(),
    /** the day whose BOM and routing versions are taken; default today */
    effectiveOn: ZDate.optional(),
    note: ZOptionalText,
  })
  .strict();
export type TCreateWorkOrder = z.input<typeof ZCreateWorkOrder>;
export type TCreateWorkOrderParsed = z.output<typeof ZCreateWorkOrder>;

export const ZUpdateWorkOrder = z
  .object({
    dueDate: ZDate.nullable().optional(),
    priority: ZPriority.optional(),
    plannedStart: z.iso.datetime({ offset: true }).nullable().optional(),
    plannedEnd: z.iso.datetime({ offset: true }).nullable().optional(),
    note: ZOptionalText,
  })
  .strict();
export type TUpdateWorkOrder = z.infer<typeof ZUpdateWorkOrder>;

export const ZSplitWorkOrder = z.object({ quantities: z.tuple([ZQuantity, ZQuantity]) }).strict();
export type TSplitWorkOrder = z.infer<typeof ZSplitWorkOrder>;
export const ZMergeWorkOrders = z.object({ otherId: ZId }).strict();
export type TMergeWorkOrders = z.infer<typeof ZMergeWorkOrders>;

export const ZDispatchOperation = z
  .object({
    /** default the routing's */
    workCenterId: ZId.optional(),
    /** a shift of the site's calendar: the local date it starts on and its code; both or neither */
    shiftDate: ZDate.nullable().optional(),
    shiftCode: z.string().trim().min(1).max(32).nullable().optional(),
    /** workers (labour module) by id; kept without a foreign key */
    operatorIds: z.array(ZId).max(50).default([]),
  })
  .strict();
export type TDispatchOperation = z.input<typeof ZDispatchOperation>;

export const ZWorkOrderOperation = z.object({
  id: ZId,
  seqNo: z.number().int(),
  code: z.string(),
  name: z.string(),
  workCenterId: ZId,
  workCenterCode: z.string(),
  workCenterName: z.string(),
  setupMinutes: z.string(),
  runSecondsPerUnit: z.string(),
  requiredSkill: z.string().nullable(),
  isInspectionPoint: z.boolean(),
  status: ZOperationStatus,
  plannedQuantity: z.string(),
  goodQuantity: z.string(),
  scrapQuantity: z.string(),
  reworkQuantity: z.string(),
  shiftDate: ZDate.nullable(),
  shiftCode: z.string().nullable(),
  shiftStart: ZTimestamp.nullable(),
  shiftEnd: ZTimestamp.nullable(),
  operatorIds: z.array(ZId),
  dispatchedAt: ZTimestamp.nullable(),
});
export type TWorkOrderOperation = z.infer<typeof ZWorkOrderOperation>;

export const ZWorkOrderMaterial = z.object({
  lineNo: z.number().int(),
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  materialType: ZMaterialType,
  unitCode: z.string(),
  /** gross, scrap included, in the material's unit */
  quantity: z.string(),
  scrapPercent: z.string(),
  operationSeq: z.number().int().nullable(),
  /** made by a sub-assembly work order of this one */
  isMade: z.boolean(),
  childWorkOrderId: ZId.nullable(),
  issuedQuantity: z.string(),
});
export type TWorkOrderMaterial = z.infer<typeof ZWorkOrderMaterial>;

export const ZWorkOrderSummary = z.object({
  id: ZId,
  number: z.string(),
  productId: ZId,
  productCode: z.string(),
  productName: z.string(),
  productType: ZMaterialType,
  quantity: z.string(),
  unitCode: z.string(),
  status: ZWorkOrderStatus,
  priority: z.number().int(),
  dueDate: ZDate.nullable(),
  plannedStart: ZTimestamp.nullable(),
  plannedEnd: ZTimestamp.nullable(),
  bomId: ZId.nullable(),
  bomVersion: z.string().nullable(),
  routingId: ZId.nullable(),
  routingVersion: z.string().nullable(),
  planId: ZId.nullable(),
  planCode: z.string().nullable(),
  parentId: ZId.nullable(),
  parentNumber: z.string().nullable(),
  holdReason: z.string().nullable(),
  heldFromStatus: ZWorkOrderStatus.nullable(),
  note: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TWorkOrderSummary = z.infer<typeof ZWorkOrderSummary>;
export const ZWorkOrder = ZWorkOrderSummary.extend({
  effectiveOn: ZDate,
  operations: z.array(ZWorkOrderOperation),
  materials: z.array(ZWorkOrderMaterial),
  children: z.array(ZWorkOrderSummary.pick({ id: true, number: true, productCode: true, status: true })),
});
export type TWorkOrder = z.infer<typeof ZWorkOrder>;
export const ZWorkOrderPage = ZPage(ZWorkOrderSummary);

export const WORK_ORDER_SORTS = ['number', 'dueDate', 'priority', 'createdAt', 'status', 'product'] as const;
const workOrderFilters = {
  q: z.string().trim().max(100).optional(),
  status: z
    .union([ZWorkOrderStatus, z.array(ZWorkOrderStatus)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  productId: ZId.optional(),
  planId: ZId.optional(),
  dueFrom: ZDate.optional(),
  dueTo: ZDate.optional(),
  priority: z.coerce.number().int().min(1).max(9).optional(),
  sort: z.enum(WORK_ORDER_SORTS).default('number'),
  order: z.enum(['asc', 'desc']).default('desc'),
};
export const ZWorkOrderFilters = z.object(workOrderFilters).strict();
export type TWorkOrderFilters = z.output<typeof ZWorkOrderFilters>;
export const ZWorkOrderQuery = ZPageQuery.omit({ q: true }).extend(workOrderFilters).strict();
export type TWorkOrderQuery = z.output<typeof ZWorkOrderQuery>;

export const ZWorkOrderHistory = z.object({ items: z.array(ZAuditEntry) });

export const ZPlanExplosion = z.object({
  plan: ZPlan,
  /** orders made by this call (empty when every line was exploded before) */
  created: z.array(ZWorkOrderSummary),
  /** every order of the lines asked for, old and new */
  workOrders: z.array(ZWorkOrderSummary),
  /** bought components of the lines asked for, summed */
  requirements: z.array(ZMaterialRequirement),
});
export type TPlanExplosion = z.infer<typeof ZPlanExplosion>;

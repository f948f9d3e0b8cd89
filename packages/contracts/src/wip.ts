import { z } from 'zod';
import { ZId, ZNonNegativeDecimal, ZTimestamp } from './common.ts';
import { ZAlarmSeverity } from './alarms.ts';
import { ZAndonKind } from './andon.ts';
import { ZJobReportResult } from './job-reports.ts';
import { ZOperationStatus, ZWorkOrderStatus } from './work-orders.ts';

// ---- work in process by operation ----
export const ZWipQuery = z.object({ siteId: ZId.optional(), workCenterId: ZId.optional() }).strict();
export type TWipQuery = z.infer<typeof ZWipQuery>;

/** Quantities at one operation of one order (decimal strings). */
export const ZWipOperation = z.object({
  workOrderId: ZId,
  workOrderNumber: z.string(),
  workOrderStatus: ZWorkOrderStatus,
  productCode: z.string(),
  productName: z.string(),
  unitCode: z.string(),
  operationId: ZId,
  seqNo: z.number().int(),
  code: z.string(),
  name: z.string(),
  status: ZOperationStatus,
  isLast: z.boolean(),
  /** what has arrived: the order's quantity at the first operation, else what the previous one handed on */
  arrived: z.string(),
  /** arrived − reported at an operation not running */
  waiting: z.string(),
  /** arrived − reported at a running (or paused) operation */
  inProcess: z.string(),
  /** good output still here: all of it at the last operation, what is not transferred yet with explicit transfers */
  done: z.string(),
  good: z.string(),
  scrap: z.string(),
  /** reported beyond what arrived (automatic transfers: the previous operation reports late) */
  overReported: z.string(),
  /** paused: the reason of its last pause (an Andon stop pauses with "[Andon] <description>") */
  pauseReason: z.string().nullable(),
  /** unresolved Andon exceptions on the operation: a stopping one stops it, the others flag it */
  exceptions: z.array(
    z.object({
      id: ZId,
      kind: ZAndonKind,
      severity: ZAlarmSeverity,
      isStopping: z.boolean(),
      description: z.string(),
    }),
  ),
});
export type TWipOperation = z.infer<typeof ZWipOperation>;

export const ZWipTotals = z.object({
  waiting: z.string(),
  inProcess: z.string(),
  done: z.string(),
  orders: z.number().int(),
});
export const ZWipBoard = z.object({
  generatedAt: ZTimestamp,
  explicitTransfers: z.boolean(),
  workCenters: z.array(
    z.object({
      id: ZId,
      code: z.string(),
      name: z.string(),
      totals: ZWipTotals,
      operations: z.array(ZWipOperation),
    }),
  ),
  totals: ZWipTotals,
});
export type TWipBoard = z.infer<typeof ZWipBoard>;

// ---- explicit transfers ----
export const ZCreateTransfer = z.object({ quantity: ZNonNegativeDecimal, workerId: ZId }).strict();
export type TCreateTransfer = z.infer<typeof ZCreateTransfer>;
export const ZTransfer = z.object({
  id: ZId,
  workOrderId: ZId,
  fromOperationId: ZId,
  toOperationId: ZId,
  quantity: z.string(),
  workerId: ZId,
  transferredAt: ZTimestamp,
});
export type TTransfer = z.infer<typeof ZTransfer>;
/** An operation's transfer balance: good reported, handed on, still to hand on; what came in. */
export const ZTransferBalance = z.object({
  operationId: ZId,
  explicitTransfers: z.boolean(),
  nextOperationId: ZId.nullable(),
  good: z.string(),
  transferredOut: z.string(),
  available: z.string(),
  transferredIn: z.string().nullable(),
  transfers: z.array(ZTransfer),
});
export type TTransferBalance = z.infer<typeof ZTransferBalance>;

// ---- counter-driven reporting ----
export const COUNTER_MODES = ['off', 'propose'] as const;
export const ZCounterMode = z.enum(COUNTER_MODES);
export const ZSaveCounterConfig = z
  .object({
    /** a counter metric of a device bound to the equipment */
    metricId: z.coerce.number().int().positive(),
    /** parts per count of the counter */
    partsPerCount: ZNonNegativeDecimal.refine((v) => /[1-9]/.test(v), 'must be greater than 0'),
    mode: ZCounterMode,
  })
  .strict();
export type TSaveCounterConfig = z.input<typeof ZSaveCounterConfig>;
export const ZEquipmentIdParams = z.object({ equipmentId: ZId }).strict();

export const ZCounterMetricOption = z.object({
  metricId: z.number().int(),
  key: z.string(),
  name: z.string(),
  deviceCode: z.string(),
});
/** A piece of equipment with counter metrics, and its configuration if any. */
export const ZCounterConfigRow = z.object({
  equipmentId: ZId,
  equipmentCode: z.string(),
  equipmentName: z.string(),
  /** the plant node it stands in: proposals go to operations on that work center */
  nodeId: ZId,
  nodeCode: z.string(),
  nodeName: z.string(),
  metrics: z.array(ZCounterMetricOption),
  config: z
    .object({
      metricId: z.number().int(),
      partsPerCount: z.string(),
      mode: ZCounterMode,
      updatedAt: ZTimestamp,
    })
    .nullable(),
});
export type TCounterConfigRow = z.infer<typeof ZCounterConfigRow>;
export const ZCounterConfigList = z.array(ZCounterConfigRow);

export const ZCounterSource = z.object({
  equipmentId: ZId,
  equipmentCode: z.string(),
  metricId: z.number().int(),
  metricKey: z.string(),
  deviceCode: z.string(),
  partsPerCount: z.string(),
  /** the counter window read: from the last confirmed window (or the operation's first start) to `to` */
  from: ZTimestamp,
  to: ZTimestamp,
  /** the counter's increase in the minutes the operation ran in the window (resets count from zero, rollovers wrap) */
  counts: z.string(),
  /** minutes of the window the operation ran in */
  minutes: z.number().int(),
  quantity: z.string(),
});
export const ZCounterProposal = z.object({
  operationId: ZId,
  workOrderId: ZId,
  /** false: no equipment of the work center proposes from a counter */
  isConfigured: z.boolean(),
  quantity: z.string(),
  to: ZTimestamp,
  sources: z.array(ZCounterSource),
  method: z.string(),
});
export type TCounterProposal = z.infer<typeof ZCounterProposal>;

export const ZConfirmCounterProposal = z
  .object({
    workerId: ZId,
    /** the proposal's `to` the operator saw: exactly that window is confirmed */
    to: z.iso.datetime({ offset: true }),
    /** the good quantity, when the operator edited the proposal */
    goodQty: ZNonNegativeDecimal.optional(),
    clientId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TConfirmCounterProposal = z.infer<typeof ZConfirmCounterProposal>;

/** A confirmed proposal: the window confirmed and the quantity job report it became. */
export const ZCounterConfirmation = z.object({ proposal: ZCounterProposal, jobReport: ZJobReportResult });
export type TCounterConfirmation = z.infer<typeof ZCounterConfirmation>;

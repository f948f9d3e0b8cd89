import { z } from 'zod';
import { ZDate, ZId, ZTimestamp } from './common.ts';
import { ZOperationStatus, ZWorkOrderStatus } from './work-orders.ts';

const ZInstant = z.iso.datetime({ offset: true });

/** POST /production/schedule: schedule the released and in-progress orders of a site over a horizon. */
export const ZScheduleRun = z
  .object({
    siteId: ZId,
    /** default now */
    from: ZInstant.optional(),
    /** default from + 14 days; at most 62 days after from */
    to: ZInstant.optional(),
    /** move flexible operations out of peak tariff periods when that keeps their order on time */
    energyAware: z.boolean().default(false),
    /** energy-aware: treat every operation as flexible */
    allFlexible: z.boolean().default(false),
    /** true (default): return the proposal; false: store it */
    dryRun: z.boolean().default(true),
  })
  .strict();
export type TScheduleRun = z.input<typeof ZScheduleRun>;
export type TScheduleRunParsed = z.output<typeof ZScheduleRun>;

/** GET /production/schedule */
export const ZScheduleQuery = z.object({ siteId: ZId, from: ZInstant, to: ZInstant }).strict();
export type TScheduleQuery = z.infer<typeof ZScheduleQuery>;

export const ZScheduleBar = z.object({
  operationId: ZId,
  workOrderId: ZId,
  workOrderNumber: z.string(),
  orderStatus: ZWorkOrderStatus,
  productCode: z.string(),
  productName: z.string(),
  priority: z.number().int(),
  dueDate: ZDate.nullable(),
  seqNo: z.number().int(),
  operationCode: z.string(),
  operationName: z.string(),
  status: ZOperationStatus,
  workCenterId: ZId,
  start: ZTimestamp,
  end: ZTimestamp,
  /** set by a planner (drag / move): the scheduler keeps its start */
  isPinned: z.boolean(),
  /** may be moved out of peak tariff periods */
  isFlexible: z.boolean(),
  /** ends after the order's due date (end of that day in the enterprise's time zone) */
  isLate: z.boolean(),
  /** moved later by the energy-aware mode (proposals only) */
  isShifted: z.boolean(),
});
export type TScheduleBar = z.infer<typeof ZScheduleBar>;

export const ZScheduleWorkCenter = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  /** operations at once: the work center's in-service equipment, at least 1 */
  capacity: z.number().int(),
  /** kW one operation draws: the average rated power of that equipment; null if none is rated */
  powerKw: z.number().nullable(),
});

export const ZScheduleShift = z.object({
  date: ZDate,
  shiftCode: z.string(),
  shiftName: z.string(),
  start: ZTimestamp,
  end: ZTimestamp,
  breaks: z.array(z.object({ start: ZTimestamp, end: ZTimestamp })),
});

/** The Gantt's data: work centers as rows, shifts to shade, operations as bars. */
export const ZSchedule = z.object({
  siteId: ZId,
  timezone: z.string(),
  from: ZTimestamp,
  to: ZTimestamp,
  workCenters: z.array(ZScheduleWorkCenter),
  shifts: z.array(ZScheduleShift),
  bars: z.array(ZScheduleBar),
});
export type TSchedule = z.infer<typeof ZSchedule>;

export const UNSCHEDULABLE_REASONS = [
  'no_working_time',
  'beyond_horizon',
  'predecessor_unschedulable',
] as const;

export const ZScheduleEnergy = z.object({
  /** an electricity tariff covered the scheduled hours */
  hasTariff: z.boolean(),
  /** energy of the operations with a known power: normal schedule vs energy-aware */
  kwh: z.number(),
  costBefore: z.string(),
  costAfter: z.string(),
  costSaving: z.string(),
  peakKwhBefore: z.number(),
  peakKwhAfter: z.number(),
  /** highest 15-minute demand of the scheduled load, kW */
  maxDemandKwBefore: z.number().nullable(),
  maxDemandKwAfter: z.number().nullable(),
  shiftedOperations: z.number().int(),
  operationsWithoutPower: z.number().int(),
});
export type TScheduleEnergy = z.infer<typeof ZScheduleEnergy>;

export const ZScheduleRunResult = ZSchedule.extend({
  isApplied: z.boolean(),
  energyAware: z.boolean(),
  scheduledCount: z.number().int(),
  lateOrders: z.array(
    z.object({
      workOrderId: ZId,
      workOrderNumber: z.string(),
      dueDate: ZDate,
      plannedEnd: ZTimestamp,
    }),
  ),
  unschedulable: z.array(
    z.object({
      operationId: ZId,
      workOrderNumber: z.string(),
      seqNo: z.number().int(),
      workCenterId: ZId,
      reason: z.enum(UNSCHEDULABLE_REASONS),
    }),
  ),
  energy: ZScheduleEnergy.nullable(),
});
export type TScheduleRunResult = z.infer<typeof ZScheduleRunResult>;

/** PATCH /production/schedule/operations/:id: a planner's move (pins the start; null unpins). */
export const ZMoveScheduledOperation = z
  .object({
    plannedStart: ZInstant.nullable().optional(),
    isFlexible: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.plannedStart !== undefined || v.isFlexible !== undefined, {
    message: 'give plannedStart or isFlexible',
    path: ['plannedStart'],
  });
export type TMoveScheduledOperation = z.infer<typeof ZMoveScheduledOperation>;

export const SCHEDULE_WARNING_KINDS = [
  'overlap',
  'outside_working_time',
  'before_predecessor',
  'after_successor',
  'after_due',
  'beyond_horizon',
] as const;
export const ZScheduleWarning = z.object({
  kind: z.enum(SCHEDULE_WARNING_KINDS),
  /** English; the web shows its own text per kind */
  message: z.string(),
  /** overlap: the other operations' order numbers and seq nos */
  operations: z.array(z.object({ operationId: ZId, workOrderNumber: z.string(), seqNo: z.number().int() })),
  /** before_predecessor / after_successor / after_due: the instant in question */
  at: ZTimestamp.nullable(),
});
export type TScheduleWarning = z.infer<typeof ZScheduleWarning>;

export const ZMoveScheduledResult = z.object({
  /** null: the operation has no planned start (only its flexibility changed) */
  bar: ZScheduleBar.nullable(),
  warnings: z.array(ZScheduleWarning),
});
export type TMoveScheduledResult = z.infer<typeof ZMoveScheduledResult>;

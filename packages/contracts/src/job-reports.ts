import { z } from 'zod';
import { ZCode, ZId, ZNonNegativeDecimal, ZPage, ZPageQuery, ZTimestamp } from './common.ts';
import { ZOperationStatus, ZWorkOrderStatus } from './work-orders.ts';

// ---- shop-floor job reports on work-order operations ----
export const JOB_REPORT_KINDS = ['start', 'pause', 'resume', 'quantity', 'finish'] as const;
export const ZJobReportKind = z.enum(JOB_REPORT_KINDS);
export type JobReportKind = z.infer<typeof ZJobReportKind>;

const common = {
  /** the worker (labour module) who reports: the one signed in at the terminal */
  workerId: ZId,
  /** the terminal's idempotency key: a retry with the same key returns the first result */
  clientId: z.string().trim().min(1).max(100).optional(),
  /** the terminal's clock when it happened (it may have queued the report offline) */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
};
const quantities = {
  goodQty: ZNonNegativeDecimal.optional(),
  scrapQty: ZNonNegativeDecimal.optional(),
  /** required when scrapQty > 0 */
  scrapReasonCode: z.string().trim().min(1).max(64).optional(),
  reworkQty: ZNonNegativeDecimal.optional(),
  /**
   * the pieces' serial numbers when the order's product is serial-tracked and this is its last operation:
   * one per good piece, none repeated, none used before for the product; without them the server numbers
   * the pieces after the output lot (`<lot number>-0001` …)
   */
  serials: z.array(ZCode).max(10000).optional(),
};
export const ZCreateJobReport = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), ...common }).strict(),
  z.object({ kind: z.literal('pause'), ...common, reason: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('resume'), ...common }).strict(),
  z.object({ kind: z.literal('quantity'), ...common, ...quantities }).strict(),
  /** finish may carry the last quantities */
  z.object({ kind: z.literal('finish'), ...common, ...quantities }).strict(),
]);
export type TCreateJobReport = z.input<typeof ZCreateJobReport>;
export type TCreateJobReportParsed = z.output<typeof ZCreateJobReport>;

export const ZJobReport = z.object({
  id: ZId,
  workOrderId: ZId,
  workOrderNumber: z.string(),
  operationId: ZId,
  operationSeqNo: z.number().int(),
  operationCode: z.string(),
  workerId: ZId,
  workerEmployeeNo: z.string().nullable(),
  workerName: z.string().nullable(),
  kind: ZJobReportKind,
  reason: z.string().nullable(),
  goodQty: z.string(),
  scrapQty: z.string(),
  scrapReasonCode: z.string().nullable(),
  reworkQty: z.string(),
  reportedAt: ZTimestamp,
  occurredAt: ZTimestamp.nullable(),
  clientId: z.string().nullable(),
  createdBy: ZId.nullable(),
});
export type TJobReport = z.infer<typeof ZJobReport>;

/** What a report leaves behind: the report, the operation's totals and status, the order's status. */
export const ZJobReportResult = z.object({
  report: ZJobReport,
  operation: z.object({
    id: ZId,
    seqNo: z.number().int(),
    status: ZOperationStatus,
    plannedQuantity: z.string(),
    goodQuantity: z.string(),
    scrapQuantity: z.string(),
    reworkQuantity: z.string(),
  }),
  workOrderStatus: ZWorkOrderStatus,
  /** every operation of the order is done: it may be completed (POST …/:id/complete) */
  allOperationsDone: z.boolean(),
  /** false when the clientId had been seen: this is the first result again, nothing was counted */
  isNew: z.boolean(),
});
export type TJobReportResult = z.infer<typeof ZJobReportResult>;

export const ZJobReportQuery = ZPageQuery.omit({ q: true })
  .extend({
    workOrderId: ZId.optional(),
    operationId: ZId.optional(),
    workerId: ZId.optional(),
    kind: ZJobReportKind.optional(),
    /** reported at or after `from`, before `to` */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type TJobReportQuery = z.infer<typeof ZJobReportQuery>;
export const ZJobReportPage = ZPage(ZJobReport);

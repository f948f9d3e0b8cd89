import { z } from 'zod';
import { ZDate, ZId, ZPage, ZPageQuery, ZTimestamp } from './common.ts';
import { ZRateMatch, ZScrapPolicy } from './labour.ts';

/**
 * Wage sheets: one per worker per period (inclusive days in the enterprise's time zone), computed from
 * the worker's job reports — piece pay, scrap by the rate's policy, rework, and hours × the grade's hourly
 * rate — draft → approved. Amounts are yuan as decimal strings (2 fraction digits), never floats.
 */

export const WAGE_SHEET_STATUSES = ['draft', 'approved'] as const;
export const ZWageSheetStatus = z.enum(WAGE_SHEET_STATUSES);
export type WageSheetStatus = z.infer<typeof ZWageSheetStatus>;
export const WAGE_LINE_KINDS = ['piece', 'time'] as const;
/** why a line priced nothing */
export const WAGE_WARNINGS = ['no_piece_rate', 'no_time_rate', 'no_grade'] as const;
export const ZWageWarning = z.enum(WAGE_WARNINGS);
export type WageWarning = z.infer<typeof ZWageWarning>;

/** At most 366 days, end not before start. */
const periodCheck = (r: { periodStart: string; periodEnd: string }, ctx: z.RefinementCtx) => {
  if (r.periodEnd < r.periodStart)
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
  else if (Date.parse(r.periodEnd) - Date.parse(r.periodStart) > 365 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'a period is at most 366 days' });
};

export const ZGenerateWageSheets = z
  .object({
    /** first day of the period (inclusive, the enterprise's time zone) */
    periodStart: ZDate,
    /** last day (inclusive) */
    periodEnd: ZDate,
    /** these workers only; absent = every active worker and everyone who reported in the period */
    workerIds: z.array(ZId).min(1).max(500).optional(),
  })
  .strict()
  .superRefine(periodCheck);
export type TGenerateWageSheets = z.infer<typeof ZGenerateWageSheets>;

export const ZWageSheet = z.object({
  id: ZId,
  workerId: ZId,
  employeeNo: z.string(),
  workerName: z.string(),
  teamId: ZId.nullable(),
  teamCode: z.string().nullable(),
  teamName: z.string().nullable(),
  gradeId: ZId.nullable(),
  gradeName: z.string().nullable(),
  periodStart: ZDate,
  periodEnd: ZDate,
  timezone: z.string(),
  status: ZWageSheetStatus,
  goodQty: z.string(),
  scrapQty: z.string(),
  reworkQty: z.string(),
  hours: z.string(),
  pieceAmount: z.string(),
  /** negative when scrap is deducted */
  scrapAmount: z.string(),
  reworkAmount: z.string(),
  timeAmount: z.string(),
  totalAmount: z.string(),
  warningCount: z.number().int(),
  generatedAt: ZTimestamp,
  approvedAt: ZTimestamp.nullable(),
  approvedBy: ZId.nullable(),
  approvedByName: z.string().nullable(),
  updatedAt: ZTimestamp,
});
export type TWageSheet = z.infer<typeof ZWageSheet>;

export const ZWageSheetLine = z.object({
  lineNo: z.number().int(),
  kind: z.enum(WAGE_LINE_KINDS),
  workDate: ZDate,
  jobReportId: ZId.nullable(),
  workOrderId: ZId.nullable(),
  workOrderNumber: z.string().nullable(),
  operationId: ZId.nullable(),
  operationCode: z.string(),
  productId: ZId.nullable(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  goodQty: z.string(),
  scrapQty: z.string(),
  reworkQty: z.string(),
  hours: z.string(),
  rateId: ZId.nullable(),
  /** yuan per good unit (piece) or per hour (time) */
  rate: z.string().nullable(),
  /** the level the piece rate's key matched at */
  rateMatch: ZRateMatch.nullable(),
  /** the rate's key and period in words: "TURN · SF-IMP-150 · any grade, 2025-01-01 – …" */
  rateBasis: z.string().nullable(),
  scrapPolicy: ZScrapPolicy.nullable(),
  scrapDeduction: z.string().nullable(),
  scrapPayPercent: z.string().nullable(),
  reworkRate: z.string().nullable(),
  pieceAmount: z.string(),
  scrapAmount: z.string(),
  reworkAmount: z.string(),
  timeAmount: z.string(),
  amount: z.string(),
  warning: ZWageWarning.nullable(),
});
export type TWageSheetLine = z.infer<typeof ZWageSheetLine>;
export const ZWageSheetDetail = ZWageSheet.extend({ lines: z.array(ZWageSheetLine) });
export type TWageSheetDetail = z.infer<typeof ZWageSheetDetail>;

export const ZWageSheetFilters = z
  .object({
    /** employee no. or name */
    q: z.string().trim().max(100).optional(),
    workerId: ZId.optional(),
    /** the team node or anywhere below it */
    teamId: ZId.optional(),
    /** sheets whose period overlaps [from, to] */
    from: ZDate.optional(),
    to: ZDate.optional(),
    status: ZWageSheetStatus.optional(),
  })
  .strict();
export type TWageSheetFilters = z.infer<typeof ZWageSheetFilters>;
export const ZWageSheetQuery = ZPageQuery.extend(ZWageSheetFilters.shape).strict();
export type TWageSheetQuery = z.infer<typeof ZWageSheetQuery>;
/** the sums of every sheet matching the filters, not only the page's */
export const ZWageSheetTotals = z.object({
  hours: z.string(),
  pieceAmount: z.string(),
  scrapAmount: z.string(),
  reworkAmount: z.string(),
  timeAmount: z.string(),
  totalAmount: z.string(),
});
export const ZWageSheetPage = ZPage(ZWageSheet).extend({ totals: ZWageSheetTotals });
export type TWageSheetPage = z.infer<typeof ZWageSheetPage>;

export const ZGenerateWageSheetsResult = z.object({
  sheets: z.array(ZWageSheet),
  /** approved sheets of the period left as they are (only when no workers were named) */
  skipped: z.array(z.object({ workerId: ZId, employeeNo: z.string(), sheetId: ZId, reason: z.string() })),
});
export type TGenerateWageSheetsResult = z.infer<typeof ZGenerateWageSheetsResult>;

export const ZRevertWageSheet = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type TRevertWageSheet = z.infer<typeof ZRevertWageSheet>;

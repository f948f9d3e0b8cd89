import { z } from 'zod';
import {
  ZDate,
  ZDecimal,
  ZId,
  ZCode,
  ZName,
  ZNonNegativeDecimal,
  ZOptionalText,
  ZPage,
  ZPageQuery,
  ZTimestamp,
} from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';

/** A calendar month as YYYY-MM (the economic figures are monthly). */
export const ZYearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

// ---- 经济指标: monthly gross output value, value added and product output per site ----

export const ZEconomicProductOutputInput = z
  .object({
    materialId: ZId,
    /** in the material's unit */
    quantity: ZNonNegativeDecimal,
    /** 合格产量; at most the quantity */
    qualifiedQuantity: ZNonNegativeDecimal.nullable().optional(),
  })
  .strict();

/** PUT body for one site and month; replaces the month's product output rows. */
export const ZPutEconomicMonth = z
  .object({
    /** 工业总产值, 10⁴ yuan at comparable prices */
    grossOutputValue: ZNonNegativeDecimal,
    /** 工业增加值, 10⁴ yuan (may be negative in a bad month) */
    valueAdded: ZDecimal,
    note: ZOptionalText,
    products: z.array(ZEconomicProductOutputInput).max(500).default([]),
  })
  .strict();
export type TPutEconomicMonth = z.input<typeof ZPutEconomicMonth>;

export const ZEconomicMonthParams = z.object({ siteId: ZId, month: ZYearMonth }).strict();

export const ZEconomicProductOutput = z.object({
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  unitCode: z.string(),
  quantity: z.string(),
  qualifiedQuantity: z.string().nullable(),
});
export type TEconomicProductOutput = z.infer<typeof ZEconomicProductOutput>;

export const ZEconomicMonth = z.object({
  id: ZId,
  siteId: ZId,
  siteCode: z.string(),
  siteName: z.string(),
  month: z.string(),
  grossOutputValue: z.string(),
  valueAdded: z.string(),
  note: z.string().nullable(),
  products: z.array(ZEconomicProductOutput),
  updatedBy: z.string().nullable(),
  updatedAt: ZTimestamp,
});
export type TEconomicMonth = z.infer<typeof ZEconomicMonth>;
export const ZEconomicMonthPage = ZPage(ZEconomicMonth);

export const ZEconomicsFilters = z
  .object({
    siteId: ZId.optional(),
    year: z.coerce.number().int().min(1990).max(2200).optional(),
    from: ZYearMonth.optional(),
    to: ZYearMonth.optional(),
  })
  .strict();
export const ZEconomicsQuery = ZPageQuery.omit({ q: true }).extend(ZEconomicsFilters.shape).strict();
export type TEconomicsQuery = z.infer<typeof ZEconomicsQuery>;
export type TEconomicsFilters = z.infer<typeof ZEconomicsFilters>;

export const ZEconomicsSummaryQuery = z
  .object({
    /** comma-separated site ids; absent = every site in your data scope */
    siteIds: z.string().optional(),
    from: ZYearMonth,
    to: ZYearMonth,
  })
  .strict();

/** Sums over a month range: the denominators of energy intensity (tce per 10⁴ yuan, per product). */
export const ZEconomicsSummary = z.object({
  from: z.string(),
  to: z.string(),
  siteIds: z.array(ZId).nullable(),
  /** site-months with figures in the range; fewer than sites × months means gaps */
  monthsReported: z.number().int(),
  grossOutputValue: z.string(),
  valueAdded: z.string(),
  products: z.array(
    ZEconomicProductOutput.omit({ qualifiedQuantity: true }).extend({ qualifiedQuantity: z.string() }),
  ),
});
export type TEconomicsSummary = z.infer<typeof ZEconomicsSummary>;

// ---- 节能项目台账: energy-saving projects ----

export const SAVING_MEASURE_TYPES = [
  'equipment_upgrade',
  'process_improvement',
  'waste_heat_recovery',
  'lighting',
  'motor_vfd',
  'compressed_air',
  'renewables',
  'management',
  'other',
] as const;
export const ZSavingMeasureType = z.enum(SAVING_MEASURE_TYPES);
export type SavingMeasureType = z.infer<typeof ZSavingMeasureType>;

export const SAVING_PROJECT_STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export const ZSavingProjectStatus = z.enum(SAVING_PROJECT_STATUSES);
export type SavingProjectStatus = z.infer<typeof ZSavingProjectStatus>;
/** The allowed moves; anything else is a 409. Done and cancelled are final. */
export const SAVING_PROJECT_TRANSITIONS: Record<SavingProjectStatus, SavingProjectStatus[]> = {
  planned: ['ongoing', 'cancelled'],
  ongoing: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

const savingFields = {
  name: ZName,
  nodeId: ZId,
  measureType: ZSavingMeasureType,
  startDate: ZDate.nullable().optional(),
  finishDate: ZDate.nullable().optional(),
  /** 10⁴ yuan */
  investment: ZNonNegativeDecimal.nullable().optional(),
  media: z.array(z.enum(ENERGY_MEDIA)).max(10).optional(),
  expectedSavingsTce: ZNonNegativeDecimal.nullable().optional(),
  /** the saving in the main medium's own unit (kWh, m3, t …) */
  expectedSavingsQuantity: ZNonNegativeDecimal.nullable().optional(),
  expectedSavingsUnit: z.string().trim().max(20).nullable().optional(),
  /** 10⁴ yuan per year */
  expectedSavingsValue: ZNonNegativeDecimal.nullable().optional(),
  verifiedSavingsTce: ZNonNegativeDecimal.nullable().optional(),
  verifiedSavingsValue: ZNonNegativeDecimal.nullable().optional(),
  verificationMethod: z.string().trim().max(500).nullable().optional(),
  verifiedOn: ZDate.nullable().optional(),
  verifiedBy: z.string().trim().max(100).nullable().optional(),
  description: ZOptionalText,
};
export const ZCreateSavingProject = z.object({ code: ZCode, ...savingFields }).strict();
export type TCreateSavingProject = z.infer<typeof ZCreateSavingProject>;
export const ZUpdateSavingProject = z
  .object({ code: ZCode, ...savingFields })
  .partial()
  .strict();
export type TUpdateSavingProject = z.infer<typeof ZUpdateSavingProject>;
export const ZSavingProjectTransition = z
  .object({ status: ZSavingProjectStatus, date: ZDate.optional() })
  .strict();

export const ZSavingProject = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  nodeId: ZId,
  nodeCode: z.string(),
  nodeName: z.string(),
  measureType: ZSavingMeasureType,
  status: ZSavingProjectStatus,
  startDate: z.string().nullable(),
  finishDate: z.string().nullable(),
  investment: z.string().nullable(),
  media: z.array(z.string()),
  expectedSavingsTce: z.string().nullable(),
  expectedSavingsQuantity: z.string().nullable(),
  expectedSavingsUnit: z.string().nullable(),
  expectedSavingsValue: z.string().nullable(),
  verifiedSavingsTce: z.string().nullable(),
  verifiedSavingsValue: z.string().nullable(),
  verificationMethod: z.string().nullable(),
  verifiedOn: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  /** investment ÷ annual savings value, years: verified savings once there are any, else expected */
  simplePaybackYears: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TSavingProject = z.infer<typeof ZSavingProject>;
export const ZSavingProjectPage = ZPage(ZSavingProject);

export const ZSavingProjectFilters = z
  .object({
    q: z.string().trim().max(100).optional(),
    nodeId: ZId.optional(),
    status: ZSavingProjectStatus.optional(),
    measureType: ZSavingMeasureType.optional(),
    /** the year the project started or finished in */
    year: z.coerce.number().int().min(1990).max(2200).optional(),
  })
  .strict();
export type TSavingProjectFilters = z.infer<typeof ZSavingProjectFilters>;
export const ZSavingProjectQuery = ZPageQuery.omit({ q: true }).extend(ZSavingProjectFilters.shape).strict();
export type TSavingProjectQuery = z.infer<typeof ZSavingProjectQuery>;

const ZSavingTotalsRow = z.object({
  count: z.number().int(),
  investment: z.string(),
  expectedSavingsTce: z.string(),
  expectedSavingsValue: z.string(),
  verifiedSavingsTce: z.string(),
  verifiedSavingsValue: z.string(),
});
export const ZSavingProjectTotals = z.object({
  all: ZSavingTotalsRow,
  byStatus: z.array(ZSavingTotalsRow.extend({ status: ZSavingProjectStatus })),
  /** by the finish date's year, else the start date's; null = undated */
  byYear: z.array(ZSavingTotalsRow.extend({ year: z.number().int().nullable() })),
});
export type TSavingProjectTotals = z.infer<typeof ZSavingProjectTotals>;

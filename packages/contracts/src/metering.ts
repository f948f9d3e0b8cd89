import { z } from 'zod';
import { ZCode, ZDate, ZId, ZName, ZOptionalText, ZPageQuery, ZTimestamp } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';
import { ZEnergyUnit } from './energy.ts';

/** Energy meters in a GB 17167 hierarchy: level 1 enterprise incomer, 2 workshop, 3 key equipment. */
export const METER_SOURCES = ['telemetry', 'manual', 'formula'] as const;
const meterFields = {
  code: ZCode,
  name: ZName,
  medium: z.enum(ENERGY_MEDIA),
  unit: ZEnergyUnit,
  level: z.number().int().min(1).max(3),
  parentId: ZId.nullable().optional(),
  nodeId: ZId.nullable().optional(),
  equipmentId: ZId.nullable().optional(),
  source: z.enum(METER_SOURCES),
  /** source telemetry: a counter metric (its delta per interval, × multiplier, in the meter's unit) */
  metricId: z.number().int().positive().nullable().optional(),
  /** a CT/PT ratio or pulse weight: consumption = metric delta × multiplier */
  multiplier: z.number().finite().positive().default(1),
  /** source formula: meter codes with + and −, e.g. `E-MAIN - E-MC - E-AS` */
  formula: z.string().trim().max(2000).nullable().optional(),
  isEnabled: z.boolean().default(true),
  description: ZOptionalText,
};
export const ZCreateMeter = z.object(meterFields).strict();
export type TCreateMeter = z.infer<typeof ZCreateMeter>;
export const ZUpdateMeter = z.object(meterFields).partial().strict();
export type TUpdateMeter = z.infer<typeof ZUpdateMeter>;
export const ZMeter = z.object({
  ...meterFields,
  id: ZId,
  parentId: ZId.nullable(),
  parentCode: z.string().nullable(),
  nodeId: ZId.nullable(),
  nodeName: z.string().nullable(),
  equipmentId: ZId.nullable(),
  equipmentCode: z.string().nullable(),
  metricId: z.number().int().nullable(),
  metricLabel: z.string().nullable().describe('device code / metric key'),
  formula: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TMeter = z.infer<typeof ZMeter>;
export const ZMeterQuery = ZPageQuery.extend({
  medium: z.enum(ENERGY_MEDIA).optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  source: z.enum(METER_SOURCES).optional(),
  nodeId: ZId.optional(),
}).strict();

export const ZCreateMeterRecord = z
  .object({
    kind: z.enum(['reading', 'consumption']),
    /** reading: when the register was read; consumption: the period start */
    ts: z.iso.datetime({ offset: true }),
    /** consumption only: the period end (exclusive) */
    periodEnd: z.iso.datetime({ offset: true }).nullable().optional(),
    /** reading: the register; consumption: the quantity, in the meter's unit */
    value: z.number().finite(),
    documentNo: z.string().trim().max(100).nullable().optional(),
    note: ZOptionalText,
  })
  .strict();
export type TCreateMeterRecord = z.infer<typeof ZCreateMeterRecord>;
export const ZMeterRecord = ZCreateMeterRecord.extend({
  id: ZId,
  meterId: ZId,
  ts: ZTimestamp,
  periodEnd: ZTimestamp.nullable(),
  documentNo: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type TMeterRecord = z.infer<typeof ZMeterRecord>;
export const ZMeterRecordQuery = ZPageQuery.extend({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).strict();

/** Excel export of meters: the list filters without paging. */
export const ZMeterFilters = ZMeterQuery.omit({ page: true, pageSize: true });
export type TMeterFilters = z.infer<typeof ZMeterFilters>;
/** Excel export of the manual meters' readings and consumption records (record time in [from, to)). */
export const ZMeterRecordFilters = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    meterId: ZId.optional(),
  })
  .strict();
export type TMeterRecordFilters = z.infer<typeof ZMeterRecordFilters>;

export const GRANULARITIES = ['hour', 'day', 'month', 'year'] as const;
/** Consumption may also be asked by shift: the buckets are the site's shift instances (its calendar). */
export const CONSUMPTION_GRANULARITIES = [...GRANULARITIES, 'shift'] as const;
export const ZConsumptionQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    granularity: z.enum(CONSUMPTION_GRANULARITIES).default('day'),
    /** granularity shift: the site whose calendar gives the shifts (default: the only site with one) */
    siteId: ZId.optional(),
    /** comma-separated meter ids; default: every enabled meter */
    meterIds: z.string().max(8000).optional(),
    medium: z.enum(ENERGY_MEDIA).optional(),
  })
  .strict();
export type TConsumptionQuery = z.infer<typeof ZConsumptionQuery>;
export const ZMeterConsumption = z.object({
  meterId: ZId,
  code: z.string(),
  name: z.string(),
  medium: z.enum(ENERGY_MEDIA),
  unit: ZEnergyUnit,
  level: z.number().int(),
  /** [bucket start (epoch ms), quantity in the meter's unit or null when nothing was measured] */
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
  total: z.number().nullable(),
  /** standard coal, equivalent value (library coefficient or the enterprise's override) */
  tceEquivalent: z.number().nullable(),
  factorSource: z.string().nullable(),
});
export type TMeterConsumption = z.infer<typeof ZMeterConsumption>;
export const ZConsumptionShift = z.object({
  /** epoch ms, the same as the point's bucket start */
  start: z.number(),
  end: z.number(),
  shiftCode: z.string(),
  shiftName: z.string(),
  /** the local date the shift starts on */
  date: ZDate,
});
export const ZConsumptionResult = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  granularity: z.enum(CONSUMPTION_GRANULARITIES),
  timezone: z.string(),
  /** granularity shift: the site and its shift instances, one per point */
  siteId: ZId.optional(),
  shifts: z.array(ZConsumptionShift).optional(),
  meters: z.array(ZMeterConsumption),
});
export type TConsumptionResult = z.infer<typeof ZConsumptionResult>;

/** Metering completeness: how much of each parent meter its sub-meters explain. */
export const ZCompletenessRow = z.object({
  meterId: ZId,
  code: z.string(),
  name: z.string(),
  medium: z.enum(ENERGY_MEDIA),
  unit: ZEnergyUnit,
  level: z.number().int(),
  total: z.number().nullable(),
  childCount: z.number().int(),
  childrenTotal: z.number().nullable(),
  /** total − Σ children (losses and unmetered use) */
  unexplained: z.number().nullable(),
  /** Σ children ÷ total */
  coverage: z.number().nullable(),
});
export const ZCompletenessQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict();

import { z } from 'zod';
import { ZId, ZTimestamp } from './common.ts';

/** The longest period one OEE query covers: a quarter, as the raw state samples it reads are kept 90 days. */
export const OEE_MAX_SPAN_DAYS = 93;

const ZIsoTime = z.iso.datetime({ offset: true });

export const ZOeeQuery = z
  .object({
    /** default: midnight of today (of `to`'s day when `to` is given) in the tenant's time zone */
    from: ZIsoTime.optional(),
    /** default: now; time after now counts neither as planned nor as running */
    to: ZIsoTime.optional(),
    siteId: ZId.optional(),
    workCenterId: ZId.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be after from',
  })
  .refine(
    (q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= OEE_MAX_SPAN_DAYS * 86_400_000,
    { path: ['to'], message: `at most ${OEE_MAX_SPAN_DAYS} days after from` },
  );
export type TOeeQuery = z.infer<typeof ZOeeQuery>;

/**
 * Why a factor is null: no_equipment (none at the work center), no_state_data (none of it reports a state
 * with a 'running' value up to the period's end), no_planned_time (the site's shift calendar plans no
 * working time in the period), no_running_time (nothing ran in planned time), no_standard_time (output
 * was reported on operations without a standard run time), no_output (no good or scrap reported).
 */
export const OEE_REASONS = [
  'no_equipment',
  'no_state_data',
  'no_planned_time',
  'no_running_time',
  'no_standard_time',
  'no_output',
] as const;
export const ZOeeReason = z.enum(OEE_REASONS);
export type OeeReason = z.infer<typeof ZOeeReason>;

/** A factor as a share in [0, 1], or null with the reason. */
export const ZOeeFactor = z.object({ value: z.number().nullable(), reason: ZOeeReason.nullable() });

export const ZOeeWorkCenter = z.object({
  workCenterId: ZId,
  workCenterCode: z.string(),
  workCenterName: z.string(),
  siteId: ZId,
  siteCode: z.string(),
  /** the equipment placed on the work center; hasStateData: it reports a running state (counted in A) */
  equipment: z.array(z.object({ id: ZId, code: z.string(), name: z.string(), hasStateData: z.boolean() })),
  /** set when the work center has exactly one piece of equipment: the row is then that machine's OEE */
  equipmentId: ZId.nullable(),
  /** calendar working time minus breaks, clipped to now, × the machines reporting a state (at least one) */
  plannedMinutes: z.number(),
  /** running time inside planned time, summed over the machines reporting a state */
  runningMinutes: z.number().nullable(),
  /** Σ standard run time per piece × (good + scrap) of the job reports in the period */
  standardMinutes: z.number(),
  good: z.string(),
  scrap: z.string(),
  availability: ZOeeFactor,
  /** value capped at 1; uncapped is standard ÷ running time as measured (above 1: standards too slow) */
  performance: ZOeeFactor.extend({ uncapped: z.number().nullable() }),
  quality: ZOeeFactor,
  /** availability × performance × quality; null when any is null */
  oee: z.number().nullable(),
  /** the reasons of the null factors, each once */
  reasons: z.array(ZOeeReason),
});
export type TOeeWorkCenter = z.infer<typeof ZOeeWorkCenter>;

export const ZOeeReport = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  timezone: z.string(),
  workCenters: z.array(ZOeeWorkCenter),
  /** OEE of the work centers with one, weighted by their planned time; null when none has one */
  plant: z.object({ oee: z.number(), plannedMinutes: z.number(), workCenters: z.number().int() }).nullable(),
});
export type TOeeReport = z.infer<typeof ZOeeReport>;

import { z } from 'zod';
import { ZCode, ZId, ZName, ZOptionalText, ZTimestamp } from './common.ts';

/** YYYY-MM */
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** An energy performance indicator with its baseline (ISO 50001 / ISO 50006). */
const enpiFields = {
  code: ZCode,
  name: ZName,
  /** the consumption: a meter's monthly total */
  meterId: ZId,
  /** the site whose economic figures give the driver */
  siteId: ZId,
  driver: z.enum(['product_output', 'output_value']),
  /** product_output: the product whose qualified output drives consumption */
  materialId: ZId.nullable().optional(),
  baselineFrom: ZMonth,
  baselineTo: ZMonth,
  /** alarm when actual exceeds expected by more than this */
  marginPct: z.number().finite().min(0).max(100),
  /** raise an alarm (the alarm list, webhooks) for each month beyond the margin; on unless turned off */
  isAlarmEnabled: z.boolean(),
  /** optional second driver: degree days per month, YYYY-MM → value */
  degreeDays: z.record(ZMonth, z.number().finite().min(0)).nullable().optional(),
  description: ZOptionalText,
};
export const ZCreateEnpi = z
  .object({
    ...enpiFields,
    marginPct: enpiFields.marginPct.default(5),
    isAlarmEnabled: enpiFields.isAlarmEnabled.default(true),
  })
  .strict();
export type TCreateEnpi = z.infer<typeof ZCreateEnpi>;
/** No defaults here: a field left out keeps its value (a default would reset it). */
export const ZUpdateEnpi = z.object(enpiFields).partial().strict();
export const ZEnpi = z.object({
  ...enpiFields,
  id: ZId,
  materialId: ZId.nullable(),
  degreeDays: z.record(z.string(), z.number()).nullable(),
  description: z.string().nullable(),
  meterCode: z.string(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TEnpi = z.infer<typeof ZEnpi>;

export const ZEnpiEvaluationQuery = z.object({ from: ZMonth, to: ZMonth }).strict();
export const ZEnpiMonth = z.object({
  month: z.string(),
  driver: z.number().nullable(),
  degreeDays: z.number().nullable(),
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  /** actual − expected (positive: more than the model expects) */
  deviation: z.number().nullable(),
  deviationPct: z.number().nullable(),
  /** expected − actual, summed from the first month shown */
  cumulativeSavings: z.number().nullable(),
  /** consumption per unit of driver (the EnPI as a ratio) */
  ratio: z.number().nullable(),
  isAlarm: z.boolean(),
});
export const ZEnpiEvaluation = z.object({
  enpi: ZEnpi,
  unit: z.string(),
  model: z
    .object({
      intercept: z.number(),
      coefficients: z.array(z.number()),
      drivers: z.array(z.string()),
      r2: z.number(),
      n: z.number().int(),
    })
    .nullable(),
  modelError: z.string().nullable(),
  baseline: z.array(ZEnpiMonth),
  months: z.array(ZEnpiMonth),
  cumulativeSavings: z.number().nullable(),
  alarms: z.number().int(),
});
export type TEnpiEvaluation = z.infer<typeof ZEnpiEvaluation>;

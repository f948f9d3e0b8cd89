import { z } from 'zod';
import { ZCode, ZDate, ZName, ZNonNegativeDecimal, ZOptionalText, ZPageQuery } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';

/**
 * Energy tariffs: time-of-use electricity plans (seasons × a 24 h schedule of periods, a price per
 * period, a demand or capacity charge) and flat-price plans for other media; the cost calculator.
 */

/** 尖峰 · 峰 · 平 · 谷 · 深谷 */
export const TARIFF_PERIODS = ['sharp', 'peak', 'flat', 'valley', 'deep_valley'] as const;
export type TariffPeriod = (typeof TARIFF_PERIODS)[number];
export const ZTariffPeriod = z.enum(TARIFF_PERIODS);
export const TARIFF_UNITS = ['kWh', 'm3', 't', 'GJ'] as const;
export const ZTariffUnit = z.enum(TARIFF_UNITS);
const ZMedium = z.enum(ENERGY_MEDIA);

/** Clock time on a 15-minute step; 24:00 ends the day. */
export const ZClock = z
  .string()
  .regex(/^(([01]\d|2[0-3]):(00|15|30|45)|24:00)$/, 'HH:MM on a 15-minute step, 00:00 to 24:00');
export const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const ZTariffRange = z.object({ period: ZTariffPeriod, start: ZClock, end: ZClock }).strict();
export type TTariffRange = z.infer<typeof ZTariffRange>;
export const ZTariffSeason = z
  .object({
    name: z.string().trim().min(1).max(50),
    months: z.array(z.int().min(1).max(12)).min(1).max(12),
    /** [start, end) ranges in order, covering 00:00–24:00 exactly once */
    schedule: z.array(ZTariffRange).min(1).max(96),
    /** this season's price of some periods (丰水期/枯水期, summer peak), overriding the plan's prices */
    prices: z.partialRecord(ZTariffPeriod, ZNonNegativeDecimal).optional(),
  })
  .strict();
export type TTariffSeason = z.infer<typeof ZTariffSeason>;

/** Two-part tariff: either on the month's maximum demand (按需量) or on the contracted capacity (按容量). */
export const ZTariffBasicCharge = z.discriminatedUnion('basis', [
  z.object({ basis: z.literal('demand'), pricePerKwMonth: ZNonNegativeDecimal }).strict(),
  z
    .object({
      basis: z.literal('capacity'),
      pricePerKvaMonth: ZNonNegativeDecimal,
      capacityKva: ZNonNegativeDecimal,
    })
    .strict(),
]);
export type TTariffBasicCharge = z.infer<typeof ZTariffBasicCharge>;

const planFields = z.object({
  code: ZCode,
  name: ZName,
  medium: ZMedium,
  /** the unit prices are per: kWh for electricity; m3, t or GJ for the others */
  unit: ZTariffUnit,
  currency: z.literal('CNY').default('CNY'),
  validFrom: ZDate,
  /** inclusive; open-ended when absent */
  validTo: ZDate.nullable().optional(),
  pricing: z.enum(['tou', 'flat']),
  /** price per unit, for pricing 'flat' */
  flatPrice: ZNonNegativeDecimal.nullable().optional(),
  /** price per kWh of each period used by the schedules, for pricing 'tou' */
  prices: z.partialRecord(ZTariffPeriod, ZNonNegativeDecimal).optional(),
  seasons: z.array(ZTariffSeason).max(12).optional(),
  basicCharge: ZTariffBasicCharge.nullable().optional(),
  note: ZOptionalText,
});
type PlanFields = z.infer<typeof planFields>;

interface Issue {
  path: Array<string | number>;
  message: string;
}

/** Problems of a plan as field paths: the schedule must tile the day, the seasons the year. */
export function tariffPlanIssues(p: PlanFields): Issue[] {
  const issues: Issue[] = [];
  if (p.validTo && p.validTo < p.validFrom)
    issues.push({ path: ['validTo'], message: 'must not be before validFrom' });
  if (p.medium === 'electricity' && p.unit !== 'kWh')
    issues.push({ path: ['unit'], message: 'electricity is priced per kWh' });
  if (p.medium !== 'electricity' && p.unit === 'kWh')
    issues.push({ path: ['unit'], message: `${p.medium} is priced per m3, t or GJ` });
  if (p.basicCharge && p.medium !== 'electricity')
    issues.push({
      path: ['basicCharge'],
      message: 'a demand or capacity charge applies to electricity only',
    });
  if (p.pricing === 'flat') {
    if (!p.flatPrice) issues.push({ path: ['flatPrice'], message: 'required for a flat-price plan' });
    return issues;
  }
  if (p.medium !== 'electricity')
    issues.push({ path: ['pricing'], message: 'time-of-use pricing is for electricity; use flat' });
  const seasons = p.seasons ?? [];
  if (seasons.length === 0) {
    issues.push({ path: ['seasons'], message: 'a time-of-use plan needs at least one season' });
    return issues;
  }
  const seasonOfMonth = new Map<number, number>();
  seasons.forEach((s, i) => {
    for (const m of s.months) {
      const other = seasonOfMonth.get(m);
      if (other !== undefined)
        issues.push({
          path: ['seasons', i, 'months'],
          message: `month ${m} is already in season ${other + 1}`,
        });
      else seasonOfMonth.set(m, i);
    }
    let at = 0;
    s.schedule.forEach((r, j) => {
      const start = clockMinutes(r.start);
      const end = clockMinutes(r.end);
      const path = ['seasons', i, 'schedule', j];
      if (start !== at)
        issues.push({
          path: [...path, 'start'],
          message: `${start < at ? 'overlaps the previous range' : 'leaves a gap after the previous range'}: expected ${clock(at)}`,
        });
      if (end <= start) issues.push({ path: [...path, 'end'], message: 'must be after start' });
      if (!p.prices?.[r.period] && !s.prices?.[r.period])
        issues.push({
          path: ['prices', r.period],
          message: `no price for ${r.period}: give it in the plan or in season ${i + 1}`,
        });
      at = Math.max(at, end);
    });
    for (const period of Object.keys(s.prices ?? {}) as TariffPeriod[])
      if (!s.schedule.some((r) => r.period === period))
        issues.push({
          path: ['seasons', i, 'prices', period],
          message: `${period} is not in this season's schedule`,
        });
    if (at !== 24 * 60)
      issues.push({ path: ['seasons', i, 'schedule'], message: `must end at 24:00, ends at ${clock(at)}` });
  });
  const missing = [...Array(12).keys()].map((m) => m + 1).filter((m) => !seasonOfMonth.has(m));
  if (missing.length)
    issues.push({ path: ['seasons'], message: `months ${missing.join(', ')} are in no season` });
  // one message per field is enough
  return issues.filter((x, k) => issues.findIndex((y) => y.path.join('.') === x.path.join('.')) === k);
}
const clock = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

export const ZTariffPlanInput = planFields.strict().superRefine((p, ctx) => {
  for (const issue of tariffPlanIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
});
export type TTariffPlanInput = z.input<typeof ZTariffPlanInput>;
export type TTariffPlanValues = z.output<typeof ZTariffPlanInput>;

export const ZTariffPlan = planFields.extend({
  id: z.uuid(),
  validTo: z.string().nullable(),
  flatPrice: z.string().nullable(),
  prices: z.partialRecord(ZTariffPeriod, z.string()),
  seasons: z.array(ZTariffSeason),
  basicCharge: ZTariffBasicCharge.nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTariffPlan = z.infer<typeof ZTariffPlan>;

export const ZTariffPlanQuery = ZPageQuery.extend({
  medium: ZMedium.optional(),
  on: ZDate.optional().describe('valid on this date'),
}).strict();
export type TTariffPlanQuery = z.infer<typeof ZTariffPlanQuery>;

// ---- cost calculation ----

const ZQuantity = z.number().finite().min(0, 'must not be negative');
export const ZTariffCostPoint = z
  .object({ ts: z.iso.datetime({ offset: true }), quantity: ZQuantity })
  .strict()
  .describe('consumption over one interval, in the plan unit (kWh for electricity)');
export const ZDemandPoint = z
  .object({ ts: z.iso.datetime({ offset: true }), kw: ZQuantity })
  .strict()
  .describe('a 15-minute average active power');

export const ZTariffCostRequest = z
  .object({
    /** exactly one of: a stored plan, an inline plan, or all stored plans of a medium (the one valid at each point) */
    tariffId: z.uuid().optional(),
    plan: ZTariffPlanInput.optional(),
    medium: ZMedium.optional(),
    timeZone: z
      .string()
      .default('Asia/Shanghai')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not an IANA time zone'),
    intervalMinutes: z.int().min(1).max(1440).default(60),
    /** whether a point's ts is the start (default) or the end of its interval */
    timestampMarks: z.enum(['start', 'end']).default('start'),
    points: z.array(ZTariffCostPoint).min(1).max(200_000),
    demandPoints: z.array(ZDemandPoint).max(200_000).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const given = [r.tariffId, r.plan, r.medium].filter((x) => x !== undefined).length;
    if (given !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['tariffId'],
        message: 'give exactly one of tariffId, plan, medium',
      });
  });
export type TTariffCostRequest = z.input<typeof ZTariffCostRequest>;
export type TTariffCostValues = z.output<typeof ZTariffCostRequest>;

export const ZTariffCostLine = z.object({
  planCode: z.string(),
  /** the season whose own price this line is at; null when at the plan's price */
  season: z.string().nullable(),
  period: ZTariffPeriod,
  quantity: z.number(),
  price: z.string(),
  cost: z.string(),
});
export const ZTariffBasicChargeLine = z.object({
  month: z.string().describe('YYYY-MM, local'),
  planCode: z.string(),
  basis: z.enum(['demand', 'capacity']),
  /** demand basis: the month's highest 15-minute average kW in the data given */
  maxDemandKw: z.number().nullable(),
  at: z.string().nullable(),
  capacityKva: z.string().nullable(),
  price: z.string(),
  cost: z.string(),
});
export const ZTariffCostResult = z.object({
  currency: z.literal('CNY'),
  unit: z.string(),
  timeZone: z.string(),
  lines: z.array(ZTariffCostLine),
  byPeriod: z.array(
    z.object({ period: ZTariffPeriod, quantity: z.number(), cost: z.string(), share: z.number() }),
  ),
  totalQuantity: z.number(),
  costedQuantity: z.number(),
  energyCost: z.string(),
  basicCharges: z.array(ZTariffBasicChargeLine),
  basicCost: z.string(),
  totalCost: z.string(),
  /** energy cost per costed unit; with the basic charges in averagePriceAllIn */
  averagePrice: z.string().nullable(),
  averagePriceAllIn: z.string().nullable(),
  /** shares of the costed quantity: sharp + peak, valley + deep valley */
  peakShare: z.number(),
  valleyShare: z.number(),
  maxDemand: z
    .object({
      kw: z.number(),
      at: z.string(),
      basis: z.enum(['demand_points', '15min_quantity', 'interval_average_lower_bound']),
    })
    .nullable(),
  /** intervals (or parts of them) on days no plan covers: never priced at 0 */
  uncosted: z.object({
    quantity: z.number(),
    pointCount: z.number().int(),
    timestamps: z.array(z.string()).describe('the first 50'),
  }),
});
export type TTariffCostResult = z.infer<typeof ZTariffCostResult>;

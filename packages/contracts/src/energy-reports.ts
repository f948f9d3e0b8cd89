import { z } from 'zod';
import { ZId, ZTimestamp } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';
import { ZCarbonCalcResult, ZEnergyUnit } from './energy.ts';
import { ZTariffCostResult } from './tariffs.ts';

const ZMedium = z.enum(ENERGY_MEDIA);
export const ZReportPeriodQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    granularity: z.enum(['day', 'month', 'year']).default('month'),
    /** one site's boundary: its level-1 meters (placed in the site's subtree) and its economic figures */
    siteId: ZId.optional(),
  })
  .strict();
export type TReportPeriodQuery = z.infer<typeof ZReportPeriodQuery>;

/** Where a quantity came from: counters read automatically, or readings and invoices entered by hand. */
export const ZDataQuality = z.object({ metered: z.number(), manual: z.number() });

/** Consumption at the enterprise boundary (level-1 meters) per medium, in the library's unit of the medium. */
export const ZBoundaryMedium = z.object({
  medium: ZMedium,
  unit: ZEnergyUnit,
  quantity: z.number(),
  meters: z.array(z.string()),
  kgcePerUnit: z.number().nullable(),
  factorSource: z.string().nullable(),
  tceEquivalent: z.number().nullable(),
  tceEqual: z.number().nullable(),
  quality: ZDataQuality,
});
export const ZEnergyOverview = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  timezone: z.string(),
  granularity: z.enum(['day', 'month', 'year']),
  byMedium: z.array(ZBoundaryMedium),
  totalTceEquivalent: z.number(),
  totalTceEqual: z.number(),
  /** [bucket start, tce equivalent] at the boundary */
  trend: z.array(z.tuple([z.number(), z.number().nullable()])),
  /** level-2 meters by the plant node they are placed at */
  byArea: z.array(
    z.object({
      nodeId: ZId.nullable(),
      nodeName: z.string().nullable(),
      tceEquivalent: z.number(),
      meters: z.array(z.string()),
    }),
  ),
  economics: z
    .object({
      grossOutputValue10kYuan: z.number(),
      valueAdded10kYuan: z.number(),
      monthsReported: z.number().int(),
    })
    .nullable(),
  perOutputValueTce: z.object({ equivalent: z.number(), equal: z.number() }).nullable(),
  perValueAddedTce: z.object({ equivalent: z.number(), equal: z.number() }).nullable(),
  /** the same span just before (month on month) and a year before (year on year) */
  previousTceEquivalent: z.number().nullable(),
  lastYearTceEquivalent: z.number().nullable(),
});
export type TEnergyOverview = z.infer<typeof ZEnergyOverview>;

/** A GHG inventory per GB/T 32150 from the metered boundary consumption. */
export const ZGhgInventory = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  timezone: z.string(),
  totals: ZCarbonCalcResult,
  periods: z.array(
    z.object({
      start: z.number(),
      combustionTco2: z.number(),
      processTco2: z.number(),
      exportedTco2: z.number(),
      recoveredTco2: z.number(),
      purchasedElectricityTco2: z.number(),
      purchasedHeatTco2: z.number(),
      scope1Tco2: z.number(),
      scope2Tco2: z.number(),
      totalTco2: z.number(),
    }),
  ),
  biomassTco2: z.number(),
  /** boundary consumption that could not be turned into emissions, and why (never silently left out) */
  excluded: z.array(
    z.object({ medium: ZMedium, quantity: z.number(), unit: ZEnergyUnit, reason: z.string() }),
  ),
  economics: z.object({ grossOutputValue10kYuan: z.number(), monthsReported: z.number().int() }).nullable(),
  perOutputValueTco2: z.number().nullable(),
  /** each input line: its activity data's origin and whether a default or to-confirm factor was used */
  dataQuality: z.array(
    z.object({
      line: z.string(),
      medium: ZMedium,
      quantity: z.number(),
      unit: ZEnergyUnit,
      quality: ZDataQuality,
      factor: z.enum(['measured', 'default', 'default-to-confirm']),
      note: z.string().nullable(),
    }),
  ),
  /** the site the inventory is of; null for the whole enterprise */
  siteId: ZId.nullable(),
  /** what the view leaves out, e.g. the enterprise-wide carbon sources in a site's inventory */
  notes: z.array(z.string()),
});
export type TGhgInventory = z.infer<typeof ZGhgInventory>;

/** Energy flow for a Sankey diagram, in tce (equivalent value): purchased → medium → area → equipment. */
export const ZEnergyFlow = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  nodes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['source', 'medium', 'area', 'equipment', 'loss', 'other']),
    }),
  ),
  links: z.array(z.object({ source: z.string(), target: z.string(), tce: z.number() })),
});
export type TEnergyFlow = z.infer<typeof ZEnergyFlow>;
export const ZEnergyFlowQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    siteId: ZId.optional(),
  })
  .strict();

/** The standard's Table 1: energy consumption by energy type for recent years and a forecast year. */
export const ZEnergyTable1Query = z
  .object({
    /** the last full year shown; default the year before the current one */
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    /** how many years up to `year` */
    years: z.coerce.number().int().min(1).max(10).default(3),
  })
  .strict();
export const ZEnergyTable1 = z.object({
  years: z.array(z.number().int()),
  forecastYear: z.number().int(),
  rows: z.array(
    z.object({
      medium: ZMedium,
      unit: ZEnergyUnit,
      quantities: z.array(z.number().nullable()),
      tceEquivalent: z.array(z.number().nullable()),
      /** least-squares trend of the years with data; null with fewer than two */
      forecastQuantity: z.number().nullable(),
      forecastTceEquivalent: z.number().nullable(),
    }),
  ),
  totalTceEquivalent: z.array(z.number()),
  totalTceEqual: z.array(z.number()),
  forecastTceEquivalent: z.number().nullable(),
  forecastNote: z.string(),
});
export type TEnergyTable1 = z.infer<typeof ZEnergyTable1>;

/** The standard's Table 3: the key energy-consuming equipment register, from the factory model. */
export const ZEnergyTable3 = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      equipmentId: ZId,
      code: z.string(),
      name: z.string(),
      area: z.string().nullable(),
      model: z.string().nullable(),
      manufacturer: z.string().nullable(),
      ratedPowerKw: z.number().nullable(),
      energyMedia: z.array(z.string()),
      commissioningDate: z.string().nullable(),
      status: z.string(),
      isEliminatedModel: z.boolean(),
      phaseOutDate: z.string().nullable(),
      /** metered by a level-3 meter bound to the equipment, over the year */
      meters: z.array(z.string()),
      tceEquivalent: z.number().nullable(),
    }),
  ),
});
export type TEnergyTable3 = z.infer<typeof ZEnergyTable3>;
export const ZEnergyTable3Query = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();

// ---- inventory inputs no meter gives: process sources, biomass, recovered CO₂, exports ----
export const CARBON_SOURCE_KINDS = [
  'process',
  'biomass',
  'recovered_co2',
  'exported_electricity',
  'exported_heat',
] as const;
/** the unit each kind's activity is entered in; process and biomass sources name their own */
export const CARBON_SOURCE_UNITS: Record<(typeof CARBON_SOURCE_KINDS)[number], string | null> = {
  process: null,
  biomass: null,
  recovered_co2: 'tCO2',
  exported_electricity: 'MWh',
  exported_heat: 'GJ',
};
const ZYearMonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const ZCreateCarbonSource = z
  .object({
    code: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(CARBON_SOURCE_KINDS),
    /** process and biomass: the activity's unit, e.g. t of limestone */
    unit: z.string().trim().min(1).max(40).optional(),
    /** process and biomass: tCO₂ per unit of activity */
    emissionFactor: z.number().finite().min(0).nullable().optional(),
    factorSource: z.string().trim().max(500).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
export type TCreateCarbonSource = z.infer<typeof ZCreateCarbonSource>;
export const ZCarbonSource = ZCreateCarbonSource.extend({
  id: ZId,
  unit: z.string(),
  emissionFactor: z.number().nullable(),
  factorSource: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type TCarbonSource = z.infer<typeof ZCarbonSource>;
export const ZCarbonActivity = z.object({
  sourceId: ZId,
  month: z.string(),
  quantity: z.number(),
  note: z.string().nullable(),
});
export type TCarbonActivity = z.infer<typeof ZCarbonActivity>;
export const ZPutCarbonActivity = z
  .object({
    quantity: z.number().finite().min(0, 'must not be negative'),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export const ZCarbonActivityParams = z.object({ id: ZId, month: ZYearMonthText }).strict();
export const ZCarbonActivityQuery = z
  .object({ from: ZYearMonthText.optional(), to: ZYearMonthText.optional() })
  .strict();

/** Energy cost per meter (incomers and areas) under the enterprise's tariff plans. */
export const ZEnergyCostReport = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  timezone: z.string(),
  meters: z.array(
    z.object({
      meterId: ZId,
      code: z.string(),
      name: z.string(),
      medium: ZMedium,
      level: z.number().int(),
      nodeName: z.string().nullable(),
      cost: ZTariffCostResult.nullable(),
      /** why there is no cost: no plan for the medium, no consumption, a unit the plan does not price */
      note: z.string().nullable(),
    }),
  ),
  /** Σ of the level-1 meters' totals (energy and basic charges), yuan */
  totalCost: z.string(),
});
export type TEnergyCostReport = z.infer<typeof ZEnergyCostReport>;

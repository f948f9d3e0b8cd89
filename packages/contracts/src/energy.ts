import { z } from 'zod';
import { ENERGY_MEDIA } from './energy-media.ts';

/**
 * Energy and carbon calculation contract (../shared/reference/calculation-api.md): stateless endpoints an
 * auditor can call to reproduce GreenMES's numbers; the reports run the same engine.
 */
export const ENERGY_UNITS = ['kg', 't', 'm3', '10^4Nm3', 'kWh', 'MWh', 'MJ', 'GJ'] as const;
export type EnergyUnit = (typeof ENERGY_UNITS)[number];
export const ZEnergyUnit = z.enum(ENERGY_UNITS);
const ZMedium = z.enum(ENERGY_MEDIA);

const ZQuantity = z.number().finite().min(0, 'must not be negative');
const ZPositive = z.number().finite().positive('must be greater than 0');
/** tce per 10⁴ yuan and per product: present only when the denominator is given */
const ZOptionalDenominator = ZPositive.optional();

export const ZEnergyCalcItem = z
  .object({
    medium: ZMedium,
    quantity: ZQuantity,
    unit: ZEnergyUnit,
    /** overrides the library coefficient, per unit of `unit` */
    kgcePerUnit: ZQuantity.optional(),
    /** steam: converted by heat content, MJ × 0.03412 kgce/MJ */
    enthalpyKjPerKg: ZPositive.optional(),
  })
  .strict();
export const ZEnergyCalcRequest = z
  .object({
    items: z.array(ZEnergyCalcItem).min(1).max(1000),
    electricityEqualValueKgcePerKwh: ZPositive.optional(),
    outputValue10kYuan: ZOptionalDenominator,
    valueAdded10kYuan: ZOptionalDenominator,
    productOutput: ZOptionalDenominator,
  })
  .strict();
export type TEnergyCalcRequest = z.infer<typeof ZEnergyCalcRequest>;

const ZPair = z.object({ equivalent: z.number(), equal: z.number() });
export const ZEnergyCalcResultItem = z.object({
  medium: ZMedium,
  quantity: z.number(),
  unit: ZEnergyUnit,
  /** equivalent value (当量值), per the item's unit */
  kgcePerUnit: z.number(),
  factorSource: z.string(),
  /** equal value (等价值) per the item's unit; differs from kgcePerUnit for electricity only */
  kgcePerUnitEqual: z.number(),
  factorSourceEqual: z.string(),
  tceEquivalent: z.number(),
  tceEqual: z.number(),
});
export const ZEnergyCalcResult = z.object({
  items: z.array(ZEnergyCalcResultItem),
  totalTceEquivalent: z.number(),
  totalTceEqual: z.number(),
  perOutputValueTce: ZPair.optional(),
  perValueAddedTce: ZPair.optional(),
  perProductKgce: ZPair.optional(),
});
export type TEnergyCalcResult = z.infer<typeof ZEnergyCalcResult>;

export const ZCombustionItem = z
  .object({
    fuel: ZMedium,
    quantity: ZQuantity,
    unit: ZEnergyUnit,
    /** per the fuel's NCV unit (t for solid and liquid fuels, 10^4Nm3 for gases) */
    ncvGjPerUnit: ZPositive.optional(),
    carbonContentTcPerGj: ZQuantity.optional(),
    oxidationRate: z.number().finite().min(0).max(1, 'a fraction, at most 1').optional(),
  })
  .strict();
export const ZProcessEmission = z
  .object({
    name: z.string().trim().min(1).max(200),
    activity: ZQuantity,
    unit: z.string().trim().min(1).max(40),
    emissionFactorTco2PerUnit: ZQuantity,
  })
  .strict();
export const ZPurchasedHeat = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('steam'), tonnes: ZQuantity, enthalpyKjPerKg: ZPositive }).strict(),
  z
    .object({
      kind: z.literal('hot_water'),
      tonnes: ZQuantity,
      temperatureC: z.number().finite().min(20).max(200),
    })
    .strict(),
  z.object({ kind: z.literal('heat'), gj: ZQuantity }).strict(),
]);
export const ZCarbonCalcRequest = z
  .object({
    combustion: z.array(ZCombustionItem).max(1000).default([]),
    process: z.array(ZProcessEmission).max(1000).default([]),
    purchasedElectricityMWh: ZQuantity.default(0),
    gridEmissionFactorTco2PerMWh: ZQuantity.optional(),
    purchasedHeat: z.array(ZPurchasedHeat).max(1000).default([]),
    heatEmissionFactorTco2PerGj: ZQuantity.optional(),
    exportedElectricityMWh: ZQuantity.default(0),
    exportedHeatGj: ZQuantity.default(0),
    recoveredTco2: ZQuantity.default(0),
    outputValue10kYuan: ZOptionalDenominator,
    productOutput: ZOptionalDenominator,
  })
  .strict();
export type TCarbonCalcRequest = z.infer<typeof ZCarbonCalcRequest>;

export const ZCombustionResult = z.object({
  fuel: ZMedium,
  quantity: z.number(),
  unit: ZEnergyUnit,
  /** the unit NCV is given per, and the quantity in it */
  ncvUnit: ZEnergyUnit,
  quantityInNcvUnit: z.number(),
  ncvGjPerUnit: z.number(),
  carbonContentTcPerGj: z.number(),
  oxidationRate: z.number(),
  activityGj: z.number(),
  factorSource: z.string(),
  tco2: z.number(),
});
export const ZCarbonCalcResult = z.object({
  combustion: z.array(ZCombustionResult),
  combustionTco2: z.number(),
  processTco2: z.number(),
  gridEmissionFactorTco2PerMWh: z.number(),
  gridFactorSource: z.string(),
  purchasedElectricityTco2: z.number(),
  purchasedHeatGj: z.number(),
  heatEmissionFactorTco2PerGj: z.number(),
  heatFactorSource: z.string(),
  purchasedHeatTco2: z.number(),
  exportedTco2: z.number(),
  recoveredTco2: z.number(),
  totalTco2: z.number(),
  /** direct: combustion + process − recovered */
  scope1Tco2: z.number(),
  /** indirect: purchased electricity and heat − exported */
  scope2Tco2: z.number(),
  perOutputValueTco2: z.number().optional(),
  perProductTco2: z.number().optional(),
});
export type TCarbonCalcResult = z.infer<typeof ZCarbonCalcResult>;

// ---- the factor library ----
export const ZFactor = z.object({
  /** stable key, e.g. coal.raw_coal@GB/T 2589-2020, grid.national@2023 */
  key: z.string(),
  kind: z.enum(['coal_coefficient', 'combustion', 'grid', 'heat', 'electricity_equal_value']),
  medium: z.string().nullable(),
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  /** combustion: NCV, carbon content, oxidation */
  params: z.record(z.string(), z.number()).optional(),
  source: z.string(),
  edition: z.string(),
  year: z.number().int().nullable(),
  note: z.string().nullable(),
  /** the reference marks it "to confirm", or it is derived rather than printed in the standard */
  toConfirm: z.boolean(),
});
export type TFactor = z.infer<typeof ZFactor>;

/** What the tenant chose for a reporting year; absent years use the defaults shown with it. */
export const ZEnergyYearSettings = z.object({
  year: z.number().int().min(2000).max(2100),
  gridFactorKey: z.string().min(1).max(100),
  electricityEqualValueKgcePerKwh: ZPositive,
  heatEmissionFactorTco2PerGj: ZPositive,
  note: z.string().trim().max(500).nullable().optional(),
});
export type TEnergyYearSettings = z.infer<typeof ZEnergyYearSettings>;
export const ZEnergyYearSettingsResult = ZEnergyYearSettings.extend({
  gridEmissionFactorTco2PerMWh: z.number(),
  isDefault: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TEnergyYearSettingsResult = z.infer<typeof ZEnergyYearSettingsResult>;
export const ZYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

/** A tenant's measured coefficient for a medium over a period; the reports use it instead of the library's. */
export const ZCreateCoefficientOverride = z
  .object({
    medium: ZMedium,
    kgcePerUnit: ZPositive,
    unit: ZEnergyUnit,
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable().optional(),
    source: z.string().trim().min(1).max(500),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
export type TCreateCoefficientOverride = z.infer<typeof ZCreateCoefficientOverride>;
export const ZCoefficientOverride = ZCreateCoefficientOverride.extend({
  id: z.uuid(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
  /** the library coefficient it replaces, per the same unit */
  libraryKgcePerUnit: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TCoefficientOverride = z.infer<typeof ZCoefficientOverride>;
export const ZCoefficientOverrideQuery = z
  .object({ medium: ZMedium.optional(), on: z.iso.date().optional().describe('valid on this date') })
  .strict();

/** The energy media catalogue: each medium's physical unit, the units it may be entered in, its roles. */
export const ZEnergyMediumInfo = z.object({
  code: ZMedium,
  /** the unit the library's coefficient is per */
  unit: ZEnergyUnit,
  units: z.array(ZEnergyUnit),
  dimension: z.enum(['mass', 'volume', 'electricity', 'heat']),
  /** GB/T 2589 coefficient, kgce per `unit` (null: give one per item) */
  kgcePerUnit: z.number().nullable(),
  /** burnt: has (or may be given) combustion parameters */
  isFuel: z.boolean(),
  hasCombustionDefaults: z.boolean(),
  /** the unit NCV is given per for combustion (t or 10^4Nm3) */
  ncvUnit: ZEnergyUnit.nullable(),
});
export type TEnergyMediumInfo = z.infer<typeof ZEnergyMediumInfo>;

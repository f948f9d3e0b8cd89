/**
 * Energy and carbon per product (GB/T 2589 unit-product comprehensive energy consumption, the standard's
 * Table 2, product carbon footprints): where each finished product is made (its production nodes, with an
 * allocation weight), its limit value, and the reports that allocate metered energy to products.
 */
import { z } from 'zod';
import { ZDecimal, ZId, ZOptionalText, ZTimestamp } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';
import { ZEnergyUnit } from './energy.ts';

const ZMedium = z.enum(ENERGY_MEDIA);
const ZPositiveDecimal = ZDecimal.refine((v) => Number(v) > 0, 'must be greater than 0');

export const ZPutProductEnergy = z
  .object({
    /**
     * The plant nodes (areas, lines, work centres) where the product is made. A node's metered energy is
     * shared among the products made there by output × weight (e.g. standard hours per unit; 1 = by output).
     */
    nodes: z
      .array(z.object({ nodeId: ZId, weight: ZPositiveDecimal.default('1') }).strict())
      .min(1)
      .max(50),
    /** the limit of unit-product comprehensive energy consumption, kgce per unit of the product */
    limitKgcePerUnit: ZPositiveDecimal.nullable().optional(),
    /** the value the limit is stated in (most GB limit standards: equivalent value) */
    limitValueKind: z.enum(['equivalent', 'equal']).default('equivalent'),
    /** the limit standard, e.g. GB 30252-2013 */
    limitStandard: z.string().trim().max(200).nullable().optional(),
    note: ZOptionalText,
  })
  .strict();
export type TPutProductEnergy = z.infer<typeof ZPutProductEnergy>;

export const ZProductEnergy = z.object({
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  unit: z.string(),
  nodes: z.array(
    z.object({
      nodeId: ZId,
      nodeCode: z.string(),
      nodeName: z.string(),
      kind: z.string(),
      weight: z.string(),
    }),
  ),
  limitKgcePerUnit: z.string().nullable(),
  limitValueKind: z.enum(['equivalent', 'equal']),
  limitStandard: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: ZTimestamp,
});
export type TProductEnergy = z.infer<typeof ZProductEnergy>;
export const ZMaterialIdParams = z.object({ materialId: ZId }).strict();

export const ZProductReportQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .strict();
export type TProductReportQuery = z.infer<typeof ZProductReportQuery>;

// ---- purchased materials' emission factors, for product carbon footprints ----
export const ZPutMaterialCarbonFactor = z
  .object({
    /** kgCO₂e per unit of the material (its own unit), cradle to gate */
    kgco2ePerUnit: ZDecimal.refine((v) => !v.startsWith('-'), 'must not be negative'),
    /** e.g. the supplier's EPD, a life-cycle database, an estimate */
    source: z.string().trim().min(1).max(200),
    year: z.number().int().min(1990).max(2100).nullable().optional(),
    note: ZOptionalText,
  })
  .strict();
export type TPutMaterialCarbonFactor = z.infer<typeof ZPutMaterialCarbonFactor>;
export const ZMaterialCarbonFactor = z.object({
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  materialType: z.string(),
  unit: z.string(),
  kgco2ePerUnit: z.string(),
  source: z.string(),
  year: z.number().int().nullable(),
  note: z.string().nullable(),
  updatedAt: ZTimestamp,
});
export type TMaterialCarbonFactor = z.infer<typeof ZMaterialCarbonFactor>;

/** The bought components of one unit of a product (its BOM exploded) with their factors. */
export const ZProductMaterialFootprint = z.object({
  /** the BOM date used (the end of the period) */
  date: z.string(),
  lines: z.array(
    z.object({
      materialId: ZId,
      materialCode: z.string(),
      materialName: z.string(),
      unit: z.string(),
      /** gross quantity per unit of the product, scrap included */
      quantityPerUnit: z.number(),
      kgco2ePerUnit: z.number().nullable(),
      kgco2e: z.number().nullable(),
    }),
  ),
  /** kgCO₂e per unit of the product from the materials that have a factor */
  kgco2e: z.number(),
  /** codes of bought components without a factor: the total leaves them out */
  missing: z.array(z.string()),
});
export type TProductMaterialFootprint = z.infer<typeof ZProductMaterialFootprint>;

const ZMediumAllocation = z.object({
  medium: ZMedium,
  unit: ZEnergyUnit,
  /** the product's share of its nodes' metered consumption */
  direct: z.number(),
  /** its share of the boundary's remainder (auxiliary and attached systems, losses) */
  auxiliary: z.number(),
  tceEquivalent: z.number(),
  tceEqual: z.number(),
});

export const ZProductReportRow = z.object({
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  unit: z.string(),
  /** output in the product's unit over the months of the period (energy ledger) */
  output: z.number(),
  qualifiedOutput: z.number(),
  media: z.array(ZMediumAllocation),
  tceEquivalent: z.number(),
  tceEqual: z.number(),
  /** kgce per qualified unit; null without qualified output */
  unitKgceEquivalent: z.number().nullable(),
  unitKgceEqual: z.number().nullable(),
  limit: z
    .object({
      kgcePerUnit: z.number(),
      valueKind: z.enum(['equivalent', 'equal']),
      standard: z.string().nullable(),
      /** null when there is no unit consumption to compare */
      meets: z.boolean().nullable(),
    })
    .nullable(),
  carbon: z.object({
    scope1Tco2: z.number(),
    scope2Tco2: z.number(),
    totalTco2: z.number(),
    /** kgCO₂ per qualified unit */
    unitKgco2: z.number().nullable(),
  }),
  /** energy cost at the period's average price of each medium at the incomer; null where not costed */
  cost: z.string().nullable(),
  unitCost: z.string().nullable(),
  /** the bought components' share of the footprint; null without an active BOM on the date */
  materials: ZProductMaterialFootprint.nullable(),
  /** kgCO₂e per qualified unit: the energy's kgCO₂ + the materials' kgCO₂e; null without unit energy */
  footprintKgco2ePerUnit: z.number().nullable(),
  notes: z.array(z.string()),
});

export const ZProductReport = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  months: z.object({ from: z.string(), to: z.string() }),
  products: z.array(ZProductReportRow),
  /** how the boundary's energy went: to products, unallocated (nodes without output, remainder), auxiliary */
  balance: z.array(
    z.object({
      medium: ZMedium,
      unit: ZEnergyUnit,
      boundary: z.number(),
      nodes: z.number(),
      toProducts: z.number(),
      unallocated: z.number(),
    }),
  ),
  /** the factors and prices used, so an auditor can redo the numbers */
  basis: z.object({
    factorYear: z.number().int(),
    gridFactorTco2PerMWh: z.number(),
    electricityEqualValueKgcePerKwh: z.number(),
    prices: z.array(z.object({ medium: ZMedium, unit: z.string(), averagePrice: z.string() })),
    method: z.string(),
  }),
  notes: z.array(z.string()),
});
export type TProductReport = z.infer<typeof ZProductReport>;

export const ZEnergyTable2Query = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();
export const ZEnergyTable2 = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      materialId: ZId,
      materialCode: z.string(),
      materialName: z.string(),
      unit: z.string(),
      output: z.number(),
      qualifiedOutput: z.number(),
      tceEquivalent: z.number(),
      tceEqual: z.number(),
      unitKgceEquivalent: z.number().nullable(),
      unitKgceEqual: z.number().nullable(),
      lastYearUnitKgceEquivalent: z.number().nullable(),
      /** change of the equivalent unit consumption against the year before, % */
      changePct: z.number().nullable(),
      limitKgcePerUnit: z.number().nullable(),
      limitValueKind: z.enum(['equivalent', 'equal']).nullable(),
      limitStandard: z.string().nullable(),
      meetsLimit: z.boolean().nullable(),
    }),
  ),
  method: z.string(),
});
export type TEnergyTable2 = z.infer<typeof ZEnergyTable2>;

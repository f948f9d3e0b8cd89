import { z } from 'zod';
import { ZId, ZTimestamp } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';
import { ZEnergyUnit } from './energy.ts';

/**
 * Energy and carbon per work order and operation: the metered energy of each work center's meters,
 * hour by hour, allocated to the operations running on it by running time; the rest is idle.
 */
const ZMedium = z.enum(ENERGY_MEDIA);

/** One medium's energy: quantity in the medium's physical (library) unit and tce. */
export const ZEnergyOfMedium = z.object({
  medium: ZMedium,
  unit: ZEnergyUnit,
  quantity: z.number(),
  /** null when no coefficient converts the medium */
  tceEquivalent: z.number().nullable(),
  tceEqual: z.number().nullable(),
});
export type TEnergyOfMedium = z.infer<typeof ZEnergyOfMedium>;

/** Energy by medium, tce, tCO₂ (scope 1 from fuels burnt, scope 2 from purchased electricity and heat), per good unit. */
export const ZEnergyFigures = z.object({
  media: z.array(ZEnergyOfMedium),
  tceEquivalent: z.number(),
  tceEqual: z.number(),
  scope1Tco2: z.number(),
  scope2Tco2: z.number(),
  totalTco2: z.number(),
  /** per good unit: null without good output or without metered energy */
  perGoodUnit: z.object({ kgceEquivalent: z.number(), kgceEqual: z.number(), kgco2: z.number() }).nullable(),
});
export type TEnergyFigures = z.infer<typeof ZEnergyFigures>;

/** The factors and sources the figures were computed with, per reporting year touched. */
export const ZEnergyBasis = z.object({
  method: z.string(),
  /** the allocation interval (ISO 8601 duration) */
  interval: z.string(),
  timezone: z.string(),
  years: z.array(
    z.object({
      year: z.number().int(),
      gridEmissionFactorTco2PerMWh: z.number(),
      gridFactorSource: z.string(),
      electricityEqualValueKgcePerKwh: z.number(),
      equalValueSource: z.string(),
      heatEmissionFactorTco2PerGj: z.number(),
      heatFactorSource: z.string(),
    }),
  ),
  /** per medium: the kgce coefficients used (enterprise override or library, with its standard) */
  coefficients: z.array(z.object({ medium: ZMedium, unit: ZEnergyUnit, sources: z.array(z.string()) })),
});
export type TEnergyBasis = z.infer<typeof ZEnergyBasis>;

export const ZWorkCenterMeter = z.object({
  meterId: ZId,
  code: z.string(),
  name: z.string(),
  medium: ZMedium,
  unit: ZEnergyUnit,
  source: z.string(),
  equipmentCode: z.string().nullable(),
});

/** A work center over the span: what its meters measured, and where it went. */
export const ZWorkCenterBalance = z.object({
  workCenterId: ZId,
  workCenterCode: z.string(),
  workCenterName: z.string(),
  meters: z.array(ZWorkCenterMeter),
  media: z.array(
    z.object({
      medium: ZMedium,
      unit: ZEnergyUnit,
      metered: z.number(),
      allocated: z.number(),
      /** to operations of other orders running at the same time (order endpoint) */
      otherOrders: z.number(),
      idle: z.number(),
    }),
  ),
  idle: ZEnergyFigures,
});
export type TWorkCenterBalance = z.infer<typeof ZWorkCenterBalance>;

export const ZOperationEnergy = z.object({
  operationId: ZId,
  seqNo: z.number().int(),
  code: z.string(),
  name: z.string(),
  workCenterId: ZId,
  workCenterCode: z.string(),
  workCenterName: z.string(),
  runningHours: z.number(),
  /** running time in hours for which no meter of the work center measured anything */
  unmeteredRunningHours: z.number(),
  goodQuantity: z.string(),
  energy: ZEnergyFigures,
});
export type TOperationEnergy = z.infer<typeof ZOperationEnergy>;

export const ZWorkOrderEnergy = z.object({
  workOrderId: ZId,
  number: z.string(),
  productCode: z.string(),
  productName: z.string(),
  unitCode: z.string(),
  /** the good quantity its last operation reported */
  goodQuantity: z.string(),
  /** whole intervals covering every running span of the order; null before anything ran */
  from: ZTimestamp.nullable(),
  to: ZTimestamp.nullable(),
  operations: z.array(ZOperationEnergy),
  total: ZEnergyFigures,
  workCenters: z.array(ZWorkCenterBalance),
  basis: ZEnergyBasis,
  notes: z.array(z.string()),
});
export type TWorkOrderEnergy = z.infer<typeof ZWorkOrderEnergy>;

export const ZWorkOrderEnergyByProductQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .strict();
export type TWorkOrderEnergyByProductQuery = z.infer<typeof ZWorkOrderEnergyByProductQuery>;

export const ZWorkOrderEnergyByProduct = z.object({
  from: ZTimestamp,
  to: ZTimestamp,
  products: z.array(
    z.object({
      productId: ZId,
      productCode: z.string(),
      productName: z.string(),
      unitCode: z.string(),
      /** good quantity the orders' last operations reported in the period */
      goodQuantity: z.string(),
      energy: ZEnergyFigures,
      orders: z.array(
        z.object({
          workOrderId: ZId,
          number: z.string(),
          goodQuantity: z.string(),
          tceEquivalent: z.number(),
          totalTco2: z.number(),
        }),
      ),
    }),
  ),
  /** the worked work centers' idle energy in the period */
  idle: ZEnergyFigures,
  workCenters: z.array(ZWorkCenterBalance),
  basis: ZEnergyBasis,
  notes: z.array(z.string()),
});
export type TWorkOrderEnergyByProduct = z.infer<typeof ZWorkOrderEnergyByProduct>;

/** A lot's carbon footprint: its share of its work order's energy and the footprint of the lots it consumed. */
export const ZLotCarbonComponent = z.object({
  lotId: ZId,
  lotNumber: z.string(),
  materialCode: z.string(),
  materialName: z.string(),
  unitCode: z.string(),
  origin: z.enum(['received', 'produced']),
  /** what went into this lot, in the component's unit (decimal string) */
  quantity: z.string(),
  /** kgCO₂e per unit: the material's purchased factor (received), or that lot's own footprint per unit (produced) */
  kgco2ePerUnit: z.number().nullable(),
  /** null when no factor is known */
  kgco2e: z.number().nullable(),
});
export type TLotCarbonComponent = z.infer<typeof ZLotCarbonComponent>;

export const ZLotCarbon = z.object({
  lotId: ZId,
  lotNumber: z.string(),
  materialCode: z.string(),
  materialName: z.string(),
  unitCode: z.string(),
  origin: z.enum(['received', 'produced']),
  /** produced: what its order's output moves put into it; received: what was received */
  quantity: z.string(),
  workOrderId: ZId.nullable(),
  workOrderNumber: z.string().nullable(),
  /** the order's good output the energy is spread over, and this lot's part of it (0–1) */
  orderGoodQuantity: z.string().nullable(),
  share: z.number().nullable(),
  /** the lot's share of its order's energy; null for a received lot */
  energy: z
    .object({
      tceEquivalent: z.number(),
      tceEqual: z.number(),
      scope1Tco2: z.number(),
      scope2Tco2: z.number(),
      totalTco2: z.number(),
    })
    .nullable(),
  components: z.array(ZLotCarbonComponent),
  energyKgco2e: z.number(),
  materialsKgco2e: z.number(),
  totalKgco2e: z.number(),
  perUnitKgco2e: z.number().nullable(),
  /** material codes of consumed lots without a factor (their footprint is left out) */
  missing: z.array(z.string()),
  method: z.string(),
  notes: z.array(z.string()),
});
export type TLotCarbon = z.infer<typeof ZLotCarbon>;

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCarbonCalcRequest,
  ZCoefficientOverride,
  ZCoefficientOverrideQuery,
  ZCreateCoefficientOverride,
  ZIdParams,
  ZOk,
  ZCarbonCalcResult,
  ZEnergyCalcRequest,
  ZEnergyCalcResult,
  ZEnergyMediumInfo,
  ENERGY_MEDIA,
  ZEnergyYearSettings,
  ZEnergyYearSettingsResult,
  ZFactor,
  ZYearParams,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { calculateCarbon, calculateEnergy, mediumDimension, NOT_FUELS } from './calc/engine.ts';
import { dimensionOf, unitsOf } from './calc/units.ts';
import * as energy from './energy.service.ts';
import * as overrides from './overrides.service.ts';
import { allFactors, baseUnitOf, COAL_COEFFICIENTS, COMBUSTION_DEFAULTS } from './factors/library.ts';

/** The calculation endpoints of ../shared/reference/calculation-api.md, the factor library, the year's choices. */
export function energyRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['energy'];
  r.post(
    '/energy/calculate',
    {
      schema: {
        tags,
        summary:
          'Comprehensive energy consumption in tce, equivalent and equal value (GB/T 2589-2020); stateless',
        body: ZEnergyCalcRequest,
        response: { 200: ZEnergyCalcResult },
      },
      config: { access: 'energy.calculation.run' },
    },
    (req) => req.inTenant(async (ctx) => calculateEnergy(req.body, await energy.yearFactors(ctx))),
  );
  r.post(
    '/carbon/calculate',
    {
      schema: {
        tags: ['carbon'],
        summary:
          'GHG emissions per GB/T 32150 (combustion, process, purchased and exported energy); stateless',
        body: ZCarbonCalcRequest,
        response: { 200: ZCarbonCalcResult },
      },
      config: { access: 'carbon.calculation.run' },
    },
    (req) => req.inTenant(async (ctx) => calculateCarbon(req.body, await energy.yearFactors(ctx))),
  );
  r.get(
    '/energy/factors',
    {
      schema: {
        tags,
        summary: 'The factor library: standard-coal coefficients, combustion defaults, grid and heat factors',
        response: { 200: z.array(ZFactor) },
      },
      config: { access: 'energy.factor.read' },
    },
    () => allFactors(),
  );
  r.get(
    '/energy/media',
    {
      schema: {
        tags,
        summary: 'The energy media catalogue: units, library coefficient, fuel and combustion defaults',
        response: { 200: z.array(ZEnergyMediumInfo) },
      },
      config: { access: 'energy.factor.read' },
    },
    () =>
      ENERGY_MEDIA.map((code) => {
        const coefficient = COAL_COEFFICIENTS.get(code);
        const unit = baseUnitOf(code);
        const dimension = mediumDimension(code);
        const defaults = COMBUSTION_DEFAULTS.get(code);
        const isFuel = !NOT_FUELS.has(code);
        return {
          code,
          unit,
          units: unitsOf(dimension),
          dimension: dimensionOf(unit),
          kgcePerUnit: coefficient?.value ?? null,
          isFuel,
          hasCombustionDefaults: defaults !== undefined,
          ncvUnit: defaults?.ncvUnit ?? (isFuel ? (dimension === 'volume' ? '10^4Nm3' : 't') : null),
        };
      }),
  );
  r.get(
    '/energy/year-settings',
    {
      schema: {
        tags,
        summary: 'The years with chosen factors',
        response: { 200: z.array(ZEnergyYearSettingsResult) },
      },
      config: { access: 'energy.factor.read' },
    },
    (req) => req.inTenant((ctx) => energy.listYearSettings(ctx)),
  );
  r.get(
    '/energy/year-settings/:year',
    {
      schema: {
        tags,
        summary: "A reporting year's factors (the defaults when none were chosen)",
        params: ZYearParams,
        response: { 200: ZEnergyYearSettingsResult },
      },
      config: { access: 'energy.factor.read' },
    },
    (req) => req.inTenant((ctx) => energy.getYearSettings(ctx, req.params.year)),
  );
  r.put(
    '/energy/year-settings/:year',
    {
      schema: {
        tags,
        summary: "Choose a reporting year's grid factor, electricity equal value and heat factor",
        params: ZYearParams,
        body: ZEnergyYearSettings,
        response: { 200: ZEnergyYearSettingsResult },
      },
      config: { access: 'energy.factor.manage' },
    },
    (req) => req.inTenant((ctx) => energy.putYearSettings(ctx, req.params.year, req.body)),
  );
  r.get(
    '/energy/coefficient-overrides',
    {
      schema: {
        tags,
        summary: "The enterprise's measured coefficients per medium and period",
        querystring: ZCoefficientOverrideQuery,
        response: { 200: z.array(ZCoefficientOverride) },
      },
      config: { access: 'energy.factor.read' },
    },
    (req) => req.inTenant((ctx) => overrides.listOverrides(ctx, req.query)),
  );
  r.post(
    '/energy/coefficient-overrides',
    {
      schema: {
        tags,
        summary: 'Record a measured coefficient for a period (409 when it overlaps another of the medium)',
        body: ZCreateCoefficientOverride,
        response: { 201: ZCoefficientOverride },
      },
      config: { access: 'energy.factor.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => overrides.createOverride(ctx, req.body))),
  );
  r.delete(
    '/energy/coefficient-overrides/:id',
    {
      schema: { tags, summary: 'Delete a coefficient override', params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'energy.factor.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => overrides.deleteOverride(ctx, req.params.id));
      return { ok: true as const };
    },
  );
}

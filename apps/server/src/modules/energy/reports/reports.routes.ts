import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCarbonActivity,
  ZCarbonActivityParams,
  ZCarbonActivityQuery,
  ZCarbonSource,
  ZCreateCarbonSource,
  ZIdParams,
  ZOk,
  ZPutCarbonActivity,
  ZEnergyCostReport,
  ZEnergyFlow,
  ZEnergyFlowQuery,
  ZEnergyOverview,
  ZEnergyTable1,
  ZEnergyTable1Query,
  ZEnergyTable3,
  ZEnergyTable3Query,
  ZGhgInventory,
  ZReportPeriodQuery,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import * as sources from './carbon-sources.service.ts';
import { inventoryXlsx } from './inventory.excel.ts';
import { energyCost } from './cost.service.ts';
import { sendXlsx } from '../../modeling/excel.routes.ts';
import { energyTable1, energyTable1Xlsx, energyTable3, energyTable3Xlsx } from './tables.service.ts';
import { energyFlow, energyOverview, ghgInventory } from './reports.service.ts';

/** Reports over the metered enterprise boundary: the energy overview and the GB/T 32150 GHG inventory. */
export function energyReportRoutes(app: FastifyInstance) {
  const r = typed(app);
  r.get(
    '/energy/overview',
    {
      schema: {
        tags: ['energy reports'],
        summary: 'Boundary consumption by medium (physical and tce), trend, areas, intensities, MoM and YoY',
        querystring: ZReportPeriodQuery,
        response: { 200: ZEnergyOverview },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => energyOverview(ctx, req.query)),
  );
  r.get(
    '/carbon/inventory',
    {
      schema: {
        tags: ['carbon'],
        summary: 'GHG inventory per GB/T 32150 from the metered boundary: totals, per period, data quality',
        querystring: ZReportPeriodQuery,
        response: { 200: ZGhgInventory },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => ghgInventory(ctx, req.query)),
  );
  r.get(
    '/energy/flow',
    {
      schema: {
        tags: ['energy reports'],
        summary:
          'Energy flow (Sankey) in tce: purchased → medium → area → equipment, with losses and the rest',
        querystring: ZEnergyFlowQuery,
        response: { 200: ZEnergyFlow },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => energyFlow(ctx, req.query)),
  );
  const tables = ['energy reports'];
  r.get(
    '/energy/tables/1',
    {
      schema: {
        tags: tables,
        summary: 'Table 1: energy consumption by energy type for recent years and a forecast year',
        querystring: ZEnergyTable1Query,
        response: { 200: ZEnergyTable1 },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => energyTable1(ctx, req.query)),
  );
  r.get(
    '/energy/tables/1/export',
    {
      schema: { tags: tables, summary: 'Table 1 as Excel', querystring: ZEnergyTable1Query },
      config: { access: 'energy.report.read' },
    },
    async (req, reply) =>
      sendXlsx(reply, 'energy-table-1', await req.inTenant((ctx) => energyTable1Xlsx(ctx, req.query))),
  );
  r.get(
    '/energy/tables/3',
    {
      schema: {
        tags: tables,
        summary:
          'Table 3: the key energy-consuming equipment register, with the metered consumption of the year',
        querystring: ZEnergyTable3Query,
        response: { 200: ZEnergyTable3 },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => energyTable3(ctx, req.query)),
  );
  r.get(
    '/energy/tables/3/export',
    {
      schema: { tags: tables, summary: 'Table 3 as Excel', querystring: ZEnergyTable3Query },
      config: { access: 'energy.report.read' },
    },
    async (req, reply) =>
      sendXlsx(reply, 'energy-table-3', await req.inTenant((ctx) => energyTable3Xlsx(ctx, req.query))),
  );
  const carbon = ['carbon'];
  r.get(
    '/carbon/sources',
    {
      schema: {
        tags: carbon,
        summary: 'Process, biomass, recovered-CO₂ and export sources',
        response: { 200: z.array(ZCarbonSource) },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => sources.listSources(ctx)),
  );
  r.post(
    '/carbon/sources',
    {
      schema: { tags: carbon, body: ZCreateCarbonSource, response: { 201: ZCarbonSource } },
      config: { access: 'energy.meter.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => sources.createSource(ctx, req.body))),
  );
  r.delete(
    '/carbon/sources/:id',
    {
      schema: { tags: carbon, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'energy.meter.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => sources.deleteSource(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  r.get(
    '/carbon/activity',
    {
      schema: {
        tags: carbon,
        summary: 'Monthly activity of every source',
        querystring: ZCarbonActivityQuery,
        response: { 200: z.array(ZCarbonActivity) },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => sources.listActivity(ctx, null, req.query)),
  );
  r.put(
    '/carbon/sources/:id/activity/:month',
    {
      schema: {
        tags: carbon,
        summary: "A month's activity of a source",
        params: ZCarbonActivityParams,
        body: ZPutCarbonActivity,
        response: { 200: ZCarbonActivity },
      },
      config: { access: 'energy.reading.manage' },
    },
    (req) => req.inTenant((ctx) => sources.putActivity(ctx, req.params.id, req.params.month, req.body)),
  );
  r.get(
    '/carbon/inventory/export',
    {
      schema: {
        tags: carbon,
        summary: 'The GHG inventory as Excel in the GB/T 32150 reporting structure',
        querystring: ZReportPeriodQuery,
      },
      config: { access: 'energy.report.read' },
    },
    async (req, reply) =>
      sendXlsx(reply, 'ghg-inventory', await req.inTenant((ctx) => inventoryXlsx(ctx, req.query))),
  );
  r.get(
    '/energy/cost',
    {
      schema: {
        tags: ['energy reports'],
        summary:
          "Energy cost per incomer and area meter under the enterprise's tariff plans (time of use for electricity)",
        querystring: ZEnergyFlowQuery,
        response: { 200: ZEnergyCostReport },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => energyCost(ctx, req.query)),
  );
}

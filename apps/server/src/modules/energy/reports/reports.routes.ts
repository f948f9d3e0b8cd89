import type { FastifyInstance } from 'fastify';
import {
  ZEnergyFlow,
  ZEnergyFlowQuery,
  ZEnergyOverview,
  ZGhgInventory,
  ZReportPeriodQuery,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
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
}

import type { FastifyInstance } from 'fastify';
import {
  ZIdParams,
  ZLotCarbon,
  ZWorkOrderEnergy,
  ZWorkOrderEnergyByProduct,
  ZWorkOrderEnergyByProductQuery,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import { lotCarbon } from './lot-carbon.service.ts';
import { workOrderEnergy, workOrderEnergyByProduct } from './work-order-energy.service.ts';

/**
 * Energy and carbon per work order and operation. Energy owns the numbers (it reads production's running spans
 * through its service), so the routes live here although one sits under the work order's path.
 */
export function workOrderEnergyRoutes(app: FastifyInstance) {
  const r = typed(app);
  r.get(
    '/production/work-orders/:id/energy',
    {
      schema: {
        tags: ['energy per work order'],
        summary:
          "Per operation and for the order: its share of the work centers' metered energy by running time, tce, tCO₂, per good unit; idle energy apart",
        params: ZIdParams,
        response: { 200: ZWorkOrderEnergy },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => workOrderEnergy(ctx, req.params.id)),
  );
  r.get(
    '/energy/products/work-orders',
    {
      schema: {
        tags: ['energy per work order'],
        summary:
          'By product over a period: the energy the operations of the orders worked in it took, tce, tCO₂ per good unit; idle apart',
        querystring: ZWorkOrderEnergyByProductQuery,
        response: { 200: ZWorkOrderEnergyByProduct },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => workOrderEnergyByProduct(ctx, req.query)),
  );
  r.get(
    '/inventory/lots/:id/carbon',
    {
      schema: {
        tags: ['energy per work order'],
        summary:
          "A lot's footprint: its share of its work order's energy and carbon (by quantity) plus the consumed lots' " +
          'footprints (purchased material factors; produced lots computed the same way), kgCO₂e in total and per unit',
        params: ZIdParams,
        response: { 200: ZLotCarbon },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => lotCarbon(ctx, req.params.id)),
  );
}

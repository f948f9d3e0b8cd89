import type { FastifyInstance } from 'fastify';
import {
  ZCarbonScreen,
  ZEnergyScreen,
  ZEquipmentGrid,
  ZEquipmentGridQuery,
  ZEquipmentScreen,
  ZProductionScreen,
  ZScreenQuery,
  ZSummaryScreen,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import { carbonScreen } from './carbon-screen.service.ts';
import { energyScreen } from './energy-screen.service.ts';
import { equipmentGrid, equipmentScreen } from './equipment-screen.service.ts';
import { productionScreen } from './production-screen.service.ts';
import { summaryScreen } from './summary-screen.service.ts';

/** Big screens (数据大屏): one read-only answer per screen, computed by the modules' own services. */
export function screenRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['big screens'];
  const access = 'visualization.screen.read' as const;
  r.get(
    '/screens/summary',
    {
      schema: {
        tags,
        summary: "Summary screen: today's output and attainment, equipment, energy, carbon, open alarms",
        querystring: ZScreenQuery,
        response: { 200: ZSummaryScreen },
      },
      config: { access },
    },
    (req) => req.inTenant((ctx) => summaryScreen(ctx, req.query)),
  );
  r.get(
    '/screens/production',
    {
      schema: {
        tags,
        summary: 'Production screen: output vs plan, attainment, WIP, open orders, scrap reasons, Andon',
        querystring: ZScreenQuery,
        response: { 200: ZProductionScreen },
      },
      config: { access },
    },
    (req) => req.inTenant((ctx) => productionScreen(ctx, req.query)),
  );
  r.get(
    '/screens/equipment',
    {
      schema: {
        tags,
        summary: 'Equipment screen: status grid, equipment per state, running share, open alarms',
        querystring: ZScreenQuery,
        response: { 200: ZEquipmentScreen },
      },
      config: { access },
    },
    (req) => req.inTenant((ctx) => equipmentScreen(ctx, req.query)),
  );
  r.get(
    '/screens/equipment-grid',
    {
      schema: {
        tags,
        summary: 'Every visible piece of equipment (of a site) with its running state, for status grids',
        querystring: ZEquipmentGridQuery,
        response: { 200: ZEquipmentGrid },
      },
      config: { access },
    },
    (req) => req.inTenant((ctx) => equipmentGrid(ctx, req.query)),
  );
  r.get(
    '/screens/energy',
    {
      schema: {
        tags,
        summary: 'Energy screen: today and month by medium in tce, trend, time-of-use split, cost, flow',
        querystring: ZScreenQuery,
        response: { 200: ZEnergyScreen },
      },
      config: { access },
    },
    (req) => req.inTenant((ctx) => energyScreen(ctx, req.query)),
  );
  r.get(
    '/screens/carbon',
    {
      schema: {
        tags,
        summary:
          "Carbon and environment screen: the year's emissions by scope and month, pollutants vs limits",
        querystring: ZScreenQuery,
        response: { 200: ZCarbonScreen },
      },
      config: { access },
    },
    (req) => req.inTenant((ctx) => carbonScreen(ctx, req.query)),
  );
}

import type { FastifyInstance } from 'fastify';
import {
  ZIdParams,
  ZOk,
  ZPage,
  ZTariffCostRequest,
  ZTariffCostResult,
  ZTariffPlan,
  ZTariffPlanInput,
  ZTariffPlanQuery,
} from '@greenmes/contracts';
import { XLSX_TYPE } from '../../../platform/excel/excel.ts';
import { typed } from '../../../platform/http/routes.ts';
import * as tariffs from './tariffs.service.ts';

/** Tariff plans (time-of-use electricity, flat prices for other media) and the stateless cost calculator. */
export function tariffRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['energy tariffs'];
  r.get(
    '/energy/tariffs',
    {
      schema: {
        tags,
        summary: 'Tariff plans; search code, name and note',
        querystring: ZTariffPlanQuery,
        response: { 200: ZPage(ZTariffPlan) },
      },
      config: { access: 'energy.tariff.read' },
    },
    (req) => req.inTenant((ctx) => tariffs.listPlans({ ctx, query: req.query })),
  );
  r.get(
    '/energy/tariffs/export',
    {
      schema: {
        tags,
        summary: 'Excel export with the list filters: one row per plan and season',
        querystring: ZTariffPlanQuery.omit({ page: true, pageSize: true }),
      },
      config: { access: 'energy.tariff.read' },
    },
    async (req, reply) => {
      const file = await req.inTenant((ctx) => tariffs.exportPlans({ ctx, query: req.query }));
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="tariffs-${new Date().toISOString().slice(0, 10)}.xlsx"`,
        )
        .send(file);
    },
  );
  r.post(
    '/energy/tariffs',
    {
      schema: {
        tags,
        summary: 'Create a plan (409 when its validity overlaps another plan of the medium)',
        body: ZTariffPlanInput,
        response: { 201: ZTariffPlan },
      },
      config: { access: 'energy.tariff.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => tariffs.createPlan({ ctx, input: req.body }))),
  );
  r.get(
    '/energy/tariffs/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZTariffPlan } },
      config: { access: 'energy.tariff.read' },
    },
    (req) => req.inTenant((ctx) => tariffs.getPlan({ ctx, id: req.params.id })),
  );
  r.put(
    '/energy/tariffs/:id',
    {
      schema: {
        tags,
        summary: 'Replace a plan: seasons, schedule and prices are validated together',
        params: ZIdParams,
        body: ZTariffPlanInput,
        response: { 200: ZTariffPlan },
      },
      config: { access: 'energy.tariff.manage' },
    },
    (req) => req.inTenant((ctx) => tariffs.updatePlan({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/energy/tariffs/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'energy.tariff.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => tariffs.deletePlan({ ctx, id: req.params.id }));
      return { ok: true as const };
    },
  );
  r.post(
    '/energy/cost/calculate',
    {
      schema: {
        tags,
        summary:
          'Cost of interval consumption per time-of-use period, the demand charge and maximum demand; stateless',
        body: ZTariffCostRequest,
        response: { 200: ZTariffCostResult },
      },
      config: { access: 'energy.tariff.read' },
    },
    (req) => req.inTenant((ctx) => tariffs.calculateCost({ ctx, input: req.body })),
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZEnergyTable2,
  ZEnergyTable2Query,
  ZMaterialCarbonFactor,
  ZMaterialIdParams,
  ZOk,
  ZProductEnergy,
  ZProductReport,
  ZProductReportQuery,
  ZPutMaterialCarbonFactor,
  ZPutProductEnergy,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import { sendXlsx } from '../../modeling/excel.routes.ts';
import { deleteMaterialFactor, listMaterialFactors, putMaterialFactor } from './material-factors.service.ts';
import { energyTable2, energyTable2Xlsx, productReport } from './product-report.ts';
import { deleteProductEnergy, listProductEnergy, putProductEnergy } from './products.service.ts';

/** Energy per product: where each product is made, the product energy and carbon report, and Table 2. */
export function productEnergyRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['energy per product'];
  r.get(
    '/energy/products',
    {
      schema: {
        tags,
        summary: 'Every product with its production nodes (allocation weights) and limit value',
        response: { 200: z.array(ZProductEnergy) },
      },
      config: { access: 'energy.economics.read' },
    },
    (req) => req.inTenant((ctx) => listProductEnergy(ctx)),
  );
  r.put(
    '/energy/products/:materialId',
    {
      schema: {
        tags,
        summary: "Set a product's production nodes (nodes of all products must not nest) and limit value",
        params: ZMaterialIdParams,
        body: ZPutProductEnergy,
        response: { 200: ZProductEnergy },
      },
      config: { access: 'energy.economics.manage' },
    },
    (req) => req.inTenant((ctx) => putProductEnergy(ctx, req.params.materialId, req.body)),
  );
  r.delete(
    '/energy/products/:materialId',
    {
      schema: { tags, params: ZMaterialIdParams, response: { 200: ZOk } },
      config: { access: 'energy.economics.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => deleteProductEnergy(ctx, req.params.materialId));
      return { ok: true as const };
    },
  );
  r.get(
    '/energy/products/report',
    {
      schema: {
        tags,
        summary:
          'Per product over whole months: allocated energy by medium, unit consumption (tce equivalent and equal value), carbon footprint, cost',
        querystring: ZProductReportQuery,
        response: { 200: ZProductReport },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => productReport(ctx, req.query)),
  );
  r.get(
    '/energy/tables/2',
    {
      schema: {
        tags: ['energy reports'],
        summary:
          "Table 2: the main products' unit comprehensive energy consumption, year on year and against the limit",
        querystring: ZEnergyTable2Query,
        response: { 200: ZEnergyTable2 },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => energyTable2(ctx, req.query)),
  );
  r.get(
    '/energy/tables/2/export',
    {
      schema: { tags: ['energy reports'], summary: 'Table 2 as Excel', querystring: ZEnergyTable2Query },
      config: { access: 'energy.report.read' },
    },
    async (req, reply) =>
      sendXlsx(reply, 'energy-table-2', await req.inTenant((ctx) => energyTable2Xlsx(ctx, req.query))),
  );
  const carbon = ['carbon'];
  r.get(
    '/carbon/material-factors',
    {
      schema: {
        tags: carbon,
        summary:
          "Purchased materials' emission factors (kgCO₂e per unit of the material), for product footprints",
        response: { 200: z.array(ZMaterialCarbonFactor) },
      },
      config: { access: 'energy.factor.read' },
    },
    (req) => req.inTenant((ctx) => listMaterialFactors(ctx)),
  );
  r.put(
    '/carbon/material-factors/:materialId',
    {
      schema: {
        tags: carbon,
        summary: "Set a material's emission factor with its source",
        params: ZMaterialIdParams,
        body: ZPutMaterialCarbonFactor,
        response: { 200: ZMaterialCarbonFactor },
      },
      config: { access: 'energy.factor.manage' },
    },
    (req) => req.inTenant((ctx) => putMaterialFactor(ctx, req.params.materialId, req.body)),
  );
  r.delete(
    '/carbon/material-factors/:materialId',
    {
      schema: { tags: carbon, params: ZMaterialIdParams, response: { 200: ZOk } },
      config: { access: 'energy.factor.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => deleteMaterialFactor(ctx, req.params.materialId));
      return { ok: true as const };
    },
  );
}

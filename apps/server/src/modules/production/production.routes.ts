import type { FastifyInstance } from 'fastify';
import {
  ZBom,
  ZBomFilters,
  ZRoutingFilters,
  ZBomPage,
  ZBomQuery,
  ZCopyDefinition,
  ZDefinitionTransition,
  ZExplosion,
  ZExplosionQuery,
  ZIdParams,
  ZOk,
  ZRouting,
  ZRoutingPage,
  ZRoutingQuery,
  ZSaveBom,
  ZSaveRouting,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { excelRoutes } from '../modeling/excel.routes.ts';
import * as boms from './boms.service.ts';
import { bomTemplate, exportBoms, importBoms } from './boms.excel.ts';
import { explodeBom } from './explosion.service.ts';
import { exportRoutings, importRoutings, routingTemplate } from './routings.excel.ts';
import * as routings from './routings.service.ts';

const ok = { ok: true as const };

/** Production definitions: BOM and routing versions, the BOM explosion, BOMs and routings in Excel. */
export function productionRoutes(app: FastifyInstance) {
  const r = typed(app);
  let tags = ['production BOMs'];
  r.get(
    '/production/boms',
    {
      schema: {
        tags,
        summary:
          'BOM versions: search by product code/name or version; filter by product, status, effective day',
        querystring: ZBomQuery,
        response: { 200: ZBomPage },
      },
      config: { access: 'production.bom.read' },
    },
    (req) => req.inTenant((ctx) => boms.listBoms(ctx, req.query)),
  );
  r.get(
    '/production/explosion',
    {
      schema: {
        tags,
        summary:
          'Multi-level explosion of a quantity of a product on a day (each level the version effective then): tree and summed gross requirements',
        querystring: ZExplosionQuery,
        response: { 200: ZExplosion },
      },
      config: { access: 'production.bom.read' },
    },
    (req) => req.inTenant((ctx) => explodeBom(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'production/boms',
    filters: ZBomFilters,
    read: 'production.bom.read',
    manage: 'production.bom.manage',
    exportFile: (ctx, query) => exportBoms(ctx, query),
    importFile: (ctx, body, dryRun) => importBoms(ctx, body, dryRun),
    template: bomTemplate,
  });
  r.get(
    '/production/boms/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZBom } },
      config: { access: 'production.bom.read' },
    },
    (req) => req.inTenant((ctx) => boms.getBom(ctx, req.params.id)),
  );
  r.post(
    '/production/boms',
    {
      schema: { tags, summary: 'A new draft version', body: ZSaveBom, response: { 201: ZBom } },
      config: { access: 'production.bom.manage' },
    },
    async (req, reply) => reply.status(201).send(await req.inTenant((ctx) => boms.createBom(ctx, req.body))),
  );
  r.put(
    '/production/boms/:id',
    {
      schema: {
        tags,
        summary: "Replace a draft's header and lines (409 unless draft)",
        params: ZIdParams,
        body: ZSaveBom,
        response: { 200: ZBom },
      },
      config: { access: 'production.bom.manage' },
    },
    (req) => req.inTenant((ctx) => boms.updateBom(ctx, req.params.id, req.body)),
  );
  r.post(
    '/production/boms/:id/transition',
    {
      schema: {
        tags,
        summary:
          'draft → active (no overlap with another active version: else 409) or obsolete; active → obsolete',
        params: ZIdParams,
        body: ZDefinitionTransition,
        response: { 200: ZBom },
      },
      config: { access: 'production.bom.manage' },
    },
    (req) => req.inTenant((ctx) => boms.transitionBom(ctx, req.params.id, req.body.status)),
  );
  r.post(
    '/production/boms/:id/copy',
    {
      schema: {
        tags,
        summary: 'A new draft version with the same content',
        params: ZIdParams,
        body: ZCopyDefinition,
        response: { 201: ZBom },
      },
      config: { access: 'production.bom.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => boms.copyBom(ctx, req.params.id, req.body.version))),
  );
  r.delete(
    '/production/boms/:id',
    {
      schema: { tags, summary: 'Delete a draft', params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'production.bom.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => boms.deleteBom(ctx, req.params.id));
      return ok;
    },
  );

  tags = ['production routings'];
  r.get(
    '/production/routings',
    {
      schema: {
        tags,
        summary: 'Routing versions: search, filter by product, status, effective day or work center',
        querystring: ZRoutingQuery,
        response: { 200: ZRoutingPage },
      },
      config: { access: 'production.routing.read' },
    },
    (req) => req.inTenant((ctx) => routings.listRoutings(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'production/routings',
    filters: ZRoutingFilters,
    read: 'production.routing.read',
    manage: 'production.routing.manage',
    exportFile: (ctx, query) => exportRoutings(ctx, query),
    importFile: (ctx, body, dryRun) => importRoutings(ctx, body, dryRun),
    template: routingTemplate,
  });
  r.get(
    '/production/routings/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZRouting } },
      config: { access: 'production.routing.read' },
    },
    (req) => req.inTenant((ctx) => routings.getRouting(ctx, req.params.id)),
  );
  r.post(
    '/production/routings',
    {
      schema: { tags, summary: 'A new draft version', body: ZSaveRouting, response: { 201: ZRouting } },
      config: { access: 'production.routing.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => routings.createRouting(ctx, req.body))),
  );
  r.put(
    '/production/routings/:id',
    {
      schema: {
        tags,
        summary: "Replace a draft's header and operations (409 unless draft)",
        params: ZIdParams,
        body: ZSaveRouting,
        response: { 200: ZRouting },
      },
      config: { access: 'production.routing.manage' },
    },
    (req) => req.inTenant((ctx) => routings.updateRouting(ctx, req.params.id, req.body)),
  );
  r.post(
    '/production/routings/:id/transition',
    {
      schema: {
        tags,
        summary: 'draft → active (no overlap: else 409) or obsolete; active → obsolete',
        params: ZIdParams,
        body: ZDefinitionTransition,
        response: { 200: ZRouting },
      },
      config: { access: 'production.routing.manage' },
    },
    (req) => req.inTenant((ctx) => routings.transitionRouting(ctx, req.params.id, req.body.status)),
  );
  r.post(
    '/production/routings/:id/copy',
    {
      schema: {
        tags,
        summary: 'A new draft version with the same operations',
        params: ZIdParams,
        body: ZCopyDefinition,
        response: { 201: ZRouting },
      },
      config: { access: 'production.routing.manage' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await req.inTenant((ctx) => routings.copyRouting(ctx, req.params.id, req.body.version))),
  );
  r.delete(
    '/production/routings/:id',
    {
      schema: { tags, summary: 'Delete a draft', params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'production.routing.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => routings.deleteRouting(ctx, req.params.id));
      return ok;
    },
  );
}

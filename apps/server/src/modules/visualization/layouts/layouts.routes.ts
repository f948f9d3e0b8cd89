import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  MAX_PLANT_LAYOUT_IMAGE_BYTES,
  PLANT_LAYOUT_IMAGE_TYPES,
  ZCreatePlantLayout,
  ZIdParams,
  ZOk,
  ZPage,
  ZPlantLayout,
  ZPlantLayoutDetail,
  ZPlantLayoutQuery,
  ZPlantLayoutVersionQuery,
  ZPlantModel,
  ZSavePlantLayoutMarkers,
  ZUpdatePlantLayout,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import * as layouts from './layouts.service.ts';

const READ = 'visualization.layout.read' as const;
const MANAGE = 'visualization.layout.manage' as const;
const imageBody = z
  .unknown()
  .describe(
    `the PNG, JPEG or SVG file as the raw request body (at most ${MAX_PLANT_LAYOUT_IMAGE_BYTES / 1024 / 1024} MiB); its type is read from its bytes`,
  );

/** 2D plant layouts (floor plans with equipment markers) and the factory model the 3D view is drawn from. */
export function plantLayoutRoutes(app: FastifyInstance) {
  // image bodies arrive as bytes in this scope only; the type is sniffed from them, never trusted
  void app.register(async (scope) => {
    scope.addContentTypeParser([...PLANT_LAYOUT_IMAGE_TYPES], { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    routes(scope);
  });
}

function routes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['plant layouts'];
  r.get(
    '/visualization/layouts',
    {
      schema: {
        tags,
        summary: 'Layouts of the sites and areas you can see, by name',
        querystring: ZPlantLayoutQuery,
        response: { 200: ZPage(ZPlantLayout) },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => layouts.listLayouts({ ctx, query: req.query })),
  );
  r.post(
    '/visualization/layouts',
    {
      schema: {
        tags,
        summary: 'A layout of a site or area; upload its background next',
        body: ZCreatePlantLayout,
        response: { 201: ZPlantLayoutDetail },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => layouts.createLayout({ ctx, input: req.body }))),
  );
  r.get(
    '/visualization/layouts/:id',
    {
      schema: {
        tags,
        summary: 'A layout with its markers (only equipment within your data scope)',
        params: ZIdParams,
        response: { 200: ZPlantLayoutDetail },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => layouts.getLayout({ ctx, id: req.params.id })),
  );
  r.patch(
    '/visualization/layouts/:id',
    {
      schema: {
        tags,
        summary: 'Rename or move to another site/area; 409 when the version is stale',
        params: ZIdParams,
        body: ZUpdatePlantLayout,
        response: { 200: ZPlantLayoutDetail },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => layouts.updateLayout({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/visualization/layouts/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => layouts.deleteLayout({ ctx, id: req.params.id }));
      return { ok: true as const };
    },
  );
  r.put(
    '/visualization/layouts/:id/background',
    {
      schema: {
        tags,
        summary: 'Upload the floor plan: PNG, JPEG or SVG (400 otherwise, 413 when too large)',
        params: ZIdParams,
        querystring: ZPlantLayoutVersionQuery,
        body: imageBody,
        response: { 200: ZPlantLayoutDetail },
      },
      config: { access: MANAGE },
    },
    (req) =>
      req.inTenant((ctx) =>
        layouts.uploadBackground({ ctx, id: req.params.id, version: req.query.version, body: req.body }),
      ),
  );
  r.get(
    '/visualization/layouts/:id/background',
    {
      schema: {
        tags,
        summary: 'The floor plan image; sandboxed so an SVG cannot run script',
        params: ZIdParams,
      },
      config: { access: READ },
    },
    async (req, reply) => {
      const image = await req.inTenant((ctx) => layouts.backgroundOf({ ctx, id: req.params.id }));
      return (
        reply
          .type(image.type)
          // opened on its own, an SVG is a document: no script, no requests, no same-origin rights
          .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'")
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .header('cache-control', 'private, no-cache')
          .send(image.bytes)
      );
    },
  );
  r.put(
    '/visualization/layouts/:id/markers',
    {
      schema: {
        tags,
        summary: 'Replace every marker: each equipment once, known and within your data scope',
        params: ZIdParams,
        body: ZSavePlantLayoutMarkers,
        response: { 200: ZPlantLayoutDetail },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => layouts.saveMarkers({ ctx, id: req.params.id, input: req.body })),
  );
  r.get(
    '/visualization/plant-model',
    {
      schema: {
        tags,
        summary: 'Sites, areas, lines, work centers and every equipment with its category, for the 3D plant',
        response: { 200: ZPlantModel },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => layouts.plantModel(ctx)),
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZConvertQuery,
  ZConvertResult,
  ZCreateEquipment,
  ZCreateMaterial,
  ZCreatePlantNode,
  ZCreateUnit,
  ZEquipment,
  ZEquipmentQuery,
  ZIdParams,
  ZMaterial,
  ZMaterialQuery,
  ZMovePlantNode,
  ZOk,
  ZPage,
  ZPlantNode,
  ZPlantTree,
  ZUnit,
  ZUpdateEquipment,
  ZUpdateMaterial,
  ZUpdatePlantNode,
  ZUpdateUnit,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as equipment from './equipment.service.ts';
import { excelRoutes } from './excel.routes.ts';
import * as materials from './materials.service.ts';
import * as plant from './plant.service.ts';
import * as units from './units.service.ts';

const ok = { ok: true as const };

/** Factory model: plant tree, equipment, materials, units of measure. */
export function modelingRoutes(app: FastifyInstance) {
  const r = typed(app);

  // ---- plant tree: site → area → line → work center ----
  let tags = ['plant'];
  r.get(
    '/plant/tree',
    {
      schema: {
        tags,
        summary: 'The whole plant tree with equipment leaves (within your data scope)',
        response: { 200: ZPlantTree },
      },
      config: { access: 'modeling.plant.read' },
    },
    (req) => req.inTenant((ctx) => plant.getTree(ctx)),
  );
  r.post(
    '/plant/nodes',
    {
      schema: { tags, body: ZCreatePlantNode, response: { 201: ZPlantNode } },
      config: { access: 'modeling.plant.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => plant.createNode({ ctx, input: req.body }))),
  );
  r.get(
    '/plant/nodes/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZPlantNode } },
      config: { access: 'modeling.plant.read' },
    },
    (req) => req.inTenant((ctx) => plant.getNode({ ctx, id: req.params.id })),
  );
  r.patch(
    '/plant/nodes/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdatePlantNode, response: { 200: ZPlantNode } },
      config: { access: 'modeling.plant.manage' },
    },
    (req) => req.inTenant((ctx) => plant.updateNode({ ctx, id: req.params.id, input: req.body })),
  );
  r.post(
    '/plant/nodes/:id/move',
    {
      schema: {
        tags,
        summary: 'Move under another parent and/or reorder among siblings',
        params: ZIdParams,
        body: ZMovePlantNode,
        response: { 200: ZPlantNode },
      },
      config: { access: 'modeling.plant.manage' },
    },
    (req) => req.inTenant((ctx) => plant.moveNode({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/plant/nodes/:id',
    {
      schema: {
        tags,
        summary: '409 while it has children, equipment or scoped users',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: 'modeling.plant.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => plant.deleteNode({ ctx, id: req.params.id }));
      return ok;
    },
  );

  // ---- equipment ----
  tags = ['equipment'];
  r.get(
    '/equipment',
    {
      schema: { tags, querystring: ZEquipmentQuery, response: { 200: ZPage(ZEquipment) } },
      config: { access: 'modeling.equipment.read' },
    },
    (req) => req.inTenant((ctx) => equipment.listEquipment({ ctx, query: req.query })),
  );
  excelRoutes(app, {
    resource: 'equipment',
    filters: ZEquipmentQuery.omit({ page: true, pageSize: true }),
    read: 'modeling.equipment.read',
    manage: 'modeling.equipment.manage',
    exportFile: (ctx, query) => equipment.exportEquipment({ ctx, query }),
    importFile: (ctx, body, dryRun) => equipment.importEquipment({ ctx, body, dryRun }),
    template: equipment.equipmentTemplate,
  });
  r.post(
    '/equipment',
    {
      schema: { tags, body: ZCreateEquipment, response: { 201: ZEquipment } },
      config: { access: 'modeling.equipment.manage' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await req.inTenant((ctx) => equipment.createEquipment({ ctx, input: req.body }))),
  );
  r.get(
    '/equipment/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZEquipment } },
      config: { access: 'modeling.equipment.read' },
    },
    (req) => req.inTenant((ctx) => equipment.getEquipment({ ctx, id: req.params.id })),
  );
  r.patch(
    '/equipment/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateEquipment, response: { 200: ZEquipment } },
      config: { access: 'modeling.equipment.manage' },
    },
    (req) => req.inTenant((ctx) => equipment.updateEquipment({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/equipment/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'modeling.equipment.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => equipment.deleteEquipment({ ctx, id: req.params.id }));
      return ok;
    },
  );

  // ---- materials ----
  tags = ['materials'];
  r.get(
    '/materials',
    {
      schema: { tags, querystring: ZMaterialQuery, response: { 200: ZPage(ZMaterial) } },
      config: { access: 'modeling.material.read' },
    },
    (req) => req.inTenant((ctx) => materials.listMaterials({ ctx, query: req.query })),
  );
  excelRoutes(app, {
    resource: 'materials',
    filters: ZMaterialQuery.omit({ page: true, pageSize: true }),
    read: 'modeling.material.read',
    manage: 'modeling.material.manage',
    exportFile: (ctx, query) => materials.exportMaterials({ ctx, query }),
    importFile: (ctx, body, dryRun) => materials.importMaterials({ ctx, body, dryRun }),
    template: materials.materialTemplate,
  });
  r.post(
    '/materials',
    {
      schema: { tags, body: ZCreateMaterial, response: { 201: ZMaterial } },
      config: { access: 'modeling.material.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => materials.createMaterial({ ctx, input: req.body }))),
  );
  r.get(
    '/materials/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZMaterial } },
      config: { access: 'modeling.material.read' },
    },
    (req) => req.inTenant((ctx) => materials.getMaterial({ ctx, id: req.params.id })),
  );
  r.patch(
    '/materials/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateMaterial, response: { 200: ZMaterial } },
      config: { access: 'modeling.material.manage' },
    },
    (req) => req.inTenant((ctx) => materials.updateMaterial({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/materials/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'modeling.material.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => materials.deleteMaterial({ ctx, id: req.params.id }));
      return ok;
    },
  );

  // ---- units of measure ----
  tags = ['units'];
  r.get(
    '/units',
    { schema: { tags, response: { 200: z.array(ZUnit) } }, config: { access: 'modeling.unit.read' } },
    (req) => req.inTenant((ctx) => units.listUnits(ctx)),
  );
  r.get(
    '/units/convert',
    {
      schema: { tags, querystring: ZConvertQuery, response: { 200: ZConvertResult } },
      config: { access: 'modeling.unit.read' },
    },
    (req) => req.inTenant((ctx) => units.convert({ ctx, ...req.query })),
  );
  r.post(
    '/units',
    {
      schema: { tags, body: ZCreateUnit, response: { 201: ZUnit } },
      config: { access: 'modeling.unit.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => units.createUnit({ ctx, input: req.body }))),
  );
  r.patch(
    '/units/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateUnit, response: { 200: ZUnit } },
      config: { access: 'modeling.unit.manage' },
    },
    (req) => req.inTenant((ctx) => units.updateUnit({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/units/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'modeling.unit.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => units.deleteUnit({ ctx, id: req.params.id }));
      return ok;
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZId,
  ZIdParams,
  ZIssueMaterial,
  ZLotSerialPage,
  ZLotSerialsQuery,
  ZMaterialMoveResult,
  ZOrderMaterialLine,
  ZOrderMaterials,
  ZOrderSerials,
  ZReturnMaterial,
  ZSerialTrace,
  ZSerialTraceQuery,
  ZSetBackflush,
  ZTrace,
  ZTraceQuery,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { sendXlsx } from '../modeling/excel.routes.ts';
import { exportTrace } from './genealogy.excel.ts';
import { lotSerials, traceLot, traceSerial } from './genealogy.service.ts';
import * as issue from './material-issue.service.ts';
import { orderSerials } from './serials.service.ts';

const ZLineParams = z.object({ id: ZId, lineNo: z.coerce.number().int().min(1) }).strict();

/** Material issue and return by scanned lot, backflush per material line, serials, and the lot trace. */
export function genealogyRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production materials and genealogy'];
  r.get(
    '/production/work-orders/:id/materials',
    {
      schema: {
        tags,
        summary:
          "The order's material lines, lots issued to it (issued, returned, consumed, at the order), output lots, moves",
        params: ZIdParams,
        response: { 200: ZOrderMaterials },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => issue.orderMaterials(ctx, req.params.id)),
  );
  r.post(
    '/production/work-orders/:id/material-issues',
    {
      schema: {
        tags,
        summary:
          '领料: issue a scanned lot; 400 on lotNumber (unknown, not a material of the order, not available) or quantity (on hand, requirement)',
        params: ZIdParams,
        body: ZIssueMaterial,
        response: { 201: ZMaterialMoveResult },
      },
      config: { access: 'production.material.issue' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await req.inTenant((ctx) =>
            issue.issueMaterial(ctx, { workOrderId: req.params.id, input: req.body }),
          ),
        ),
  );
  r.post(
    '/production/work-orders/:id/material-returns',
    {
      schema: {
        tags,
        summary: '退料: back to stock, at most what of the lot is still at the order',
        params: ZIdParams,
        body: ZReturnMaterial,
        response: { 201: ZMaterialMoveResult },
      },
      config: { access: 'production.material.issue' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await req.inTenant((ctx) =>
            issue.returnMaterial(ctx, { workOrderId: req.params.id, input: req.body }),
          ),
        ),
  );
  r.put(
    '/production/work-orders/:id/materials/:lineNo/backflush',
    {
      schema: {
        tags,
        summary:
          'Whether the material line is consumed by reporting (backflush) rather than by scanned issue',
        params: ZLineParams,
        body: ZSetBackflush,
        response: { 200: ZOrderMaterialLine },
      },
      config: { access: 'production.workorder.manage' },
    },
    (req) =>
      req.inTenant((ctx) =>
        issue.setBackflush(ctx, { workOrderId: req.params.id, lineNo: req.params.lineNo, input: req.body }),
      ),
  );
  r.get(
    '/production/genealogy/trace',
    {
      schema: {
        tags,
        summary:
          'Trace a lot backward (what went into it) or forward (what it went into), recursively, as a tree',
        querystring: ZTraceQuery,
        response: { 200: ZTrace },
      },
      config: { access: 'production.genealogy.read' },
    },
    (req) => req.inTenant((ctx) => traceLot(ctx, req.query)),
  );
  r.get(
    '/production/work-orders/:id/serials',
    {
      schema: {
        tags,
        summary:
          "Whether the order's product is serial-tracked, its output lot and how many serial numbers it carries",
        params: ZIdParams,
        response: { 200: ZOrderSerials },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => orderSerials(ctx, req.params.id)),
  );
  r.get(
    '/production/genealogy/serials/trace',
    {
      schema: {
        tags,
        summary:
          'The lot carrying a serial number, traced backward and forward (404 unknown; 400 on materialId when several materials use it)',
        querystring: ZSerialTraceQuery,
        response: { 200: ZSerialTrace },
      },
      config: { access: 'production.genealogy.read' },
    },
    (req) => req.inTenant((ctx) => traceSerial(ctx, req.query)),
  );
  r.get(
    '/production/genealogy/lots/:id/serials',
    {
      schema: {
        tags,
        summary:
          "A lot's serial numbers, a page at a time in order (q: those containing it); 404 for an unknown lot",
        params: ZIdParams,
        querystring: ZLotSerialsQuery,
        response: { 200: ZLotSerialPage },
      },
      config: { access: 'production.genealogy.read' },
    },
    (req) => req.inTenant((ctx) => lotSerials(ctx, { lotId: req.params.id, query: req.query })),
  );
  r.get(
    '/production/genealogy/trace/export',
    {
      schema: {
        tags,
        summary:
          'The trace tree in Excel, one row per lot with its level and serial numbers (a lot by id, number or serial number)',
        querystring: ZTraceQuery,
      },
      config: { access: 'production.genealogy.read' },
    },
    async (req, reply) => sendXlsx(reply, 'trace', await req.inTenant((ctx) => exportTrace(ctx, req.query))),
  );
}

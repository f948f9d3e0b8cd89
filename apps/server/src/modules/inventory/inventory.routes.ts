import type { FastifyInstance } from 'fastify';
import {
  ZAdjustLot,
  ZIdParams,
  ZLot,
  ZLotDetail,
  ZLotFilters,
  ZLotPage,
  ZLotQuery,
  ZOk,
  ZReceiveLot,
  ZUpdateLot,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { excelRoutes } from '../modeling/excel.routes.ts';
import { exportLots, importLots, lotsTemplate } from './lots.excel.ts';
import * as lots from './lots.service.ts';

const READ = 'inventory.lot.read' as const;
const MANAGE = 'inventory.lot.manage' as const;

/** 批次: received and produced lots, their serial numbers and stock moves. */
export function inventoryRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['inventory lots'];
  r.get(
    '/inventory/lots',
    {
      schema: {
        tags,
        summary:
          'Lots, newest first: search lot number, material, supplier; filter exact lot number (a scan), material, origin, status, order, in stock',
        querystring: ZLotQuery,
        response: { 200: ZLotPage },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => lots.listLots(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'inventory/lots',
    filters: ZLotFilters,
    read: READ,
    manage: MANAGE,
    exportFile: exportLots,
    importFile: importLots,
    template: lotsTemplate,
    tags,
  });
  r.get(
    '/inventory/lots/:id',
    {
      schema: {
        tags,
        summary: 'A lot with its serial numbers and stock moves',
        params: ZIdParams,
        response: { 200: ZLotDetail },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => lots.getLot(ctx, req.params.id)),
  );
  r.post(
    '/inventory/lots',
    {
      schema: {
        tags,
        summary: 'Receive a lot (receipt move); the lot number is unique per material (409)',
        body: ZReceiveLot,
        response: { 201: ZLot },
      },
      config: { access: MANAGE },
    },
    async (req, reply) => reply.status(201).send(await req.inTenant((ctx) => lots.receiveLot(ctx, req.body))),
  );
  r.patch(
    '/inventory/lots/:id',
    {
      schema: {
        tags,
        summary: 'Status (available, on hold, blocked), supplier, supplier lot, note',
        params: ZIdParams,
        body: ZUpdateLot,
        response: { 200: ZLot },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => lots.updateLot(ctx, req.params.id, req.body)),
  );
  r.post(
    '/inventory/lots/:id/adjust',
    {
      schema: {
        tags,
        summary: 'The counted quantity on hand; the difference is an adjustment move',
        params: ZIdParams,
        body: ZAdjustLot,
        response: { 200: ZLotDetail },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => lots.adjustLot(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/inventory/lots/:id',
    {
      schema: {
        tags,
        summary: 'Only a lot with nothing but its receipt (409 otherwise)',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => lots.deleteLot(ctx, req.params.id));
      return { ok: true as const };
    },
  );
}

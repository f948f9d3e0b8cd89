import type { FastifyInstance } from 'fastify';
import {
  ZGenerateWageSheets,
  ZGenerateWageSheetsResult,
  ZIdParams,
  ZOk,
  ZRevertWageSheet,
  ZWageSheetDetail,
  ZWageSheetFilters,
  ZWageSheetPage,
  ZWageSheetQuery,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { sendXlsx } from '../modeling/excel.routes.ts';
import { exportWageSheets } from './wage-sheets.excel.ts';
import * as sheets from './wage-sheets.service.ts';

const READ = 'labour.wage.read' as const;
const MANAGE = 'labour.wage.manage' as const;
const APPROVE = 'labour.wage.approve' as const;

/** Wage sheets: generate a period's drafts from job reports and rates, list, detail, approve, revert, export. */
export function wageSheetRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['labour wage sheets'];
  r.get(
    '/labour/wage-sheets',
    {
      schema: {
        tags,
        summary:
          'Wage sheets: search employee no. or name; filter by worker, team (subtree), period overlap, status; with the sums of all matches',
        querystring: ZWageSheetQuery,
        response: { 200: ZWageSheetPage },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => sheets.listWageSheets(ctx, req.query)),
  );
  r.get(
    '/labour/wage-sheets/export',
    {
      schema: {
        tags,
        summary: 'Excel: one row per sheet matching the filters, and every line on a second sheet',
        querystring: ZWageSheetFilters,
      },
      config: { access: READ },
    },
    async (req, reply) =>
      sendXlsx(reply, 'wage-sheets', await req.inTenant((ctx) => exportWageSheets(ctx, req.query))),
  );
  r.post(
    '/labour/wage-sheets/generate',
    {
      schema: {
        tags,
        summary:
          "Draft sheets of a period (again, while draft) for the named workers or every active one and everyone who reported; a named worker's approved or overlapping sheet is a 409",
        body: ZGenerateWageSheets,
        response: { 200: ZGenerateWageSheetsResult },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => sheets.generateWageSheets(ctx, req.body)),
  );
  r.get(
    '/labour/wage-sheets/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZWageSheetDetail } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => sheets.getWageSheet(ctx, req.params.id)),
  );
  r.post(
    '/labour/wage-sheets/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a draft: the sheet is locked until reverted',
        params: ZIdParams,
        response: { 200: ZWageSheetDetail },
      },
      config: { access: APPROVE },
    },
    (req) => req.inTenant((ctx) => sheets.approveWageSheet(ctx, req.params.id)),
  );
  r.post(
    '/labour/wage-sheets/:id/revert',
    {
      schema: {
        tags,
        summary: 'Back to draft with a reason (audited), so it can be generated again',
        params: ZIdParams,
        body: ZRevertWageSheet,
        response: { 200: ZWageSheetDetail },
      },
      config: { access: APPROVE },
    },
    (req) => req.inTenant((ctx) => sheets.revertWageSheet(ctx, req.params.id, req.body.reason)),
  );
  r.delete(
    '/labour/wage-sheets/:id',
    {
      schema: {
        tags,
        summary: 'A draft only (409 when approved)',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => sheets.deleteWageSheet(ctx, req.params.id));
      return { ok: true as const };
    },
  );
}

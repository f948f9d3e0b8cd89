import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCalendarDaysQuery,
  ZIdParams,
  ZImportResult,
  ZOk,
  ZPage,
  ZShiftCalendar,
  ZShiftCalendarInput,
  ZShiftCalendarQuery,
  ZShiftInstancesQuery,
  ZShiftInstancesResult,
} from '@greenmes/contracts';
import { XLSX_TYPE } from '../../platform/excel/excel.ts';
import { typed } from '../../platform/http/routes.ts';
import { sendXlsx } from '../modeling/excel.routes.ts';
import * as calendars from './calendars.service.ts';
import { daysTemplate, exportDays, importDays } from './calendars.excel.ts';

const READ = 'modeling.calendar.read' as const;
const MANAGE = 'modeling.calendar.manage' as const;
const ok = { ok: true as const };
const ZImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict();

/** Shift calendars per site (shifts, breaks, holidays, 调休 days) and the shift instances they give. */
export function calendarRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['shift calendars'];
  r.get(
    '/shift-calendars',
    {
      schema: { tags, querystring: ZShiftCalendarQuery, response: { 200: ZPage(ZShiftCalendar) } },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => calendars.listCalendars(ctx, req.query)),
  );
  r.post(
    '/shift-calendars',
    {
      schema: {
        tags,
        summary: "A site's calendar: 409 when its validity overlaps another calendar of the site",
        body: ZShiftCalendarInput,
        response: { 201: ZShiftCalendar },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => calendars.createCalendar(ctx, req.body))),
  );
  r.get(
    '/shift-calendars/days/import-template',
    { schema: { tags, summary: 'Holiday sheet template' }, config: { access: READ } },
    async (_req, reply) => sendXlsx(reply, 'holidays-template', await daysTemplate()),
  );
  r.get(
    '/shift-calendars/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZShiftCalendar } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => calendars.getCalendar(ctx, req.params.id)),
  );
  r.put(
    '/shift-calendars/:id',
    {
      schema: {
        tags,
        summary: 'Replace the calendar: shifts by code (ids kept), holidays and working days as a whole',
        params: ZIdParams,
        body: ZShiftCalendarInput,
        response: { 200: ZShiftCalendar },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => calendars.updateCalendar(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/shift-calendars/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: { access: MANAGE } },
    async (req) => {
      await req.inTenant((ctx) => calendars.deleteCalendar(ctx, req.params.id));
      return ok;
    },
  );
  r.get(
    '/shift-calendars/:id/days/export',
    {
      schema: {
        tags,
        summary: 'Holidays and working days as Excel',
        params: ZIdParams,
        querystring: ZCalendarDaysQuery,
      },
      config: { access: READ },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        'holidays',
        await req.inTenant((ctx) => exportDays(ctx, req.params.id, req.query.year)),
      ),
  );
  r.post(
    '/shift-calendars/:id/days/import',
    {
      schema: {
        tags,
        summary: 'Holidays and working days from Excel, all-or-nothing; upserts by date',
        params: ZIdParams,
        querystring: ZImportQuery,
        body: z.unknown().describe(`the .xlsx file as the raw request body (Content-Type ${XLSX_TYPE})`),
        response: { 200: ZImportResult },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => importDays(ctx, req.params.id, req.body, req.query.dryRun === 'true')),
  );
  r.get(
    '/shift-instances',
    {
      schema: {
        tags,
        summary:
          "A site's worked shifts overlapping [from, to) in the enterprise's time zone: start, end, breaks, net minutes",
        querystring: ZShiftInstancesQuery,
        response: { 200: ZShiftInstancesResult },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => calendars.getShiftInstances(ctx, req.query)),
  );
}

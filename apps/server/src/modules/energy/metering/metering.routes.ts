import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCompletenessQuery,
  ZCompletenessRow,
  ZConsumptionQuery,
  ZConsumptionResult,
  ZCreateMeter,
  ZCreateMeterRecord,
  ZIdParams,
  ZMeter,
  ZMeterFilters,
  ZMeterQuery,
  ZMeterRecord,
  ZMeterRecordFilters,
  ZMeterRecordQuery,
  ZOk,
  ZPage,
  ZUpdateMeter,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import { excelRoutes } from '../../modeling/excel.routes.ts';
import { getCompleteness, getConsumption } from './consumption.service.ts';
import { exportMeters, importMeters, meterTemplate } from './meters.excel.ts';
import * as meters from './meters.service.ts';
import { exportRecords, importRecords, recordTemplate } from './records.excel.ts';
import * as records from './records.service.ts';

const ok = { ok: true as const };
const ZRecordParams = z.object({ id: z.uuid(), recordId: z.uuid() }).strict();

/** Meters (GB 17167 hierarchy), their manual records, consumption by period and metering completeness. */
export function meteringRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['energy metering'];
  const READ = 'energy.meter.read' as const;
  const MANAGE = 'energy.meter.manage' as const;
  r.get(
    '/energy/meters',
    {
      schema: { tags, querystring: ZMeterQuery, response: { 200: ZPage(ZMeter) } },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => meters.listMeters(ctx, req.query)),
  );
  r.post(
    '/energy/meters',
    { schema: { tags, body: ZCreateMeter, response: { 201: ZMeter } }, config: { access: MANAGE } },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => meters.createMeter(ctx, req.body))),
  );
  r.get(
    '/energy/meters/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZMeter } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => meters.getMeter(ctx, req.params.id)),
  );
  r.patch(
    '/energy/meters/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateMeter, response: { 200: ZMeter } },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => meters.updateMeter(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/energy/meters/:id',
    {
      schema: {
        tags,
        summary: '409 with sub-meters, formula users or records',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => meters.deleteMeter(ctx, req.params.id));
      return ok;
    },
  );
  r.get(
    '/energy/meters/:id/records',
    {
      schema: {
        tags,
        params: ZIdParams,
        querystring: ZMeterRecordQuery,
        response: { 200: ZPage(ZMeterRecord) },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => records.listRecords(ctx, req.params.id, req.query)),
  );
  r.post(
    '/energy/meters/:id/records',
    {
      schema: {
        tags,
        summary: 'A manual reading or a consumption record (delivery, invoice) of a manual meter',
        params: ZIdParams,
        body: ZCreateMeterRecord,
        response: { 201: ZMeterRecord },
      },
      config: { access: 'energy.reading.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => records.createRecord(ctx, req.params.id, req.body))),
  );
  r.delete(
    '/energy/meters/:id/records/:recordId',
    {
      schema: { tags, params: ZRecordParams, response: { 200: ZOk } },
      config: { access: 'energy.reading.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => records.deleteRecord(ctx, req.params.id, req.params.recordId));
      return ok;
    },
  );
  // Excel: meters upsert by code; readings and consumption records of manual meters, any meters in one file
  excelRoutes(app, {
    resource: 'energy/meters',
    tags,
    filters: ZMeterFilters,
    read: READ,
    manage: MANAGE,
    exportFile: exportMeters,
    importFile: importMeters,
    template: meterTemplate,
  });
  excelRoutes(app, {
    resource: 'energy/meter-records',
    tags,
    filters: ZMeterRecordFilters,
    read: READ,
    manage: 'energy.reading.manage',
    exportFile: exportRecords,
    importFile: importRecords,
    template: recordTemplate,
  });
  r.get(
    '/energy/consumption',
    {
      schema: {
        tags,
        summary: "Consumption per meter by hour, day, month or year (the enterprise's time zone), with tce",
        querystring: ZConsumptionQuery,
        response: { 200: ZConsumptionResult },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => getConsumption(ctx, req.query)),
  );
  r.get(
    '/energy/metering/completeness',
    {
      schema: {
        tags,
        summary:
          'Each parent meter against the sum of its measuring sub-meters: coverage and unexplained losses',
        querystring: ZCompletenessQuery,
        response: { 200: z.array(ZCompletenessRow) },
      },
      config: { access: 'energy.report.read' },
    },
    (req) => req.inTenant((ctx) => getCompleteness(ctx, req.query)),
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCreateJobReport,
  ZId,
  ZIdParams,
  ZJobReportPage,
  ZJobReportQuery,
  ZJobReportResult,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as reports from './job-reports.service.ts';
import { announceProduction } from './production-events.ts';

const ZOperationParams = z.object({ id: ZId, opId: ZId }).strict();
const ZOrderReportQuery = ZJobReportQuery.omit({ workOrderId: true }).strict();
const ZOperationReportQuery = ZJobReportQuery.omit({ workOrderId: true, operationId: true }).strict();

/** Shop-floor job reports on work-order operations: the terminal's start/pause/resume/quantity/finish. */
export function jobReportRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production job reports'];
  r.post(
    '/production/work-orders/:id/operations/:opId/job-reports',
    {
      schema: {
        tags,
        summary:
          'Report start / pause (reason) / resume / quantity / finish on an operation of a released or in-progress order; ' +
          '201, or 200 with the first result when the clientId was seen',
        params: ZOperationParams,
        body: ZCreateJobReport,
        response: { 200: ZJobReportResult, 201: ZJobReportResult },
      },
      config: { access: 'production.report.create' },
    },
    async (req, reply) => {
      const result = await req.inTenant((ctx) =>
        reports.createJobReport(ctx, {
          workOrderId: req.params.id,
          operationId: req.params.opId,
          input: req.body,
        }),
      );
      if (result.isNew)
        announceProduction(req, 'job-report', { workOrderId: req.params.id, operationId: req.params.opId });
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
  r.get(
    '/production/work-orders/:id/job-reports',
    {
      schema: {
        tags,
        summary: "The order's reports, newest first; filter operation, worker, kind, time",
        params: ZIdParams,
        querystring: ZOrderReportQuery,
        response: { 200: ZJobReportPage },
      },
      config: { access: 'production.report.read' },
    },
    (req) => req.inTenant((ctx) => reports.listJobReports(ctx, { ...req.query, workOrderId: req.params.id })),
  );
  r.get(
    '/production/work-orders/:id/operations/:opId/job-reports',
    {
      schema: {
        tags,
        summary: "The operation's reports, newest first",
        params: ZOperationParams,
        querystring: ZOperationReportQuery,
        response: { 200: ZJobReportPage },
      },
      config: { access: 'production.report.read' },
    },
    (req) =>
      req.inTenant((ctx) =>
        reports.listJobReports(ctx, {
          ...req.query,
          workOrderId: req.params.id,
          operationId: req.params.opId,
        }),
      ),
  );
  r.get(
    '/production/job-reports',
    {
      schema: {
        tags,
        summary: 'Reports across orders: by worker and time range, order, operation, kind',
        querystring: ZJobReportQuery,
        response: { 200: ZJobReportPage },
      },
      config: { access: 'production.report.read' },
    },
    (req) => req.inTenant((ctx) => reports.listJobReports(ctx, req.query)),
  );
}

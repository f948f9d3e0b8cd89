import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCreateEnpi,
  ZEnpi,
  ZEnpiEvaluation,
  ZEnpiEvaluationQuery,
  ZIdParams,
  ZOk,
  ZUpdateEnpi,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import * as enpi from './enpi.service.ts';

/** Energy performance indicators and baselines (ISO 50001): definitions and their evaluation. */
export function enpiRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['energy performance'];
  const READ = 'energy.report.read' as const;
  const MANAGE = 'energy.meter.manage' as const;
  r.get(
    '/energy/enpis',
    { schema: { tags, response: { 200: z.array(ZEnpi) } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => enpi.listEnpis(ctx)),
  );
  r.post(
    '/energy/enpis',
    { schema: { tags, body: ZCreateEnpi, response: { 201: ZEnpi } }, config: { access: MANAGE } },
    async (req, reply) => reply.status(201).send(await req.inTenant((ctx) => enpi.createEnpi(ctx, req.body))),
  );
  r.get(
    '/energy/enpis/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZEnpi } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => enpi.getEnpi(ctx, req.params.id)),
  );
  r.patch(
    '/energy/enpis/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateEnpi, response: { 200: ZEnpi } },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => enpi.updateEnpi(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/energy/enpis/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: { access: MANAGE } },
    async (req) => {
      await req.inTenant((ctx) => enpi.deleteEnpi(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  r.get(
    '/energy/enpis/:id/evaluation',
    {
      schema: {
        tags,
        summary:
          'The baseline model, and each month: expected vs actual, deviation, cumulative savings, alarms',
        params: ZIdParams,
        querystring: ZEnpiEvaluationQuery,
        response: { 200: ZEnpiEvaluation },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => enpi.evaluateEnpi(ctx, req.params.id, req.query)),
  );
}

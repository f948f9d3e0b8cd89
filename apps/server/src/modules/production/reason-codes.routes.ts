import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZIdParams, ZOk, ZReasonCode, ZReasonCodeQuery, ZSaveReasonCode } from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as reasons from './reason-codes.service.ts';

const MANAGE = 'production.reason.manage' as const;

/** The shop floor's scrap and pause reason codes: everyone who reads job reports reads them. */
export function reasonCodeRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production reason codes'];
  r.get(
    '/production/reason-codes',
    {
      schema: {
        tags,
        summary:
          'Scrap and pause reason codes by kind and list order; active=true for what the terminal offers',
        querystring: ZReasonCodeQuery,
        response: { 200: z.array(ZReasonCode) },
      },
      config: { access: 'production.report.read' },
    },
    (req) => req.inTenant((ctx) => reasons.listReasonCodes(ctx, req.query)),
  );
  r.post(
    '/production/reason-codes',
    {
      schema: {
        tags,
        summary: 'A reason code; the code is unique per kind (409)',
        body: ZSaveReasonCode,
        response: { 201: ZReasonCode },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => reasons.createReasonCode(ctx, req.body))),
  );
  r.put(
    '/production/reason-codes/:id',
    {
      schema: {
        tags,
        summary: 'Change it; a scrap code named by job reports keeps its kind and code (409)',
        params: ZIdParams,
        body: ZSaveReasonCode,
        response: { 200: ZReasonCode },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => reasons.updateReasonCode(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/production/reason-codes/:id',
    {
      schema: {
        tags,
        summary: '409 while job reports name it (deactivate it instead)',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => reasons.deleteReasonCode(ctx, req.params.id));
      return { ok: true as const };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZAcknowledgeAndonException,
  ZAndonEscalationRule,
  ZAndonException,
  ZAndonExceptionDetail,
  ZAndonExceptionPage,
  ZAndonExceptionQuery,
  ZAndonNotifyTargets,
  ZIdParams,
  ZOk,
  ZRaiseAndonException,
  ZRaisedAndonException,
  ZResolveAndonException,
  ZSaveAndonEscalationRule,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as andon from './andon.service.ts';
import * as rules from './andon-rules.service.ts';
import { announceProduction } from './production-events.ts';

const MANAGE = 'production.andon.manage' as const;
const READ = 'production.report.read' as const;

/** Andon: exceptions raised on the shop floor, acknowledged and resolved by supervisors; escalation rules. */
export function andonRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production andon'];
  r.post(
    '/production/andon/exceptions',
    {
      schema: {
        tags,
        summary:
          'Raise an exception on an operation (or a work center); isStopping refuses its reports until resolved. ' +
          '201, or 200 with the first exception when the clientId was seen',
        body: ZRaiseAndonException,
        response: { 200: ZRaisedAndonException, 201: ZRaisedAndonException },
      },
      config: { access: 'production.andon.raise' },
    },
    async (req, reply) => {
      const raised = await req.inTenant((ctx) => andon.raiseException(ctx, req.body));
      if (raised.isNew) announceProduction(req, 'andon', raised);
      return reply.status(raised.isNew ? 201 : 200).send(raised);
    },
  );
  r.get(
    '/production/andon/exceptions',
    {
      schema: {
        tags,
        summary:
          'Exceptions, open first: filter status (or unresolved), kind, work center, order, operation, time, overdue',
        querystring: ZAndonExceptionQuery,
        response: { 200: ZAndonExceptionPage },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => andon.listExceptions(ctx, req.query)),
  );
  r.get(
    '/production/andon/exceptions/:id',
    {
      schema: {
        tags,
        summary: 'An exception with its history (raise, acknowledge, escalations, resolve)',
        params: ZIdParams,
        response: { 200: ZAndonExceptionDetail },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => andon.exceptionDetail(ctx, req.params.id)),
  );
  r.post(
    '/production/andon/exceptions/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Open → acknowledged (409 from any other status)',
        params: ZIdParams,
        body: ZAcknowledgeAndonException,
        response: { 200: ZAndonException },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      const exception = await req.inTenant((ctx) =>
        andon.acknowledgeException(ctx, { id: req.params.id, input: req.body }),
      );
      announceProduction(req, 'andon', exception);
      return exception;
    },
  );
  r.post(
    '/production/andon/exceptions/:id/resolve',
    {
      schema: {
        tags,
        summary:
          'Acknowledged → resolved with a resolution note (409 from any other status); frees the operation',
        params: ZIdParams,
        body: ZResolveAndonException,
        response: { 200: ZAndonException },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      const exception = await req.inTenant((ctx) =>
        andon.resolveException(ctx, { id: req.params.id, input: req.body }),
      );
      announceProduction(req, 'andon', exception);
      return exception;
    },
  );

  r.get(
    '/production/andon/escalation-rules',
    {
      schema: {
        tags,
        summary: 'Escalation rules by kind and level',
        response: { 200: z.array(ZAndonEscalationRule) },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => rules.listEscalationRules(ctx)),
  );
  r.get(
    '/production/andon/notify-targets',
    {
      schema: {
        tags,
        summary: 'The roles and webhooks an escalation rule may name',
        response: { 200: ZAndonNotifyTargets },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => rules.notifyTargets(ctx)),
  );
  r.post(
    '/production/andon/escalation-rules',
    {
      schema: {
        tags,
        summary:
          'A level of a kind: minutes after raising, the role and/or webhook to tell (409 if the level exists)',
        body: ZSaveAndonEscalationRule,
        response: { 201: ZAndonEscalationRule },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => rules.createEscalationRule(ctx, req.body))),
  );
  r.put(
    '/production/andon/escalation-rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a rule',
        params: ZIdParams,
        body: ZSaveAndonEscalationRule,
        response: { 200: ZAndonEscalationRule },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => rules.updateEscalationRule(ctx, { id: req.params.id, input: req.body })),
  );
  r.delete(
    '/production/andon/escalation-rules/:id',
    {
      schema: { tags, summary: 'Delete a rule', params: ZIdParams, response: { 200: ZOk } },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => rules.deleteEscalationRule(ctx, req.params.id));
      return { ok: true as const };
    },
  );
}

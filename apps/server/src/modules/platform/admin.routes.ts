import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCreateTenant,
  ZIdParams,
  ZOk,
  ZOperatorLogin,
  ZOperatorLoginResult,
  ZOperatorMe,
  ZTenant,
  ZUpdateTenantStatus,
} from '@greenmes/contracts';
import { OPERATOR_COOKIE } from '../../platform/auth/auth.plugin.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { typed } from '../../platform/http/routes.ts';
import * as tenantsService from './tenants.service.ts';

/** Platform administration by the system operator: enterprises (tenants) and their first admin. */
export function adminRoutes(
  app: FastifyInstance,
  { config, database }: { config: Config; database: Database },
) {
  const r = typed(app);
  const db = database.db;
  const tags = ['admin'];

  r.post(
    '/admin/auth/login',
    {
      schema: {
        tags,
        summary: 'System operator sign-in',
        body: ZOperatorLogin,
        response: { 200: ZOperatorLoginResult },
      },
      config: {
        access: 'public',
        rateLimit: { max: config.LOGIN_RATE_LIMIT_PER_IP, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const result = await tenantsService.operatorLogin({ db, ...req.body });
      void reply.setCookie(OPERATOR_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.SESSION_COOKIE_SECURE,
        path: '/api/v1/admin',
        expires: new Date(result.expiresAt),
      });
      return result;
    },
  );
  r.post(
    '/admin/auth/logout',
    { schema: { tags, response: { 200: ZOk } }, config: { access: 'operator' } },
    async (req, reply) => {
      await tenantsService.operatorLogout({ db, actor: req.operatorActor() });
      void reply.clearCookie(OPERATOR_COOKIE, { path: '/api/v1/admin' });
      return { ok: true as const };
    },
  );
  r.get(
    '/admin/auth/me',
    { schema: { tags, response: { 200: ZOperatorMe } }, config: { access: 'operator' } },
    (req) => {
      const op = req.operatorActor();
      return { operator: { id: op.operatorId, username: op.username } };
    },
  );

  r.get(
    '/admin/tenants',
    {
      schema: { tags, summary: 'All enterprises', response: { 200: z.array(ZTenant) } },
      config: { access: 'operator' },
    },
    () => tenantsService.listTenants({ db }),
  );
  r.post(
    '/admin/tenants',
    {
      schema: {
        tags,
        summary: 'Create an enterprise with its first admin user',
        body: ZCreateTenant,
        response: { 201: ZTenant },
      },
      config: { access: 'operator' },
    },
    async (req, reply) => {
      const created = await tenantsService.createTenant({
        db,
        input: req.body,
        actorName: `operator:${req.operatorActor().username}`,
        requestId: req.id,
        ip: req.ip,
      });
      return reply.status(201).send(created);
    },
  );
  r.patch(
    '/admin/tenants/:id/status',
    {
      schema: {
        tags,
        summary: 'Suspend or re-activate an enterprise',
        params: ZIdParams,
        body: ZUpdateTenantStatus,
        response: { 200: ZTenant },
      },
      config: { access: 'operator' },
    },
    (req) =>
      tenantsService.setTenantStatus({
        db,
        id: req.params.id,
        status: req.body.status,
        actorName: `operator:${req.operatorActor().username}`,
        requestId: req.id,
        ip: req.ip,
      }),
  );
}

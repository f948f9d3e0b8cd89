import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZApiToken,
  ZChangePassword,
  ZCreateApiToken,
  ZCreatedApiToken,
  ZIdParams,
  ZLogin,
  ZLoginResult,
  ZMe,
  ZOk,
} from '@greenmes/contracts';
import { SESSION_COOKIE } from '../../platform/auth/auth.plugin.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { typed } from '../../platform/http/routes.ts';
import * as auth from './auth.service.ts';

const tags = ['auth'];

export function authRoutes(
  app: FastifyInstance,
  { config, database }: { config: Config; database: Database },
) {
  const r = typed(app);
  const perAccount = app.createRateLimit({
    max: config.LOGIN_RATE_LIMIT_PER_ACCOUNT,
    timeWindow: '1 minute',
    keyGenerator: (req) => {
      const body = req.body as { tenant?: string; username?: string };
      return `account:${body.tenant ?? ''}:${(body.username ?? '').toLowerCase()}`;
    },
  });

  r.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        body: ZLogin,
        response: { 200: ZLoginResult },
      },
      config: {
        access: 'public',
        rateLimit: { max: config.LOGIN_RATE_LIMIT_PER_IP, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const limit = await perAccount(req);
      if (!limit.isAllowed && limit.isExceeded)
        throw new AppError('RATE_LIMITED', {
          retryAfter: `${limit.ttlInSeconds} s`,
          retryAfterSeconds: limit.ttlInSeconds,
        });
      const result = await auth.login({
        db: database.db,
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
      });
      void reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.SESSION_COOKIE_SECURE,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      return result;
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: { tags, summary: 'End the current session', response: { 200: ZOk } },
      config: { access: 'authenticated' },
    },
    async (req, reply) => {
      await req.inTenant((ctx) => auth.logout(ctx));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/auth/me',
    {
      schema: { tags, summary: 'The signed-in user, tenant and permissions', response: { 200: ZMe } },
      config: { access: 'authenticated' },
    },
    async (req) => auth.describeActor(req.tenantActor()),
  );

  r.post(
    '/auth/password',
    {
      schema: { tags, summary: 'Change my password', body: ZChangePassword, response: { 200: ZOk } },
      config: { access: 'authenticated' },
    },
    async (req) => {
      await req.inTenant((ctx) => auth.changeOwnPassword({ ctx, ...req.body }));
      return { ok: true as const };
    },
  );

  r.get(
    '/auth/tokens',
    {
      schema: { tags, summary: 'My API tokens', response: { 200: z.array(ZApiToken) } },
      config: { access: 'platform.token.manage' },
    },
    async (req) => req.inTenant((ctx) => auth.listApiTokens(ctx)),
  );

  r.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: ZCreateApiToken,
        response: { 201: ZCreatedApiToken },
      },
      config: { access: 'platform.token.manage' },
    },
    async (req, reply) => {
      const created = await req.inTenant((ctx) => auth.createApiToken({ ctx, input: req.body }));
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/auth/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'platform.token.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => auth.revokeApiToken({ ctx, id: req.params.id }));
      return { ok: true as const };
    },
  );
}

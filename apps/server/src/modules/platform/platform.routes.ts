import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  PERMISSIONS,
  ZAuditEntry,
  ZAuditQuery,
  ZCreateOrgUnit,
  ZCreateRole,
  ZCreateUser,
  ZIdParams,
  ZOk,
  ZOrgUnit,
  ZPage,
  ZResetPassword,
  ZRole,
  ZSettings,
  ZUpdateOrgUnit,
  ZUpdateRole,
  ZUpdateSettings,
  ZUpdateUser,
  ZUser,
  ZUserQuery,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as audit from './audit.service.ts';
import * as orgUnits from './org-units.service.ts';
import * as roles from './roles.service.ts';
import * as settings from './settings.service.ts';
import * as users from './users.service.ts';

/** Users, roles, departments, audit log and tenant settings. Routes stay thin: access, parse, call, return. */
export function platformRoutes(app: FastifyInstance) {
  const r = typed(app);
  const ok = { ok: true as const };

  // ---- users ----
  let tags = ['users'];
  r.get(
    '/users',
    {
      schema: { tags, querystring: ZUserQuery, response: { 200: ZPage(ZUser) } },
      config: { access: 'platform.user.read' },
    },
    (req) => req.inTenant((ctx) => users.listUsers({ ctx, query: req.query })),
  );
  r.post(
    '/users',
    {
      schema: { tags, body: ZCreateUser, response: { 201: ZUser } },
      config: { access: 'platform.user.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => users.createUser({ ctx, input: req.body }))),
  );
  r.get(
    '/users/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZUser } },
      config: { access: 'platform.user.read' },
    },
    (req) => req.inTenant((ctx) => users.getUser({ ctx, id: req.params.id })),
  );
  r.patch(
    '/users/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateUser, response: { 200: ZUser } },
      config: { access: 'platform.user.manage' },
    },
    (req) => req.inTenant((ctx) => users.updateUser({ ctx, id: req.params.id, input: req.body })),
  );
  r.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password for a user (signs them out)',
        params: ZIdParams,
        body: ZResetPassword,
        response: { 200: ZOk },
      },
      config: { access: 'platform.user.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) =>
        users.resetPassword({ ctx, id: req.params.id, newPassword: req.body.newPassword }),
      );
      return ok;
    },
  );
  r.post(
    '/users/:id/unlock',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZUser } },
      config: { access: 'platform.user.manage' },
    },
    (req) => req.inTenant((ctx) => users.unlockUser({ ctx, id: req.params.id })),
  );

  // ---- roles and permissions ----
  tags = ['roles'];
  r.get(
    '/permissions',
    {
      schema: { tags, summary: 'The permission catalogue', response: { 200: z.array(z.string()) } },
      config: { access: 'platform.role.read' },
    },
    () => [...PERMISSIONS],
  );
  r.get(
    '/roles',
    { schema: { tags, response: { 200: z.array(ZRole) } }, config: { access: 'platform.role.read' } },
    (req) => req.inTenant((ctx) => roles.listRoles(ctx)),
  );
  r.post(
    '/roles',
    {
      schema: { tags, body: ZCreateRole, response: { 201: ZRole } },
      config: { access: 'platform.role.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => roles.createRole({ ctx, input: req.body }))),
  );
  r.patch(
    '/roles/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateRole, response: { 200: ZRole } },
      config: { access: 'platform.role.manage' },
    },
    (req) => req.inTenant((ctx) => roles.updateRole({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/roles/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'platform.role.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => roles.deleteRole({ ctx, id: req.params.id }));
      return ok;
    },
  );

  // ---- departments ----
  tags = ['org-units'];
  r.get(
    '/org-units',
    { schema: { tags, response: { 200: z.array(ZOrgUnit) } }, config: { access: 'platform.orgunit.read' } },
    (req) => req.inTenant((ctx) => orgUnits.listOrgUnits(ctx)),
  );
  r.post(
    '/org-units',
    {
      schema: { tags, body: ZCreateOrgUnit, response: { 201: ZOrgUnit } },
      config: { access: 'platform.orgunit.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => orgUnits.createOrgUnit({ ctx, input: req.body }))),
  );
  r.patch(
    '/org-units/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateOrgUnit, response: { 200: ZOrgUnit } },
      config: { access: 'platform.orgunit.manage' },
    },
    (req) => req.inTenant((ctx) => orgUnits.updateOrgUnit({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/org-units/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'platform.orgunit.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => orgUnits.deleteOrgUnit({ ctx, id: req.params.id }));
      return ok;
    },
  );

  // ---- audit log (read-only by design) ----
  r.get(
    '/audit',
    {
      schema: { tags: ['audit'], querystring: ZAuditQuery, response: { 200: ZPage(ZAuditEntry) } },
      config: { access: 'platform.audit.read' },
    },
    (req) => req.inTenant((ctx) => audit.listAudit({ ctx, query: req.query })),
  );

  // ---- settings ----
  tags = ['settings'];
  r.get(
    '/settings',
    { schema: { tags, response: { 200: ZSettings } }, config: { access: 'platform.setting.read' } },
    (req) => req.inTenant((ctx) => settings.readSettings(ctx.tx, ctx.actor.tenantId)),
  );
  r.patch(
    '/settings',
    {
      schema: { tags, body: ZUpdateSettings, response: { 200: ZSettings } },
      config: { access: 'platform.setting.manage' },
    },
    (req) => req.inTenant((ctx) => settings.updateSettings({ ctx, patch: req.body })),
  );
}

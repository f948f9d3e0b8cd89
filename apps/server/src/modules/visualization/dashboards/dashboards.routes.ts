import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZCreatedTvLink,
  ZCreateTvLink,
  ZDashboard,
  ZDashboardFile,
  ZDashboardPage,
  ZDashboardQueryParams,
  ZIdParams,
  ZOk,
  ZPreviewWidget,
  ZSaveDashboard,
  ZTvLink,
  ZTvLinkParams,
  ZWidgetData,
  ZWidgetDataParams,
} from '@greenmes/contracts';
import { AppError } from '../../../platform/http/errors.ts';
import { typed } from '../../../platform/http/routes.ts';
import * as dashboards from './dashboards.service.ts';
import * as tvLinks from './tv-links.service.ts';
import { widgetData } from './widget-data.service.ts';

const READ = 'visualization.dashboard.read' as const;
const MANAGE = 'visualization.dashboard.manage' as const;

/** Dashboards: CRUD, sharing with roles, JSON export/import, widget data and TV links. */
export function dashboardRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['dashboards'];
  r.get(
    '/dashboards',
    {
      schema: {
        tags,
        summary:
          'Own dashboards and those shared with one of your roles (tenant admins: all); q searches names',
        querystring: ZDashboardQueryParams,
        response: { 200: ZDashboardPage },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => dashboards.listDashboards(ctx, req.query)),
  );
  r.get(
    '/dashboards/:id',
    {
      schema: {
        tags,
        summary: 'A dashboard with its widgets',
        params: ZIdParams,
        response: { 200: ZDashboard },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => dashboards.getDashboard(ctx, req.params.id)),
  );
  r.post(
    '/dashboards',
    {
      schema: {
        tags,
        summary:
          'A new dashboard owned by the caller; widgets are validated by type and binding (400 naming the path)',
        body: ZSaveDashboard,
        response: { 201: ZDashboard },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => dashboards.createDashboard(ctx, req.body))),
  );
  r.put(
    '/dashboards/:id',
    {
      schema: {
        tags,
        summary: 'Save it (owner or tenant admin); a stale version is refused (409)',
        params: ZIdParams,
        body: ZSaveDashboard,
        response: { 200: ZDashboard },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => dashboards.updateDashboard(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/dashboards/:id',
    {
      schema: { tags, summary: 'Delete it and its TV links', params: ZIdParams, response: { 200: ZOk } },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => dashboards.deleteDashboard(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  r.get(
    '/dashboards/:id/export',
    {
      schema: {
        tags,
        summary: 'The dashboard as a JSON file (format greenmes.dashboard, formatVersion 1)',
        params: ZIdParams,
        response: { 200: ZDashboardFile },
      },
      config: { access: READ },
    },
    async (req, reply) => {
      const file = await req.inTenant((ctx) => dashboards.exportDashboard(ctx, req.params.id));
      const name = `dashboard-${req.params.id.slice(0, 8)}.json`;
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      return file;
    },
  );
  r.post(
    '/dashboards/import',
    {
      schema: {
        tags,
        summary:
          'A new dashboard from an exported file; unknown widget types and bad bindings are 400 naming the path',
        body: ZDashboardFile,
        response: { 201: ZDashboard },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => dashboards.importDashboard(ctx, req.body))),
  );
  r.get(
    '/dashboards/:id/widgets/:widgetId/data',
    {
      schema: {
        tags,
        summary: 'What a saved widget shows now (series at most 2,000 points each)',
        params: ZWidgetDataParams,
        response: { 200: ZWidgetData },
      },
      config: { access: READ },
    },
    (req) =>
      req.inTenant(async (ctx) =>
        widgetData(ctx, await dashboards.getWidget(ctx, req.params.id, req.params.widgetId)),
      ),
  );
  r.post(
    '/dashboards/widget-preview',
    {
      schema: {
        tags,
        summary: 'What an unsaved widget would show (the builder)',
        body: ZPreviewWidget,
        response: { 200: ZWidgetData },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => widgetData(ctx, req.body.widget)),
  );
  r.get(
    '/tv/dashboard',
    {
      schema: {
        tags,
        summary: 'With a TV link token: its dashboard (read-only, no login)',
        response: { 200: ZDashboard },
      },
      config: { access: READ },
    },
    (req) =>
      req.inTenant((ctx) => {
        if (!ctx.actor.tvLink) throw new AppError('NOT_FOUND', { entity: 'TV link' });
        return dashboards.getDashboard(ctx, ctx.actor.tvLink.dashboardId);
      }),
  );
  r.get(
    '/dashboards/:id/tv-links',
    {
      schema: {
        tags,
        summary: 'Its TV links, newest first',
        params: ZIdParams,
        response: { 200: z.array(ZTvLink) },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => tvLinks.listTvLinks(ctx, req.params.id)),
  );
  r.post(
    '/dashboards/:id/tv-links',
    {
      schema: {
        tags,
        summary: 'A read-only link for a shop-floor TV; the token is returned this once',
        params: ZIdParams,
        body: ZCreateTvLink,
        response: { 201: ZCreatedTvLink },
      },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => tvLinks.createTvLink(ctx, req.params.id, req.body))),
  );
  r.post(
    '/dashboards/:id/tv-links/:linkId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke it: the TV gets 401 from its next request',
        params: ZTvLinkParams,
        response: { 200: ZTvLink },
      },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => tvLinks.revokeTvLink(ctx, req.params.id, req.params.linkId)),
  );
}

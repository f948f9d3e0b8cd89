import type { FastifyInstance } from 'fastify';
import {
  ZCreateSavingProject,
  ZEconomicMonth,
  ZEconomicMonthPage,
  ZEconomicMonthParams,
  ZEconomicsFilters,
  ZEconomicsQuery,
  ZEconomicsSummary,
  ZEconomicsSummaryQuery,
  ZIdParams,
  ZOk,
  ZPutEconomicMonth,
  ZSavingProject,
  ZSavingProjectFilters,
  ZSavingProjectPage,
  ZSavingProjectQuery,
  ZSavingProjectTotals,
  ZSavingProjectTransition,
  ZUpdateSavingProject,
} from '@greenmes/contracts';
import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.ts';
import { typed } from '../../../platform/http/routes.ts';
import { excelRoutes } from '../../modeling/excel.routes.ts';
import * as economics from './economics.service.ts';
import { economicsTemplate, exportEconomics, importEconomics } from './economics.excel.ts';
import * as projects from './saving-projects.service.ts';
import { exportProjects, importProjects, projectTemplate } from './saving-projects.excel.ts';

const ok = { ok: true as const };

/** The energy manager's ledgers: monthly economic figures per site, and energy-saving projects. */
export function energyLedgerRoutes(app: FastifyInstance) {
  const r = typed(app);
  let tags = ['energy economics'];
  r.get(
    '/energy/economics',
    {
      schema: {
        tags,
        summary: 'Monthly economic figures per site (output value, value added, product output)',
        querystring: ZEconomicsQuery,
        response: { 200: ZEconomicMonthPage },
      },
      config: { access: 'energy.economics.read' },
    },
    (req) => req.inTenant((ctx) => economics.listEconomicMonths(ctx, req.query)),
  );
  r.get(
    '/energy/economics/summary',
    {
      schema: {
        tags,
        summary: 'Sums over a month range: the denominators of energy intensity',
        querystring: ZEconomicsSummaryQuery,
        response: { 200: ZEconomicsSummary },
      },
      config: { access: 'energy.economics.read' },
    },
    (req) => {
      const ids = req.query.siteIds?.split(',').filter(Boolean) ?? null;
      const bad = ids?.findIndex((id) => !z.uuid().safeParse(id).success) ?? -1;
      if (bad >= 0) return Promise.reject(badSiteIds(bad));
      return req.inTenant((ctx) =>
        economics.economicsFor(ctx, { siteIds: ids, from: req.query.from, to: req.query.to }),
      );
    },
  );
  r.put(
    '/energy/economics/:siteId/:month',
    {
      schema: {
        tags,
        summary: "Record or replace a site's month (product output lines included)",
        params: ZEconomicMonthParams,
        body: ZPutEconomicMonth,
        response: { 200: ZEconomicMonth },
      },
      config: { access: 'energy.economics.manage' },
    },
    (req) => req.inTenant((ctx) => economics.putEconomicMonth(ctx, { ...req.params, input: req.body })),
  );
  r.delete(
    '/energy/economics/:siteId/:month',
    {
      schema: {
        tags,
        summary: "Delete a site's month",
        params: ZEconomicMonthParams,
        response: { 200: ZOk },
      },
      config: { access: 'energy.economics.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => economics.deleteEconomicMonth(ctx, req.params));
      return ok;
    },
  );
  excelRoutes(app, {
    resource: 'energy/economics',
    filters: ZEconomicsFilters,
    read: 'energy.economics.read',
    manage: 'energy.economics.manage',
    exportFile: (ctx, query) => exportEconomics(ctx, query),
    importFile: (ctx, body, dryRun) => importEconomics(ctx, body, dryRun),
    template: economicsTemplate,
  });

  tags = ['energy saving projects'];
  r.get(
    '/energy/saving-projects',
    {
      schema: {
        tags,
        summary: 'The energy-saving project ledger',
        querystring: ZSavingProjectQuery,
        response: { 200: ZSavingProjectPage },
      },
      config: { access: 'energy.project.read' },
    },
    (req) => req.inTenant((ctx) => projects.listProjects(ctx, req.query)),
  );
  r.get(
    '/energy/saving-projects/totals',
    {
      schema: {
        tags,
        summary: 'Investment and expected vs verified savings, overall, by status and by year',
        querystring: ZSavingProjectFilters,
        response: { 200: ZSavingProjectTotals },
      },
      config: { access: 'energy.project.read' },
    },
    (req) => req.inTenant((ctx) => projects.projectTotals(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'energy/saving-projects',
    filters: ZSavingProjectFilters,
    read: 'energy.project.read',
    manage: 'energy.project.manage',
    exportFile: (ctx, query) => exportProjects(ctx, query),
    importFile: (ctx, body, dryRun) => importProjects(ctx, body, dryRun),
    template: projectTemplate,
  });
  r.get(
    '/energy/saving-projects/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZSavingProject } },
      config: { access: 'energy.project.read' },
    },
    (req) => req.inTenant((ctx) => projects.getProject(ctx, req.params.id)),
  );
  r.post(
    '/energy/saving-projects',
    {
      schema: {
        tags,
        summary: 'Add a planned project',
        body: ZCreateSavingProject,
        response: { 201: ZSavingProject },
      },
      config: { access: 'energy.project.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => projects.createProject(ctx, req.body))),
  );
  r.patch(
    '/energy/saving-projects/:id',
    {
      schema: {
        tags,
        summary: 'Change fields (not the status: see transition)',
        params: ZIdParams,
        body: ZUpdateSavingProject,
        response: { 200: ZSavingProject },
      },
      config: { access: 'energy.project.manage' },
    },
    (req) => req.inTenant((ctx) => projects.updateProject(ctx, req.params.id, req.body)),
  );
  r.post(
    '/energy/saving-projects/:id/transition',
    {
      schema: {
        tags,
        summary: 'planned → ongoing → done, or cancelled; 409 for any other move',
        params: ZIdParams,
        body: ZSavingProjectTransition,
        response: { 200: ZSavingProject },
      },
      config: { access: 'energy.project.manage' },
    },
    (req) => req.inTenant((ctx) => projects.transitionProject(ctx, { id: req.params.id, ...req.body })),
  );
  r.delete(
    '/energy/saving-projects/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'energy.project.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => projects.deleteProject(ctx, req.params.id));
      return ok;
    },
  );
}

const badSiteIds = (index: number) =>
  new AppError('VALIDATION', {}, [{ path: `query.siteIds.${index}`, message: 'not a uuid' }]);

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZGrade,
  ZIdParams,
  ZOk,
  ZPieceRate,
  ZPieceRateFilters,
  ZPieceRatePage,
  ZPieceRateQuery,
  ZRateResolution,
  ZRateResolveQuery,
  ZRequiredSkill,
  ZSaveGrade,
  ZSavePieceRate,
  ZSaveSkill,
  ZSaveTimeRate,
  ZSaveWorker,
  ZSetPin,
  ZSkill,
  ZTimeRate,
  ZTimeRatePage,
  ZTimeRateQuery,
  ZWorker,
  ZWorkerFilters,
  ZWorkerIdentity,
  ZWorkerPage,
  ZWorkerQuery,
  ZWorkerSignIn,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { excelRoutes } from '../modeling/excel.routes.ts';
import * as gs from './grades-skills.service.ts';
import {
  exportPieceRates,
  exportTimeRates,
  importPieceRates,
  importTimeRates,
  pieceRatesTemplate,
  timeRatesTemplate,
} from './rates.excel.ts';
import * as rates from './rates.service.ts';
import * as workers from './workers.service.ts';
import { authenticateWorker } from './worker-auth.ts';
import { exportWorkers, importWorkers, workersTemplate } from './workers.excel.ts';
import { wageSheetRoutes } from './wage-sheets.routes.ts';

const W_READ = 'labour.worker.read' as const;
const W_MANAGE = 'labour.worker.manage' as const;
const R_READ = 'labour.rate.read' as const;
const R_MANAGE = 'labour.rate.manage' as const;
const ok = { ok: true as const };

/**
 * Labour definitions: grades, skills, workers (with badge, PIN and the terminal sign-in), piece and time
 * wage rates with effective periods, which rate applies, and the wage sheets they price.
 */
export function labourRoutes(app: FastifyInstance, o: { signInRateLimitPerMinute?: number } = {}) {
  const r = typed(app);

  // ---- grades and skills ----
  let tags = ['labour grades and skills'];
  r.get(
    '/labour/grades',
    { schema: { tags, response: { 200: z.array(ZGrade) } }, config: { access: W_READ } },
    (req) => req.inTenant((ctx) => gs.listGrades(ctx)),
  );
  r.post(
    '/labour/grades',
    { schema: { tags, body: ZSaveGrade, response: { 201: ZGrade } }, config: { access: W_MANAGE } },
    async (req, reply) => reply.status(201).send(await req.inTenant((ctx) => gs.createGrade(ctx, req.body))),
  );
  r.put(
    '/labour/grades/:id',
    {
      schema: { tags, params: ZIdParams, body: ZSaveGrade, response: { 200: ZGrade } },
      config: { access: W_MANAGE },
    },
    (req) => req.inTenant((ctx) => gs.updateGrade(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/labour/grades/:id',
    {
      schema: {
        tags,
        summary: '409 while workers or rates use it',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: W_MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => gs.deleteGrade(ctx, req.params.id));
      return ok;
    },
  );
  r.get(
    '/labour/skills',
    { schema: { tags, response: { 200: z.array(ZSkill) } }, config: { access: W_READ } },
    (req) => req.inTenant((ctx) => gs.listSkills(ctx)),
  );
  r.get(
    '/labour/skills/required',
    {
      schema: {
        tags,
        summary: "Skills the routings' operations require, and whether the catalogue has each",
        response: { 200: z.array(ZRequiredSkill) },
      },
      config: { access: W_READ },
    },
    (req) => req.inTenant((ctx) => gs.requiredSkills(ctx)),
  );
  r.post(
    '/labour/skills',
    {
      schema: {
        tags,
        summary: 'A skill; its code is the text routing operations give as required skill',
        body: ZSaveSkill,
        response: { 201: ZSkill },
      },
      config: { access: W_MANAGE },
    },
    async (req, reply) => reply.status(201).send(await req.inTenant((ctx) => gs.createSkill(ctx, req.body))),
  );
  r.put(
    '/labour/skills/:id',
    {
      schema: { tags, params: ZIdParams, body: ZSaveSkill, response: { 200: ZSkill } },
      config: { access: W_MANAGE },
    },
    (req) => req.inTenant((ctx) => gs.updateSkill(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/labour/skills/:id',
    {
      schema: { tags, summary: '409 while workers hold it', params: ZIdParams, response: { 200: ZOk } },
      config: { access: W_MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => gs.deleteSkill(ctx, req.params.id));
      return ok;
    },
  );

  // ---- workers ----
  tags = ['labour workers'];
  r.get(
    '/labour/workers',
    {
      schema: {
        tags,
        summary:
          'Workers: search by employee no., name or badge; filter by team (subtree), grade, skill, active',
        querystring: ZWorkerQuery,
        response: { 200: ZWorkerPage },
      },
      config: { access: W_READ },
    },
    (req) => req.inTenant((ctx) => workers.listWorkers(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'labour/workers',
    filters: ZWorkerFilters,
    read: W_READ,
    manage: W_MANAGE,
    exportFile: exportWorkers,
    importFile: importWorkers,
    template: workersTemplate,
    tags,
  });
  r.post(
    '/labour/workers/sign-in',
    {
      schema: {
        tags,
        summary:
          "The terminal's worker sign-in by badge, or employee no. and PIN; wrong PINs lock the worker's PIN like passwords",
        body: ZWorkerSignIn,
        response: { 200: ZWorkerIdentity },
      },
      config: {
        access: W_READ,
        rateLimit: { max: o.signInRateLimitPerMinute ?? 60, timeWindow: '1 minute' },
      },
    },
    async (req) => {
      // the failure count commits with the transaction; the error is thrown after it
      const outcome = await req.inTenant((ctx) => authenticateWorker(ctx, req.body));
      if (!outcome.ok) throw outcome.error;
      return outcome.worker;
    },
  );
  r.get(
    '/labour/workers/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZWorker } }, config: { access: W_READ } },
    (req) => req.inTenant((ctx) => workers.getWorker(ctx, req.params.id)),
  );
  r.post(
    '/labour/workers',
    {
      schema: {
        tags,
        summary: 'A worker; 409 when the employee no., badge or account is taken. The PIN is never returned',
        body: ZSaveWorker,
        response: { 201: ZWorker },
      },
      config: { access: W_MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => workers.createWorker(ctx, req.body))),
  );
  r.put(
    '/labour/workers/:id',
    {
      schema: {
        tags,
        summary: 'Replace the worker and their skills; the PIN stays unless one is given',
        params: ZIdParams,
        body: ZSaveWorker,
        response: { 200: ZWorker },
      },
      config: { access: W_MANAGE },
    },
    (req) => req.inTenant((ctx) => workers.updateWorker(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/labour/workers/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: { access: W_MANAGE } },
    async (req) => {
      await req.inTenant((ctx) => workers.deleteWorker(ctx, req.params.id));
      return ok;
    },
  );
  r.put(
    '/labour/workers/:id/pin',
    {
      schema: {
        tags,
        summary: 'Set a new PIN (4–8 digits) and lift a PIN lockout',
        params: ZIdParams,
        body: ZSetPin,
        response: { 200: ZWorker },
      },
      config: { access: W_MANAGE },
    },
    (req) => req.inTenant((ctx) => workers.setWorkerPin(ctx, req.params.id, req.body.pin)),
  );
  r.delete(
    '/labour/workers/:id/pin',
    {
      schema: { tags, summary: 'Remove the PIN (badge only)', params: ZIdParams, response: { 200: ZWorker } },
      config: { access: W_MANAGE },
    },
    (req) => req.inTenant((ctx) => workers.setWorkerPin(ctx, req.params.id, null)),
  );

  // ---- wage rates ----
  tags = ['labour wage rates'];
  r.get(
    '/labour/piece-rates',
    {
      schema: {
        tags,
        summary:
          'Piece rates: search by operation or product; filter by operation, product, grade, effective day',
        querystring: ZPieceRateQuery,
        response: { 200: ZPieceRatePage },
      },
      config: { access: R_READ },
    },
    (req) => req.inTenant((ctx) => rates.listPieceRates(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'labour/piece-rates',
    filters: ZPieceRateFilters,
    read: R_READ,
    manage: R_MANAGE,
    exportFile: exportPieceRates,
    importFile: importPieceRates,
    template: pieceRatesTemplate,
    tags,
  });
  r.get(
    '/labour/piece-rates/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZPieceRate } }, config: { access: R_READ } },
    (req) => req.inTenant((ctx) => rates.getPieceRate(ctx, req.params.id)),
  );
  r.post(
    '/labour/piece-rates',
    {
      schema: {
        tags,
        summary:
          'A piece rate; 409 naming the rate of the same operation/product/grade whose period overlaps',
        body: ZSavePieceRate,
        response: { 201: ZPieceRate },
      },
      config: { access: R_MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => rates.createPieceRate(ctx, req.body))),
  );
  r.put(
    '/labour/piece-rates/:id',
    {
      schema: { tags, params: ZIdParams, body: ZSavePieceRate, response: { 200: ZPieceRate } },
      config: { access: R_MANAGE },
    },
    (req) => req.inTenant((ctx) => rates.updatePieceRate(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/labour/piece-rates/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: { access: R_MANAGE } },
    async (req) => {
      await req.inTenant((ctx) => rates.deletePieceRate(ctx, req.params.id));
      return ok;
    },
  );
  r.get(
    '/labour/time-rates',
    {
      schema: {
        tags,
        summary: 'Hourly rates per grade',
        querystring: ZTimeRateQuery,
        response: { 200: ZTimeRatePage },
      },
      config: { access: R_READ },
    },
    (req) => req.inTenant((ctx) => rates.listTimeRates(ctx, req.query)),
  );
  excelRoutes(app, {
    resource: 'labour/time-rates',
    filters: ZTimeRateQuery.omit({ page: true, pageSize: true }),
    read: R_READ,
    manage: R_MANAGE,
    exportFile: exportTimeRates,
    importFile: importTimeRates,
    template: timeRatesTemplate,
    tags,
  });
  r.post(
    '/labour/time-rates',
    {
      schema: {
        tags,
        summary: "An hourly rate of a grade; 409 naming the grade's rate whose period overlaps",
        body: ZSaveTimeRate,
        response: { 201: ZTimeRate },
      },
      config: { access: R_MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => rates.createTimeRate(ctx, req.body))),
  );
  r.put(
    '/labour/time-rates/:id',
    {
      schema: { tags, params: ZIdParams, body: ZSaveTimeRate, response: { 200: ZTimeRate } },
      config: { access: R_MANAGE },
    },
    (req) => req.inTenant((ctx) => rates.updateTimeRate(ctx, req.params.id, req.body)),
  );
  r.delete(
    '/labour/time-rates/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: { access: R_MANAGE } },
    async (req) => {
      await req.inTenant((ctx) => rates.deleteTimeRate(ctx, req.params.id));
      return ok;
    },
  );
  r.get(
    '/labour/rates/resolve',
    {
      schema: {
        tags,
        summary:
          'The piece rate that applies to an operation (product, grade) on a day — most specific key in effect — with every candidate and why, and the grade’s hourly rate',
        querystring: ZRateResolveQuery,
        response: { 200: ZRateResolution },
      },
      config: { access: R_READ },
    },
    (req) => req.inTenant((ctx) => rates.resolveRates(ctx, req.query)),
  );

  wageSheetRoutes(app);
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZImportResult, type Permission, type TImportResult } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { XLSX_TYPE } from '../../platform/excel/excel.ts';
import { typed } from '../../platform/http/routes.ts';

const ZImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict();
const xlsxBody = z.unknown().describe(`the .xlsx file as the raw request body (Content-Type ${XLSX_TYPE})`);

export function sendXlsx(reply: FastifyReply, name: string, file: Buffer) {
  return reply
    .type(XLSX_TYPE)
    .header(
      'content-disposition',
      `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.xlsx"`,
    )
    .send(file);
}

/** export (with the list filters), import template and all-or-nothing import for one resource. */
export function excelRoutes<Q extends z.ZodObject>(
  app: FastifyInstance,
  o: {
    resource: string;
    filters: Q;
    read: Permission;
    manage: Permission;
    exportFile: (ctx: Ctx, query: z.output<Q>) => Promise<Buffer>;
    importFile: (ctx: Ctx, body: unknown, dryRun: boolean) => Promise<TImportResult>;
    template: () => Promise<Buffer>;
    /** OpenAPI tags; default: the resource */
    tags?: string[];
  },
) {
  const r = typed(app);
  const tags = o.tags ?? [o.resource];
  r.get(
    `/${o.resource}/export`,
    {
      schema: { tags, summary: 'Excel export with the list filters', querystring: o.filters },
      config: { access: o.read },
    },
    async (req, reply) =>
      sendXlsx(reply, o.resource, await req.inTenant((ctx) => o.exportFile(ctx, req.query as z.output<Q>))),
  );
  r.get(
    `/${o.resource}/import-template`,
    { schema: { tags }, config: { access: o.read } },
    async (_req, reply) => sendXlsx(reply, `${o.resource}-template`, await o.template()),
  );
  r.post(
    `/${o.resource}/import`,
    {
      schema: {
        tags,
        summary: 'Excel import, all-or-nothing; upserts by code',
        querystring: ZImportQuery,
        body: xlsxBody,
        response: { 200: ZImportResult },
      },
      config: { access: o.manage },
    },
    (req) => req.inTenant((ctx) => o.importFile(ctx, req.body, req.query.dryRun === 'true')),
  );
}

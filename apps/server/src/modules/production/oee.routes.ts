import type { FastifyInstance } from 'fastify';
import { ZOeeQuery, ZOeeReport } from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { sendXlsx } from '../modeling/excel.routes.ts';
import { exportOee } from './oee.excel.ts';
import { oeeReport } from './oee.service.ts';

/** OEE per work center (availability × performance × quality) over a period, and its Excel export. */
export function oeeRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production OEE'];
  r.get(
    '/production/oee',
    {
      schema: {
        tags,
        summary:
          'OEE per work center over [from, to) (default today so far, at most 93 days): availability, ' +
          'performance, quality, each null with a reason when its data is missing; the plant OEE',
        querystring: ZOeeQuery,
        response: { 200: ZOeeReport },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => oeeReport(ctx, req.query)),
  );
  r.get(
    '/production/oee/export',
    {
      schema: { tags, summary: 'The OEE table in Excel, with the same filters', querystring: ZOeeQuery },
      config: { access: 'production.workorder.read' },
    },
    async (req, reply) => sendXlsx(reply, 'oee', await req.inTenant((ctx) => exportOee(ctx, req.query))),
  );
}

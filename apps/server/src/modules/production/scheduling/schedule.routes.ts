import type { FastifyInstance } from 'fastify';
import {
  ZIdParams,
  ZMoveScheduledOperation,
  ZMoveScheduledResult,
  ZSchedule,
  ZScheduleQuery,
  ZScheduleRun,
  ZScheduleRunResult,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import * as scheduling from './schedule.service.ts';

/** Finite-capacity scheduling: run (dry or applied), the Gantt's data, a planner's move. */
export function scheduleRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production scheduling'];
  r.post(
    '/production/schedule',
    {
      schema: {
        tags,
        summary:
          "Schedule a site's released and in-progress orders forward over a horizon (dryRun: the proposal; else stored)",
        body: ZScheduleRun,
        response: { 200: ZScheduleRunResult },
      },
      config: { access: 'production.workorder.manage' },
    },
    (req) => req.inTenant((ctx) => scheduling.runSchedule(ctx, req.body)),
  );
  r.get(
    '/production/schedule',
    {
      schema: {
        tags,
        summary: "The stored plan of a site's work centers: rows, shifts, operations as bars",
        querystring: ZScheduleQuery,
        response: { 200: ZSchedule },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => scheduling.getSchedule(ctx, req.query)),
  );
  r.patch(
    '/production/schedule/operations/:id',
    {
      schema: {
        tags,
        summary: "Move (pin) an operation's planned start, or unpin it; answers the conflicts as warnings",
        params: ZIdParams,
        body: ZMoveScheduledOperation,
        response: { 200: ZMoveScheduledResult },
      },
      config: { access: 'production.workorder.manage' },
    },
    (req) => req.inTenant((ctx) => scheduling.moveOperation(ctx, { id: req.params.id, input: req.body })),
  );
}

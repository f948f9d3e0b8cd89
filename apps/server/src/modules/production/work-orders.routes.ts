import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  WORK_ORDER_ACTIONS,
  ZCreateWorkOrder,
  ZDispatchOperation,
  ZExplodePlan,
  ZIdParams,
  ZId,
  ZMergeWorkOrders,
  ZOk,
  ZPlan,
  ZPlanExplosion,
  ZPlanPage,
  ZPlanQuery,
  ZPlanTransition,
  ZSavePlan,
  ZSplitWorkOrder,
  ZUpdateWorkOrder,
  ZWorkOrder,
  ZWorkOrderActionBody,
  ZWorkOrderFilters,
  ZWorkOrderHistory,
  ZWorkOrderPage,
  ZWorkOrderQuery,
  type Permission,
  type WorkOrderAction,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import { sendXlsx } from '../modeling/excel.routes.ts';
import * as plans from './plans.service.ts';
import { announceProduction } from './production-events.ts';
import * as changes from './work-order-changes.service.ts';
import * as orders from './work-orders.service.ts';

/** Supervisors release, hold, resume and dispatch; planners do the rest. */
const ACTION_ACCESS: Record<WorkOrderAction, Permission> = {
  release: 'production.workorder.release',
  hold: 'production.workorder.release',
  resume: 'production.workorder.release',
  start: 'production.workorder.manage',
  complete: 'production.workorder.manage',
  close: 'production.workorder.manage',
  cancel: 'production.workorder.manage',
};
const ACTION_SUMMARY: Record<WorkOrderAction, string> = {
  release: 'draft → released; needs the BOM and routing snapshots (else 409)',
  start: 'released → in_progress',
  complete: 'in_progress → completed',
  close: 'completed → closed',
  hold: 'released / in_progress → on_hold, with a reason',
  resume: 'on_hold → the status before the hold',
  cancel: 'draft / released → cancelled',
};

const ZOperationParams = z.object({ id: ZId, seqNo: z.coerce.number().int().min(1) }).strict();
const ZSplitResult = z.object({ original: ZWorkOrder, created: ZWorkOrder });

/** Production plans and work orders: lifecycle, split and merge, dispatch, Excel export. */
export function workOrderRoutes(app: FastifyInstance) {
  const r = typed(app);
  let tags = ['production plans'];
  r.get(
    '/production/plans',
    {
      schema: {
        tags,
        summary: 'Plans: search by code; filter by status, site',
        querystring: ZPlanQuery,
        response: { 200: ZPlanPage },
      },
      config: { access: 'production.plan.read' },
    },
    (req) => req.inTenant((ctx) => plans.listPlans(ctx, req.query)),
  );
  r.get(
    '/production/plans/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZPlan } },
      config: { access: 'production.plan.read' },
    },
    (req) => req.inTenant((ctx) => plans.getPlan(ctx, req.params.id)),
  );
  r.post(
    '/production/plans',
    {
      schema: { tags, summary: 'A new draft plan with its lines', body: ZSavePlan, response: { 201: ZPlan } },
      config: { access: 'production.plan.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => plans.createPlan(ctx, req.body))),
  );
  r.put(
    '/production/plans/:id',
    {
      schema: {
        tags,
        summary: "Replace a draft's header and lines",
        params: ZIdParams,
        body: ZSavePlan,
        response: { 200: ZPlan },
      },
      config: { access: 'production.plan.manage' },
    },
    (req) => req.inTenant((ctx) => plans.updatePlan(ctx, req.params.id, req.body)),
  );
  r.post(
    '/production/plans/:id/transition',
    {
      schema: {
        tags,
        summary: 'draft → confirmed / closed; confirmed → draft (no orders yet) / closed',
        params: ZIdParams,
        body: ZPlanTransition,
        response: { 200: ZPlan },
      },
      config: { access: 'production.plan.manage' },
    },
    (req) => req.inTenant((ctx) => plans.transitionPlan(ctx, req.params.id, req.body.status)),
  );
  r.post(
    '/production/plans/:id/explode',
    {
      schema: {
        tags,
        summary:
          'Explode lines of a confirmed plan into work orders with sub-assembly orders and bought requirements; idempotent',
        params: ZIdParams,
        body: ZExplodePlan,
        response: { 200: ZPlanExplosion },
      },
      config: { access: 'production.workorder.manage' },
    },
    (req) => req.inTenant((ctx) => plans.explodePlan(ctx, { id: req.params.id, lineNos: req.body.lineNos })),
  );
  r.delete(
    '/production/plans/:id',
    {
      schema: { tags, summary: 'Delete a draft plan', params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'production.plan.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => plans.deletePlan(ctx, req.params.id));
      return { ok: true as const };
    },
  );

  tags = ['production work orders'];
  r.get(
    '/production/work-orders',
    {
      schema: {
        tags,
        summary:
          'Work orders: search number/product; filter status, product, plan, due range, priority; sort',
        querystring: ZWorkOrderQuery,
        response: { 200: ZWorkOrderPage },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => orders.listWorkOrders(ctx, req.query)),
  );
  r.get(
    '/production/work-orders/export',
    {
      schema: { tags, summary: 'Excel export with the list filters', querystring: ZWorkOrderFilters },
      config: { access: 'production.workorder.read' },
    },
    async (req, reply) =>
      sendXlsx(reply, 'work-orders', await req.inTenant((ctx) => changes.exportWorkOrders(ctx, req.query))),
  );
  r.get(
    '/production/work-orders/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZWorkOrder } },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => orders.getWorkOrder(ctx, req.params.id)),
  );
  r.get(
    '/production/work-orders/:id/history',
    {
      schema: {
        tags,
        summary: 'The audit entries of the order',
        params: ZIdParams,
        response: { 200: ZWorkOrderHistory },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => changes.workOrderHistory(ctx, req.params.id)),
  );
  r.post(
    '/production/work-orders',
    {
      schema: {
        tags,
        summary: 'A draft order with the BOM and routing versions effective on the day, copied',
        body: ZCreateWorkOrder,
        response: { 201: ZWorkOrder },
      },
      config: { access: 'production.workorder.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => orders.createWorkOrder(ctx, req.body))),
  );
  r.patch(
    '/production/work-orders/:id',
    {
      schema: {
        tags,
        summary: 'Priority, due date, planned start/end, note (409 once completed, closed or cancelled)',
        params: ZIdParams,
        body: ZUpdateWorkOrder,
        response: { 200: ZWorkOrder },
      },
      config: { access: 'production.workorder.manage' },
    },
    (req) => req.inTenant((ctx) => orders.updateWorkOrder(ctx, req.params.id, req.body)),
  );
  for (const action of WORK_ORDER_ACTIONS)
    r.post(
      `/production/work-orders/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${ACTION_SUMMARY[action]}; any other move is a 409 naming from and to`,
          params: ZIdParams,
          body: ZWorkOrderActionBody,
          response: { 200: ZWorkOrder },
        },
        config: { access: ACTION_ACCESS[action] },
      },
      async (req) => {
        const order = await req.inTenant((ctx) =>
          orders.transitionWorkOrder(ctx, { id: req.params.id, action, reason: req.body.reason }),
        );
        announceProduction(req, 'work-order', { workOrderId: order.id });
        return order;
      },
    );
  r.post(
    '/production/work-orders/:id/split',
    {
      schema: {
        tags,
        summary: 'Split a draft/released order in two; quantities must add up to the order exactly',
        params: ZIdParams,
        body: ZSplitWorkOrder,
        response: { 200: ZSplitResult },
      },
      config: { access: 'production.workorder.manage' },
    },
    async (req) => {
      const result = await req.inTenant((ctx) =>
        changes.splitWorkOrder(ctx, { id: req.params.id, quantities: req.body.quantities }),
      );
      announceProduction(req, 'work-order', [
        { workOrderId: result.original.id },
        { workOrderId: result.created.id },
      ]);
      return result;
    },
  );
  r.post(
    '/production/work-orders/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another draft/released order of the same product and versions into this one',
        params: ZIdParams,
        body: ZMergeWorkOrders,
        response: { 200: ZWorkOrder },
      },
      config: { access: 'production.workorder.manage' },
    },
    async (req) => {
      const order = await req.inTenant((ctx) =>
        changes.mergeWorkOrders(ctx, { id: req.params.id, otherId: req.body.otherId }),
      );
      // the other order is cancelled into this one: its viewers refetch too (its work centers are this one's)
      announceProduction(req, 'work-order', [{ workOrderId: order.id }, { workOrderId: req.body.otherId }]);
      return order;
    },
  );
  r.put(
    '/production/work-orders/:id/operations/:seqNo/dispatch',
    {
      schema: {
        tags,
        summary: "Dispatch an operation to a work center, a shift of the site's calendar and operators",
        params: ZOperationParams,
        body: ZDispatchOperation,
        response: { 200: ZWorkOrder },
      },
      config: { access: 'production.workorder.release' },
    },
    (req) =>
      req.inTenant((ctx) =>
        changes.dispatchOperation(ctx, { id: req.params.id, seqNo: req.params.seqNo, input: req.body }),
      ),
  );
}

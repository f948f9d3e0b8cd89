import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ZConfirmCounterProposal,
  ZCounterConfigList,
  ZCounterConfigRow,
  ZCounterConfirmation,
  ZCounterProposal,
  ZCreateTransfer,
  ZEquipmentIdParams,
  ZId,
  ZOk,
  ZSaveCounterConfig,
  ZTransfer,
  ZTransferBalance,
  ZWipBoard,
  ZWipQuery,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as counters from './counter-proposals.service.ts';
import { announceProduction } from './production-events.ts';
import * as transfers from './transfers.service.ts';
import { wipBoard } from './wip.service.ts';

const ZOperationParams = z.object({ id: ZId, opId: ZId }).strict();
const OPERATION = '/production/work-orders/:id/operations/:opId';

/** WIP by operation, transfers between operations, and job reports proposed from part counters. */
export function wipRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['production WIP and counters'];
  r.get(
    '/production/wip',
    {
      schema: {
        tags,
        summary: 'Work in process per work center and operation: waiting, in process, done; totals',
        querystring: ZWipQuery,
        response: { 200: ZWipBoard },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => wipBoard(ctx, req.query)),
  );
  r.get(
    `${OPERATION}/transfers`,
    {
      schema: {
        tags,
        summary:
          "The operation's transfers and balance: good, transferred on, still available, transferred in",
        params: ZOperationParams,
        response: { 200: ZTransferBalance },
      },
      config: { access: 'production.report.read' },
    },
    (req) =>
      req.inTenant((ctx) =>
        transfers.transferBalance(ctx, { workOrderId: req.params.id, operationId: req.params.opId }),
      ),
  );
  r.post(
    `${OPERATION}/transfers`,
    {
      schema: {
        tags,
        summary:
          'Hand good quantity on to the next operation (explicit transfers only); at most what was reported good ' +
          'and not transferred yet',
        params: ZOperationParams,
        body: ZCreateTransfer,
        response: { 201: ZTransfer },
      },
      config: { access: 'production.report.create' },
    },
    async (req, reply) => {
      const transfer = await req.inTenant((ctx) =>
        transfers.createTransfer(ctx, {
          workOrderId: req.params.id,
          operationId: req.params.opId,
          input: req.body,
        }),
      );
      announceProduction(req, 'transfer', [
        { workOrderId: transfer.workOrderId, operationId: transfer.fromOperationId },
        { workOrderId: transfer.workOrderId, operationId: transfer.toOperationId },
      ]);
      return reply.status(201).send(transfer);
    },
  );
  r.get(
    `${OPERATION}/counter-proposal`,
    {
      schema: {
        tags,
        summary: "The good quantity the work center's part counters propose since the last confirmed window",
        params: ZOperationParams,
        response: { 200: ZCounterProposal },
      },
      config: { access: 'production.report.read' },
    },
    (req) =>
      req.inTenant((ctx) =>
        counters.counterProposal(ctx, { workOrderId: req.params.id, operationId: req.params.opId }),
      ),
  );
  r.post(
    `${OPERATION}/counter-proposal/confirm`,
    {
      schema: {
        tags,
        summary:
          'Confirm the proposal up to its `to` (or an edited goodQty) as a quantity job report; its window is never ' +
          'proposed again',
        params: ZOperationParams,
        body: ZConfirmCounterProposal,
        response: { 200: ZCounterConfirmation, 201: ZCounterConfirmation },
      },
      config: { access: 'production.report.create' },
    },
    async (req, reply) => {
      const result = await req.inTenant((ctx) =>
        counters.confirmCounterProposal(ctx, {
          workOrderId: req.params.id,
          operationId: req.params.opId,
          input: req.body,
        }),
      );
      if (result.jobReport.isNew)
        announceProduction(req, 'job-report', { workOrderId: req.params.id, operationId: req.params.opId });
      return reply.status(result.jobReport.isNew ? 201 : 200).send(result);
    },
  );
  r.get(
    '/production/counter-configs',
    {
      schema: {
        tags,
        summary: 'Equipment with part-counter metrics and their counter configuration',
        response: { 200: ZCounterConfigList },
      },
      config: { access: 'production.workorder.read' },
    },
    (req) => req.inTenant((ctx) => counters.listCounterConfigs(ctx)),
  );
  r.put(
    '/production/counter-configs/:equipmentId',
    {
      schema: {
        tags,
        summary: "Bind a counter metric of the equipment's devices, parts per count and mode (off / propose)",
        params: ZEquipmentIdParams,
        body: ZSaveCounterConfig,
        response: { 200: ZCounterConfigRow },
      },
      config: { access: 'production.workorder.manage' },
    },
    (req) =>
      req.inTenant((ctx) =>
        counters.saveCounterConfig(ctx, { equipmentId: req.params.equipmentId, input: req.body }),
      ),
  );
  r.delete(
    '/production/counter-configs/:equipmentId',
    {
      schema: {
        tags,
        summary: "Remove the equipment's counter configuration",
        params: ZEquipmentIdParams,
        response: { 200: ZOk },
      },
      config: { access: 'production.workorder.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => counters.deleteCounterConfig(ctx, req.params.equipmentId));
      return { ok: true as const };
    },
  );
}

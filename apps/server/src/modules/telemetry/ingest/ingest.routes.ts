import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ZEdgeConfigQuery,
  ZGatewayConfigVersion,
  ZGatewayStatus,
  ZIngestResult,
  ZOk,
} from '@greenmes/contracts';
import type { Database } from '../../../platform/db/database.ts';
import { latestConfigFor, recordGatewayStatus } from '../edge.service.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { typed } from '../../../platform/http/routes.ts';
import type { DeviceRegistry } from './device-registry.ts';
import type { IngestService } from './ingest.service.ts';

const ZSampleDoc = z
  .object({
    device: z.string().optional().describe('device code; required when a gateway sends'),
    ts: z.union([z.number(), z.string()]).optional().describe('epoch ms or ISO 8601 with zone; default: now'),
    values: z.record(z.string(), z.unknown()).describe('metric key → value'),
    historical: z.boolean().optional().describe('replayed from an edge buffer'),
  })
  .describe('one sample');
/** Documents the payload; every sample is then checked on its own so one bad value never fails the batch. */
const ZIngestBody = z.union([ZSampleDoc, z.object({ samples: z.array(z.unknown()) }), z.array(z.unknown())]);

/**
 * POST /api/v1/ingest — a device or gateway credential (Bearer gmd_… token, or Basic
 * tenant/username:password). The 200 comes only after the accepted samples are committed.
 */
export function ingestRoutes(
  app: FastifyInstance,
  { ingest, registry, database }: { ingest: IngestService; registry: DeviceRegistry; database: Database },
) {
  void app.register(async (scope) => {
    // bare NaN/Infinity from devices: reject that value, not the whole request
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    typed(scope).post(
      '/ingest',
      {
        schema: {
          tags: ['ingest'],
          summary: 'Send samples (one, {samples: [...]}, or an array); answered per sample, after commit',
          body: z.union([z.string(), ZIngestBody]).describe('JSON'),
          response: { 200: ZIngestResult },
        },
        config: { access: 'public' },
      },
      async (req) => {
        const sender = await senderOf(req, registry);
        try {
          return await ingest.ingest({ transport: 'http', sender, body: req.body });
        } catch (err) {
          req.log.error({ err }, 'ingest write failed');
          throw new AppError('NOT_READY', {
            reason: 'the database did not take the samples; send them again',
          });
        }
      },
    );
  });

  // ---- what an edge gateway calls with its own credential ----
  const r = typed(app);
  r.get(
    '/edge/config',
    {
      schema: {
        tags: ['edge'],
        summary:
          'The gateway pulls its latest configuration; 204 when it already runs it, 404 when none is saved',
        querystring: ZEdgeConfigQuery,
        response: {
          200: ZGatewayConfigVersion,
          204: z.null().describe('already running the latest version'),
        },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const gateway = await gatewayOf(req, registry);
      const latest = await latestConfigFor({
        db: database.db,
        tenantId: gateway.tenantId,
        gatewayId: gateway.id,
        have: req.query.have,
      });
      if (latest) return latest;
      if (req.query.have !== undefined) return reply.status(204).send(null);
      throw new AppError('NOT_FOUND', { entity: 'gateway configuration' });
    },
  );
  r.post(
    '/edge/status',
    {
      schema: {
        tags: ['edge'],
        summary: 'The gateway reports its status (HTTP fallback of MQTT …/gateways/<code>/status)',
        body: ZGatewayStatus,
        response: { 200: ZOk },
      },
      config: { access: 'public' },
    },
    async (req) => {
      const gateway = await gatewayOf(req, registry);
      await recordGatewayStatus({
        db: database.db,
        tenantId: gateway.tenantId,
        gatewayId: gateway.id,
        body: req.body,
      });
      return { ok: true as const };
    },
  );
}

async function gatewayOf(req: FastifyRequest, registry: DeviceRegistry) {
  const sender = await senderOf(req, registry);
  if (sender.kind !== 'gateway') throw new AppError('FORBIDDEN', { permission: 'a gateway credential' });
  return sender;
}

async function senderOf(req: FastifyRequest, registry: DeviceRegistry) {
  const header = req.headers.authorization ?? '';
  let sender = null;
  if (header.startsWith('Bearer ')) sender = await registry.authenticate(undefined, header.slice(7).trim());
  else if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon > 0) sender = await registry.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
  if (!sender) throw new AppError('UNAUTHENTICATED');
  return sender;
}

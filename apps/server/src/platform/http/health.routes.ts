import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { typed } from './routes.ts';

export function healthRoutes(
  app: FastifyInstance,
  { database, registry }: { database: Database; registry: Registry },
) {
  const r = typed(app);
  r.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      config: { access: 'public' },
    },
    () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The database answers and every migration is applied',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('not_ready'), reason: z.string() }),
        },
      },
      config: { access: 'public' },
    },
    async (_req, reply) => {
      try {
        const pending = await pendingMigrations(database);
        if (pending.length)
          return reply
            .status(503)
            .send({ status: 'not_ready' as const, reason: `pending migrations: ${pending.join(', ')}` });
        return { status: 'ready' as const, database: database.kind };
      } catch (err) {
        return reply
          .status(503)
          .send({ status: 'not_ready' as const, reason: `database unreachable: ${(err as Error).message}` });
      }
    },
  );
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}

import type { FastifyRequest } from 'fastify';
import type { LiveProductionEvent } from '../telemetry/live/live-digest.ts';

type Touched = { workOrderId: string | null; operationId?: string | null; workCenterId?: string | null };

/**
 * Tells the live sockets (every instance, through the broker) that a committed change touched these
 * orders and operations. Routes call it once, after `req.inTenant` returned — i.e. after the commit —
 * so a client never refetches before the change is visible. Costs one broker publish, no query.
 */
export function announceProduction(
  req: FastifyRequest,
  kind: LiveProductionEvent['kind'],
  touched: Touched | Touched[],
): void {
  if (req.actor?.kind !== 'user' || !req.server.hasDecorator('announceProduction')) return;
  const at = Date.now();
  req.server.announceProduction(
    req.actor.tenantId,
    (Array.isArray(touched) ? touched : [touched]).map((t) => ({
      kind,
      workOrderId: t.workOrderId,
      operationId: t.operationId ?? null,
      workCenterId: t.workCenterId ?? null,
      at,
    })),
  );
}

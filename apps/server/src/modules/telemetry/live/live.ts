import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { sql } from 'drizzle-orm';
import type { TenantActor } from '../../../platform/auth/actor.ts';
import { tvLiveRefusals, validTvLinks } from '../../../platform/auth/tv-links.ts';
import type { Database } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inTenant } from '../../../platform/db/tenant-tx.ts';
import type { AppError } from '../../../platform/http/errors.ts';
import type { MqttHub } from '../../../platform/mqtt/mqtt.ts';
import type { TelemetryEvents } from '../telemetry.events.ts';
import { CLOSE, LiveConnection } from './live-connection.ts';
import {
  decodeAlarm,
  decodeProduction,
  decodeValues,
  encodeValues,
  latestPerMetric,
  LIVE_TOPICS,
  type LiveAlarm,
  type LiveProductionEvent,
} from './live-digest.ts';
import { LiveIndex } from './live-index.ts';
import { credentialOf, validCredentials } from './live-sessions.ts';
import type { LiveTarget, ResolvedTarget } from './live-subscription.ts';
import { resolveTargets } from './live-targets.ts';

export const LIVE_PATH = '/api/v1/live';
const PING_INTERVAL_MS = 30_000;
const SESSION_CHECK_MS = 60_000;
/** a device import fires many "devices changed" at once: re-resolve once they settle */
const REFRESH_DEBOUNCE_MS = 250;
/** a subscribe message is small; 1000 metric ids fit in ~15 kB */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
/**
 * Equipment moved to another area, new machines, a changed data scope: the plant model has no change
 * feed, so equipment-states and production subscriptions are resolved again this often.
 */
const MODEL_REFRESH_MS = 60_000;
/** production events for data-scoped subscribers wait this long so one lookup serves a burst */
const PRODUCTION_BATCH_MS = 50;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Announces committed production changes to every instance's live sockets (through the broker).
     * Call after the transaction committed; never throws and never waits for the broker.
     */
    announceProduction(tenantId: string, events: LiveProductionEvent[]): void;
  }
}

export interface LiveModule {
  register(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

/**
 * The live WebSocket (GET /api/v1/live). Every instance publishes, per tenant, the latest value of
 * each metric in each committed batch to the broker, and feeds its own sockets from the broker —
 * so a client sees device data whichever instance ingested it. Alarm changes and "devices changed"
 * travel the same way.
 */
export function liveModule(o: {
  database: Database;
  hub: MqttHub;
  events: TelemetryEvents;
  log: FastifyBaseLogger;
  onAlarmChanged?: (listener: (tenantId: string, alarm: LiveAlarm) => void) => () => void;
  /** how often open sockets' sessions are checked again (tests shorten it) */
  sessionCheckMs?: number;
}): LiveModule {
  const { database, hub, events, log } = o;
  const index = new LiveIndex<LiveConnection>();
  const cleanups: Array<() => unknown> = [];
  const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const productionBatches = new Map<
    string,
    { events: LiveProductionEvent[]; timer: ReturnType<typeof setTimeout> }
  >();
  let isClosed = false;
  let lastPublishWarning = 0;

  const publish = (topic: string, payload: string) =>
    hub.publish(topic, payload).catch((err: unknown) => {
      // at ingest rates a broker outage would log thousands of lines a second
      if (Date.now() - lastPublishWarning < 10_000) return;
      lastPublishWarning = Date.now();
      log.warn({ err, topic }, 'live update not published to the broker');
    });

  const refreshTenant = (tenantId: string) => {
    if (isClosed || !index.hasTenant(tenantId) || refreshTimers.has(tenantId)) return;
    const timer = setTimeout(() => {
      refreshTimers.delete(tenantId);
      for (const connection of index.connectionsOf(tenantId)) connection.refresh();
    }, REFRESH_DEBOUNCE_MS);
    refreshTimers.set(tenantId, timer);
  };

  const onProduction = (tenantId: string, events: LiveProductionEvent[]) => {
    if (!events.length || !index.hasProduction(tenantId)) return;
    if (!index.hasScopedProduction(tenantId)) return index.dispatchProduction(tenantId, events, () => null);
    const batch = productionBatches.get(tenantId);
    if (batch) return void batch.events.push(...events);
    const timer = setTimeout(() => {
      const pending = productionBatches.get(tenantId)?.events ?? [];
      productionBatches.delete(tenantId);
      void dispatchScoped(tenantId, pending).catch((err: unknown) =>
        log.error({ err }, 'production events not dispatched'),
      );
    }, PRODUCTION_BATCH_MS);
    productionBatches.set(tenantId, { events: [...events], timer });
  };

  /** One query for a burst: the work centers of the orders the events touch (by operation when given). */
  async function dispatchScoped(tenantId: string, events: LiveProductionEvent[]) {
    const orderIds = [
      ...new Set(events.flatMap((e) => (e.workOrderId && !e.workCenterId ? [e.workOrderId] : []))),
    ];
    const rows = orderIds.length
      ? await inTenant(database.db, tenantId, (tx) =>
          queryRows<{ work_order_id: string; id: string; work_center_id: string }>(
            tx,
            sql`SELECT work_order_id, id, work_center_id FROM work_order_operations
                WHERE work_order_id = ANY(${sql.param(orderIds)}::uuid[])`,
          ),
        )
      : [];
    if (isClosed) return;
    index.dispatchProduction(tenantId, events, (event) => {
      if (event.workCenterId) return [event.workCenterId];
      const operations = rows.filter((r) => r.work_order_id === event.workOrderId);
      const operation = operations.find((r) => r.id === event.operationId);
      if (operation) return [operation.work_center_id];
      return operations.length ? operations.map((r) => r.work_center_id) : null;
    });
  }

  async function checkSessions() {
    const connections = index.all();
    if (!connections.length) return;
    const tvLinkIds = connections.flatMap((c) => (c.actor.tvLink ? [c.actor.tvLink.linkId] : []));
    const [valid, validLinks] = await Promise.all([
      validCredentials(
        database,
        connections.flatMap((c) => (c.actor.tvLink ? [] : [c.actor])),
      ),
      validTvLinks(database, tvLinkIds),
    ]);
    for (const connection of connections) {
      const { tvLink } = connection.actor;
      if (!(tvLink ? validLinks.has(tvLink.linkId) : valid.has(credentialOf(connection.actor))))
        connection.close(CLOSE.sessionEnded, tvLink ? 'TV link no longer valid' : 'session ended');
      // an edited dashboard: drop what its widgets no longer show
      else if (tvLink) connection.refresh();
    }
  }

  /** A TV link subscribes to what its dashboard shows live, nothing else (the rest is FORBIDDEN). */
  async function resolveFor(
    actor: TenantActor,
    requestId: string,
    targets: ReadonlyMap<string, LiveTarget>,
  ): Promise<Map<string, ResolvedTarget | AppError>> {
    if (!actor.tvLink) return resolveTargets({ database, actor, requestId, targets });
    const refused: Map<string, ResolvedTarget | AppError> = await tvLiveRefusals(
      database,
      actor.tvLink,
      actor.tenantId,
      targets,
    );
    const allowed = new Map([...targets].filter(([id]) => !refused.has(id)));
    const resolved = allowed.size
      ? await resolveTargets({ database, actor, requestId, targets: allowed })
      : [];
    return new Map([...refused, ...resolved]);
  }

  async function listen() {
    const tenantOf = (prefix: string, topic: string) => topic.slice(prefix.length);
    cleanups.push(
      await hub.subscribe(`${LIVE_TOPICS.values}+`, (topic, payload) => {
        const tenantId = tenantOf(LIVE_TOPICS.values, topic);
        // most instances hold sockets of few tenants: skip the parse for the others
        if (index.hasTenant(tenantId)) index.dispatchValues(tenantId, decodeValues(payload));
      }),
      await hub.subscribe(`${LIVE_TOPICS.alarms}+`, (topic, payload) => {
        const tenantId = tenantOf(LIVE_TOPICS.alarms, topic);
        const alarm = index.hasTenant(tenantId) ? decodeAlarm(payload) : null;
        if (alarm) index.dispatchAlarm(tenantId, alarm);
      }),
      await hub.subscribe(`${LIVE_TOPICS.devicesChanged}+`, (topic) =>
        refreshTenant(tenantOf(LIVE_TOPICS.devicesChanged, topic)),
      ),
      await hub.subscribe(`${LIVE_TOPICS.production}+`, (topic, payload) => {
        const tenantId = tenantOf(LIVE_TOPICS.production, topic);
        if (index.hasProduction(tenantId)) onProduction(tenantId, decodeProduction(payload));
      }),
    );
    cleanups.push(
      events.onSamples((samples) => {
        try {
          for (const [tenantId, values] of latestPerMetric(samples))
            void publish(`${LIVE_TOPICS.values}${tenantId}`, encodeValues(values));
        } catch (err) {
          log.error({ err }, 'live digest failed');
        }
      }),
      events.onDevicesChanged((tenantId) => {
        refreshTenant(tenantId); // at once here; other instances hear it from the broker
        void publish(`${LIVE_TOPICS.devicesChanged}${tenantId}`, '{}');
      }),
    );
    if (o.onAlarmChanged)
      cleanups.push(
        o.onAlarmChanged(
          (tenantId, alarm) => void publish(`${LIVE_TOPICS.alarms}${tenantId}`, JSON.stringify(alarm)),
        ),
      );
  }

  async function close() {
    if (isClosed) return;
    isClosed = true;
    for (const timer of refreshTimers.values()) clearTimeout(timer);
    refreshTimers.clear();
    for (const batch of productionBatches.values()) clearTimeout(batch.timer);
    productionBatches.clear();
    for (const connection of index.all()) connection.close(CLOSE.shuttingDown, 'server shutting down');
    await Promise.allSettled(cleanups.splice(0).map(async (cleanup) => cleanup()));
  }

  return {
    async register(app) {
      await listen();
      // every instance publishes; each instance's sockets hear it from the broker, this one's too
      app.decorate('announceProduction', (tenantId: string, events: LiveProductionEvent[]) => {
        if (!isClosed && events.length)
          void publish(`${LIVE_TOPICS.production}${tenantId}`, JSON.stringify(events));
      });
      if (!app.hasPlugin('@fastify/websocket'))
        await app.register(websocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES } });
      app.server.prependListener('upgrade', moveQueryToken);
      cleanups.push(() => app.server.off('upgrade', moveQueryToken));

      app.get(
        LIVE_PATH,
        { websocket: true, schema: { hide: true }, config: { access: 'telemetry.data.read' } },
        (socket, req) => {
          if (isClosed) return socket.close(CLOSE.shuttingDown, 'server shutting down');
          const actor = req.tenantActor();
          new LiveConnection({
            socket,
            actor,
            index,
            log: req.log,
            resolve: (targets) => resolveFor(actor, req.id, targets),
          });
        },
      );

      const ping = setInterval(() => index.all().forEach((c) => c.heartbeat()), PING_INTERVAL_MS);
      const sessions = setInterval(
        () => void checkSessions().catch((err: unknown) => log.error({ err }, 'live session check failed')),
        o.sessionCheckMs ?? SESSION_CHECK_MS,
      );
      const model = setInterval(
        () =>
          index
            .all()
            .forEach((c) => c.refresh((t) => t.kind === 'equipment-states' || t.kind === 'production')),
        MODEL_REFRESH_MS,
      );
      ping.unref();
      sessions.unref();
      model.unref();
      cleanups.push(
        () => clearInterval(ping),
        () => clearInterval(sessions),
        () => clearInterval(model),
      );
      // before onClose: the broker (closed by the telemetry module) must still be there to unsubscribe from
      app.addHook('preClose', async () => close());
    },
    close,
  };
}

/**
 * Browsers cannot set headers on a WebSocket (the session cookie covers them); other clients may pass
 * `?token=`. It becomes the Authorization header before routing, so the one auth hook decides, and
 * it leaves the URL so it is never logged.
 */
function moveQueryToken(raw: IncomingMessage): void {
  const url = raw.url ?? '';
  const q = url.indexOf('?');
  if (q < 0 || url.slice(0, q) !== LIVE_PATH) return;
  const params = new URLSearchParams(url.slice(q + 1));
  const token = params.get('token');
  if (!token) return;
  params.delete('token');
  const rest = params.toString();
  raw.url = rest ? `${LIVE_PATH}?${rest}` : LIVE_PATH;
  raw.headers.authorization ??= `Bearer ${token}`;
}

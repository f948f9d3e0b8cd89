import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyBaseLogger } from 'fastify';
import {
  STATUS_SHARED_SUBSCRIPTION,
  TELEMETRY_SHARED_SUBSCRIPTION,
  gatewayStatusTopic,
  parseTelemetryTopic,
} from '@greenmes/contracts';
import { ConfigError, type Config } from '../config/config.ts';

/** Who connected to the embedded broker, as its credential says. */
export interface MqttSender {
  tenantId: string;
  tenantCode: string;
  kind: 'device' | 'gateway';
  id: string;
  code: string;
  credentialId: string;
}

export interface MqttOptions {
  config: Config;
  log: FastifyBaseLogger;
  /** Embedded broker only: a device's or gateway's credential, or null to refuse the connection. */
  authenticate(username: string | undefined, password: string | undefined): Promise<MqttSender | null>;
  /**
   * A telemetry message. Resolving acknowledges it (PUBACK), so resolve only once it is committed;
   * rejecting leaves it unacknowledged (the connection is dropped and the sender retries).
   * `sender` is null on an external broker, where the broker authenticated the publisher.
   */
  onTelemetry(topic: string, payload: Buffer, sender: MqttSender | null): Promise<void>;
  /** A gateway's status report (…/gateways/<code>/status); failures are logged, never block it. */
  onStatus(topic: string, payload: Buffer, sender: MqttSender | null): Promise<void>;
  onClientCount?(count: number): void;
}

/** The server's own MQTT: internal publish/subscribe (live fan-out) on whichever broker is in use. */
export interface MqttHub {
  kind: 'embedded' | 'external';
  /** the embedded broker's port (useful with MQTT_PORT=0) */
  port: number | null;
  publish(topic: string, payload: string | Buffer, options?: { retain?: boolean }): Promise<void>;
  subscribe(filter: string, handler: (topic: string, payload: Buffer) => void): Promise<() => Promise<void>>;
  /** drop embedded-broker connections made with this credential (revoked) */
  disconnectCredential(credentialId: string): void;
  close(): Promise<void>;
}

/** Internal topics; devices can neither publish nor subscribe to them. */
export const INTERNAL_PREFIX = 'greenmes/internal/';

export function startMqtt(o: MqttOptions): Promise<MqttHub> {
  return o.config.MQTT_URL ? startExternal(o, o.config.MQTT_URL) : startEmbedded(o);
}

type SenderClient = Client & { greenmes?: MqttSender };

async function startEmbedded(o: MqttOptions): Promise<MqttHub> {
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      o.authenticate(username, password?.toString())
        .then((sender) => {
          if (!sender) {
            const err = new Error('bad credentials') as AuthenticateError;
            err.returnCode = 4;
            return done(err, false);
          }
          (client as SenderClient).greenmes = sender;
          done(null, true);
        })
        .catch((err: unknown) => {
          o.log.error({ err }, 'MQTT authentication failed');
          const e = new Error('server unavailable') as AuthenticateError;
          e.returnCode = 3;
          done(e, false);
        });
    },
    authorizePublish(client, packet, done) {
      const sender = (client as SenderClient | null)?.greenmes;
      if (sender?.kind === 'gateway' && packet.topic === gatewayStatusTopic(sender.tenantCode, sender.code)) {
        o.onStatus(packet.topic, packet.payload as Buffer, sender).then(
          () => done(null),
          () => done(null),
        );
        return;
      }
      const topic = parseTelemetryTopic(packet.topic);
      // a device or gateway may publish only to its own telemetry topic, in its own tenant
      if (
        !sender ||
        !topic ||
        topic.tenantCode !== sender.tenantCode ||
        topic.kind !== sender.kind ||
        topic.code !== sender.code
      ) {
        o.log.warn(
          { topic: packet.topic, sender: sender?.code },
          'MQTT publish refused: not the sender’s own topic',
        );
        return done(new Error(`not allowed to publish to ${packet.topic}`));
      }
      // ack after commit: Aedes sends the PUBACK only when done() is called
      o.onTelemetry(packet.topic, packet.payload as Buffer, sender).then(
        () => done(null),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
      );
    },
    authorizeSubscribe(client, sub, done) {
      const sender = (client as SenderClient).greenmes;
      const own = sender
        ? `greenmes/v1/${sender.tenantCode}/${sender.kind === 'device' ? 'devices' : 'gateways'}/${sender.code}/`
        : null;
      if (!own || !sub.topic.startsWith(own))
        return done(new Error(`not allowed to subscribe to ${sub.topic}`));
      done(null, sub);
    },
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new ConfigError(
              `MQTT port ${o.config.MQTT_PORT} is already in use (another broker?). Set MQTT_PORT to a free port, or MQTT_URL to use that broker.`,
            )
          : err,
      ),
    );
    server.listen(o.config.MQTT_PORT, o.config.MQTT_HOST, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.config.MQTT_PORT;
  const count = () => o.onClientCount?.(broker.connectedClients);
  broker.on('client', count);
  broker.on('clientDisconnect', count);
  broker.on('clientError', (client, err) =>
    o.log.debug({ client: client.id, err: err.message }, 'MQTT client error'),
  );

  return {
    kind: 'embedded',
    port,
    publish: (topic, payload, options) =>
      new Promise((resolve, reject) =>
        broker.publish(
          {
            cmd: 'publish',
            topic,
            payload: Buffer.from(payload),
            qos: 0,
            retain: options?.retain ?? false,
            dup: false,
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      ),
    async subscribe(filter, handler) {
      const deliver = (packet: { topic: string; payload: string | Buffer }, cb: () => void) => {
        handler(packet.topic, Buffer.from(packet.payload));
        cb();
      };
      await new Promise<void>((resolve) => broker.subscribe(filter, deliver, resolve));
      return () => new Promise<void>((resolve) => broker.unsubscribe(filter, deliver, resolve));
    },
    disconnectCredential(credentialId) {
      for (const client of Object.values(
        (broker as unknown as { clients: Record<string, SenderClient> }).clients,
      ))
        if (client.greenmes?.credentialId === credentialId) client.close();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/**
 * External broker (Mosquitto, EMQX): the broker authenticates devices; the server consumes through
 * a shared subscription so instances split the load. mqtt.js handles one message per connection at
 * a time and sends its PUBACK after our handler resolves — so several connections share the
 * subscription to keep batches full. Sessions are persistent (clean: false) with stable client ids,
 * so messages left unacknowledged by a crash are redelivered.
 */
async function startExternal(o: MqttOptions, url: string): Promise<MqttHub> {
  const prefix = o.config.MQTT_CLIENT_ID ?? `greenmes-${hostname()}`.slice(0, 40);
  const connect = (clientId: string, clean: boolean) =>
    new Promise<MqttClient>((resolve, reject) => {
      const client = mqtt.connect(url, { clientId, clean, reconnectPeriod: 1000, connectTimeout: 10_000 });
      client.once('connect', () => resolve(client));
      client.once('error', (err) => {
        if (!client.connected) {
          client.end(true);
          reject(new Error(`MQTT_URL ${url}: ${err.message}`));
        }
      });
    });
  const internal = await connect(`${prefix}-live-${process.pid}`, true);
  const handlers = new Map<string, Set<(topic: string, payload: Buffer) => void>>();
  internal.on('message', (topic, payload) => {
    for (const [filter, set] of handlers) if (matches(filter, topic)) for (const h of set) h(topic, payload);
  });

  const consumers: MqttClient[] = [];
  for (let i = 0; i < o.config.MQTT_INGEST_CONNECTIONS; i++) {
    const client = await connect(`${prefix}-ingest-${i}`, false);
    client.handleMessage = (packet, callback) => {
      if (packet.topic.endsWith('/status')) {
        void o.onStatus(packet.topic, packet.payload as Buffer, null).finally(() => callback());
        return;
      }
      o.onTelemetry(packet.topic, packet.payload as Buffer, null).then(
        () => callback(),
        (err: unknown) => {
          // not committed: no PUBACK; reconnecting makes the broker redeliver it
          o.log.error(
            { err, topic: packet.topic },
            'telemetry not committed; dropping the connection for redelivery',
          );
          client.end(true, {}, () => client.reconnect());
        },
      );
    };
    await client.subscribeAsync(TELEMETRY_SHARED_SUBSCRIPTION, { qos: 1 });
    await client.subscribeAsync(STATUS_SHARED_SUBSCRIPTION, { qos: 0 });
    consumers.push(client);
  }

  return {
    kind: 'external',
    port: null,
    publish: (topic, payload, options) =>
      internal
        .publishAsync(topic, payload, { qos: 0, retain: options?.retain ?? false })
        .then(() => undefined),
    async subscribe(filter, handler) {
      let set = handlers.get(filter);
      if (!set) {
        handlers.set(filter, (set = new Set()));
        await internal.subscribeAsync(filter, { qos: 0 });
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (!set.size) {
          handlers.delete(filter);
          await internal.unsubscribeAsync(filter);
        }
      };
    },
    disconnectCredential() {
      // the external broker owns device connections
    },
    async close() {
      // leave no subscription behind in the persistent sessions: nothing queues for us while we are gone
      // (a crash keeps it, which is the point: unacknowledged messages are redelivered)
      await Promise.all(
        consumers.map((c) => c.unsubscribeAsync(TELEMETRY_SHARED_SUBSCRIPTION).catch(() => undefined)),
      );
      await Promise.all([...consumers, internal].map((c) => c.endAsync()));
    },
  };
}

/** MQTT topic filter match (+ one level, # the rest). */
export function matches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

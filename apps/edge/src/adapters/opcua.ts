import {
  AttributeIds,
  DataChangeFilter,
  DataChangeTrigger,
  DeadbandType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
  type ClientSession,
  type ClientSubscription,
  type DataValue,
} from 'node-opcua';
import { Backoff } from '../backoff.ts';
import type { TOpcuaAdapter } from '../config/config.schema.ts';
import type { Adapter, AdapterHealth, SampleSink } from './adapter.ts';

/** How long one connect/session/subscribe step or a closing call may take before it counts as hung. */
const STEP_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 2_000;

/** One connection: its client, session and subscription, torn down together. */
interface Connection {
  client: OPCUAClient;
  session: ClientSession | null;
  subscription: ClientSubscription | null;
}

/**
 * OPC UA client: one subscription, a monitored item per node with the metric's deadband applied by the
 * server (absolute DataChangeFilter) — report-by-exception then applies it again with the keep-alive.
 *
 * Reconnection is ours, not node-opcua's: its own repair (connectionStrategy) reconnects the channel
 * but a restarted server knows neither the session nor the subscription, and the repair can hang. So
 * node-opcua is told not to retry; any failure (connect refused, connection lost, session closed,
 * subscription terminated, keep-alive failed) drops the whole connection and, after a back-off,
 * builds a new client, session, subscription and monitored items.
 */
export class OpcuaAdapter implements Adapter {
  readonly name: string;
  private conn: Connection | null = null;
  private timer: NodeJS.Timeout | null = null;
  private isStopped = true;
  /** bumped on each attempt and on stop: events of an older connection are ignored */
  private generation = 0;
  private readonly backoff: Backoff;
  private readonly state: AdapterHealth;

  constructor(
    private readonly config: TOpcuaAdapter,
    private readonly sink: SampleSink,
    private readonly log: (line: string) => void = (l) => console.log(l),
  ) {
    this.name = config.name;
    this.backoff = new Backoff({ minMs: config.reconnectMinMs, maxMs: config.reconnectMaxMs });
    this.state = {
      name: config.name,
      kind: 'opcua',
      state: 'stopped',
      lastError: null,
      lastSampleAt: null,
      failures: 0,
    };
  }

  start(): void {
    if (!this.isStopped) return;
    this.isStopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state.state = 'stopped';
    const conn = this.conn;
    this.conn = null;
    if (conn) await closeConnection({ conn, graceful: true });
  }

  health(): AdapterHealth {
    return { ...this.state };
  }

  private schedule(ms: number) {
    if (this.isStopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, ms);
  }

  private async attempt() {
    const gen = ++this.generation;
    this.state.state = 'connecting';
    try {
      await this.connect(gen);
      if (gen !== this.generation) return;
      this.backoff.reset();
      this.state.state = 'up';
      this.state.lastError = null;
    } catch (e) {
      await this.fail(gen, (e as Error).message);
    }
  }

  /** Drop the connection of generation `gen` (if still current) and try again after a back-off. */
  private async fail(gen: number, message: string) {
    if (this.isStopped || gen !== this.generation) return;
    this.generation++; // later events of this connection are stale
    const wait = this.backoff.next();
    this.state.state = 'down';
    this.state.failures++;
    this.state.lastError = message;
    this.log(`opcua ${this.name}: ${message}; reconnecting in ${wait} ms`);
    const conn = this.conn;
    this.conn = null;
    if (conn) await closeConnection({ conn, graceful: false });
    this.schedule(wait);
  }

  private async connect(gen: number) {
    const c = this.config;
    const client = OPCUAClient.create({
      applicationName: 'GreenMES edge gateway',
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      keepSessionAlive: true,
      // one try per connect: the back-off above decides when to try again
      connectionStrategy: { maxRetry: 0, initialDelay: c.reconnectMinMs, maxDelay: c.reconnectMaxMs },
      // disconnect() disposes the certificate manager: a new one per client
      ...(c.pkiDir
        ? { clientCertificateManager: new OPCUACertificateManager({ rootFolder: c.pkiDir }) }
        : {}),
    });
    const conn: Connection = { client, session: null, subscription: null };
    this.conn = conn;
    const lost = (why: string) => () => void this.fail(gen, why);
    client.on('connection_lost', lost('connection lost'));
    client.on('close', lost('connection closed'));

    await withTimeout(client.connect(c.endpointUrl), 'connect');
    if (gen !== this.generation) return;
    const session = await withTimeout(client.createSession(), 'create session');
    conn.session = session;
    session.on('session_closed', lost('session closed by the server'));
    session.on('keepalive_failure', lost('session keep-alive failed'));
    if (gen !== this.generation) return;
    const subscription = await withTimeout(
      session.createSubscription2({
        requestedPublishingInterval: c.samplingIntervalMs,
        requestedLifetimeCount: 100,
        requestedMaxKeepAliveCount: 10,
        maxNotificationsPerPublish: 1000,
        publishingEnabled: true,
        priority: 10,
      }),
      'create subscription',
    );
    conn.subscription = subscription;
    subscription.on('terminated', lost('subscription terminated'));
    for (const n of c.nodes) {
      if (gen !== this.generation) return;
      const filter =
        n.deadband > 0
          ? new DataChangeFilter({
              trigger: DataChangeTrigger.StatusValue,
              deadbandType: DeadbandType.Absolute,
              // the server compares raw values: the deadband is in scaled units
              deadbandValue: n.deadband / Math.abs(n.scale),
            })
          : null;
      const item = await withTimeout(
        subscription.monitor(
          { nodeId: n.nodeId, attributeId: AttributeIds.Value },
          { samplingInterval: c.samplingIntervalMs, discardOldest: true, queueSize: 10, filter },
          TimestampsToReturn.Both,
        ),
        `monitor ${n.nodeId}`,
      );
      item.on('changed', (dv: DataValue) => {
        if (gen === this.generation) this.onChange(n, dv);
      });
      item.on('err', (message: string) => {
        this.state.lastError = `${n.nodeId}: ${message}`;
      });
    }
  }

  private onChange(n: TOpcuaAdapter['nodes'][number], dv: DataValue) {
    if (!dv.statusCode.isGood()) {
      this.state.lastError = `${n.nodeId}: ${dv.statusCode.name}`;
      return;
    }
    const raw: unknown = dv.value.value;
    const value =
      typeof raw === 'number'
        ? raw * n.scale
        : typeof raw === 'boolean' || typeof raw === 'string'
          ? raw
          : null;
    // a node may name its own device (one session serving several controllers); the schema ensures one
    const device =
      ('device' in n && typeof n.device === 'string' ? n.device : undefined) ?? this.config.device;
    if (value === null || !device) return;
    const ts = (dv.sourceTimestamp ?? dv.serverTimestamp)?.getTime() ?? Date.now();
    this.state.lastSampleAt = Date.now();
    this.sink([{ device, metric: n.metric, ts, value }]);
  }
}

/** Rejects when `p` has not settled within `ms` (a call on a half-dead connection may never answer). */
function withTimeout<T>(p: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Close a connection. Graceful (on stop): terminate the subscription and close the session first, so
 * the server frees them at once. Otherwise the server is gone or misbehaving: just drop the channel.
 * Never throws; a step that hangs is given up on after CLOSE_TIMEOUT_MS.
 */
async function closeConnection({ conn, graceful }: { conn: Connection; graceful: boolean }) {
  conn.client.removeAllListeners();
  conn.session?.removeAllListeners();
  conn.subscription?.removeAllListeners();
  const quietly = (p: Promise<unknown> | undefined, what: string) =>
    p ? withTimeout(p, what, CLOSE_TIMEOUT_MS).catch(() => undefined) : undefined;
  if (graceful) {
    await quietly(conn.subscription?.terminate(), 'terminate subscription');
    await quietly(conn.session?.close(), 'close session');
  }
  await quietly(conn.client.disconnect(), 'disconnect');
}

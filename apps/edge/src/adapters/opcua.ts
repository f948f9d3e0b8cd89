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
import type { TOpcuaAdapter } from '../config/config.schema.ts';
import type { Adapter, AdapterHealth, SampleSink } from './adapter.ts';

/**
 * OPC UA client: one subscription, a monitored item per node with the metric's deadband applied by the
 * server (absolute DataChangeFilter) — report-by-exception then applies it again with the keep-alive.
 * node-opcua reconnects with exponential back-off and re-establishes the session and subscription.
 */
export class OpcuaAdapter implements Adapter {
  readonly name: string;
  private client: OPCUAClient | null = null;
  private session: ClientSession | null = null;
  private subscription: ClientSubscription | null = null;
  private readonly state: AdapterHealth;

  constructor(
    private readonly config: TOpcuaAdapter,
    private readonly sink: SampleSink,
    private readonly log: (line: string) => void = (l) => console.log(l),
  ) {
    this.name = config.name;
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
    this.state.state = 'connecting';
    this.run().catch((e: unknown) => {
      if (this.state.state === 'stopped') return;
      this.state.state = 'down';
      this.state.lastError = (e as Error).message;
      this.log(`opcua ${this.name}: ${(e as Error).message}`);
    });
  }

  private async run() {
    const c = this.config;
    const client = OPCUAClient.create({
      applicationName: 'GreenMES edge gateway',
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      keepSessionAlive: true,
      connectionStrategy: {
        initialDelay: c.reconnectMinMs,
        maxDelay: c.reconnectMaxMs,
        maxRetry: Number.MAX_SAFE_INTEGER,
      },
      ...(c.pkiDir
        ? { clientCertificateManager: new OPCUACertificateManager({ rootFolder: c.pkiDir }) }
        : {}),
    });
    this.client = client;
    client.on('backoff', (retry: number) => {
      this.state.state = 'down';
      this.state.failures = Math.max(this.state.failures, retry + 1);
    });
    client.on('connection_lost', () => {
      this.state.state = 'down';
      this.state.failures++;
      this.state.lastError = 'connection lost';
      this.log(`opcua ${this.name}: connection lost; reconnecting`);
    });
    client.on('connection_reestablished', () => {
      this.state.state = 'up';
      this.state.lastError = null;
    });
    await client.connect(c.endpointUrl);
    this.session = await client.createSession();
    this.subscription = await this.session.createSubscription2({
      requestedPublishingInterval: c.samplingIntervalMs,
      requestedLifetimeCount: 100,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 1000,
      publishingEnabled: true,
      priority: 10,
    });
    for (const n of c.nodes) {
      const filter =
        n.deadband > 0
          ? new DataChangeFilter({
              trigger: DataChangeTrigger.StatusValue,
              deadbandType: DeadbandType.Absolute,
              // the server compares raw values: the deadband is in scaled units
              deadbandValue: n.deadband / Math.abs(n.scale),
            })
          : null;
      const item = await this.subscription.monitor(
        { nodeId: n.nodeId, attributeId: AttributeIds.Value },
        { samplingInterval: c.samplingIntervalMs, discardOldest: true, queueSize: 10, filter },
        TimestampsToReturn.Both,
      );
      item.on('changed', (dv: DataValue) => this.onChange(n, dv));
      item.on('err', (message: string) => {
        this.state.lastError = `${n.nodeId}: ${message}`;
      });
    }
    this.state.state = 'up';
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
    if (value === null) return;
    const ts = (dv.sourceTimestamp ?? dv.serverTimestamp)?.getTime() ?? Date.now();
    this.state.lastSampleAt = Date.now();
    this.sink([{ device: this.config.device, metric: n.metric, ts, value }]);
  }

  async stop(): Promise<void> {
    this.state.state = 'stopped';
    try {
      await this.subscription?.terminate();
      await this.session?.close();
    } catch {
      // the connection may already be gone
    }
    await this.client?.disconnect();
    this.client = null;
  }

  health(): AdapterHealth {
    return { ...this.state };
  }
}

import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import {
  gatewayConfigTopic,
  gatewayStatusTopic,
  telemetryTopic,
  type TGatewayStatus,
} from '@greenmes/contracts';
import type { DurableQueue, QueuedSample } from '../queue/durable-queue.ts';
import { Backoff } from '../backoff.ts';

export interface UplinkOptions {
  queue: DurableQueue;
  cloudUrl: string;
  token: string;
  tenantCode: string;
  gatewayCode: string;
  samplesPerMessage: number;
  maxInFlight: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  log?: (line: string) => void;
  /** the server's HTTP base: with httpFallbackAfterMs > 0, batches go over HTTPS while MQTT stays down */
  cloudHttpUrl?: string;
  /** how long MQTT must have been unreachable before the HTTPS fallback starts; 0 = never */
  httpFallbackAfterMs?: number;
  /** set: subscribe to the cloud's (retained) config announcements and report each `{"version": N}` */
  onConfigAnnounced?: (version: number) => void;
}

export interface UplinkStatus {
  connected: boolean;
  /** MQTT is down and batches go over HTTPS */
  isHttpFallback: boolean;
  queueDepth: number;
  oldestUnsentTs: number | null;
  inFlightMessages: number;
  ackedSeq: number;
  dropped: number;
}

interface WireSample {
  device: string;
  ts: number;
  values: Record<string, QueuedSample['value']>;
  historical: boolean;
}

/** Consecutive samples of one device and timestamp travel as one payload sample. */
export function toPayload(samples: QueuedSample[], liveFromSeq: number): { samples: WireSample[] } {
  const out: WireSample[] = [];
  let cur: WireSample | undefined;
  for (const s of samples) {
    const historical = s.seq < liveFromSeq;
    if (
      !cur ||
      cur.device !== s.device ||
      cur.ts !== s.ts ||
      cur.historical !== historical ||
      s.metric in cur.values
    ) {
      cur = { device: s.device, ts: s.ts, values: {}, historical };
      out.push(cur);
    }
    cur.values[s.metric] = s.value;
  }
  return { samples: out };
}

/**
 * Uploads the queue in order over MQTT QoS 1 and acks it contiguously as PUBACKs arrive: the cloud sends the
 * PUBACK only after the samples are committed and is idempotent on (metric, ts), so "delete on PUBACK" plus
 * "resend everything unacked after a reconnect or a crash" stores each sample exactly once.
 *
 * HTTPS fallback: when MQTT has been unreachable for `httpFallbackAfterMs` (a firewall that only lets HTTPS
 * out, a broker down), the same batches go one at a time to `POST /api/v1/ingest` with the gateway's token,
 * acked on the 200 the server sends after the commit. MQTT reconnects go on meanwhile and take over as soon
 * as one succeeds; a batch sent both ways is stored once.
 */
export class MqttUplink {
  private client: MqttClient | null = null;
  private connected = false;
  /** bumped on every connection: callbacks of an old connection are ignored */
  private generation = 0;
  private sentUpTo = 0;
  private inFlight: Array<{ to: number; done: boolean }> = [];
  /** samples queued before this connection came up are a replay: flagged historical */
  private liveFromSeq = 1;
  private isPaused = false;
  private isStopped = true;
  private retry: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly topic: string;
  private readonly log: (line: string) => void;
  private unlisten: (() => void) | null = null;
  /** when MQTT was last up (or the uplink started): the fallback waits httpFallbackAfterMs from here */
  private mqttDownSince = Date.now();
  private isHttpFallback = false;
  private isHttpSending = false;
  private httpLiveFromSeq = 1;
  private fallbackTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: UplinkOptions) {
    this.topic = telemetryTopic(opts.tenantCode, 'gateway', opts.gatewayCode);
    this.backoff = new Backoff({ minMs: opts.reconnectMinMs, maxMs: opts.reconnectMaxMs });
    this.log = opts.log ?? ((l) => console.log(l));
  }

  start(): void {
    this.isStopped = false;
    this.mqttDownSince = Date.now();
    this.unlisten = this.opts.queue.onDurable(() => this.pump());
    if (this.opts.cloudHttpUrl && (this.opts.httpFallbackAfterMs ?? 0) > 0)
      this.fallbackTimer = setInterval(() => this.pump(), Math.min(1_000, this.opts.httpFallbackAfterMs!));
    this.connect();
  }

  /** Drops the connection and stays offline until resume() (maintenance, tests of an outage). */
  pause(): void {
    this.isPaused = true;
    this.disconnect();
  }
  resume(): void {
    this.isPaused = false;
    this.backoff.reset();
    if (!this.client && !this.isStopped) this.connect();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    this.unlisten?.();
    if (this.retry) clearTimeout(this.retry);
    if (this.fallbackTimer) clearInterval(this.fallbackTimer);
    const c = this.client;
    this.client = null;
    this.connected = false;
    if (c) await c.endAsync();
  }

  /** The gateway's status for the cloud UI; best effort (QoS 0), only while connected. */
  reportStatus(status: TGatewayStatus): void {
    if (this.isHttpFallback && !this.connected) {
      void this.post('/api/v1/edge/status', status).catch((e: unknown) =>
        this.log(`uplink: status over HTTPS failed: ${(e as Error).message}`),
      );
      return;
    }
    if (!this.client || !this.connected) return;
    this.client.publish(
      gatewayStatusTopic(this.opts.tenantCode, this.opts.gatewayCode),
      JSON.stringify(status),
      { qos: 0 },
    );
  }

  status(): UplinkStatus {
    const q = this.opts.queue;
    return {
      connected: this.connected,
      isHttpFallback: this.isHttpFallback && !this.connected,
      queueDepth: q.depth,
      oldestUnsentTs: q.oldestUnsentTs,
      inFlightMessages: this.inFlight.length,
      ackedSeq: q.ackedSeq,
      dropped: q.dropped,
    };
  }

  private connect() {
    this.retry = null;
    if (this.isPaused || this.isStopped) return;
    const c = mqtt.connect(this.opts.cloudUrl, {
      username: this.opts.token,
      clientId: `greenmes-edge-${this.opts.gatewayCode}-${randomBytes(4).toString('hex')}`,
      clean: true,
      reconnectPeriod: 0, // reconnects are ours, with back-off
      connectTimeout: 10_000,
      keepalive: 30,
    });
    this.client = c;
    c.on('connect', () => {
      if (this.client !== c) return;
      this.generation++;
      this.connected = true;
      if (this.isHttpFallback) this.log('uplink: MQTT is back; leaving the HTTPS fallback');
      this.isHttpFallback = false;
      this.backoff.reset();
      this.sentUpTo = this.opts.queue.ackedSeq;
      this.inFlight = [];
      this.liveFromSeq = this.opts.queue.lastSeq + 1;
      this.log(`uplink: connected to ${this.opts.cloudUrl}; ${this.opts.queue.depth} samples to replay`);
      if (this.opts.onConfigAnnounced)
        c.subscribe(gatewayConfigTopic(this.opts.tenantCode, this.opts.gatewayCode), { qos: 1 }, (err) => {
          if (err) this.log(`uplink: cannot subscribe to config announcements: ${err.message}`);
        });
      this.pump();
    });
    c.on('message', (topic, payload) => {
      if (this.client !== c || topic !== gatewayConfigTopic(this.opts.tenantCode, this.opts.gatewayCode))
        return;
      let version: unknown;
      try {
        version = (JSON.parse(payload.toString()) as { version?: unknown } | null)?.version;
      } catch {
        version = undefined;
      }
      if (typeof version === 'number' && Number.isInteger(version)) this.opts.onConfigAnnounced?.(version);
      else this.log(`uplink: ignoring a malformed config announcement`);
    });
    c.on('error', (e) => this.log(`uplink: ${e.message}`));
    c.on('close', () => {
      if (this.client === c) this.lost();
    });
  }

  /** The connection is gone: forget what is in flight (it is resent) and reconnect after a back-off. */
  private lost() {
    this.disconnect();
    if (this.isPaused || this.isStopped || this.retry) return;
    const wait = this.backoff.next();
    this.log(`uplink: disconnected; retrying in ${wait} ms`);
    this.retry = setTimeout(() => this.connect(), wait);
  }

  private disconnect() {
    const c = this.client;
    this.client = null;
    if (this.connected) this.mqttDownSince = Date.now();
    this.connected = false;
    this.generation++;
    this.inFlight = [];
    if (c) c.end(true);
  }

  private pump() {
    const c = this.client;
    if (!c || !this.connected) return this.pumpHttp();
    const gen = this.generation;
    while (this.inFlight.length < this.opts.maxInFlight) {
      const batch = this.opts.queue.read(this.sentUpTo, this.opts.samplesPerMessage);
      if (batch.length === 0) return;
      const to = batch.at(-1)!.seq;
      this.sentUpTo = to;
      const entry = { to, done: false };
      this.inFlight.push(entry);
      c.publish(this.topic, JSON.stringify(toPayload(batch, this.liveFromSeq)), { qos: 1 }, (err) => {
        if (gen !== this.generation) return;
        if (err) {
          this.log(`uplink: publish failed: ${err.message}`);
          if (this.client === c) this.lost(); // resend everything unacked on a fresh connection
          return;
        }
        entry.done = true;
        // ack only contiguously: a later PUBACK must not delete an earlier message still in flight
        while (this.inFlight[0]?.done) this.opts.queue.ack(this.inFlight.shift()!.to);
        this.pump();
      });
    }
  }

  /** While MQTT is down past the fallback delay: one batch at a time over HTTPS, acked on the 200. */
  private pumpHttp() {
    const after = this.opts.httpFallbackAfterMs ?? 0;
    if (!this.opts.cloudHttpUrl || after <= 0 || this.isPaused || this.isStopped || this.isHttpSending)
      return;
    if (!this.isHttpFallback) {
      if (Date.now() - this.mqttDownSince < after) return;
      this.isHttpFallback = true;
      this.httpLiveFromSeq = this.opts.queue.lastSeq + 1;
      this.log(`uplink: MQTT unreachable for ${Math.round(after / 1000)} s; sending over HTTPS meanwhile`);
    }
    const batch = this.opts.queue.read(this.opts.queue.ackedSeq, this.opts.samplesPerMessage);
    if (batch.length === 0) return;
    this.isHttpSending = true;
    this.post('/api/v1/ingest', toPayload(batch, this.httpLiveFromSeq))
      .then(() => {
        this.isHttpSending = false;
        this.opts.queue.ack(batch.at(-1)!.seq);
        this.pump();
      })
      .catch((e: unknown) => {
        this.isHttpSending = false; // retried on the next tick
        this.log(`uplink: HTTPS batch failed: ${(e as Error).message}`);
      });
  }

  private async post(path: string, body: unknown): Promise<void> {
    const res = await fetch(new URL(path, this.opts.cloudHttpUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.opts.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer();
  }
}

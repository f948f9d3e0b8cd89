import mqtt, { type MqttClient } from 'mqtt';
import type { TMqttAdapter } from '../config/config.schema.ts';
import { Backoff } from '../backoff.ts';
import type { Sample } from '../sample.ts';
import type { Adapter, AdapterHealth, SampleSink } from './adapter.ts';
import { parseJsonPath, readJsonPath } from './json-path.ts';

/** Matches an MQTT topic filter with + and # wildcards. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/** Subscribes to topics on a local (plant) broker and maps JSON paths of each message to metrics. */
export class MqttAdapter implements Adapter {
  readonly name: string;
  private client: MqttClient | null = null;
  private retry: NodeJS.Timeout | null = null;
  private isStopped = true;
  private readonly backoff: Backoff;
  private readonly state: AdapterHealth;
  private readonly topics;

  constructor(
    private readonly config: TMqttAdapter,
    private readonly sink: SampleSink,
    private readonly log: (line: string) => void = (l) => console.log(l),
  ) {
    this.name = config.name;
    this.backoff = new Backoff({ minMs: config.reconnectMinMs, maxMs: config.reconnectMaxMs });
    this.state = {
      name: config.name,
      kind: 'mqtt',
      state: 'stopped',
      lastError: null,
      lastSampleAt: null,
      failures: 0,
    };
    this.topics = config.topics.map((t) => ({
      ...t,
      tsPath: t.tsPath ? parseJsonPath(t.tsPath) : null,
      map: t.map.map((m) => ({ metric: m.metric, path: parseJsonPath(m.path) })),
    }));
  }

  start(): void {
    this.isStopped = false;
    this.connect();
  }

  private connect() {
    this.retry = null;
    if (this.isStopped) return;
    this.state.state = 'connecting';
    const c = mqtt.connect(this.config.url, {
      username: this.config.username,
      password: this.config.password,
      // mqtt.js retries on a fixed interval; reconnects are ours, with back-off
      reconnectPeriod: 0,
      connectTimeout: 10_000,
    });
    this.client = c;
    c.on('connect', () => {
      this.state.state = 'up';
      this.state.lastError = null;
      this.backoff.reset();
      c.subscribe(
        this.topics.map((t) => t.topic),
        { qos: 1 },
        (err) => err && this.log(`mqtt ${this.name}: subscribe failed: ${err.message}`),
      );
    });
    c.on('error', (e) => {
      this.state.lastError = e.message;
    });
    c.on('close', () => {
      if (this.client !== c || this.isStopped) return;
      if (this.state.state === 'up') this.log(`mqtt ${this.name}: connection lost`);
      this.state.state = 'down';
      this.state.failures++;
      this.client = null;
      c.end(true);
      const wait = this.backoff.next();
      this.retry = setTimeout(() => this.connect(), wait);
    });
    c.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.state.state = 'stopped';
    const c = this.client;
    this.client = null;
    if (c) await c.endAsync(true);
  }

  health(): AdapterHealth {
    return { ...this.state };
  }

  private onMessage(topic: string, payload: Buffer) {
    let doc: unknown;
    try {
      doc = JSON.parse(payload.toString('utf8'));
    } catch {
      this.state.lastError = `${topic}: not JSON`;
      return;
    }
    const samples: Sample[] = [];
    for (const t of this.topics) {
      if (!topicMatches(t.topic, topic)) continue;
      const rawTs = t.tsPath ? readJsonPath(doc, t.tsPath) : undefined;
      const ts =
        typeof rawTs === 'number' ? rawTs : typeof rawTs === 'string' ? Date.parse(rawTs) : Date.now();
      if (!Number.isFinite(ts)) {
        this.state.lastError = `${topic}: bad timestamp`;
        continue;
      }
      for (const m of t.map) {
        const value = readJsonPath(doc, m.path);
        if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
          samples.push({ device: t.device, metric: m.metric, ts, value });
      }
    }
    if (samples.length === 0) return;
    this.state.lastSampleAt = Date.now();
    this.sink(samples);
  }
}

import ModbusRTU from 'modbus-serial';
import type { TModbusAdapter, TModbusRegister } from '../config/config.schema.ts';
import { Backoff } from '../backoff.ts';
import type { Sample } from '../sample.ts';
import type { Adapter, AdapterHealth, SampleSink } from './adapter.ts';
import { decodeRegisters, registerWords } from './modbus-decode.ts';

/** A read of one contiguous span of one table; Modbus allows at most 125 registers per read. */
interface Span {
  table: TModbusRegister['table'];
  start: number;
  length: number;
  registers: TModbusRegister[];
}
const MAX_SPAN = 125;

export function planReads(registers: TModbusRegister[]): Span[] {
  const spans: Span[] = [];
  const sorted = [...registers].sort((a, b) =>
    a.table === b.table ? a.address - b.address : a.table < b.table ? -1 : 1,
  );
  for (const r of sorted) {
    const end = r.address + registerWords(r.type);
    const last = spans.at(-1);
    if (last && last.table === r.table && end - last.start <= MAX_SPAN) {
      last.length = Math.max(last.length, end - last.start);
      last.registers.push(r);
    } else spans.push({ table: r.table, start: r.address, length: end - r.address, registers: [r] });
  }
  return spans;
}

/** Polls holding/input registers over Modbus TCP every pollIntervalMs; reconnects with back-off. */
export class ModbusAdapter implements Adapter {
  readonly name: string;
  private client: ModbusRTU | null = null;
  private timer: NodeJS.Timeout | null = null;
  private isStopped = true;
  private readonly backoff: Backoff;
  private readonly spans: Span[];
  private readonly state: AdapterHealth;

  constructor(
    private readonly config: TModbusAdapter,
    private readonly sink: SampleSink,
    private readonly log: (line: string) => void = (l) => console.log(l),
  ) {
    this.name = config.name;
    this.spans = planReads(config.registers);
    this.backoff = new Backoff({ minMs: config.reconnectMinMs, maxMs: config.reconnectMaxMs });
    this.state = {
      name: config.name,
      kind: 'modbus',
      state: 'stopped',
      lastError: null,
      lastSampleAt: null,
      failures: 0,
    };
  }

  start(): void {
    this.isStopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.state.state = 'stopped';
    await this.closeClient();
  }

  health(): AdapterHealth {
    return { ...this.state };
  }

  private schedule(ms: number) {
    if (this.isStopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick() {
    try {
      if (!this.client) await this.connect();
      const started = Date.now();
      await this.poll();
      this.backoff.reset();
      this.schedule(Math.max(0, this.config.pollIntervalMs - (Date.now() - started)));
    } catch (e) {
      if (this.isStopped) return;
      const wait = this.backoff.next();
      this.state.state = 'down';
      this.state.failures++;
      this.state.lastError = (e as Error).message;
      this.log(`modbus ${this.name}: ${(e as Error).message}; reconnecting in ${wait} ms`);
      await this.closeClient();
      this.schedule(wait);
    }
  }

  private async connect() {
    this.state.state = 'connecting';
    const client = new ModbusRTU();
    await client.connectTCP(this.config.host, { port: this.config.port });
    client.setID(this.config.unitId);
    client.setTimeout(this.config.timeoutMs);
    this.client = client;
    this.state.state = 'up';
  }

  private async closeClient() {
    const c = this.client;
    this.client = null;
    if (c?.isOpen) await new Promise<void>((resolve) => c.close(() => resolve()));
  }

  private async poll() {
    const client = this.client!;
    const ts = Date.now();
    const samples: Sample[] = [];
    for (const span of this.spans) {
      const res =
        span.table === 'holding'
          ? await client.readHoldingRegisters(span.start, span.length)
          : await client.readInputRegisters(span.start, span.length);
      for (const r of span.registers) {
        const off = r.address - span.start;
        const raw = decodeRegisters({
          words: res.data.slice(off, off + registerWords(r.type)),
          type: r.type,
          byteOrder: r.byteOrder,
          wordOrder: r.wordOrder,
        });
        samples.push({ device: this.config.device, metric: r.metric, ts, value: raw * r.scale });
      }
    }
    this.state.lastSampleAt = ts;
    this.state.lastError = null;
    this.sink(samples);
  }
}

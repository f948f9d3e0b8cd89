/**
 * The tag source: Modbus TCP slaves (modbus-serial's ServerTCP) in the bench process. Every device is a
 * unit id holding `registers` registers, uint16 and uint32 alternating. Every read of a span returns new
 * values for all its registers (a per-span read counter), so with deadband 0 every tag polled is a sample
 * — the worst case. `freeze()` makes reads return the last values again: no new samples, which gives an
 * exact count of the samples the edge must have produced.
 */
import { ServerTCP } from 'modbus-serial';
import { freePort } from '../ingest/server.ts';

/** Unit ids 1–247 are valid; one server takes this many devices, the next one the following. */
const UNITS_PER_SERVER = 200;

export interface BenchRegister {
  metric: string;
  address: number;
  type: 'uint16' | 'uint32';
}

/** The register map every device has: uint16 and uint32 alternating, back to back. */
export function registerMap(count: number): BenchRegister[] {
  const out: BenchRegister[] = [];
  let address = 0;
  for (let i = 0; i < count; i++) {
    const type = i % 2 === 0 ? 'uint16' : 'uint32';
    out.push({ metric: `r${String(i).padStart(3, '0')}`, address, type });
    address += type === 'uint16' ? 1 : 2;
  }
  return out;
}

export interface SlaveDevice {
  device: string;
  port: number;
  unitId: number;
}

export async function startSlaves({ devices, registers }: { devices: number; registers: BenchRegister[] }) {
  const starts = registers.map((r) => r.address);
  /** registers that start inside [addr, addr + length): the tags one read delivers */
  const tagsIn = (addr: number, length: number) =>
    starts.filter((a) => a >= addr && a < addr + length).length;
  const reads = new Map<string, { counter: number; lastAt: number; tags: number }>();
  let isFrozen = false;
  let isRecordingLateness = false;
  /** tags served while values were changing: each is one sample the edge must deliver */
  let changingTags = 0;
  let tagsServed = 0;
  /** read-to-read interval of the same span minus the poll interval (ms) */
  const lateness: number[] = [];
  let pollIntervalMs = 1000;

  const read = (addr: number, length: number, unitID: number, port: number): number[] => {
    const key = `${port}:${unitID}:${addr}`;
    let r = reads.get(key);
    const now = performance.now();
    if (!r) reads.set(key, (r = { counter: 0, lastAt: now, tags: tagsIn(addr, length) }));
    else if (isRecordingLateness) lateness.push(now - r.lastAt - pollIntervalMs);
    r.lastAt = now;
    tagsServed += r.tags;
    if (!isFrozen || r.counter === 0) {
      r.counter++;
      changingTags += r.tags;
    }
    const c = r.counter;
    // a uint16 is (c + address) mod 2^16, a uint32 is c × 1000 + address: both differ on every read
    const words = new Array<number>(length);
    for (let i = 0; i < length; i++) {
      const a = addr + i;
      words[i] = (c + a) & 0xffff;
    }
    for (const reg of registers)
      if (reg.type === 'uint32' && reg.address >= addr && reg.address + 1 < addr + length) {
        const v = (c * 1000 + reg.address) >>> 0;
        words[reg.address - addr] = v >>> 16;
        words[reg.address - addr + 1] = v & 0xffff;
      }
    return words;
  };

  const servers: ServerTCP[] = [];
  const slaves: SlaveDevice[] = [];
  for (let first = 0; first < devices; first += UNITS_PER_SERVER) {
    const port = await freePort();
    const server = new ServerTCP(
      {
        getMultipleHoldingRegisters: (addr: number, length: number, unitID: number) =>
          read(addr, length, unitID, port),
      },
      // unitID 255: answer every unit id
      { host: '127.0.0.1', port, unitID: 255 },
    );
    await new Promise<void>((resolve, reject) => {
      server.on('initialized', () => resolve());
      server.on('serverError', (err: Error | null) => reject(err ?? new Error('modbus server error')));
    });
    server.on('socketError', () => undefined); // the edge hanging up at its stop is not a failure
    servers.push(server);
    for (let i = first; i < Math.min(devices, first + UNITS_PER_SERVER); i++)
      slaves.push({ device: `BENCH-D${String(i + 1).padStart(4, '0')}`, port, unitId: i - first + 1 });
  }

  return {
    slaves,
    servers: servers.length,
    /** tags read so far (every read, changing or not) */
    get tagsServed() {
      return tagsServed;
    },
    /** samples the edge must have produced: tags served with new values */
    get changingTags() {
      return changingTags;
    },
    /** spans read at least once, and how many tags they carry */
    spans: () => ({ count: reads.size, tags: [...reads.values()].reduce((a, r) => a + r.tags, 0) }),
    recordLateness(isOn: boolean, intervalMs: number) {
      isRecordingLateness = isOn;
      pollIntervalMs = intervalMs;
    },
    lateness: () => lateness,
    freeze: () => void (isFrozen = true),
    async close() {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
export type Slaves = Awaited<ReturnType<typeof startSlaves>>;

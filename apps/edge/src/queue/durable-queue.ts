import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Sample } from '../sample.ts';

/** A sample with its queue sequence number (strictly increasing, never reused). */
export interface QueuedSample extends Sample {
  seq: number;
}

export interface QueueOptions {
  dir: string;
  maxBytes: number;
  maxAgeHours: number;
  /** group commit: pending samples are written and fsynced at most this often … */
  fsyncIntervalMs: number;
  /** … or as soon as this many are pending */
  fsyncMaxSamples: number;
  /** a segment file is closed and a new one started beyond this size */
  segmentBytes?: number;
  log?: (line: string) => void;
  now?: () => number;
}

interface Segment {
  path: string;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
}

const CURSOR = 'ack-cursor';
const segName = (firstSeq: number) => `seg-${String(firstSeq).padStart(16, '0')}.log`;

/** One record per line: `<crc32 hex> <json>\n`; a line that is incomplete or fails its CRC ends the segment. */
function encode(s: QueuedSample): string {
  const json = JSON.stringify([s.seq, s.device, s.metric, s.ts, s.value]);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}
function decode(line: string): QueuedSample | null {
  if (line.length < 10 || line[8] !== ' ') return null;
  const json = line.slice(9);
  if (parseInt(line.slice(0, 8), 16) !== crc32(json)) return null;
  const [seq, device, metric, ts, value] = JSON.parse(json) as [
    number,
    string,
    string,
    number,
    Sample['value'],
  ];
  return { seq, device, metric, ts, value };
}

/**
 * Durable store-and-forward queue.
 *
 * fsync policy: a sample is on disk (written and fsynced) before it can be read for upload — appends are
 * group-committed every `fsyncIntervalMs` or `fsyncMaxSamples`, whichever comes first. The ack cursor is
 * written to a temp file, fsynced and renamed; it may lag the real acks (it is saved lazily), which only
 * means a few already-stored samples are re-sent after a crash — the cloud is idempotent on (metric, ts).
 * Reads come from the segment files; only the unacked records of the segment being written and of the
 * last two read are held in memory (segments of at most 1 MiB), so memory does not grow with the backlog.
 */
export class DurableQueue {
  private readonly segments: Segment[] = [];
  /** the segment being written, with its records (durable ones only) */
  private active: { fd: number; seg: Segment; records: QueuedSample[] } | null = null;
  /** the last two sealed segments read, parsed (the uplink's position and the oldest, for the age bound) */
  private readCache: Array<{ seg: Segment; records: QueuedSample[] }> = [];
  private pending: QueuedSample[] = [];
  private nextSeq = 1;
  private cursor = 0;
  private cursorSaved = 0;
  private timer: NodeJS.Timeout | null = null;
  private cursorTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();
  /** samples dropped by the size/age bounds since start */
  dropped = 0;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly segmentBytes: number;

  private constructor(private readonly opts: QueueOptions) {
    this.log = opts.log ?? ((l) => console.log(l));
    this.now = opts.now ?? Date.now;
    // 1 MiB ≈ 17,000 samples: what a segment costs in memory when it is parsed for reading
    this.segmentBytes = opts.segmentBytes ?? Math.max(4096, Math.min(1024 * 1024, opts.maxBytes / 16));
  }

  static open(opts: QueueOptions): DurableQueue {
    const q = new DurableQueue(opts);
    q.recover();
    return q;
  }

  private recover() {
    mkdirSync(this.opts.dir, { recursive: true });
    try {
      this.cursor = Number(readFileSync(join(this.opts.dir, CURSOR), 'utf8').trim()) || 0;
    } catch {
      this.cursor = 0;
    }
    this.cursorSaved = this.cursor;
    const files = readdirSync(this.opts.dir)
      .filter((f) => /^seg-\d{16}\.log$/.test(f))
      .sort();
    for (const f of files) {
      const path = join(this.opts.dir, f);
      const text = readFileSync(path, 'utf8');
      let good = 0;
      const seg: Segment = { path, firstSeq: Number(f.slice(4, 20)), lastSeq: 0, bytes: 0 };
      for (let start = 0; start < text.length;) {
        const end = text.indexOf('\n', start);
        const rec = end < 0 ? null : safeDecode(text.slice(start, end));
        if (!rec) break; // torn or corrupt tail (kill -9 / power loss mid-write): cut here
        good = end + 1;
        start = good;
        seg.lastSeq = rec.seq;
        this.nextSeq = Math.max(this.nextSeq, rec.seq + 1);
      }
      const goodBytes = Buffer.byteLength(text.slice(0, good));
      if (goodBytes < Buffer.byteLength(text)) {
        this.log(`queue: cut a torn tail of ${Buffer.byteLength(text) - goodBytes} bytes from ${f}`);
        truncateSync(path, goodBytes);
      }
      seg.bytes = goodBytes;
      if (seg.lastSeq === 0) unlinkSync(path);
      else this.segments.push(seg);
    }
    // every segment may have been acked and deleted: never reuse a sequence number at or below the cursor
    this.nextSeq = Math.max(this.nextSeq, this.cursor + 1);
    this.removeAckedSegments();
  }

  /** Takes samples; they become readable once group-committed to disk. */
  append(samples: Sample[]): void {
    for (const s of samples) this.pending.push({ ...s, seq: this.nextSeq++ });
    if (this.pending.length >= this.opts.fsyncMaxSamples) this.flush();
    else if (!this.timer && this.pending.length > 0)
      this.timer = setTimeout(() => this.flush(), this.opts.fsyncIntervalMs);
  }

  /** Writes and fsyncs the pending samples (group commit), then applies the bounds. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let i = 0;
    while (i < batch.length) {
      const seg = this.activeSegment(batch[i]!.seq);
      const from = i;
      let chunk = '';
      for (; i < batch.length && seg.seg.bytes + Buffer.byteLength(chunk) < this.segmentBytes; i++)
        chunk += encode(batch[i]!);
      const buf = Buffer.from(chunk);
      writeSync(seg.fd, buf);
      fsyncSync(seg.fd);
      seg.seg.bytes += buf.length;
      seg.seg.lastSeq = batch[i - 1]!.seq;
      for (let k = from; k < i; k++) seg.records.push(batch[k]!); // readable only now: it is on disk
      if (seg.seg.bytes >= this.segmentBytes) this.closeActive();
    }
    this.enforceBounds();
    for (const l of this.listeners) l();
  }

  private activeSegment(firstSeq: number) {
    if (this.active) return this.active;
    const path = join(this.opts.dir, segName(firstSeq));
    const seg: Segment = { path, firstSeq, lastSeq: firstSeq - 1, bytes: 0 };
    const fd = openSync(path, 'a');
    fsyncDir(this.opts.dir); // the new file's directory entry must survive a power loss too
    this.segments.push(seg);
    this.active = { fd, seg, records: [] };
    return this.active;
  }

  private closeActive() {
    if (!this.active) return;
    closeSync(this.active.fd);
    this.active = null;
  }

  /** Up to `max` durable, unacked samples with seq > afterSeq, in order. */
  read(afterSeq: number, max: number): QueuedSample[] {
    const from = Math.max(afterSeq, this.cursor);
    const out: QueuedSample[] = [];
    for (const seg of this.segments) {
      if (out.length >= max) break;
      if (seg.lastSeq <= from) continue;
      const records = this.recordsOf(seg);
      // records are in seq order: binary search the start
      let lo = 0;
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (records[mid]!.seq <= from) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < records.length && out.length < max; k++) out.push(records[k]!);
    }
    return out;
  }

  private recordsOf(seg: Segment): QueuedSample[] {
    if (this.active?.seg === seg) return this.active.records;
    const cached = this.readCache.find((c) => c.seg === seg);
    if (cached) return cached.records;
    const records: QueuedSample[] = [];
    // sealed segments were validated (and a torn tail cut) at start-up or written by this process
    for (const line of readFileSync(seg.path, 'utf8').split('\n')) {
      const rec = line ? safeDecode(line) : null;
      if (!rec) break;
      records.push(rec);
    }
    this.readCache = [{ seg, records }, ...this.readCache.slice(0, 1)];
    return records;
  }

  /** Everything up to and including `seq` is stored in the cloud. */
  ack(seq: number): void {
    if (seq <= this.cursor) return;
    this.cursor = seq;
    this.removeAckedSegments();
    this.forgetAcked();
    // saved lazily: losing it re-sends a few stored samples, which the cloud ignores
    this.cursorTimer ??= setTimeout(() => {
      this.cursorTimer = null;
      this.saveCursor();
    }, 100);
  }

  /** Acked records are never read again: the segments held in memory keep only their unacked tail. */
  private forgetAcked() {
    for (const held of [this.active, ...this.readCache]) {
      const records = held?.records;
      if (!records || records.length === 0 || records[0]!.seq > this.cursor) continue;
      let k = 0;
      while (k < records.length && records[k]!.seq <= this.cursor) k++;
      records.splice(0, k);
    }
  }

  private saveCursor() {
    if (this.cursorSaved === this.cursor) return;
    const tmp = join(this.opts.dir, `${CURSOR}.tmp`);
    const fd = openSync(tmp, 'w');
    writeSync(fd, String(this.cursor));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.opts.dir, CURSOR));
    fsyncDir(this.opts.dir);
    this.cursorSaved = this.cursor;
  }

  private removeAckedSegments() {
    while (this.segments.length > 0 && this.segments[0]!.lastSeq <= this.cursor) {
      const seg = this.segments[0]!;
      if (this.active?.seg === seg) {
        if (this.pending.length > 0) break;
        this.closeActive();
      }
      // the cursor must be on disk before the data it covers is deleted
      this.saveCursor();
      unlinkSync(seg.path);
      this.segments.shift();
      this.readCache = this.readCache.filter((c) => c.seg !== seg);
    }
  }

  private enforceBounds() {
    const cutoff = this.now() - this.opts.maxAgeHours * 3_600_000;
    let dropTo = this.cursor;
    let why = '';
    for (let batch = this.read(dropTo, 1000); batch.length > 0; batch = this.read(dropTo, 1000)) {
      const young = batch.findIndex((r) => r.ts >= cutoff); // the oldest run of expired samples only
      if (young === 0) break;
      dropTo = batch[(young < 0 ? batch.length : young) - 1]!.seq;
      why = `older than ${this.opts.maxAgeHours} h`;
      if (young > 0) break;
    }
    // size: drop whole oldest segments (never the one being written)
    let bytes = this.segments.reduce((a, s) => a + s.bytes, 0);
    for (const seg of this.segments) {
      if (bytes <= this.opts.maxBytes || seg === this.active?.seg) break;
      bytes -= seg.bytes;
      if (seg.lastSeq > dropTo) {
        dropTo = seg.lastSeq;
        why = `queue over ${this.opts.maxBytes} bytes`;
      }
    }
    if (dropTo <= this.cursor) return;
    const before = this.depth;
    this.ack(dropTo);
    const n = before - this.depth;
    this.dropped += n;
    this.log(
      `queue: dropped ${n} unsent samples (${why}) up to seq ${dropTo}; ${this.dropped} dropped since start`,
    );
  }

  /** Called after each group commit: new samples are readable. */
  onDurable(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** durable samples not yet acknowledged (sequence numbers are contiguous) */
  get depth(): number {
    return Math.max(0, (this.segments.at(-1)?.lastSeq ?? 0) - this.cursor);
  }
  get ackedSeq(): number {
    return this.cursor;
  }
  /** the highest seq handed out (durable or pending) */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
  get oldestUnsentTs(): number | null {
    return this.read(this.cursor, 1)[0]?.ts ?? null;
  }
  get bytes(): number {
    return this.segments.reduce((a, s) => a + s.bytes, 0);
  }

  close(): void {
    this.flush();
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.cursorTimer = null;
    this.saveCursor();
    this.closeActive();
  }
}

function safeDecode(line: string): QueuedSample | null {
  try {
    return decode(line);
  } catch {
    return null;
  }
}

function fsyncDir(dir: string) {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

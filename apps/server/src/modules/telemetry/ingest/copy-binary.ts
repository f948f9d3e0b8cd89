import type { ValidSample } from './payload.ts';

/**
 * Samples in PostgreSQL's binary COPY format (tenant_id uuid, metric_id bigint, ts timestamptz,
 * value float8, text_value text). Binary skips the server's text parsing: on PGlite, where that
 * parsing runs in WASM on the event loop, it raised ingest capacity from ≈105k to ≈164k points/s.
 */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const PG_EPOCH_US = 946_684_800_000_000; // 2000-01-01 in µs since 1970
const TWO_32 = 4_294_967_296;

const uuidBytes = new Map<string, Buffer>();
function uuid(id: string): Buffer {
  let b = uuidBytes.get(id);
  if (!b) {
    if (uuidBytes.size > 10_000) uuidBytes.clear();
    b = Buffer.from(id.replace(/-/g, ''), 'hex');
    uuidBytes.set(id, b);
  }
  return b;
}

/** A non-negative integer below 2^53 as a big-endian int64, without a BigInt per row. */
function writeInt64(buf: Buffer, value: number, at: number) {
  const hi = Math.floor(value / TWO_32);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(value - hi * TWO_32, at + 4);
}

export function encodeSamples(samples: ValidSample[]): Buffer {
  let size = HEADER.length + 2;
  for (const s of samples)
    size +=
      2 + 20 + 12 + 12 + (s.value === null ? 4 : 12) + (s.text === null ? 4 : 4 + Buffer.byteLength(s.text));
  const buf = Buffer.allocUnsafe(size);
  HEADER.copy(buf, 0);
  let at = HEADER.length;
  for (const s of samples) {
    buf.writeInt16BE(5, at);
    buf.writeInt32BE(16, at + 2);
    uuid(s.tenantId).copy(buf, at + 6);
    buf.writeInt32BE(8, at + 22);
    writeInt64(buf, s.metricId, at + 26);
    buf.writeInt32BE(8, at + 34);
    writeInt64(buf, s.ts * 1000 - PG_EPOCH_US, at + 38);
    at += 46;
    if (s.value === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
    } else {
      buf.writeInt32BE(8, at);
      buf.writeDoubleBE(s.value, at + 4);
      at += 12;
    }
    if (s.text === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
    } else {
      const n = buf.write(s.text, at + 4, 'utf8');
      buf.writeInt32BE(n, at);
      at += 4 + n;
    }
  }
  buf.writeInt16BE(-1, at);
  return buf;
}

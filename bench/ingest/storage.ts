/**
 * The database side of the benchmark, with the server stopped: the COPY limit into the same
 * `samples` table, bytes per point at rest, and compaction through the server's own job function.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase, type Database } from '../../apps/server/src/platform/db/database.ts';
import { runCompaction } from '../../apps/server/src/modules/telemetry/storage/maintenance.job.ts';

export type CopyFormat = 'text' | 'binary';
const withFormat = (format: CopyFormat) => (format === 'binary' ? ' (FORMAT binary)' : '');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface BenchDb {
  kind: 'postgres' | 'pglite';
  version: string;
  database: Database;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** one batch of rows COPYed and committed in its own transaction, on stream `stream` */
  copyBatch(stream: number, data: Buffer, format: CopyFormat): Promise<void>;
  streams: number;
  close(): Promise<void>;
}

export async function openBenchDb(
  o: { url: string; schema: string; streams: number } | { dataDir: string },
): Promise<BenchDb> {
  if ('dataDir' in o) {
    const lite = new PGlite(o.dataDir);
    await lite.waitReady;
    const database = await openDatabase({ pglite: lite });
    const query = async <R>(sql: string, params?: unknown[]) => (await lite.query<R>(sql, params)).rows;
    const [v] = await query<{ version: string }>('SELECT version()');
    return {
      kind: 'pglite',
      version: `PGlite (${v!.version.split(' on ')[0]} in WASM)`,
      database,
      query,
      streams: 1, // one connection
      copyBatch: async (_stream, data, format) =>
        void (await lite.transaction((tx) =>
          tx.query(
            `COPY samples (tenant_id, metric_id, ts, value, text_value) FROM '/dev/blob'${withFormat(format)}`,
            [],
            {
              blob: new Blob([data]),
            },
          ),
        )),
      close: () => database.close(),
    };
  }
  const database = await openDatabase({ databaseUrl: o.url, schema: o.schema, poolMax: 2 });
  const clients = await Promise.all(
    Array.from({ length: o.streams }, async () => {
      const c = new pg.Client({ connectionString: o.url, options: `-c search_path="${o.schema}"` });
      await c.connect();
      return c;
    }),
  );
  const query = async <R>(sql: string, params?: unknown[]) =>
    (await clients[0]!.query(sql, params)).rows as R[];
  const [v] = await query<{ version: string }>('SELECT version()');
  return {
    kind: 'postgres',
    version: v!.version.split(' on ')[0]!,
    database,
    query,
    streams: o.streams,
    async copyBatch(stream, data, format) {
      const c = clients[stream]!;
      await c.query('BEGIN');
      await pipeline(
        Readable.from([data]),
        c.query(
          copyFrom(
            `COPY samples (tenant_id, metric_id, ts, value, text_value) FROM STDIN${withFormat(format)}`,
          ),
        ),
      );
      await c.query('COMMIT');
    },
    async close() {
      await Promise.all(clients.map((c) => c.end()));
      await database.close();
    },
  };
}

/** Bytes of every partition of `samples` (heap, TOAST, indexes, FSM/VM) and of `samples_packed`. */
export async function sizes(
  db: BenchDb,
): Promise<{ raw: number; packed: number; rawRows: number; packedRows: number; packedPoints: number }> {
  const [r] = await db.query<{
    raw: string;
    packed: string;
    raw_rows: string;
    packed_rows: string;
    packed_points: string;
  }>(
    `SELECT (SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0) FROM pg_inherits i
              WHERE i.inhparent = 'samples'::regclass)::bigint AS raw,
            pg_total_relation_size('samples_packed')::bigint AS packed,
            (SELECT count(*) FROM samples) AS raw_rows,
            (SELECT count(*) FROM samples_packed) AS packed_rows,
            (SELECT coalesce(sum(cardinality(offsets_ms)), 0) FROM samples_packed)::bigint AS packed_points`,
  );
  return {
    raw: Number(r!.raw),
    packed: Number(r!.packed),
    rawRows: Number(r!.raw_rows),
    packedRows: Number(r!.packed_rows),
    packedPoints: Number(r!.packed_points),
  };
}

/**
 * The limit: COPY `rows` rows shaped like the pipeline's (the same tenant and metric ids, one
 * sample per device carrying all its metrics, numbers with two decimals, text_value NULL) into
 * `samples`, in batches of `batch` rows, each committed — the same unit of work as one ingest
 * write. They go two days ahead (another day partition, so nothing collides and the partition
 * starts empty as the pipeline's did) and that partition is emptied afterwards. The timing
 * includes making each batch in JS (text: timestamp strings cached, as the server does; binary:
 * PostgreSQL's binary COPY format, which spares the database parsing numbers and timestamps).
 */
export async function copyLimit(
  db: BenchDb,
  {
    rows,
    batch,
    samplesPerMessage,
    format,
  }: { rows: number; batch: number; samplesPerMessage: number; format: CopyFormat },
): Promise<{ rows: number; seconds: number; perSecond: number; partition: string }> {
  const metrics = await db.query<{ tenant_id: string; device_id: string; id: string }>(
    'SELECT tenant_id, device_id, id FROM metrics ORDER BY device_id, id',
  );
  const byDevice = new Map<string, { tenant: string; ids: number[] }>();
  for (const m of metrics) {
    const d = byDevice.get(m.device_id) ?? { tenant: m.tenant_id, ids: [] };
    d.ids.push(Number(m.id));
    byDevice.set(m.device_id, d);
  }
  const devices = [...byDevice.values()];
  const today = Date.now() - (Date.now() % DAY_MS);
  const base = today + 2 * DAY_MS + HOUR_MS;
  const partition = `samples_p${new Date(today + 2 * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '')}`;
  const sampleTs = new Array<number>(devices.length).fill(0);
  // readings made up front: generating data is not part of the limit
  const readings = Array.from({ length: 4096 }, (_, i) =>
    Number((10 + 5 * Math.sin(i / 300) + Math.random() * 0.5).toFixed(2)),
  );
  const encoder = format === 'binary' ? binaryRows() : textRows();
  let made = 0;
  let device = 0;
  let inMessage = 0;
  /** the next batch, or null when `rows` are made */
  const nextBatch = (): Buffer | null => {
    if (made >= rows) return null;
    encoder.start(Math.min(batch, rows - made));
    let n = 0;
    while (n < batch && made < rows) {
      const d = devices[device]!;
      const ms = base + sampleTs[device]! * 20; // a 50 Hz device
      sampleTs[device]!++;
      for (let k = 0; k < d.ids.length && n < batch && made < rows; k++, n++, made++)
        encoder.row(d.tenant, d.ids[k]!, ms, readings[(sampleTs[device]! + 97 * k) % readings.length]!);
      if (++inMessage === samplesPerMessage) {
        inMessage = 0;
        device = (device + 1) % devices.length;
      }
    }
    return encoder.end();
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: db.streams }, async (_, stream) => {
      for (let data = nextBatch(); data !== null; data = nextBatch())
        await db.copyBatch(stream, data, format);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [check] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${partition}`);
  if (Number(check!.n) !== rows)
    throw new Error(`COPY limit: ${check!.n} rows in ${partition}, expected ${rows}`);
  await db.query(`TRUNCATE ${partition}`);
  return { rows, seconds, perSecond: rows / seconds, partition };
}

interface RowEncoder {
  start(rows: number): void;
  row(tenantId: string, metricId: number, ms: number, value: number): void;
  end(): Buffer;
}

/** Tab-separated text, as the server writes it today. */
function textRows(): RowEncoder {
  const tsText = new Map<number, string>();
  let text = '';
  return {
    start: () => void (text = ''),
    row(tenantId, metricId, ms, value) {
      let iso = tsText.get(ms);
      if (iso === undefined) {
        if (tsText.size > 50_000) tsText.clear();
        tsText.set(ms, (iso = new Date(ms).toISOString()));
      }
      text += `${tenantId}\t${metricId}\t${iso}\t${value}\t\\N\n`;
    },
    end: () => Buffer.from(text),
  };
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const BINARY_ROW = 62; // 5 fields: uuid, int8, timestamptz, float8, NULL text

/** PostgreSQL's binary COPY format: int64s written as two int32s, no BigInt. */
function binaryRows(): RowEncoder {
  const uuids = new Map<string, Buffer>();
  let buf = Buffer.alloc(0);
  let o = 0;
  return {
    start(rows) {
      buf = Buffer.allocUnsafe(BINARY_HEADER.length + rows * BINARY_ROW + 2);
      o = BINARY_HEADER.copy(buf, 0);
    },
    row(tenantId, metricId, ms, value) {
      let uuid = uuids.get(tenantId);
      if (!uuid) uuids.set(tenantId, (uuid = Buffer.from(tenantId.replaceAll('-', ''), 'hex')));
      buf.writeInt16BE(5, o);
      buf.writeInt32BE(16, o + 2);
      uuid.copy(buf, o + 6);
      buf.writeInt32BE(8, o + 22);
      buf.writeInt32BE(Math.floor(metricId / 2 ** 32), o + 26);
      buf.writeUInt32BE(metricId >>> 0, o + 30);
      const us = (ms - PG_EPOCH_MS) * 1000;
      const hi = Math.floor(us / 2 ** 32);
      buf.writeInt32BE(8, o + 34);
      buf.writeInt32BE(hi, o + 38);
      buf.writeUInt32BE(us - hi * 2 ** 32, o + 42);
      buf.writeInt32BE(8, o + 46);
      buf.writeDoubleBE(value, o + 50);
      buf.writeInt32BE(-1, o + 58);
      o += BINARY_ROW;
    },
    end() {
      buf.writeInt16BE(-1, o);
      return buf.subarray(0, o + 2);
    },
  };
}

/**
 * Packs every raw sample (the server's compaction job, with its age limit moved past the data)
 * and reclaims the emptied raw partition. The job drops a day's partition once the day is packed;
 * the benchmark's day is today, which it keeps, so VACUUM FULL stands in for that drop.
 */
export async function compactAll(db: BenchDb): Promise<{ seconds: number; points: number; hours: number }> {
  const started = performance.now();
  const result = await runCompaction(db.database.db, {
    olderThanMs: 0,
    now: Date.now() + 2 * HOUR_MS,
    maxHours: 1000,
  });
  const seconds = (performance.now() - started) / 1000;
  await db.query('VACUUM FULL samples');
  await db.query('VACUUM ANALYZE samples_packed');
  return { seconds, points: result.points, hours: result.hours };
}

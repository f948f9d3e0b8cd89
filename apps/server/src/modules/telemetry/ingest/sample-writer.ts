import type { FastifyBaseLogger } from 'fastify';
import type { BulkSession, Database } from '../../../platform/db/database.ts';
import { pgError } from '../../../platform/db/rows.ts';
import type { TelemetryEvents } from '../telemetry.events.ts';
import type { IngestMetrics } from './ingest.metrics.ts';
import { encodeSamples } from './copy-binary.ts';
import type { ValidSample } from './payload.ts';

export interface IngestErrorRow {
  tenantId: string;
  deviceId: string | null;
  transport: string;
  metricKey: string | null;
  sampleTs: string | null;
  reason: string;
  detail: string;
}

export interface WriterOptions {
  database: Database;
  events: TelemetryEvents;
  metrics: IngestMetrics;
  log: FastifyBaseLogger;
  /** flush when this many samples are queued… */
  maxBatch: number;
  /** …or when the oldest has waited this long */
  maxDelayMs: number;
  /** samples queued at most; writers beyond it wait (back-pressure reaches the broker's sockets) */
  maxQueued: number;
  /** batches written at once (1 on PGlite: one connection) */
  concurrency: number;
  /** samples older than this may fall into packed hours and are checked against them */
  compactAfterMs: number;
}

interface Item {
  samples: ValidSample[];
  errors: IngestErrorRow[];
  transport: string;
  resolve(): void;
  reject(err: unknown): void;
}

const LATEST_REFRESH_MS = 5_000;
const LATE_AFTER_MS = 50_000;

/**
 * Batches samples from every transport into few large transactions and resolves each caller only
 * after its samples are committed: the MQTT PUBACK and the HTTP 2xx wait on that (ack after commit).
 * Idempotent on (tenant, metric, ts): COPY first, and on a duplicate key the batch is re-inserted
 * with ON CONFLICT DO NOTHING, so a replay never duplicates and never fails.
 */
export class SampleWriter {
  readonly #o: WriterOptions;
  #items: Item[] = [];
  #queued = 0;
  #inFlight = 0;
  #timer: NodeJS.Timeout | null = null;
  #spaceWaiters: Array<() => void> = [];
  #closed = false;
  /** when each metric's metric_latest row was last written by this instance */
  readonly #latestWrittenAt = new Map<number, number>();
  readonly #deviceSeenAt = new Map<string, number>();
  readonly #tsText = new Map<number, string>();

  constructor(options: WriterOptions) {
    this.#o = options;
  }

  get queued(): number {
    return this.#queued;
  }

  /** Resolves once the samples (and the rejections' error rows) are committed. */
  async write(transport: string, samples: ValidSample[], errors: IngestErrorRow[] = []): Promise<void> {
    if (this.#closed) throw new Error('the sample writer is closed');
    if (!samples.length && !errors.length) return;
    while (this.#queued >= this.#o.maxQueued) {
      this.#o.metrics.backpressureWaits.inc();
      await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    }
    const done = new Promise<void>((resolve, reject) => {
      this.#items.push({ samples, errors, transport, resolve, reject });
    });
    this.#queued += samples.length;
    this.#o.metrics.queueDepth.set(this.#queued);
    this.#schedule();
    return done;
  }

  #schedule() {
    if (!this.#items.length || this.#inFlight >= this.#o.concurrency) return;
    if (this.#queued >= this.#o.maxBatch || this.#closed) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      void this.#flush();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.#flush();
      }, this.#o.maxDelayMs);
    }
  }

  async #flush() {
    if (!this.#items.length || this.#inFlight >= this.#o.concurrency) return;
    const batch: Item[] = [];
    let count = 0;
    while (this.#items.length && (count < this.#o.maxBatch || !batch.length)) {
      const item = this.#items.shift()!;
      batch.push(item);
      count += item.samples.length;
    }
    this.#inFlight++;
    const started = performance.now();
    try {
      await this.#writeBatch(batch);
      const seconds = (performance.now() - started) / 1000;
      this.#o.metrics.writeSeconds.observe(seconds);
      this.#o.metrics.batchSize.observe(count);
      for (const item of batch) {
        if (item.samples.length)
          this.#o.metrics.ingested.inc({ transport: item.transport }, item.samples.length);
        item.resolve();
      }
      this.#o.events.emitSamples(batch.length === 1 ? batch[0]!.samples : batch.flatMap((i) => i.samples));
    } catch (err) {
      this.#o.metrics.writeFailures.inc();
      this.#o.log.error({ err, samples: count }, 'sample batch write failed; senders are not acknowledged');
      for (const item of batch) item.reject(err);
    } finally {
      this.#inFlight--;
      this.#queued -= count;
      this.#o.metrics.queueDepth.set(this.#queued);
      while (this.#spaceWaiters.length && this.#queued < this.#o.maxQueued) this.#spaceWaiters.shift()!();
      this.#schedule();
    }
  }

  #iso(ms: number): string {
    let s = this.#tsText.get(ms);
    if (s === undefined) {
      if (this.#tsText.size > 50_000) this.#tsText.clear();
      s = new Date(ms).toISOString();
      this.#tsText.set(ms, s);
    }
    return s;
  }

  async #writeBatch(batch: Item[]) {
    const now = Date.now();
    let samples = batch.length === 1 ? batch[0]!.samples : batch.flatMap((i) => i.samples);
    const errors = batch.flatMap((i) => i.errors);
    await this.#o.database.bulk(async (s) => {
      if (samples.length) {
        samples = await this.#withoutPacked(s, samples, now);
        await this.#insertSamples(s, samples);
        await this.#markLate(s, samples, now);
        await this.#refreshLatest(s, samples, now);
        await this.#touchDevices(s, samples, now);
      }
      if (errors.length) await insertErrors(s, errors);
    });
  }

  async #insertSamples(s: BulkSession, samples: ValidSample[]) {
    await s.query('SAVEPOINT copy_samples');
    try {
      await s.copyFrom('samples (tenant_id, metric_id, ts, value, text_value)', encodeSamples(samples));
      await s.query('RELEASE SAVEPOINT copy_samples');
    } catch (err) {
      if (pgError(err).code !== '23505') throw err;
      // a replay or a duplicate within the batch: keep what is stored, add the rest
      await s.query('ROLLBACK TO SAVEPOINT copy_samples');
      this.#o.metrics.replayBatches.inc();
      await s.query(
        `INSERT INTO samples (tenant_id, metric_id, ts, value, text_value)
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::float8[], $5::text[])
         ON CONFLICT DO NOTHING`,
        columns(samples, (x) => this.#iso(x.ts)),
      );
    }
  }

  /** Samples old enough to fall into a packed hour: drop those already packed (idempotence across compaction). */
  async #withoutPacked(s: BulkSession, samples: ValidSample[], now: number): Promise<ValidSample[]> {
    const old = samples.filter((x) => x.ts < now - this.#o.compactAfterMs);
    if (!old.length) return samples;
    const packed = await s.query<{ i: string }>(
      `SELECT x.i FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) WITH ORDINALITY AS x(t, m, ts, i)
       WHERE EXISTS (SELECT 1 FROM samples_packed p WHERE p.tenant_id = x.t AND p.metric_id = x.m
         AND p.hour = date_trunc('hour', x.ts, 'UTC')
         AND (extract(epoch FROM x.ts - p.hour) * 1000)::integer = ANY (p.offsets_ms))`,
      [old.map((x) => x.tenantId), old.map((x) => x.metricId), old.map((x) => this.#iso(x.ts))],
    );
    if (!packed.length) return samples;
    const drop = new Set(packed.map((r) => old[Number(r.i) - 1]));
    return samples.filter((x) => !drop.has(x));
  }

  /** Minutes already rolled up get recomputed by the rollup job: mark them in this transaction. */
  async #markLate(s: BulkSession, samples: ValidSample[], now: number) {
    const buckets = new Map<string, [string, number, string]>();
    for (const x of samples) {
      if (x.ts >= now - LATE_AFTER_MS) continue;
      const minute = x.ts - (x.ts % 60_000);
      buckets.set(`${x.metricId}@${minute}`, [x.tenantId, x.metricId, this.#iso(minute)]);
    }
    if (!buckets.size) return;
    const rows = [...buckets.values()];
    await s.query(
      `INSERT INTO rollup_late (tenant_id, metric_id, bucket)
       SELECT t, m, b FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS u(t, m, b)
       WHERE b < (SELECT watermark FROM rollup_state WHERE id = 1)
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }

  /**
   * metric_latest is refreshed at most every few seconds per metric (readers add any newer raw
   * sample), so a 1 Hz tag does not cost a second row write per sample.
   */
  async #refreshLatest(s: BulkSession, samples: ValidSample[], now: number) {
    const newest = new Map<number, ValidSample>();
    for (const x of samples) {
      const seen = newest.get(x.metricId);
      if (!seen || x.ts >= seen.ts) newest.set(x.metricId, x);
    }
    const due = [...newest.values()].filter(
      (x) => now - (this.#latestWrittenAt.get(x.metricId) ?? 0) >= LATEST_REFRESH_MS,
    );
    if (!due.length) return;
    await s.query(
      `INSERT INTO metric_latest AS l (tenant_id, metric_id, ts, value, text_value, received_at)
       SELECT t, m, ts, v, x, now() FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::float8[], $5::text[])
         AS u(t, m, ts, v, x)
       ON CONFLICT (tenant_id, metric_id) DO UPDATE SET
         received_at = excluded.received_at,
         value = CASE WHEN excluded.ts >= l.ts THEN excluded.value ELSE l.value END,
         text_value = CASE WHEN excluded.ts >= l.ts THEN excluded.text_value ELSE l.text_value END,
         ts = greatest(l.ts, excluded.ts)`,
      columns(due, (x) => this.#iso(x.ts)),
    );
    for (const x of due) this.#latestWrittenAt.set(x.metricId, now);
  }

  async #touchDevices(s: BulkSession, samples: ValidSample[], now: number) {
    const due = new Map<string, string>();
    for (const x of samples)
      if (now - (this.#deviceSeenAt.get(x.deviceId) ?? 0) >= LATEST_REFRESH_MS)
        due.set(x.deviceId, x.tenantId);
    if (!due.size) return;
    await s.query(
      `UPDATE devices d SET last_seen_at = now() FROM unnest($1::uuid[], $2::uuid[]) AS u(t, id)
       WHERE d.tenant_id = u.t AND d.id = u.id`,
      [[...due.values()], [...due.keys()]],
    );
    for (const id of due.keys()) this.#deviceSeenAt.set(id, now);
  }

  /** Stops taking work and waits for what is queued to be committed. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#schedule();
    while (this.#items.length || this.#inFlight) await new Promise((r) => setTimeout(r, 10));
  }
}

async function insertErrors(s: BulkSession, errors: IngestErrorRow[]) {
  await s.query(
    `INSERT INTO ingest_errors (tenant_id, device_id, transport, metric_key, sample_ts, reason, detail)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      errors.map((e) => e.tenantId),
      errors.map((e) => e.deviceId),
      errors.map((e) => e.transport),
      errors.map((e) => e.metricKey),
      errors.map((e) => e.sampleTs),
      errors.map((e) => e.reason),
      errors.map((e) => e.detail),
    ],
  );
}

function columns(samples: ValidSample[], iso: (x: ValidSample) => string): unknown[] {
  return [
    samples.map((x) => x.tenantId),
    samples.map((x) => x.metricId),
    samples.map(iso),
    samples.map((x) => x.value),
    samples.map((x) => x.text),
  ];
}

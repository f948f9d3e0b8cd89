import type { FastifyBaseLogger } from 'fastify';
import type { TIngestResult } from '@greenmes/contracts';
import type { Database } from '../../../platform/db/database.ts';
import type { DeviceRegistry } from './device-registry.ts';
import type { IngestMetrics } from './ingest.metrics.ts';
import { deviceCodesOf, parseMessage, validateSamples, type Sender } from './payload.ts';
import type { IngestErrorRow, SampleWriter } from './sample-writer.ts';

/** Error rows written per message at most: a broken device must not flood the table. */
const ERROR_ROWS_PER_MESSAGE = 20;
const STATS_FLUSH_MS = 5_000;

/**
 * One message from any transport: parse, resolve devices, validate every value, queue the good
 * ones and resolve once they are committed. Bad samples are answered and recorded, never thrown.
 */
export class IngestService {
  readonly #database: Database;
  readonly #registry: DeviceRegistry;
  readonly #writer: SampleWriter;
  readonly #metrics: IngestMetrics;
  readonly #log: FastifyBaseLogger;
  /** accepted/rejected per device since the last flush (tenant/device → counts) */
  #stats = new Map<string, { accepted: number; rejected: number; errorAt: boolean }>();
  readonly #timer: NodeJS.Timeout;

  constructor(o: {
    database: Database;
    registry: DeviceRegistry;
    writer: SampleWriter;
    metrics: IngestMetrics;
    log: FastifyBaseLogger;
  }) {
    this.#database = o.database;
    this.#registry = o.registry;
    this.#writer = o.writer;
    this.#metrics = o.metrics;
    this.#log = o.log;
    this.#timer = setInterval(() => void this.flushStats(), STATS_FLUSH_MS);
    this.#timer.unref();
  }

  get registry(): DeviceRegistry {
    return this.#registry;
  }

  async ingest({
    transport,
    sender,
    body,
  }: {
    transport: 'mqtt' | 'http';
    sender: Sender;
    body: unknown;
  }): Promise<TIngestResult> {
    const parsed = parseMessage(body);
    const senderDeviceId = sender.kind === 'device' ? sender.id : null;
    if (!parsed.ok) {
      this.#count(sender.tenantId, senderDeviceId ?? '', 0, 1);
      this.#metrics.rejected.inc({ transport, reason: 'bad_payload' });
      await this.#writer.write(
        transport,
        [],
        [
          {
            tenantId: sender.tenantId,
            deviceId: senderDeviceId,
            transport,
            metricKey: null,
            sampleTs: null,
            reason: 'bad_payload',
            detail: parsed.detail,
          },
        ],
      );
      return {
        accepted: 0,
        rejected: 1,
        rejections: [{ index: 0, device: null, metric: null, reason: 'bad_payload', detail: parsed.detail }],
      };
    }
    const devices = await this.#registry.devices(sender.tenantId, deviceCodesOf(parsed.samples, sender));
    const result = validateSamples({ samples: parsed.samples, sender, devices, nowMs: Date.now() });
    for (const [deviceId, c] of result.perDevice)
      this.#count(sender.tenantId, deviceId, c.accepted, c.rejected);
    const errors: IngestErrorRow[] = result.rejections.slice(0, ERROR_ROWS_PER_MESSAGE).map((r) => {
      const sample = parsed.samples[r.index];
      return {
        tenantId: sender.tenantId,
        deviceId: (r.device && devices.get(r.device)?.id) ?? senderDeviceId,
        transport,
        metricKey: r.metric,
        sampleTs: sample?.ts === undefined ? null : String(sample.ts).slice(0, 64),
        reason: r.reason,
        detail: r.detail,
      };
    });
    for (const r of result.rejections) this.#metrics.rejected.inc({ transport, reason: r.reason });
    if (result.rejected > result.rejections.length)
      this.#metrics.rejected.inc({ transport, reason: 'more' }, result.rejected - result.rejections.length);
    await this.#writer.write(transport, result.samples, errors);
    return { accepted: result.samples.length, rejected: result.rejected, rejections: result.rejections };
  }

  #count(tenantId: string, deviceId: string, accepted: number, rejected: number) {
    if (!deviceId) return;
    const key = `${tenantId}/${deviceId}`;
    const c = this.#stats.get(key) ?? { accepted: 0, rejected: 0, errorAt: false };
    c.accepted += accepted;
    c.rejected += rejected;
    c.errorAt ||= rejected > 0;
    this.#stats.set(key, c);
  }

  /** Per-device counters are diagnostics: kept in memory and added up every few seconds. */
  async flushStats(): Promise<void> {
    if (!this.#stats.size) return;
    const stats = this.#stats;
    this.#stats = new Map();
    const keys = [...stats.keys()];
    try {
      await this.#database.bulk((s) =>
        s.query(
          `INSERT INTO device_ingest_stats AS st (tenant_id, device_id, accepted, rejected, last_error_at)
           SELECT t, d, a, r, CASE WHEN e THEN now() END
           FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[], $5::boolean[]) AS u(t, d, a, r, e)
           WHERE EXISTS (SELECT 1 FROM devices WHERE tenant_id = u.t AND id = u.d)
           ON CONFLICT (tenant_id, device_id) DO UPDATE SET accepted = st.accepted + excluded.accepted,
             rejected = st.rejected + excluded.rejected,
             last_error_at = coalesce(excluded.last_error_at, st.last_error_at)`,
          [
            keys.map((k) => k.split('/')[0]),
            keys.map((k) => k.split('/')[1]),
            keys.map((k) => stats.get(k)!.accepted),
            keys.map((k) => stats.get(k)!.rejected),
            keys.map((k) => stats.get(k)!.errorAt),
          ],
        ),
      );
    } catch (err) {
      this.#log.warn({ err }, 'could not update per-device ingest counters');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#writer.close();
    await this.flushStats();
  }
}

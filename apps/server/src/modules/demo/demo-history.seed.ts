import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { JobRunner } from '../../platform/jobs/jobs.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { tenants } from '../platform/platform.schema.ts';
import type { ValidSample } from '../telemetry/ingest/payload.ts';
import type { SampleWriter } from '../telemetry/ingest/sample-writer.ts';
import {
  DEFAULT_REGISTER,
  DEMO_HISTORY_COUNTERS,
  demoHistory,
  type DemoCounter,
} from './demo-history.profile.ts';

const DAY_MS = 86_400_000;
/** about 13 months: last year's months for YoY and Table 1, a full year for EnPI baselines */
export const DEMO_HISTORY_DAYS = 396;
/** hours written per transaction: 23 days of the nine counters fill one batch of the rollup job's late minutes */
const CHUNK_HOURS = 552;
const TRANSPORT = 'demo-history';

interface Counter {
  label: DemoCounter;
  metricId: number;
  deviceId: string;
  /** the first stored reading, if any */
  first: { ts: number; value: number } | null;
}

/**
 * The demo's meter history (generated demo data, demo-history.profile.ts), written as device data:
 * through the sample writer, so raw samples land like a gateway's replayed buffer and the writer marks
 * the minutes the rollup job has passed; the rollup job (run here until those marks are drained)
 * builds the minute, hour and day rollups the energy reports read. Samples before the day partitions
 * go to the default partition, which compaction packs, as for any late data.
 *
 * `prepare` runs before the server listens: it finds what is missing and, on a fresh database, stores
 * each counter's present reading, so whoever asks for the latest values (the simulator's commissioning)
 * sees where the history ends. The returned `run` writes the history, oldest hours last; `null` when the
 * history exists already (idempotent; a run cut short resumes from the oldest hour written).
 */
export async function prepareDemoHistory({
  db,
  writer,
  jobs,
  log,
  tenantCode = 'demo',
  nowMs = Date.now(),
  days = DEMO_HISTORY_DAYS,
}: {
  db: Db;
  writer: SampleWriter;
  jobs: JobRunner;
  log: FastifyBaseLogger;
  tenantCode?: string;
  nowMs?: number;
  days?: number;
}): Promise<(() => Promise<void>) | null> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.code, tenantCode));
  if (!tenant) return null;
  const fromMs = nowMs - days * DAY_MS;
  const counters = await inTenant(db, tenant.id, (tx) => loadCounters(tx));
  // a counter whose stored data reaches back to the start of the span has its history
  const missing = counters.filter((c) => !c.first || c.first.ts > fromMs + 2 * DAY_MS);
  if (!missing.length) return null;

  const present = missing.filter((c) => !c.first);
  if (present.length) {
    await writer.write(
      TRANSPORT,
      present.map((c) => sample(tenant.id, c, nowMs, DEFAULT_REGISTER[c.label])),
    );
    for (const c of present) c.first = { ts: nowMs, value: DEFAULT_REGISTER[c.label] };
  }

  return async () => {
    const started = performance.now();
    const history = demoHistory({
      fromMs,
      anchors: Object.fromEntries(missing.map((c) => [c.label, c.first!])),
      nowMs,
    });
    const length = Math.max(...[...history.values()].map((h) => h.ts.length));
    let written = 0;
    let nextLog = 0;
    log.info(
      { counters: missing.length, hours: length },
      'demo history: writing generated meter history (demo data) through the ingest path',
    );
    // newest hours first: should the server stop half-way, the next start finds the oldest hour written and fills in before it
    for (let end = length; end > 0; end -= CHUNK_HOURS) {
      const chunk: ValidSample[] = [];
      for (const c of missing) {
        const h = history.get(c.label)!;
        // every counter starts at the same hour; one anchored earlier simply has fewer
        for (let i = Math.max(0, end - CHUNK_HOURS); i < Math.min(end, h.ts.length); i++)
          chunk.push(sample(tenant.id, c, h.ts[i]!, h.values[i]!));
      }
      await writer.write(TRANSPORT, chunk);
      await drainRollups(db, tenant.id, jobs);
      written += chunk.length;
      if (written >= nextLog) {
        log.info({ samples: written, of: length * missing.length }, 'demo history: progress');
        nextLog += 20_000;
      }
    }
    log.info(
      { samples: written, seconds: Math.round((performance.now() - started) / 100) / 10 },
      'demo history ready',
    );
  };
}

function sample(tenantId: string, c: Counter, ts: number, value: number): ValidSample {
  return { tenantId, deviceId: c.deviceId, metricId: c.metricId, ts, value, text: null };
}

async function loadCounters(tx: Tx): Promise<Counter[]> {
  const rows = await queryRows<{ id: string; device_id: string; label: string }>(
    tx,
    sql`SELECT m.id, d.id AS device_id, d.code || '/' || m.key AS label FROM metrics m
        JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
        WHERE m.kind = 'counter' AND d.code || '/' || m.key IN (${sql.join(
          DEMO_HISTORY_COUNTERS.map((l) => sql`${l}`),
          sql`, `,
        )})`,
  );
  const out: Counter[] = [];
  for (const r of rows) {
    // the earliest reading kept anywhere: raw, packed, or (after retention) the first hour rollup
    const [first] = await queryRows<{ ts: string; value: number }>(
      tx,
      sql`SELECT ts, value FROM (
            (SELECT ts, value FROM samples WHERE metric_id = ${r.id} ORDER BY ts LIMIT 1)
            UNION ALL
            (SELECT hour + offsets_ms[1] * interval '1 millisecond', "values"[1] FROM samples_packed
              WHERE metric_id = ${r.id} ORDER BY hour LIMIT 1)
            UNION ALL
            (SELECT first_ts, first FROM rollups_1h WHERE metric_id = ${r.id} ORDER BY bucket LIMIT 1)
          ) x WHERE value IS NOT NULL ORDER BY ts LIMIT 1`,
    );
    out.push({
      label: r.label as DemoCounter,
      metricId: Number(r.id),
      deviceId: r.device_id,
      first: first ? { ts: Date.parse(new Date(first.ts).toISOString()), value: Number(first.value) } : null,
    });
  }
  return out;
}

/** The rollup job, run until it has recomputed every minute the writer marked late for the tenant. */
async function drainRollups(db: Db, tenantId: string, jobs: JobRunner) {
  for (;;) {
    const ran = await jobs.runNow('telemetry.rollups');
    const [left] = await inTenant(db, tenantId, (tx) =>
      queryRows(tx, sql`SELECT 1 FROM rollup_late LIMIT 1`),
    );
    if (!left) return;
    // another instance holds the job: let it work
    if (!ran) await new Promise((r) => setTimeout(r, 1_000));
  }
}

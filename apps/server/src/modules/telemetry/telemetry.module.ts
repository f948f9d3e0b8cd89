import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { gatewayConfigTopic, parseTelemetryTopic } from '@greenmes/contracts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Job } from '../../platform/jobs/jobs.ts';
import { startMqtt, type MqttHub } from '../../platform/mqtt/mqtt.ts';
import { alarmsModule } from './alarms/alarms.module.ts';
import { DeviceRegistry } from './ingest/device-registry.ts';
import { ingestRoutes } from './ingest/ingest.routes.ts';
import { recordGatewayStatus } from './edge.service.ts';
import { ingestMetrics } from './ingest/ingest.metrics.ts';
import { IngestService } from './ingest/ingest.service.ts';
import { SampleWriter } from './ingest/sample-writer.ts';
import { ensurePartitions, runCompaction, runRetention } from './storage/maintenance.job.ts';
import { runRollups } from './storage/rollups.job.ts';
import type { TelemetryEvents } from './telemetry.events.ts';
import { telemetryRoutes } from './telemetry.routes.ts';

export interface TelemetryModule {
  ingest: IngestService;
  mqtt: MqttHub;
  writer: SampleWriter;
  alarms: ReturnType<typeof alarmsModule>;
  routes(api: FastifyInstance): void;
  jobs: Job[];
  close(): Promise<void>;
}

/**
 * Device data: registry of devices and credentials, the batched writer, MQTT (embedded or
 * external) and HTTP ingestion, rollups, compaction, retention and partition jobs.
 */
export async function telemetryModule({
  config,
  database,
  events,
  registry,
  log,
}: {
  config: Config;
  database: Database;
  events: TelemetryEvents;
  registry: Registry;
  log: FastifyBaseLogger;
}): Promise<TelemetryModule> {
  await ensurePartitions(database.db);
  const metrics = ingestMetrics(registry);
  const devices = new DeviceRegistry({ database, events });
  const compactAfterMs = config.TELEMETRY_COMPACT_AFTER_HOURS * 3_600_000;
  const writer = new SampleWriter({
    database,
    events,
    metrics,
    log,
    maxBatch: config.INGEST_BATCH_MAX,
    maxDelayMs: config.INGEST_BATCH_DELAY_MS,
    maxQueued: config.INGEST_QUEUE_MAX,
    concurrency: database.kind === 'pglite' ? 1 : 2,
    compactAfterMs,
  });
  const ingest = new IngestService({ database, registry: devices, writer, metrics, log });

  const mqtt = await startMqtt({
    config,
    log,
    authenticate: (username, password) => devices.authenticate(username, password),
    onClientCount: (n) => metrics.mqttClients.set(n),
    onStatus: (topic, payload, sender) =>
      onStatus(topic, payload, sender).catch((err: unknown) =>
        log.warn({ err }, 'gateway status not stored'),
      ),
    async onTelemetry(topic, payload, sender) {
      if (sender) {
        await ingest.ingest({ transport: 'mqtt', sender, body: payload });
        return;
      }
      // external broker: it authenticated the publisher; the topic names tenant and sender
      const parsed = parseTelemetryTopic(topic);
      const tenantId = parsed && (await devices.tenantId(parsed.tenantCode));
      if (!parsed || !tenantId) {
        metrics.rejected.inc({ transport: 'mqtt', reason: 'unknown_tenant' });
        log.warn({ topic }, 'telemetry for an unknown or suspended enterprise dropped');
        return;
      }
      const id = parsed.kind === 'gateway' ? ((await devices.gatewayId(tenantId, parsed.code)) ?? '') : null;
      await ingest.ingest({
        transport: 'mqtt',
        sender: { tenantId, kind: parsed.kind, id, code: parsed.code },
        body: payload,
      });
    },
  });

  const alarms = alarmsModule({ database, events, log });
  async function onStatus(topic: string, payload: Buffer, sender: { tenantId: string; id: string } | null) {
    let tenantId = sender?.tenantId ?? null;
    let gatewayId = sender?.id ?? null;
    if (!sender) {
      // external broker: greenmes/v1/<tenant>/gateways/<code>/status
      const [, , tenantCode, , code] = topic.split('/');
      tenantId = tenantCode ? await devices.tenantId(tenantCode) : null;
      gatewayId = tenantId && code ? await devices.gatewayId(tenantId, code) : null;
    }
    if (!tenantId || !gatewayId) return;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      body = null;
    }
    const result = await recordGatewayStatus({ db: database.db, tenantId, gatewayId, body });
    if (!result.ok) log.warn({ topic, reason: result.reason }, 'gateway status report ignored');
  }

  const jobs: Job[] = [
    ...alarms.jobs,
    { name: 'telemetry.rollups', everyMs: 15_000, run: async () => void (await runRollups(database.db)) },
    {
      name: 'telemetry.partitions',
      everyMs: 3_600_000,
      run: async () => void (await ensurePartitions(database.db)),
    },
    {
      name: 'telemetry.compaction',
      everyMs: 600_000,
      run: async () => void (await runCompaction(database.db, { olderThanMs: compactAfterMs })),
    },
    { name: 'telemetry.retention', everyMs: 3_600_000, run: () => runRetention(database.db) },
  ];

  return {
    ingest,
    mqtt,
    writer,
    alarms,
    jobs,
    routes(api) {
      telemetryRoutes(api, {
        events,
        onCredentialRevoked: (id) => mqtt.disconnectCredential(id),
        // tell the gateway (retained, so it also finds it on reconnect); it pulls the version over HTTP
        onConfigSaved: (tenantCode, gatewayCode, version) =>
          void mqtt
            .publish(gatewayConfigTopic(tenantCode, gatewayCode), JSON.stringify({ version }), {
              retain: true,
            })
            .catch((err: unknown) => log.warn({ err }, 'could not announce the gateway configuration')),
      });
      ingestRoutes(api, { ingest, registry: devices, database });
      alarms.routes(api);
    },
    async close() {
      await mqtt.close();
      await ingest.close();
      await alarms.close();
    },
  };
}

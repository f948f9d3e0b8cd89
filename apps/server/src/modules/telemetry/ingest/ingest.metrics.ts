import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type IngestMetrics = ReturnType<typeof ingestMetrics>;

/** Prometheus metrics of the ingest path (transport: mqtt or http). */
export function ingestMetrics(registry: Registry) {
  const registers = [registry];
  return {
    ingested: new Counter({
      name: 'greenmes_samples_ingested_total',
      help: 'Data points committed, by transport (replays count again: they are acknowledged again)',
      labelNames: ['transport'],
      registers,
    }),
    rejected: new Counter({
      name: 'greenmes_samples_rejected_total',
      help: 'Data points rejected, by transport and reason',
      labelNames: ['transport', 'reason'],
      registers,
    }),
    batchSize: new Histogram({
      name: 'greenmes_ingest_batch_size',
      help: 'Data points per database write',
      buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 25000],
      registers,
    }),
    writeSeconds: new Histogram({
      name: 'greenmes_ingest_write_seconds',
      help: 'Duration of one batch write transaction',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'greenmes_ingest_queue_depth',
      help: 'Data points waiting to be written',
      registers,
    }),
    backpressureWaits: new Counter({
      name: 'greenmes_ingest_backpressure_waits_total',
      help: 'Times a sender waited because the write queue was full',
      registers,
    }),
    writeFailures: new Counter({
      name: 'greenmes_ingest_write_failures_total',
      help: 'Batch writes that failed (their senders were not acknowledged)',
      registers,
    }),
    replayBatches: new Counter({
      name: 'greenmes_ingest_replay_batches_total',
      help: 'Batches that contained already-stored samples and were merged idempotently',
      registers,
    }),
    mqttClients: new Gauge({
      name: 'greenmes_mqtt_clients',
      help: 'Devices and gateways connected to the embedded broker',
      registers,
    }),
  };
}

import type { Adapter, SampleSink } from './adapters/adapter.ts';
import { fetchCloudConfig, loadApplied, mergeCloudConfig, saveApplied } from './config/cloud-config.ts';
import type { TAdapterConfig, TGatewayConfig } from './config/config.schema.ts';
import { ConfigError } from './config/config.ts';
import { DurableQueue } from './queue/durable-queue.ts';
import { ReportByException } from './report-by-exception.ts';
import type { Sample } from './sample.ts';
import { MqttUplink } from './uplink/mqtt-uplink.ts';

const mib = (bytes: number) => Math.round(bytes / 1_048_576);
const rule = (device: string, m: { metric: string; deadband: number; keepAliveS: number }) => ({
  device,
  metric: m.metric,
  deadband: m.deadband,
  keepAliveS: m.keepAliveS,
});
/** The report-by-exception rules of every metric the adapters produce. */
export function rulesOf(adapters: TAdapterConfig[]) {
  return adapters.flatMap((a) =>
    a.kind === 'modbus'
      ? a.registers.map((r) => rule(a.device, r))
      : a.kind === 'opcua'
        ? a.nodes.map((n) => rule(n.device ?? a.device!, n))
        : a.topics.flatMap((t) => t.map.map((m) => rule(t.device, m))),
  );
}

/**
 * The adapter of a configuration entry. Each protocol's module (node-opcua alone is ≈ 90 MB resident) is
 * loaded on first use, so a gateway pays only for the protocols it is configured for.
 */
async function makeAdapter(
  a: TAdapterConfig,
  sink: SampleSink,
  log: (line: string) => void,
): Promise<Adapter> {
  switch (a.kind) {
    case 'modbus':
      return new (await import('./adapters/modbus.ts')).ModbusAdapter(a, sink, log);
    case 'opcua':
      return new (await import('./adapters/opcua.ts')).OpcuaAdapter(a, sink, log);
    case 'mqtt':
      return new (await import('./adapters/mqtt.ts')).MqttAdapter(a, sink, log);
  }
}

/**
 * adapters → report-by-exception → durable queue → uplink. With `gateway.cloudHttpUrl` the adapters come from
 * the cloud: the last applied cloud document (kept beside the queue) at start, then every newer version the
 * cloud announces, applied without a restart (the queue and the uplink keep running).
 */
export async function startGateway({
  config: local,
  log = (l) => console.log(l),
}: {
  config: TGatewayConfig;
  log?: (line: string) => void;
}) {
  let config = local;
  let applied: number | null = null;
  let configError: string | null = null;
  const cloudHttpUrl = local.gateway.cloudHttpUrl;
  if (cloudHttpUrl) {
    const saved = loadApplied(local.queue.dir);
    if (saved)
      try {
        config = mergeCloudConfig(local, saved);
        applied = saved.version;
        log(`config: running cloud config v${saved.version} (last applied)`);
      } catch (e) {
        log(`config: the last applied cloud config is not valid any more: ${(e as Error).message}`);
      }
  }

  const queue = DurableQueue.open({ ...config.queue, log });
  let rbe = new ReportByException(rulesOf(config.adapters));
  const sink = (samples: Sample[]) => {
    const report = samples.flatMap((s) => rbe.offer(s) ?? []);
    if (report.length > 0) queue.append(report);
  };
  const makeAdapters = (c: TGatewayConfig) => Promise.all(c.adapters.map((a) => makeAdapter(a, sink, log)));
  const adapters: Adapter[] = await makeAdapters(config);

  // ---- configuration from the cloud: one pull at a time, again when a newer version was announced meanwhile
  let stopped = false;
  let pulling: Promise<void> | null = null;
  let wanted = 0;
  /** the highest version tried (applied or rejected): a re-delivered announcement of it is not pulled again */
  let tried = 0;
  const pull = (): Promise<void> => {
    if (!cloudHttpUrl || stopped) return Promise.resolve();
    if (pulling) return pulling;
    pulling = (async () => {
      try {
        do {
          wanted = 0;
          const v = await fetchCloudConfig({
            baseUrl: cloudHttpUrl,
            token: local.gateway.token,
            have: applied ?? 0,
          });
          if (!v || stopped) continue;
          tried = Math.max(tried, v.version);
          await apply(v);
        } while (wanted > (applied ?? 0) && wanted > tried && !stopped);
      } catch (e) {
        log(`config: cannot pull the configuration: ${(e as Error).message}`);
      } finally {
        pulling = null;
      }
    })();
    return pulling;
  };
  const apply = async (v: { version: number; config: unknown }) => {
    let next: TGatewayConfig;
    try {
      next = mergeCloudConfig(local, v);
    } catch (e) {
      const problems = e instanceof ConfigError ? e.problems.join('; ') : (e as Error).message;
      configError = `v${v.version} rejected: ${problems}`.slice(0, 2000);
      log(`config: ${configError}; keeping ${applied ? `v${applied}` : 'the local config'}`);
      status();
      return;
    }
    const replacements = await makeAdapters(next);
    // stop reading, then swap: the queue and the uplink are untouched, no queued sample is lost
    await Promise.all(adapters.map((a) => a.stop()));
    if (stopped) return;
    rbe = new ReportByException(rulesOf(next.adapters));
    adapters.splice(0, adapters.length, ...replacements);
    if (next.statusIntervalS !== config.statusIntervalS) {
      clearInterval(statusTimer);
      statusTimer = setInterval(status, next.statusIntervalS * 1_000);
    }
    config = next;
    applied = v.version;
    configError = null;
    try {
      saveApplied(local.queue.dir, v);
    } catch (e) {
      log(`config: cannot save the applied config: ${(e as Error).message}`);
    }
    for (const a of adapters) a.start();
    log(`config: applied cloud config v${v.version} (${adapters.length} adapters)`);
    status();
  };

  const uplink = new MqttUplink({
    queue,
    ...config.gateway,
    ...config.uplink,
    httpFallbackAfterMs: config.uplink.httpFallbackAfterS * 1_000,
    log,
    ...(cloudHttpUrl && {
      onConfigAnnounced: (version: number) => {
        if (version <= (applied ?? 0) || version <= tried) return;
        wanted = Math.max(wanted, version);
        void pull();
      },
    }),
  });
  const keepAlive = setInterval(() => {
    const due = rbe.due(Date.now());
    if (due.length > 0) queue.append(due);
  }, 1_000);
  const startedAt = Date.now();
  const status = () => {
    const u = uplink.status();
    const health = adapters.map((x) => x.health());
    uplink.reportStatus({
      configVersion: applied,
      configError,
      uplink: u.connected ? 'connected' : u.isHttpFallback ? 'https' : 'disconnected',
      queueDepth: u.queueDepth,
      oldestUnsentTs: u.oldestUnsentTs,
      droppedTotal: u.dropped,
      adapters: health.map((h) => ({
        name: h.name,
        protocol: h.kind,
        state: h.state === 'up' ? 'connected' : h.state === 'down' ? 'error' : h.state,
        lastError: h.lastError,
        lastOkAt: h.lastSampleAt,
      })),
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
    const a = health.map((h) => `${h.name}=${h.state}`);
    log(
      `status: uplink ${u.connected ? 'connected' : u.isHttpFallback ? 'offline (HTTPS fallback)' : 'offline'}, queue ${u.queueDepth} samples` +
        `${u.oldestUnsentTs ? ` (oldest ${new Date(u.oldestUnsentTs).toISOString()})` : ''}, dropped ${u.dropped}` +
        `${a.length ? `; adapters ${a.join(' ')}` : ''}; memory ${mib(process.memoryUsage.rss())} MiB (heap ${mib(process.memoryUsage().heapUsed)} MiB)`,
    );
  };
  let statusTimer = setInterval(status, config.statusIntervalS * 1_000);
  uplink.start();
  for (const a of adapters) a.start();
  void pull(); // once at start: the cloud may hold a version newer than the one applied last

  return {
    queue,
    uplink,
    /** the running adapters (replaced in place when a cloud config is applied) */
    adapters,
    status,
    /** the cloud config version running (null: the local file's adapters) and the last rejection */
    config: () => ({ version: applied, error: configError, current: config }),
    /** pull the latest cloud config now (also what an announcement triggers) */
    pull,
    /** Graceful: stop reading, fsync what is pending, save the ack cursor, close the uplink. */
    async stop() {
      stopped = true;
      clearInterval(keepAlive);
      clearInterval(statusTimer);
      await pulling;
      await Promise.all(adapters.map((a) => a.stop()));
      queue.flush();
      await uplink.stop();
      queue.close();
    },
  };
}

import type { Adapter } from './adapters/adapter.ts';
import { ModbusAdapter } from './adapters/modbus.ts';
import { MqttAdapter } from './adapters/mqtt.ts';
import { OpcuaAdapter } from './adapters/opcua.ts';
import type { TGatewayConfig } from './config/config.schema.ts';
import { DurableQueue } from './queue/durable-queue.ts';
import { ReportByException } from './report-by-exception.ts';
import type { Sample } from './sample.ts';
import { MqttUplink } from './uplink/mqtt-uplink.ts';

/** adapters → report-by-exception → durable queue → uplink */
export function startGateway({
  config,
  log = (l) => console.log(l),
}: {
  config: TGatewayConfig;
  log?: (line: string) => void;
}) {
  const queue = DurableQueue.open({ ...config.queue, log });
  const rule = (device: string, m: { metric: string; deadband: number; keepAliveS: number }) => ({
    device,
    metric: m.metric,
    deadband: m.deadband,
    keepAliveS: m.keepAliveS,
  });
  const rules = config.adapters.flatMap((a) =>
    a.kind === 'modbus'
      ? a.registers.map((r) => rule(a.device, r))
      : a.kind === 'opcua'
        ? a.nodes.map((n) => rule(a.device, n))
        : a.topics.flatMap((t) => t.map.map((m) => rule(t.device, m))),
  );
  const rbe = new ReportByException(rules);
  const sink = (samples: Sample[]) => {
    const report = samples.flatMap((s) => rbe.offer(s) ?? []);
    if (report.length > 0) queue.append(report);
  };
  const adapters: Adapter[] = config.adapters.map((a) =>
    a.kind === 'modbus'
      ? new ModbusAdapter(a, sink, log)
      : a.kind === 'opcua'
        ? new OpcuaAdapter(a, sink, log)
        : new MqttAdapter(a, sink, log),
  );
  const uplink = new MqttUplink({ queue, ...config.gateway, ...config.uplink, log });
  const keepAlive = setInterval(() => {
    const due = rbe.due(Date.now());
    if (due.length > 0) queue.append(due);
  }, 1_000);
  const startedAt = Date.now();
  const status = () => {
    const u = uplink.status();
    const health = adapters.map((x) => x.health());
    uplink.reportStatus({
      uplink: u.connected ? 'connected' : 'disconnected',
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
      `status: uplink ${u.connected ? 'connected' : 'offline'}, queue ${u.queueDepth} samples` +
        `${u.oldestUnsentTs ? ` (oldest ${new Date(u.oldestUnsentTs).toISOString()})` : ''}, dropped ${u.dropped}` +
        `${a.length ? `; adapters ${a.join(' ')}` : ''}`,
    );
  };
  const statusTimer = setInterval(status, config.statusIntervalS * 1_000);
  uplink.start();
  for (const a of adapters) a.start();

  return {
    queue,
    uplink,
    adapters,
    status,
    /** Graceful: stop reading, fsync what is pending, save the ack cursor, close the uplink. */
    async stop() {
      clearInterval(keepAlive);
      clearInterval(statusTimer);
      await Promise.all(adapters.map((a) => a.stop()));
      queue.flush();
      await uplink.stop();
      queue.close();
    },
  };
}

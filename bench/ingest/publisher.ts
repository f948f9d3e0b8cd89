/**
 * Simulated devices, run as a child process (its CPU shows up apart from the server's). Each device
 * is one MQTT connection that publishes QoS 1 batches of samples to its own telemetry topic. The
 * PUBACK arrives only after the server committed the samples, so publish → PUBACK is
 * publish → committed. The parent drives phases over IPC (see PublisherCommand).
 */
import mqtt, { type MqttClient } from 'mqtt';

export interface DeviceLogin {
  code: string;
  username: string;
  topic: string;
}

export type PublisherCommand =
  | {
      cmd: 'connect';
      mqttUrl: string;
      devices: DeviceLogin[];
      metricKeys: string[];
      samplesPerMessage: number;
    }
  | {
      /**
       * open: every device publishes every `intervalMs` on a fixed schedule whatever the acks
       * (latency counted from the scheduled time, so a stalled publisher cannot hide queueing);
       * closed: every device keeps `inflight` messages unacknowledged and sends the next on each ack.
       */
      cmd: 'phase';
      name: string;
      mode: 'open' | 'closed';
      intervalMs: number;
      inflight: number;
      /** acks before this are warm-up: counted as sent but not measured */
      measureFrom: number;
      measureUntil: number;
    }
  | { cmd: 'stop' }
  | { cmd: 'exit' };

export type PublisherReport =
  | { type: 'connected'; ms: number }
  | {
      type: 'phase-done';
      name: string;
      sentMessages: number;
      ackedMessages: number;
      ackedPoints: number;
      /** acks inside [measureFrom, measureUntil) */
      windowMessages: number;
      windowPoints: number;
      /** publish → PUBACK in ms of every ack inside the window, and when each arrived */
      latencies: number[];
      ackAt: number[];
      /** first and last ack time inside the window */
      firstAck: number;
      lastAck: number;
      errors: string[];
      cpu: NodeJS.CpuUsage;
    };

interface Device {
  login: DeviceLogin;
  client: MqttClient;
  lastTs: number;
  outstanding: number;
  nextAt: number;
}

const send = (m: PublisherReport) => process.send!(m);

let devices: Device[] = [];
let metricKeys: string[] = [];
let samplesPerMessage = 1;
let current: { stop: () => Promise<void> } | null = null;
let isExiting = false;

/** Plausible readings: a slow sine per metric plus noise, two decimals (what a PLC register scaled gives). */
function payload(device: Device, endTs: number, spacingMs: number): string {
  const parts: string[] = [];
  let ts = device.lastTs;
  for (let j = samplesPerMessage - 1; j >= 0; j--) {
    // distinct, increasing timestamps per device: nothing is deduplicated on (tenant, metric, ts)
    ts = Math.max(ts + 1, Math.round(endTs - j * spacingMs));
    let values = '';
    for (let k = 0; k < metricKeys.length; k++) {
      const v = 10 * (k + 1) + 5 * Math.sin(ts / (20_000 + 1_000 * k)) + Math.random() * 0.5;
      values += `${k ? ',' : ''}"${metricKeys[k]}":${v.toFixed(2)}`;
    }
    parts.push(`{"ts":${ts},"values":{${values}}}`);
  }
  device.lastTs = ts;
  return `{"samples":[${parts.join(',')}]}`;
}

async function connect(c: Extract<PublisherCommand, { cmd: 'connect' }>) {
  const started = performance.now();
  metricKeys = c.metricKeys;
  samplesPerMessage = c.samplesPerMessage;
  devices = await Promise.all(
    c.devices.map(
      (login) =>
        new Promise<Device>((resolve, reject) => {
          const client = mqtt.connect(c.mqttUrl, {
            clientId: `bench-${login.code}`,
            username: login.username,
            clean: true,
            reconnectPeriod: 0,
            connectTimeout: 30_000,
          });
          client.once('connect', () =>
            resolve({ login, client, lastTs: Date.now() - 60_000, outstanding: 0, nextAt: 0 }),
          );
          client.once('error', reject);
        }),
    ),
  );
  send({ type: 'connected', ms: performance.now() - started });
}

function runPhase(p: Extract<PublisherCommand, { cmd: 'phase' }>) {
  const cpuStart = process.cpuUsage();
  const stats = {
    sentMessages: 0,
    ackedMessages: 0,
    ackedPoints: 0,
    windowMessages: 0,
    windowPoints: 0,
    latencies: [] as number[],
    ackAt: [] as number[],
    firstAck: 0,
    lastAck: 0,
    errors: [] as string[],
  };
  const points = samplesPerMessage * metricKeys.length;
  let isStopping = false;
  let pending = 0;
  let drained: (() => void) | null = null;

  const publish = (d: Device, scheduledAt: number, spacingMs: number) => {
    const body = payload(d, Date.now(), spacingMs);
    stats.sentMessages++;
    d.outstanding++;
    pending++;
    d.client.publishAsync(d.login.topic, body, { qos: 1 }).then(
      () => {
        const now = Date.now();
        stats.ackedMessages++;
        stats.ackedPoints += points;
        if (now >= p.measureFrom && now < p.measureUntil) {
          stats.windowMessages++;
          stats.windowPoints += points;
          stats.latencies.push(now - scheduledAt);
          stats.ackAt.push(now);
          if (!stats.firstAck) stats.firstAck = now;
          stats.lastAck = now;
        }
        done(d);
      },
      (err: unknown) => {
        if (stats.errors.length < 10) stats.errors.push(`${d.login.code}: ${(err as Error).message}`);
        done(d);
      },
    );
  };
  const done = (d: Device) => {
    d.outstanding--;
    pending--;
    if (p.mode === 'closed' && !isStopping && !isExiting) publish(d, Date.now(), 1);
    if (isStopping && pending === 0) drained?.();
  };

  let tick: NodeJS.Timeout | null = null;
  if (p.mode === 'closed') {
    for (const d of devices) for (let i = 0; i < p.inflight; i++) publish(d, Date.now(), 1);
  } else {
    // stagger the devices evenly over one interval, as independent devices would be
    const t0 = Date.now();
    devices.forEach((d, i) => (d.nextAt = t0 + (i * p.intervalMs) / devices.length));
    const spacing = p.intervalMs / samplesPerMessage;
    tick = setInterval(() => {
      if (isExiting) return;
      const now = Date.now();
      for (const d of devices)
        while (d.nextAt <= now) {
          publish(d, d.nextAt, spacing);
          d.nextAt += p.intervalMs;
        }
    }, 5);
  }
  current = {
    async stop() {
      isStopping = true;
      if (tick) clearInterval(tick);
      if (pending) await new Promise<void>((resolve) => (drained = resolve));
      send({ type: 'phase-done', name: p.name, ...stats, cpu: process.cpuUsage(cpuStart) });
    },
  };
}

process.on('message', (m: PublisherCommand) => {
  switch (m.cmd) {
    case 'connect':
      connect(m).catch((err: unknown) => {
        console.error('publisher: connect failed:', err);
        process.exit(2);
      });
      break;
    case 'phase':
      runPhase(m);
      break;
    case 'stop': {
      const c = current;
      current = null;
      void c?.stop();
      break;
    }
    case 'exit':
      isExiting = true;
      // forced: after a phase nothing is in flight; on an interrupt nothing needs to be
      setTimeout(() => process.exit(0), 2_000).unref();
      void Promise.all(devices.map((d) => d.client.endAsync(true))).finally(() => process.exit(0));
      break;
  }
});
process.on('disconnect', () => process.exit(0));

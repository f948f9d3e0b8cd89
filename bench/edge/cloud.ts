/**
 * The cloud stand-in: an Aedes broker embedded in the bench process that accepts the edge's QoS 1
 * telemetry and counts the samples in it (one per metric value), per second, historical or live, and
 * distinct per (device, metric, ts). It measures the edge, not the GreenMES server. `outage()` closes the
 * listener and drops every connection, so the edge can neither publish nor reconnect until `restore()`.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { freePort } from '../ingest/server.ts';

interface WireSample {
  device: string;
  ts: number;
  values: Record<string, unknown>;
  historical?: boolean;
}

export async function startCloud({ telemetryTopic }: { telemetryTopic: string }) {
  const broker = await Aedes.createBroker();
  const port = await freePort();
  const sockets = new Set<Socket>();
  const listen = (server: Server) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const makeServer = () =>
    createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      broker.handle(socket);
    });
  let server = makeServer();
  await listen(server);

  let total = 0;
  let historical = 0;
  let messages = 0;
  let bytes = 0;
  /** ts of every sample per tag (device + metric): duplicates are re-deliveries */
  const seen = new Map<string, Set<number>>();
  let distinct = 0;
  /** samples received per whole second since start, live and historical */
  const perSecond: Array<{ live: number; historical: number }> = [];
  const startedAt = performance.now();
  let firstLiveAfter: number | null = null;
  let firstLiveAt: number | null = null;
  /** samples with a ts inside [from, to) that arrived flagged live: a replay must flag them historical */
  let outageWindow: { from: number; to: number } | null = null;
  let liveInOutage = 0;
  const connects: number[] = [];

  broker.on('client', () => connects.push(performance.now()));
  broker.on('publish', (packet, client) => {
    if (!client || packet.topic !== telemetryTopic) return;
    const payload = Buffer.from(packet.payload);
    messages++;
    bytes += payload.length;
    const { samples } = JSON.parse(payload.toString()) as { samples: WireSample[] };
    const second = Math.floor((performance.now() - startedAt) / 1000);
    while (perSecond.length <= second) perSecond.push({ live: 0, historical: 0 });
    const bucket = perSecond[second]!;
    for (const s of samples) {
      let n = 0;
      for (const metric in s.values) {
        n++;
        const key = `${s.device}\u0000${metric}`;
        let set = seen.get(key);
        if (!set) seen.set(key, (set = new Set()));
        if (!set.has(s.ts)) {
          set.add(s.ts);
          distinct++;
        }
      }
      total += n;
      if (s.historical) {
        historical += n;
        bucket.historical += n;
      } else {
        bucket.live += n;
        if (outageWindow && s.ts >= outageWindow.from && s.ts < outageWindow.to) liveInOutage += n;
        if (firstLiveAfter !== null && firstLiveAt === null) firstLiveAt = performance.now();
      }
    }
  });

  return {
    url: `mqtt://127.0.0.1:${port}`,
    get total() {
      return total;
    },
    get historical() {
      return historical;
    },
    get distinct() {
      return distinct;
    },
    get messages() {
      return messages;
    },
    get bytes() {
      return bytes;
    },
    get liveInOutage() {
      return liveInOutage;
    },
    /** when the edge's connections came up (performance.now()) */
    connects: () => connects,
    /** the first live (non-historical) sample after `watchFirstLive()`: the replay ahead of it is through */
    watchFirstLive() {
      firstLiveAfter = performance.now();
      firstLiveAt = null;
    },
    get firstLiveAt() {
      return firstLiveAt;
    },
    /** samples (live + historical) received in whole seconds [from, to) since start */
    perSecond: () => perSecond,
    secondNow: () => Math.floor((performance.now() - startedAt) / 1000),
    /** stops accepting: listener closed and every connection dropped */
    async outage() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    /** accepts again; samples stamped in [from, to) (epoch ms) must come back flagged historical */
    async restore({ outageFrom, outageTo }: { outageFrom: number; outageTo: number }) {
      outageWindow = { from: outageFrom, to: outageTo };
      server = makeServer();
      await listen(server);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
export type Cloud = Awaited<ReturnType<typeof startCloud>>;

/**
 * HTTP load from this process over keep-alive connections (node:http, one socket per client), closed
 * loop (each client sends its next request when the last one answered: capacity) or open loop (each
 * client sends on a fixed schedule whether or not earlier requests answered; latency counts from the
 * scheduled time, so queueing cannot hide).
 */
import { Agent, request } from 'node:http';
import { percentile } from '../ingest/report.ts';

export interface LoadClient {
  path: string;
  /** the body of the client's next request (a client keeps its own count across runs) */
  body(): string;
}

export interface LoadResult {
  requests: number;
  /** answers with `okStatus` over the whole run, warm-up and late answers included (to count what was stored) */
  okTotal: number;
  /** answers other than `okStatus`, by status (0 = connection error) */
  failures: Record<number, number>;
  /** the first failing answer, for the report */
  firstFailure: string | null;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function send(
  agent: Agent,
  base: URL,
  headers: Record<string, string>,
  path: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text.length < 2000 ? (text += c) : undefined));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, text: e.message }));
    req.end(body);
  });
}

/**
 * Runs `clients` for `warmupMs` (not counted) then `measureMs`. `intervalMs` undefined = closed loop;
 * else each client sends every `intervalMs`, its first at a random phase.
 */
export async function runLoad({
  baseUrl,
  token,
  clients,
  okStatus,
  warmupMs,
  measureMs,
  intervalMs,
}: {
  baseUrl: string;
  token?: string;
  clients: LoadClient[];
  okStatus: number;
  warmupMs: number;
  measureMs: number;
  intervalMs?: number;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients.length, maxFreeSockets: clients.length });
  const base = new URL(baseUrl);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const latencies: number[] = [];
  const failures: Record<number, number> = {};
  let firstFailure: string | null = null;
  let okTotal = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + measureMs;
  const record = (startedAt: number, r: { status: number; text: string }) => {
    if (r.status === okStatus) okTotal++;
    if (startedAt < measureFrom || startedAt >= end) return;
    if (r.status === okStatus) latencies.push(performance.now() - startedAt);
    else {
      failures[r.status] = (failures[r.status] ?? 0) + 1;
      firstFailure ??= `${r.status} ${r.text.slice(0, 300)}`;
    }
  };
  const one = (c: LoadClient, startedAt: number) =>
    send(agent, base, headers, c.path, c.body()).then((r) => record(startedAt, r));

  if (intervalMs === undefined) {
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < end) await one(c, performance.now());
      }),
    );
  } else {
    const inflight: Array<Promise<void>> = [];
    await Promise.all(
      clients.map(async (c) => {
        for (let due = start + Math.random() * intervalMs; due < end; due += intervalMs) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          inflight.push(one(c, due));
        }
      }),
    );
    await Promise.all(inflight);
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length + failed,
    okTotal,
    failures,
    firstFailure,
    seconds: measureMs / 1000,
    perSecond: latencies.length / (measureMs / 1000),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

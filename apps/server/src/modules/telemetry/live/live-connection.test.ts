import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import type { WebSocket } from 'ws';
import type { TenantActor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { CLOSE, LIVE_LIMITS, LiveConnection, type ResolveTargets } from './live-connection.ts';
import { LiveIndex } from './live-index.ts';

const actor = {
  kind: 'user',
  tenantId: 'tenant-a',
  username: 'ann',
  permissions: new Set(['telemetry.data.read']),
  dataScopeNodeIds: null,
  via: { sessionId: 's' },
} as unknown as TenantActor;

/** Enough of a ws socket: records what is sent and lets a test fill its buffer. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: Array<Record<string, unknown>> = [];
  closedWith: [number, string] | null = null;
  send(text: string) {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.readyState = 3;
    this.emit('close');
  }
  ping() {}
  terminate() {
    this.readyState = 3;
  }
  receive(message: unknown) {
    this.emit('message', Buffer.from(JSON.stringify(message)), false);
  }
}

function open(
  resolve: ResolveTargets = async (targets) =>
    new Map([...targets.keys()].map((id) => [id, { metricIds: new Set([1]), deviceIds: null }])),
) {
  const socket = new FakeSocket();
  const index = new LiveIndex<LiveConnection>();
  const connection = new LiveConnection({
    socket: socket as unknown as WebSocket,
    actor,
    index,
    resolve,
    log: pino({ level: 'silent' }),
  });
  return { socket, index, connection };
}

const value = (ts: number) => ({ metricId: 1, deviceId: 'd', ts, value: ts, text: null });

describe('LiveConnection', () => {
  it('holds pushes while the client is not reading and drops it if it never catches up', async () => {
    const { socket, index } = open();
    socket.receive({ type: 'subscribe', id: 's', target: { kind: 'metrics', ids: [1] }, maxRate: 50 });
    await vi.waitFor(() => expect(socket.sent).toEqual([{ type: 'subscribed', id: 's' }]));

    vi.useFakeTimers();
    try {
      socket.bufferedAmount = LIVE_LIMITS.maxBufferedBytes + 1;
      for (let i = 1; i <= 100; i++) {
        index.dispatchValues('tenant-a', [value(i)]);
        vi.advanceTimersByTime(100);
      }
      expect(socket.sent).toHaveLength(1); // nothing queued behind the full buffer
      vi.advanceTimersByTime(LIVE_LIMITS.slowConsumerMs);
      expect(socket.closedWith).toEqual([CLOSE.slowConsumer, 'slow consumer']);
      expect(index.hasTenant('tenant-a')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends the newest value once the buffer drains', async () => {
    const { socket, index } = open();
    socket.receive({ type: 'subscribe', id: 's', target: { kind: 'metrics', ids: [1] }, maxRate: 50 });
    await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
    socket.bufferedAmount = LIVE_LIMITS.maxBufferedBytes + 1;
    for (let i = 1; i <= 5; i++) index.dispatchValues('tenant-a', [value(i)]);
    await sleep(50);
    socket.bufferedAmount = 0;
    await vi.waitFor(() => expect(socket.sent).toHaveLength(2));
    expect(socket.sent[1]).toEqual({ type: 'values', id: 's', values: [value(5)] });
  });

  it('caps subscriptions per connection and answers resolution errors per subscription', async () => {
    const { socket } = open(
      async (targets) =>
        new Map(
          [...targets.keys()].map((id) => [
            id,
            id === 'missing'
              ? new AppError('NOT_FOUND', { entity: 'device' })
              : { metricIds: new Set([1]), deviceIds: null },
          ]),
        ),
    );
    socket.receive({ type: 'subscribe', id: 'missing', target: { kind: 'device', id: crypto.randomUUID() } });
    for (let i = 0; i <= LIVE_LIMITS.subscriptionsPerConnection; i++)
      socket.receive({ type: 'subscribe', id: `s${i}`, target: { kind: 'metrics', ids: [1] } });
    await vi.waitFor(() => expect(socket.sent).toHaveLength(LIVE_LIMITS.subscriptionsPerConnection + 2));
    expect(socket.sent[0]).toEqual({
      type: 'error',
      id: 'missing',
      code: 'NOT_FOUND',
      message: 'device not found',
    });
    expect(socket.sent.at(-1)).toMatchObject({
      type: 'error',
      id: `s${LIVE_LIMITS.subscriptionsPerConnection}`,
      code: 'CONFLICT',
    });
  });

  it('closes a socket that floods the server with messages', () => {
    const { socket } = open();
    for (let i = 0; i < LIVE_LIMITS.messageBurst + 5; i++) socket.receive({ type: 'unsubscribe', id: 'x' });
    expect(socket.closedWith).toEqual([CLOSE.policy, 'too many messages']);
  });
});

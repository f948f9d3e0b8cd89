import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { ZLiveClientMessage, type TLiveServerMessage, type TLiveSubscribe } from '@greenmes/contracts';
import type { TenantActor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { LiveIndex } from './live-index.ts';
import {
  LiveSubscription,
  type LiveSink,
  type LiveTarget,
  type ResolvedTarget,
  type SendResult,
} from './live-subscription.ts';

export const LIVE_LIMITS = {
  subscriptionsPerConnection: 50,
  /** over this much unsent data, pushes wait (coalescing on) instead of queueing in memory */
  maxBufferedBytes: 1024 * 1024,
  /** a consumer that stays over the buffer limit this long is dropped */
  slowConsumerMs: 15_000,
  /** client messages: a burst big enough to re-subscribe everything after a reconnect, then a steady rate */
  messageBurst: 60,
  messagesPerSecond: 10,
} as const;

/** Close codes beyond the standard ones (RFC 6455 leaves 4000–4999 to applications). */
export const CLOSE = {
  shuttingDown: 1001,
  policy: 1008,
  slowConsumer: 1013,
  sessionEnded: 4401,
} as const;

export type ResolveTargets = (
  targets: ReadonlyMap<string, LiveTarget>,
) => Promise<Map<string, ResolvedTarget | AppError>>;

/**
 * One client socket of one tenant user. Client messages are handled strictly in order, one at a
 * time (each subscribe is a database round trip: a reconnecting tab takes one pooled connection,
 * not fifty).
 */
export class LiveConnection implements LiveSink {
  readonly actor: TenantActor;
  readonly #socket: WebSocket;
  readonly #index: LiveIndex<LiveConnection>;
  readonly #resolve: ResolveTargets;
  readonly #log: FastifyBaseLogger;
  readonly #subscriptions = new Map<string, LiveSubscription>();
  #queue: Promise<void> = Promise.resolve();
  #isClosed = false;
  #isAlive = true;
  #slowSince: number | null = null;
  #tokens: number = LIVE_LIMITS.messageBurst;
  #tokensAt = Date.now();

  constructor(o: {
    socket: WebSocket;
    actor: TenantActor;
    index: LiveIndex<LiveConnection>;
    resolve: ResolveTargets;
    log: FastifyBaseLogger;
  }) {
    this.actor = o.actor;
    this.#socket = o.socket;
    this.#index = o.index;
    this.#resolve = o.resolve;
    this.#log = o.log;
    o.index.addConnection(this);
    o.socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    o.socket.on('pong', () => (this.#isAlive = true));
    o.socket.on('close', () => this.#cleanup());
  }

  get tenantId(): string {
    return this.actor.tenantId;
  }

  /** `isControl`: replies to the client's own messages go out even when the buffer is full (they are few). */
  send(message: TLiveServerMessage, isControl = false): SendResult {
    if (this.#isClosed || this.#socket.readyState !== this.#socket.OPEN) return 'closed';
    const isFull = this.#socket.bufferedAmount > LIVE_LIMITS.maxBufferedBytes;
    if (isFull && !isControl) {
      const now = Date.now();
      this.#slowSince ??= now;
      if (now - this.#slowSince <= LIVE_LIMITS.slowConsumerMs) return 'busy';
      this.#log.info({ user: this.actor.username }, 'live socket dropped: slow consumer');
      this.close(CLOSE.slowConsumer, 'slow consumer');
      return 'closed';
    }
    if (!isFull) this.#slowSince = null;
    this.#socket.send(JSON.stringify(message));
    return 'sent';
  }

  /** Called every ping interval: no pong since the last ping means the peer is gone. */
  heartbeat(): void {
    if (this.#isClosed) return;
    if (!this.#isAlive) {
      this.#socket.terminate();
      this.#cleanup();
      return;
    }
    this.#isAlive = false;
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.ping();
  }

  close(code: number, reason: string): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(code, reason);
    this.#cleanup();
  }

  /**
   * The tenant's devices changed (or the periodic model refresh): resolve the subscriptions, all or
   * those `only` picks, again (queued behind client messages).
   */
  refresh(only?: (target: LiveTarget) => boolean): void {
    this.#enqueue(async () => {
      const targets = new Map(
        [...this.#subscriptions].flatMap(([id, s]) =>
          !only || only(s.target) ? [[id, s.target] as const] : [],
        ),
      );
      if (!targets.size) return;
      const results = await this.#resolve(targets);
      for (const [id, result] of results) {
        const subscription = this.#subscriptions.get(id);
        if (!subscription || this.#isClosed) continue;
        if (result instanceof AppError) {
          this.#drop(id);
          this.#sendError(id, result);
          continue;
        }
        this.#index.remove(this, subscription);
        subscription.setResolved(result);
        this.#index.add(this, subscription);
      }
    });
  }

  #receive(data: RawData, isBinary: boolean): void {
    this.#isAlive = true;
    if (!this.#takeToken()) return this.close(CLOSE.policy, 'too many messages');
    if (isBinary) return this.#sendError(null, new AppError('BAD_REQUEST'));
    let json: unknown;
    try {
      json = JSON.parse(textOf(data));
    } catch {
      return this.#sendError(null, new AppError('BAD_JSON'));
    }
    const parsed = ZLiveClientMessage.safeParse(json);
    if (!parsed.success) {
      const id = (json as { id?: unknown } | null)?.id;
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return this.#sendError(typeof id === 'string' ? id : null, new AppError('VALIDATION', {}, details));
    }
    const message = parsed.data;
    this.#enqueue(() =>
      message.type === 'subscribe' ? this.#subscribe(message) : this.#unsubscribe(message.id),
    );
  }

  async #subscribe(message: TLiveSubscribe): Promise<void> {
    this.#drop(message.id); // the same id again replaces the subscription
    if (this.#subscriptions.size >= LIVE_LIMITS.subscriptionsPerConnection)
      return this.#sendError(
        message.id,
        new AppError('CONFLICT', {
          reason: `at most ${LIVE_LIMITS.subscriptionsPerConnection} subscriptions per connection`,
        }),
      );
    let result: ResolvedTarget | AppError;
    try {
      result = (await this.#resolve(new Map([[message.id, message.target]]))).get(message.id)!;
    } catch (err) {
      this.#log.error({ err, target: message.target }, 'live subscription could not be resolved');
      result = new AppError('INTERNAL');
    }
    if (this.#isClosed) return;
    if (result instanceof AppError) return this.#sendError(message.id, result);
    const subscription = new LiveSubscription({
      id: message.id,
      target: message.target,
      maxRate: message.maxRate,
      resolved: result,
      sink: this,
    });
    this.#subscriptions.set(message.id, subscription);
    this.#index.add(this, subscription);
    this.send({ type: 'subscribed', id: message.id }, true);
  }

  async #unsubscribe(id: string): Promise<void> {
    this.#drop(id);
  }

  #drop(id: string): void {
    const subscription = this.#subscriptions.get(id);
    if (!subscription) return;
    this.#subscriptions.delete(id);
    this.#index.remove(this, subscription);
    subscription.close();
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(async () => {
      if (this.#isClosed) return;
      try {
        await task();
      } catch (err) {
        // a failed refresh keeps the subscriptions as they were; the next change tries again
        this.#log.error({ err }, 'live subscriptions could not be refreshed');
      }
    });
  }

  #sendError(id: string | null, error: AppError): void {
    const details = error.details ?? [];
    const detail = details.length ? `: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}` : '';
    this.send(
      { type: 'error', id, code: error.code, message: `${error.message}${detail}`.slice(0, 500) },
      true,
    );
  }

  #takeToken(): boolean {
    const now = Date.now();
    this.#tokens = Math.min(
      LIVE_LIMITS.messageBurst,
      this.#tokens + ((now - this.#tokensAt) / 1000) * LIVE_LIMITS.messagesPerSecond,
    );
    this.#tokensAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #cleanup(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    for (const id of [...this.#subscriptions.keys()]) this.#drop(id);
    this.#index.removeConnection(this);
  }
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

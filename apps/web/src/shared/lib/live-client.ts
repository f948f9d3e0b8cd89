import type { TLiveServerMessage, TLiveSubscribe } from '@greenmes/contracts';
import { API_BASE } from '../../api/client.ts';

export type LiveTarget = TLiveSubscribe['target'];
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'closed';

interface Subscription {
  id: string;
  target: LiveTarget;
  maxRate: number;
  /** the server confirmed it: until then (and after a drop) callers should poll */
  isActive: boolean;
  onMessage: (message: TLiveServerMessage) => void;
  onActiveChange: (isActive: boolean) => void;
}

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** Leaving one page for another unsubscribes then subscribes again: keep the socket across that gap. */
const IDLE_CLOSE_MS = 10_000;

function liveUrl(token: string | null): string {
  const { protocol, host } = window.location;
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${API_BASE}/live${query}`;
}

/**
 * One WebSocket for the whole tab, shared by every subscription. It opens on the first subscription,
 * reconnects with jittered exponential backoff, re-sends the subscriptions after a reconnect, and
 * closes a while after the last one goes. The session cookie authenticates the upgrade.
 */
class LiveClient {
  #socket: WebSocket | null = null;
  #subscriptions = new Map<string, Subscription>();
  #nextId = 1;
  #backoffMs = MIN_BACKOFF_MS;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #status: LiveStatus = 'idle';
  #statusListeners = new Set<(status: LiveStatus) => void>();
  #token: string | null = null;

  get status(): LiveStatus {
    return this.#status;
  }

  /**
   * A TV link (/tv/:token) has no session cookie: its token goes along as `?token=` (a browser sets no
   * headers on a WebSocket). A socket opened with other credentials closes and reconnects with these.
   */
  setToken(token: string | null): void {
    if (token === this.#token) return;
    this.#token = token;
    this.#socket?.close(1000, 'credentials changed');
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  subscribe(options: {
    target: LiveTarget;
    maxRate?: number;
    onMessage: (message: TLiveServerMessage) => void;
    onActiveChange?: (isActive: boolean) => void;
  }): () => void {
    const subscription: Subscription = {
      id: `s${this.#nextId++}`,
      target: options.target,
      maxRate: options.maxRate ?? 4,
      isActive: false,
      onMessage: options.onMessage,
      onActiveChange: options.onActiveChange ?? (() => {}),
    };
    this.#subscriptions.set(subscription.id, subscription);
    if (this.#idleTimer) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
    }
    if (this.#socket?.readyState === WebSocket.OPEN) this.#sendSubscribe(subscription);
    else this.#connect();
    return () => this.#unsubscribe(subscription.id);
  }

  #unsubscribe(id: string) {
    if (!this.#subscriptions.delete(id)) return;
    if (this.#socket?.readyState === WebSocket.OPEN)
      this.#socket.send(JSON.stringify({ type: 'unsubscribe', id }));
    if (this.#subscriptions.size === 0 && !this.#idleTimer)
      this.#idleTimer = setTimeout(() => this.#closeIdle(), IDLE_CLOSE_MS);
  }

  #closeIdle() {
    this.#idleTimer = null;
    if (this.#subscriptions.size > 0) return;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'idle');
    this.#setStatus('idle');
  }

  #setStatus(status: LiveStatus) {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }

  #setActive(subscription: Subscription, isActive: boolean) {
    if (subscription.isActive === isActive) return;
    subscription.isActive = isActive;
    subscription.onActiveChange(isActive);
  }

  #sendSubscribe(subscription: Subscription) {
    this.#socket?.send(
      JSON.stringify({
        type: 'subscribe',
        id: subscription.id,
        target: subscription.target,
        maxRate: subscription.maxRate,
      }),
    );
  }

  #connect() {
    if (this.#socket || this.#reconnectTimer) return;
    this.#setStatus('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(liveUrl(this.#token));
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#backoffMs = MIN_BACKOFF_MS;
      this.#setStatus('open');
      for (const subscription of this.#subscriptions.values()) this.#sendSubscribe(subscription);
    };
    socket.onmessage = (event: MessageEvent) => this.#receive(event.data);
    socket.onclose = () => {
      if (this.#socket !== socket) return; // closed on purpose (idle)
      this.#socket = null;
      for (const subscription of this.#subscriptions.values()) this.#setActive(subscription, false);
      this.#setStatus('closed');
      if (this.#subscriptions.size > 0) this.#scheduleReconnect();
    };
  }

  #scheduleReconnect() {
    if (this.#reconnectTimer) return;
    // jitter: a restarted server should not take every tab's reconnect in the same millisecond
    const delay = this.#backoffMs * (0.5 + Math.random() / 2);
    this.#backoffMs = Math.min(this.#backoffMs * 2, MAX_BACKOFF_MS);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#subscriptions.size > 0) this.#connect();
    }, delay);
  }

  #receive(data: unknown) {
    if (typeof data !== 'string') return;
    let message: TLiveServerMessage;
    try {
      message = JSON.parse(data) as TLiveServerMessage;
    } catch {
      return;
    }
    if (message.type === 'error' && message.id === null) return;
    const subscription = this.#subscriptions.get(message.id ?? '');
    if (!subscription) return;
    if (message.type === 'subscribed') this.#setActive(subscription, true);
    else if (message.type === 'error') this.#setActive(subscription, false);
    else if (!subscription.isActive) this.#setActive(subscription, true);
    subscription.onMessage(message);
  }
}

export const liveClient = new LiveClient();

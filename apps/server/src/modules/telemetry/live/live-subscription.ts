import type { TLiveServerMessage, TLiveSubscribe } from '@greenmes/contracts';
import type { LiveAlarm, LiveValue } from './live-digest.ts';

export type LiveTarget = TLiveSubscribe['target'];

/** What a subscription's target stands for right now (re-resolved when the tenant's devices change). */
export interface ResolvedTarget {
  metricIds: ReadonlySet<number>;
  /** alarms target: the devices the user may see; null = every device of the tenant */
  deviceIds: ReadonlySet<string> | null;
}

/** 'busy': the socket's buffer is full — keep what is pending and try again on the next tick. */
export type SendResult = 'sent' | 'busy' | 'closed';

export interface LiveSink {
  send(message: TLiveServerMessage): SendResult;
}

/**
 * Alarm changes cannot be merged into one value the way samples can; past this many waiting for one
 * subscription the client is told to reload its list instead, so memory stays bounded in a storm.
 */
export const MAX_PENDING_ALARMS = 200;

/**
 * One client subscription. Values are coalesced (only the newest per metric is kept) and flushed at
 * most `maxRate` times a second: the first update after a quiet period goes out at once, later ones
 * wait for the next slot. Memory is bounded by the number of metrics, whatever the ingest rate.
 */
export class LiveSubscription {
  readonly id: string;
  readonly target: LiveTarget;
  #resolved: ResolvedTarget;
  readonly #sink: LiveSink;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #pending = new Map<number, LiveValue>();
  /** ts last pushed per metric: a late (replayed, backfilled) sample never overwrites a newer one on screen */
  readonly #sentTs = new Map<number, number>();
  readonly #pendingAlarms = new Map<string, LiveAlarm>();
  #alarmsOverflowed = false;
  #lastFlush = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(o: {
    id: string;
    target: LiveTarget;
    maxRate: number;
    resolved: ResolvedTarget;
    sink: LiveSink;
    now?: () => number;
  }) {
    this.id = o.id;
    this.target = o.target;
    this.#resolved = o.resolved;
    this.#sink = o.sink;
    this.#intervalMs = 1000 / o.maxRate;
    this.#now = o.now ?? (() => performance.now());
  }

  get metricIds(): ReadonlySet<number> {
    return this.#resolved.metricIds;
  }

  get deviceIds(): ReadonlySet<string> | null {
    return this.#resolved.deviceIds;
  }

  /** New resolution (devices changed): forget what belongs to metrics no longer in the target. */
  setResolved(resolved: ResolvedTarget): void {
    this.#resolved = resolved;
    for (const map of [this.#pending, this.#sentTs])
      for (const metricId of map.keys()) if (!resolved.metricIds.has(metricId)) map.delete(metricId);
  }

  offerValue(v: LiveValue): void {
    if (this.#closed || !this.#resolved.metricIds.has(v.metricId)) return;
    const sent = this.#sentTs.get(v.metricId);
    if (sent !== undefined && v.ts <= sent) return;
    const pending = this.#pending.get(v.metricId);
    if (pending && v.ts < pending.ts) return;
    this.#pending.set(v.metricId, v);
    this.#schedule();
  }

  offerAlarm(alarm: LiveAlarm): void {
    if (this.#closed || this.target.kind !== 'alarms') return;
    // a user limited to some devices does not see alarms without one (an EnPI's), as in the alarm list
    if (
      this.#resolved.deviceIds &&
      (alarm.deviceId === null || !this.#resolved.deviceIds.has(alarm.deviceId))
    )
      return;
    if (this.#alarmsOverflowed) return;
    this.#pendingAlarms.delete(alarm.id); // re-insert: the map's order is the order of the latest changes
    this.#pendingAlarms.set(alarm.id, alarm);
    if (this.#pendingAlarms.size > MAX_PENDING_ALARMS) {
      this.#pendingAlarms.clear();
      this.#alarmsOverflowed = true;
    }
    this.#schedule();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
    this.#pendingAlarms.clear();
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    // even when a slot is free now, wait for the end of this tick: a digest touching many of this
    // subscription's metrics then goes out as one message
    const wait = this.#lastFlush + this.#intervalMs - this.#now();
    // timers count whole milliseconds and may fire up to 1 ms early: round so pushes stay ≥ 1/maxRate apart
    this.#timer = setTimeout(() => this.#flush(), wait > 0 ? Math.ceil(wait) + 1 : 0);
  }

  #flush(): void {
    this.#timer = null;
    if (this.#closed) return;
    this.#lastFlush = this.#now();
    if (this.#pending.size) {
      const values = [...this.#pending.values()];
      const result = this.#sink.send({ type: 'values', id: this.id, values });
      if (result === 'closed') return;
      if (result === 'busy') return this.#schedule();
      this.#pending.clear();
      for (const v of values) this.#sentTs.set(v.metricId, v.ts);
    }
    if (this.#alarmsOverflowed) {
      const result = this.#sink.send({
        type: 'error',
        id: this.id,
        code: 'LIVE_OVERFLOW',
        message: 'Too many alarm changes to stream; reload the alarm list',
      });
      if (result === 'closed') return;
      if (result === 'busy') return this.#schedule();
      this.#alarmsOverflowed = false;
    }
    for (const alarm of this.#pendingAlarms.values()) {
      const result = this.#sink.send({ type: 'alarm', id: this.id, alarm });
      if (result === 'closed') return;
      if (result === 'busy') return this.#schedule();
      this.#pendingAlarms.delete(alarm.id);
    }
  }
}

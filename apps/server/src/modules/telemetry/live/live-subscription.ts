import type { TLiveServerMessage, TLiveSubscribe } from '@greenmes/contracts';
import type { LiveAlarm, LiveProductionEvent, LiveValue } from './live-digest.ts';

export type LiveTarget = TLiveSubscribe['target'];

/** What a subscription's target stands for right now (re-resolved when the tenant's devices change). */
export interface ResolvedTarget {
  metricIds: ReadonlySet<number>;
  /** alarms target: the devices the user may see; null = every device of the tenant */
  deviceIds: ReadonlySet<string> | null;
  /** equipment-states target: each state metric's equipment (metricIds are these metrics) */
  equipmentByMetric?: ReadonlyMap<number, string>;
  /** production target: the work centers the user may see; null = every one of the tenant */
  workCenterIds?: ReadonlySet<string> | null;
}

type EquipmentStateUpdate = { equipmentId: string; state: string | null; ts: number };
type ProductionUpdate = Omit<LiveProductionEvent, 'workCenterId'>;

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
/** Production events waiting for one subscription; past this the client is told to reload instead. */
export const MAX_PENDING_PRODUCTION = 500;

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
  /** equipment-states: the newest state per equipment, and the ts last pushed for it */
  readonly #pendingStates = new Map<string, EquipmentStateUpdate>();
  readonly #sentStateTs = new Map<string, number>();
  /** production: one entry per kind, order and operation (the latest time wins) */
  readonly #pendingProduction = new Map<string, ProductionUpdate>();
  #productionOverflowed = false;
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

  get workCenterIds(): ReadonlySet<string> | null {
    return this.#resolved.workCenterIds ?? null;
  }

  /** New resolution (devices changed): forget what belongs to metrics no longer in the target. */
  setResolved(resolved: ResolvedTarget): void {
    this.#resolved = resolved;
    for (const map of [this.#pending, this.#sentTs])
      for (const metricId of map.keys()) if (!resolved.metricIds.has(metricId)) map.delete(metricId);
    if (resolved.equipmentByMetric) {
      const equipment = new Set(resolved.equipmentByMetric.values());
      for (const map of [this.#pendingStates, this.#sentStateTs])
        for (const equipmentId of map.keys()) if (!equipment.has(equipmentId)) map.delete(equipmentId);
    }
  }

  offerValue(v: LiveValue): void {
    if (this.#closed || !this.#resolved.metricIds.has(v.metricId)) return;
    if (this.target.kind === 'equipment-states') return this.#offerState(v);
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

  /**
   * `workCenterIds`: the work centers the event touches, or null when unknown. A user limited to some
   * sites or areas sees only events of work centers inside them, as in the production lists.
   */
  offerProduction(event: LiveProductionEvent, workCenterIds: readonly string[] | null): void {
    if (this.#closed || this.target.kind !== 'production') return;
    const allowed = this.#resolved.workCenterIds ?? null;
    if (allowed && !workCenterIds?.some((id) => allowed.has(id))) return;
    if (this.#productionOverflowed) return;
    const key = `${event.kind}|${event.workOrderId ?? ''}|${event.operationId ?? ''}`;
    const pending = this.#pendingProduction.get(key);
    if (!pending || event.at >= pending.at)
      this.#pendingProduction.set(key, {
        kind: event.kind,
        workOrderId: event.workOrderId,
        operationId: event.operationId,
        at: event.at,
      });
    if (this.#pendingProduction.size > MAX_PENDING_PRODUCTION) {
      this.#pendingProduction.clear();
      this.#productionOverflowed = true;
    }
    this.#schedule();
  }

  #offerState(v: LiveValue): void {
    const equipmentId = this.#resolved.equipmentByMetric?.get(v.metricId);
    if (!equipmentId) return;
    // several controllers on one machine: the most recently reported state wins, as in equipmentStates
    const sent = this.#sentStateTs.get(equipmentId);
    if (sent !== undefined && v.ts <= sent) return;
    const pending = this.#pendingStates.get(equipmentId);
    if (pending && v.ts < pending.ts) return;
    const state = v.text ?? (v.value === null ? null : String(v.value));
    this.#pendingStates.set(equipmentId, { equipmentId, state, ts: v.ts });
    this.#schedule();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
    this.#pendingAlarms.clear();
    this.#pendingStates.clear();
    this.#pendingProduction.clear();
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
    if (this.#pendingStates.size) {
      const states = [...this.#pendingStates.values()];
      const result = this.#sink.send({ type: 'equipment-states', id: this.id, states });
      if (result === 'closed') return;
      if (result === 'busy') return this.#schedule();
      this.#pendingStates.clear();
      for (const s of states) this.#sentStateTs.set(s.equipmentId, s.ts);
    }
    if (this.#productionOverflowed) {
      const result = this.#sink.send({
        type: 'error',
        id: this.id,
        code: 'LIVE_OVERFLOW',
        message: 'Too many production events to stream; reload the page',
      });
      if (result === 'closed') return;
      if (result === 'busy') return this.#schedule();
      this.#productionOverflowed = false;
    }
    if (this.#pendingProduction.size) {
      const events = [...this.#pendingProduction.values()];
      const result = this.#sink.send({ type: 'production', id: this.id, events });
      if (result === 'closed') return;
      if (result === 'busy') return this.#schedule();
      this.#pendingProduction.clear();
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

import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TAlarm } from '@greenmes/contracts';
import type { Database } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { inTenant } from '../../../platform/db/tenant-tx.ts';
import type { CommittedSample, TelemetryEvents } from '../telemetry.events.ts';
import {
  evaluate,
  newState,
  stateCode,
  type EngineRule,
  type EvalState,
  type Transition,
} from './alarm-engine.ts';
import {
  clearOpenAlarm,
  raiseAlarm,
  ruleTargets,
  snapshotOf,
  type RuleSnapshot,
  type RuleTargetRow,
} from './alarm-store.ts';

/** One rule watching one metric, with its evaluation state. */
interface Watch {
  key: string;
  rule: EngineRule;
  snapshot: RuleSnapshot;
  /** the rule's updated_at: an edited rule starts from a fresh state */
  version: number;
  deviceId: string;
  state: EvalState;
}

interface PendingTransition {
  watch: Watch;
  metricId: number;
  transition: Transition;
}

/** A tenant's compiled rules and the serial queue of its database work (loads, transition writes). */
interface TenantAlarms {
  tenantId: string;
  byMetric: Map<number, Watch[]>;
  isReady: boolean;
  isLoading: boolean;
  /** bumped by every invalidation: a load that raced one loads again */
  generation: number;
  /** samples that arrived while the rules were (re)loading, evaluated once they are in */
  buffered: CommittedSample[];
  queue: Promise<void>;
  retryAt: number;
  loadedAt: number;
}

/** Beyond this, samples that arrive during a load are dropped (and logged) rather than held. */
const MAX_BUFFERED = 1_000_000;
/**
 * Rules edited through another server instance reach this one by reloading at most this often
 * (this instance's own edits and device changes reload at once).
 */
const RELOAD_MS = 60_000;

export function compileRule(r: RuleTargetRow): EngineRule {
  return {
    type: r.type as EngineRule['type'],
    threshold: r.threshold ?? 0,
    deadband: r.deadband,
    durationMs: r.duration_seconds * 1000,
    ratePerMinute: r.rate_per_minute ?? 0,
    windowMs: (r.window_seconds ?? 60) * 1000,
    matchText: r.state_value,
    matchCode:
      r.state_value === null
        ? null
        : stateCode({ stateValue: r.state_value, valueType: r.value_type, states: r.states }),
  };
}

/**
 * Evaluates every committed sample against the rules in memory — a map lookup per sample, nothing
 * more for metrics without rules — and writes to the database only when an alarm is raised or
 * cleared. Rules load lazily per tenant and reload when devices or rules change.
 */
export class AlarmRuntime {
  readonly #tenants = new Map<string, TenantAlarms>();
  readonly #unsubscribe: Array<() => void>;
  #isClosed = false;

  constructor(
    private readonly o: {
      database: Database;
      events: TelemetryEvents;
      log: FastifyBaseLogger;
      notify: (tenantId: string, alarm: TAlarm) => void;
    },
  ) {
    this.#unsubscribe = [
      o.events.onSamples((samples) => this.#onSamples(samples)),
      o.events.onDevicesChanged((tenantId) => this.invalidate(tenantId)),
    ];
  }

  /** Drop a tenant's compiled rules (rules, devices or metrics changed); they reload before the next evaluation. */
  invalidate(tenantId: string): void {
    const t = this.#tenants.get(tenantId);
    if (!t) return; // never loaded: loads lazily on its first sample
    t.generation++;
    t.isReady = false;
    this.#ensureLoaded(t);
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    this.#unsubscribe.forEach((off) => off());
    await Promise.all([...this.#tenants.values()].map((t) => t.queue));
  }

  // Called by the ingest path after each commit: must never throw into the emitter.
  #onSamples(samples: CommittedSample[]): void {
    if (this.#isClosed) return;
    try {
      let tenant: TenantAlarms | undefined;
      let pending: PendingTransition[] = [];
      for (const s of samples) {
        if (tenant?.tenantId !== s.tenantId) {
          if (tenant && pending.length) this.#write(tenant, pending);
          pending = [];
          tenant = this.#tenant(s.tenantId);
          if (tenant.isReady && Date.now() - tenant.loadedAt > RELOAD_MS) this.invalidate(tenant.tenantId);
        }
        if (!tenant.isReady) {
          this.#buffer(tenant, s);
          continue;
        }
        const watches = tenant.byMetric.get(s.metricId);
        if (!watches) continue;
        for (const watch of watches) {
          const transition = evaluate(watch.rule, watch.state, s);
          if (transition) pending.push({ watch, metricId: s.metricId, transition });
        }
      }
      if (tenant && pending.length) this.#write(tenant, pending);
    } catch (err) {
      this.o.log.error({ err }, 'alarm evaluation failed');
    }
  }

  #tenant(tenantId: string): TenantAlarms {
    let t = this.#tenants.get(tenantId);
    if (!t) {
      t = {
        tenantId,
        byMetric: new Map(),
        isReady: false,
        isLoading: false,
        generation: 0,
        buffered: [],
        queue: Promise.resolve(),
        retryAt: 0,
        loadedAt: 0,
      };
      this.#tenants.set(tenantId, t);
    }
    return t;
  }

  #buffer(t: TenantAlarms, s: CommittedSample) {
    if (t.buffered.length < MAX_BUFFERED) t.buffered.push(s);
    else if (t.buffered.length === MAX_BUFFERED) {
      t.buffered.push(s); // once, as a marker: log one warning per overflow
      this.o.log.warn({ tenantId: t.tenantId }, 'alarm rules still loading: samples dropped from evaluation');
    }
    this.#ensureLoaded(t);
  }

  #enqueue(t: TenantAlarms, work: () => Promise<void>) {
    t.queue = t.queue.then(work).catch((err: unknown) => this.o.log.error({ err }, 'alarm work failed'));
  }

  #ensureLoaded(t: TenantAlarms) {
    if (t.isLoading || Date.now() < t.retryAt) return;
    t.isLoading = true;
    this.#enqueue(t, async () => {
      try {
        for (;;) {
          const generation = t.generation;
          await this.#load(t);
          if (generation === t.generation) break;
        }
        t.isReady = true;
      } catch (err) {
        // the database is away: evaluate nothing for a while rather than hold samples without bound
        this.o.log.error({ err, tenantId: t.tenantId }, 'alarm rules could not be loaded');
        t.retryAt = Date.now() + 5_000;
        t.buffered = [];
        return;
      } finally {
        t.isLoading = false;
      }
      const buffered = t.buffered.slice(0, MAX_BUFFERED);
      t.buffered = [];
      if (buffered.length) this.#onSamples(buffered);
    });
  }

  /** Compiles the tenant's rules; keeps the state of pairs whose rule did not change; open alarms from the database. */
  async #load(t: TenantAlarms) {
    const { targets, open } = await inTenant(this.o.database.db, t.tenantId, async (tx) => ({
      targets: await queryRows<RuleTargetRow>(
        tx,
        ruleTargets(sql`r.tenant_id = ${t.tenantId} AND r.type <> 'no_data'`),
      ),
      open: await queryRows<{ rule_id: string; metric_id: string | number; raised_at: Date | string }>(
        tx,
        sql`SELECT rule_id, metric_id, raised_at FROM alarms
            WHERE tenant_id = ${t.tenantId} AND state <> 'cleared' AND rule_id IS NOT NULL`,
      ),
    }));
    const raisedAt = new Map(
      open.map((o) => [`${o.rule_id}:${Number(o.metric_id)}`, new Date(o.raised_at).getTime()]),
    );
    const previous = new Map<string, Watch>();
    for (const watches of t.byMetric.values()) for (const w of watches) previous.set(w.key, w);
    const byMetric = new Map<number, Watch[]>();
    for (const row of targets) {
      const metricId = Number(row.metric_id);
      const key = `${row.rule_id}:${metricId}`;
      const version = new Date(row.rule_updated_at).getTime();
      const prior = previous.get(key);
      const openSince = raisedAt.get(key);
      const state =
        prior && prior.version === version ? prior.state : newState({ lastTs: openSince ?? -Infinity });
      // the database is the truth about open alarms (another instance, a failed write, a housekeeping clear)
      state.isActive = openSince !== undefined;
      if (state.isActive) state.pendingSince = null;
      const watch: Watch = {
        key,
        rule: compileRule(row),
        snapshot: snapshotOf(row),
        version,
        deviceId: row.device_id,
        state,
      };
      const list = byMetric.get(metricId);
      if (list) list.push(watch);
      else byMetric.set(metricId, [watch]);
    }
    t.byMetric = byMetric;
    t.loadedAt = Date.now();
  }

  /** One tenant transaction for the transitions of one commit; listeners hear of them after it commits. */
  #write(t: TenantAlarms, pending: PendingTransition[]) {
    this.#enqueue(t, async () => {
      let changed: TAlarm[];
      try {
        changed = await inTenant(this.o.database.db, t.tenantId, async (tx) => {
          const out: TAlarm[] = [];
          for (const { watch, metricId, transition: tr } of pending) {
            const at = new Date(tr.ts);
            const alarm =
              tr.kind === 'raise'
                ? await raiseAlarm(tx, {
                    tenantId: t.tenantId,
                    rule: watch.snapshot,
                    metricId,
                    deviceId: watch.deviceId,
                    at,
                    value: tr.value,
                    text: tr.text,
                  })
                : await clearOpenAlarm(tx, {
                    tenantId: t.tenantId,
                    ruleId: watch.snapshot.id,
                    metricId,
                    at,
                    value: tr.value,
                  });
            if (alarm) out.push(alarm);
          }
          return out;
        });
      } catch (err) {
        // e.g. the rule was deleted meanwhile: reload, and let the database's open alarms set the state again
        this.o.log.error({ err, tenantId: t.tenantId }, 'alarm transitions not saved; reloading alarm rules');
        this.invalidate(t.tenantId);
        return;
      }
      for (const alarm of changed) this.o.notify(t.tenantId, alarm);
    });
  }
}

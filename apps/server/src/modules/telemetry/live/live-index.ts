import type { LiveAlarm, LiveProductionEvent, LiveValue } from './live-digest.ts';
import type { LiveSubscription } from './live-subscription.ts';

interface Connection {
  readonly tenantId: string;
}

interface TenantEntry<C> {
  connections: Set<C>;
  byMetric: Map<number, Set<LiveSubscription>>;
  alarms: Set<LiveSubscription>;
  production: Set<LiveSubscription>;
}

/**
 * This instance's sockets and subscriptions, by tenant and metric: a digest from the broker touches
 * only the subscriptions of its own tenant that hold its metrics — never another tenant's.
 */
export class LiveIndex<C extends Connection> {
  readonly #tenants = new Map<string, TenantEntry<C>>();

  addConnection(connection: C): void {
    let entry = this.#tenants.get(connection.tenantId);
    if (!entry)
      this.#tenants.set(
        connection.tenantId,
        (entry = { connections: new Set(), byMetric: new Map(), alarms: new Set(), production: new Set() }),
      );
    entry.connections.add(connection);
  }

  /** The connection's subscriptions must have been removed first. */
  removeConnection(connection: C): void {
    const entry = this.#tenants.get(connection.tenantId);
    if (!entry) return;
    entry.connections.delete(connection);
    if (!entry.connections.size) this.#tenants.delete(connection.tenantId);
  }

  add(connection: C, subscription: LiveSubscription): void {
    const entry = this.#tenants.get(connection.tenantId);
    if (!entry) return;
    if (subscription.target.kind === 'alarms') entry.alarms.add(subscription);
    if (subscription.target.kind === 'production') entry.production.add(subscription);
    for (const metricId of subscription.metricIds) {
      let set = entry.byMetric.get(metricId);
      if (!set) entry.byMetric.set(metricId, (set = new Set()));
      set.add(subscription);
    }
  }

  remove(connection: C, subscription: LiveSubscription): void {
    const entry = this.#tenants.get(connection.tenantId);
    if (!entry) return;
    entry.alarms.delete(subscription);
    entry.production.delete(subscription);
    for (const metricId of subscription.metricIds) {
      const set = entry.byMetric.get(metricId);
      set?.delete(subscription);
      if (set?.size === 0) entry.byMetric.delete(metricId);
    }
  }

  hasTenant(tenantId: string): boolean {
    return this.#tenants.has(tenantId);
  }

  connectionsOf(tenantId: string): C[] {
    return [...(this.#tenants.get(tenantId)?.connections ?? [])];
  }

  all(): C[] {
    return [...this.#tenants.values()].flatMap((entry) => [...entry.connections]);
  }

  dispatchValues(tenantId: string, values: LiveValue[]): void {
    const byMetric = this.#tenants.get(tenantId)?.byMetric;
    if (!byMetric?.size) return;
    for (const value of values) {
      const subscriptions = byMetric.get(value.metricId);
      if (subscriptions) for (const subscription of subscriptions) subscription.offerValue(value);
    }
  }

  /** Whether any production subscription of the tenant is limited to some work centers. */
  hasScopedProduction(tenantId: string): boolean {
    for (const subscription of this.#tenants.get(tenantId)?.production ?? [])
      if (subscription.workCenterIds) return true;
    return false;
  }

  hasProduction(tenantId: string): boolean {
    return Boolean(this.#tenants.get(tenantId)?.production.size);
  }

  /** `workCentersOf`: the work centers each event touches (null: unknown), for scoped subscriptions. */
  dispatchProduction(
    tenantId: string,
    events: LiveProductionEvent[],
    workCentersOf: (event: LiveProductionEvent) => readonly string[] | null,
  ): void {
    const subscriptions = this.#tenants.get(tenantId)?.production;
    if (!subscriptions?.size) return;
    for (const event of events) {
      const workCenterIds = workCentersOf(event);
      for (const subscription of subscriptions) subscription.offerProduction(event, workCenterIds);
    }
  }

  dispatchAlarm(tenantId: string, alarm: LiveAlarm): void {
    for (const subscription of this.#tenants.get(tenantId)?.alarms ?? []) subscription.offerAlarm(alarm);
  }
}

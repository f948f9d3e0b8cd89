import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { hashToken } from '../../../platform/auth/tokens.ts';
import { burnVerifyTime, verifyPassword } from '../../../platform/auth/passwords.ts';
import type { TelemetryEvents } from '../telemetry.events.ts';
import type { DeviceEntry, MetricEntry, Sender } from './payload.ts';

export interface AuthenticatedSender extends Sender {
  id: string;
  tenantCode: string;
  credentialId: string;
}

const FOUND_TTL_MS = 60_000;
const MISSING_TTL_MS = 5_000;

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Looks devices, metrics and credentials up in the platform context (the sender's tenant comes
 * from its credential, never from the payload) and caches them; a change through the API drops
 * the tenant's entries at once on this instance, other instances within a minute.
 */
export class DeviceRegistry {
  readonly #database: Database;
  readonly #devices = new Map<string, Map<string, Cached<DeviceEntry | null>>>();
  readonly #tokens = new Map<string, Cached<AuthenticatedSender | null>>();
  readonly #tenants = new Map<string, Cached<string | null>>();
  readonly #gateways = new Map<string, Cached<string | null>>();

  constructor({ database, events }: { database: Database; events: TelemetryEvents }) {
    this.#database = database;
    events.onDevicesChanged((tenantId) => this.forget(tenantId));
  }

  forget(tenantId: string) {
    this.#devices.delete(tenantId);
    for (const [hash, c] of this.#tokens) if (c.value?.tenantId === tenantId) this.#tokens.delete(hash);
    for (const key of this.#gateways.keys()) if (key.startsWith(`${tenantId}/`)) this.#gateways.delete(key);
  }

  /** Device entries by code for one tenant; codes that name no device are absent. */
  async devices(tenantId: string, codes: Iterable<string>): Promise<Map<string, DeviceEntry>> {
    const now = Date.now();
    let cache = this.#devices.get(tenantId);
    if (!cache) this.#devices.set(tenantId, (cache = new Map()));
    const out = new Map<string, DeviceEntry>();
    const missing: string[] = [];
    for (const code of codes) {
      const hit = cache.get(code);
      if (hit && hit.until > now) {
        if (hit.value) out.set(code, hit.value);
      } else missing.push(code);
    }
    if (!missing.length) return out;
    const rows = await queryRows<{
      id: string;
      code: string;
      gateway_id: string | null;
      is_enabled: boolean;
      metric_id: string | null;
      key: string | null;
      value_type: MetricEntry['valueType'] | null;
      kind: string | null;
      scale: number | null;
      offset: number | null;
      states: string[] | null;
    }>(
      this.#database.db,
      sql`SELECT d.id, d.code, d.gateway_id, d.is_enabled, m.id AS metric_id, m.key, m.value_type, m.kind,
            m.scale, m."offset", m.states
          FROM devices d LEFT JOIN metrics m ON m.tenant_id = d.tenant_id AND m.device_id = d.id
          WHERE d.tenant_id = ${tenantId} AND d.code = ANY(${sql.param(missing)})`,
    );
    const loaded = new Map<string, DeviceEntry>();
    for (const r of rows) {
      let entry = loaded.get(r.code);
      if (!entry) {
        entry = {
          tenantId,
          id: r.id,
          code: r.code,
          gatewayId: r.gateway_id,
          isEnabled: r.is_enabled,
          metrics: new Map(),
        };
        loaded.set(r.code, entry);
      }
      if (r.metric_id !== null && r.key !== null)
        entry.metrics.set(r.key, {
          id: Number(r.metric_id),
          key: r.key,
          valueType: r.value_type!,
          kind: r.kind!,
          scale: Number(r.scale),
          offset: Number(r.offset),
          states: r.states,
        });
    }
    for (const code of missing) {
      const entry = loaded.get(code) ?? null;
      cache.set(code, { value: entry, until: now + (entry ? FOUND_TTL_MS : MISSING_TTL_MS) });
      if (entry) out.set(code, entry);
    }
    return out;
  }

  /** Tenant id of an active tenant by its code (external-broker topics carry the code). */
  async tenantId(code: string): Promise<string | null> {
    const hit = this.#tenants.get(code);
    if (hit && hit.until > Date.now()) return hit.value;
    const [row] = await queryRows<{ id: string }>(
      this.#database.db,
      sql`SELECT id FROM tenants WHERE code = ${code} AND status = 'active'`,
    );
    const value = row?.id ?? null;
    this.#tenants.set(code, { value, until: Date.now() + (value ? FOUND_TTL_MS : MISSING_TTL_MS) });
    return value;
  }

  async gatewayId(tenantId: string, code: string): Promise<string | null> {
    const key = `${tenantId}/${code}`;
    const hit = this.#gateways.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const [row] = await queryRows<{ id: string }>(
      this.#database.db,
      sql`SELECT id FROM gateways WHERE tenant_id = ${tenantId} AND code = ${code} AND is_enabled`,
    );
    const value = row?.id ?? null;
    this.#gateways.set(key, { value, until: Date.now() + (value ? FOUND_TTL_MS : MISSING_TTL_MS) });
    return value;
  }

  /**
   * A device's or gateway's credential: an access token (gmd_…), or `tenant/username` with a
   * password. Null when unknown, revoked, disabled or the tenant is suspended.
   */
  async authenticate(
    username: string | undefined,
    password: string | undefined,
  ): Promise<AuthenticatedSender | null> {
    const token = password?.startsWith('gmd_')
      ? password
      : username?.startsWith('gmd_')
        ? username
        : undefined;
    if (token) return this.#byToken(token);
    if (!username || !password) return null;
    const slash = username.indexOf('/');
    if (slash < 1) return null;
    const rows = await this.#senderRows(
      sql`t.code = ${username.slice(0, slash)} AND c.username = ${username.slice(slash + 1)} AND c.kind = 'password'`,
    );
    const row = rows[0];
    if (!row?.password_hash) {
      await burnVerifyTime(password); // same timing whether or not the username exists
      return null;
    }
    if (!(await verifyPassword(row.password_hash, password))) return null;
    await this.#touchCredential(row.tenant_id, row.credential_id);
    return toSender(row);
  }

  async #byToken(token: string): Promise<AuthenticatedSender | null> {
    const hash = hashToken(token);
    const hit = this.#tokens.get(hash);
    if (hit && hit.until > Date.now()) return hit.value;
    const [row] = await this.#senderRows(sql`c.token_hash = ${hash}`);
    const value = row ? toSender(row) : null;
    this.#tokens.set(hash, { value, until: Date.now() + (value ? FOUND_TTL_MS : MISSING_TTL_MS) });
    if (row) await this.#touchCredential(row.tenant_id, row.credential_id);
    return value;
  }

  #senderRows(where: ReturnType<typeof sql>) {
    return queryRows<SenderRow>(
      this.#database.db,
      sql`SELECT c.id AS credential_id, c.tenant_id, t.code AS tenant_code, c.password_hash,
            c.device_id, d.code AS device_code, c.gateway_id, g.code AS gateway_code
          FROM device_credentials c
          JOIN tenants t ON t.id = c.tenant_id AND t.status = 'active'
          LEFT JOIN devices d ON d.tenant_id = c.tenant_id AND d.id = c.device_id
          LEFT JOIN gateways g ON g.tenant_id = c.tenant_id AND g.id = c.gateway_id
          WHERE ${where} AND c.revoked_at IS NULL AND (g.id IS NULL OR g.is_enabled)`,
    );
  }

  async #touchCredential(tenantId: string, id: string) {
    // at most one write a minute per credential
    await this.#database.db.execute(
      sql`UPDATE device_credentials SET last_used_at = now() WHERE tenant_id = ${tenantId} AND id = ${id}
          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    );
  }
}

interface SenderRow {
  credential_id: string;
  tenant_id: string;
  tenant_code: string;
  password_hash: string | null;
  device_id: string | null;
  device_code: string | null;
  gateway_id: string | null;
  gateway_code: string | null;
}

const toSender = (r: SenderRow): AuthenticatedSender =>
  r.device_id
    ? {
        tenantId: r.tenant_id,
        tenantCode: r.tenant_code,
        kind: 'device',
        id: r.device_id,
        code: r.device_code!,
        credentialId: r.credential_id,
      }
    : {
        tenantId: r.tenant_id,
        tenantCode: r.tenant_code,
        kind: 'gateway',
        id: r.gateway_id!,
        code: r.gateway_code!,
        credentialId: r.credential_id,
      };

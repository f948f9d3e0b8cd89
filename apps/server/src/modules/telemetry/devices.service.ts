import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type {
  TCreateDevice,
  TDevice,
  TDeviceQuery,
  TLatestValue,
  TMetric,
  TMetricDefinition,
  TPage,
  TUpdateDevice,
  TUpdateMetricDefinition,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { scopeOf } from '../modeling/data-scope.ts';
import { assertDefinitions, defColumns, mergeDefinition, toDefinition } from './metric-defs.ts';
import { instantiateProfile } from './profiles.service.ts';
import { devices, metrics } from './telemetry.schema.ts';

const ENTITY = 'device';

/** online / offline / never_seen / disabled, from the last sample's arrival (derived, never stored). */
export const connectivitySql = (alias: string, offlineAfter: SQL) => {
  const a = sql.raw(alias);
  return sql`CASE WHEN NOT ${a}.is_enabled THEN 'disabled' WHEN ${a}.last_seen_at IS NULL THEN 'never_seen'
    WHEN ${a}.last_seen_at > now() - ${offlineAfter} * interval '1 second' THEN 'online' ELSE 'offline' END`;
};

/**
 * A user limited to some sites or areas sees the devices bound to equipment there (and no unbound
 * ones); null means unrestricted.
 */
export async function deviceScope(ctx: Ctx): Promise<SQL | null> {
  if (ctx.actor.dataScopeNodeIds === null) return null;
  const nodes = await queryRows<{ id: string; parentId: string | null }>(
    ctx.tx,
    sql`SELECT id, parent_id AS "parentId" FROM plant_nodes`,
  );
  const allowed = [...(scopeOf(ctx, nodes).allowed ?? [])];
  return sql`d.equipment_id IN (SELECT id FROM equipment WHERE node_id = ANY(${sql.param(allowed)}))`;
}

interface DeviceRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  gateway_id: string | null;
  gateway_code: string | null;
  profile_id: string | null;
  profile_code: string | null;
  equipment_id: string | null;
  equipment_code: string | null;
  equipment_name: string | null;
  is_enabled: boolean;
  offline_after_seconds: number;
  last_seen_at: Date | string | null;
  connectivity: TDevice['connectivity'];
  metric_count: number;
  accepted: string | number | null;
  rejected: string | number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const toDevice = (r: DeviceRow): TDevice => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  gatewayId: r.gateway_id,
  gatewayCode: r.gateway_code,
  profileId: r.profile_id,
  profileCode: r.profile_code,
  equipmentId: r.equipment_id,
  equipmentCode: r.equipment_code,
  equipmentName: r.equipment_name,
  isEnabled: r.is_enabled,
  offlineAfterSeconds: r.offline_after_seconds,
  lastSeenAt: r.last_seen_at ? toIso(r.last_seen_at) : null,
  connectivity: r.connectivity,
  metricCount: r.metric_count,
  accepted: Number(r.accepted ?? 0),
  rejected: Number(r.rejected ?? 0),
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

const deviceSelect = (where: SQL) => sql`SELECT * FROM (
    SELECT d.id, d.code, d.name, d.description, d.gateway_id, g.code AS gateway_code, d.profile_id, p.code AS profile_code,
      d.equipment_id, e.code AS equipment_code, e.name AS equipment_name, d.is_enabled, d.offline_after_seconds,
      d.last_seen_at, ${connectivitySql('d', sql`d.offline_after_seconds`)} AS connectivity,
      (SELECT count(*)::int FROM metrics m WHERE m.device_id = d.id) AS metric_count,
      s.accepted, s.rejected, d.created_at, d.updated_at
    FROM devices d
    LEFT JOIN gateways g ON g.tenant_id = d.tenant_id AND g.id = d.gateway_id
    LEFT JOIN device_profiles p ON p.tenant_id = d.tenant_id AND p.id = d.profile_id
    LEFT JOIN equipment e ON e.tenant_id = d.tenant_id AND e.id = d.equipment_id
    LEFT JOIN device_ingest_stats s ON s.tenant_id = d.tenant_id AND s.device_id = d.id
    WHERE ${where}) d`;

export async function listDevices({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TDeviceQuery;
}): Promise<TPage<TDevice>> {
  const scope = await deviceScope(ctx);
  const conditions: SQL[] = [sql`true`];
  if (scope) conditions.push(scope);
  if (query.q)
    conditions.push(sql`(d.code ILIKE ${likePattern(query.q)} OR d.name ILIKE ${likePattern(query.q)})`);
  if (query.gatewayId) conditions.push(sql`d.gateway_id = ${query.gatewayId}`);
  if (query.profileId) conditions.push(sql`d.profile_id = ${query.profileId}`);
  if (query.equipmentId) conditions.push(sql`d.equipment_id = ${query.equipmentId}`);
  const where = sql.join(conditions, sql` AND `);
  const outer = query.connectivity ? sql`WHERE d.connectivity = ${query.connectivity}` : sql``;
  const { limit, offset } = pageWindow(query);
  const [{ total }] = (await queryRows<{ total: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS total FROM (${deviceSelect(where)} ${outer}) x`,
  )) as [{ total: number }];
  const rows = await queryRows<DeviceRow>(
    ctx.tx,
    sql`${deviceSelect(where)} ${outer} ORDER BY d.code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toDevice), total, page: query.page, pageSize: query.pageSize };
}

export async function getDevice({ ctx, id }: { ctx: Ctx; id: string }): Promise<TDevice> {
  const scope = await deviceScope(ctx);
  const [row] = await queryRows<DeviceRow>(
    ctx.tx,
    deviceSelect(scope ? sql`d.id = ${id} AND ${scope}` : sql`d.id = ${id}`),
  );
  if (!row) throw notFound(ENTITY);
  return toDevice(row);
}

async function assertRefs(ctx: Ctx, input: TUpdateDevice) {
  const issues: Array<{ path: string; message: string }> = [];
  const exists = async (table: string, id: string) =>
    (await queryRows(ctx.tx, sql`SELECT 1 FROM ${sql.identifier(table)} WHERE id = ${id}`)).length > 0;
  if (input.gatewayId && !(await exists('gateways', input.gatewayId)))
    issues.push({ path: 'body.gatewayId', message: 'unknown gateway' });
  if (input.profileId && !(await exists('device_profiles', input.profileId)))
    issues.push({ path: 'body.profileId', message: 'unknown device profile' });
  if (input.equipmentId && !(await exists('equipment', input.equipmentId)))
    issues.push({ path: 'body.equipmentId', message: 'unknown equipment' });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  if (input.code) {
    const [taken] = await queryRows<{ id: string }>(
      ctx.tx,
      sql`SELECT id FROM devices WHERE code = ${input.code}`,
    );
    if (taken) return taken.id;
  }
  return null;
}

export async function createDevice({ ctx, input }: { ctx: Ctx; input: TCreateDevice }): Promise<TDevice> {
  if (await assertRefs(ctx, input))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  const profileKeys = input.profileId
    ? (
        await queryRows<{ key: string }>(
          ctx.tx,
          sql`SELECT key FROM profile_metrics WHERE profile_id = ${input.profileId}`,
        )
      ).map((r) => r.key)
    : [];
  await assertDefinitions(ctx, input.metrics, (i) => `body.metrics[${i}]`, profileKeys);
  const id = randomUUID();
  await ctx.tx.insert(devices).values({
    tenantId: ctx.actor.tenantId,
    id,
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    gatewayId: input.gatewayId ?? null,
    equipmentId: input.equipmentId ?? null,
    isEnabled: input.isEnabled ?? true,
    offlineAfterSeconds: input.offlineAfterSeconds ?? 300,
  });
  if (input.profileId) await instantiateProfile(ctx, id, input.profileId);
  if (input.metrics.length)
    await ctx.tx.insert(metrics).values(
      input.metrics.map((d, i) => ({
        tenantId: ctx.actor.tenantId,
        deviceId: id,
        ...defColumns(d, 1000 + i),
      })),
    );
  const created = await getDevice({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'device', entityId: id, after: created });
  return created;
}

export async function updateDevice({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateDevice;
}): Promise<TDevice> {
  const before = await getDevice({ ctx, id });
  const taken = await assertRefs(ctx, input);
  if (taken && taken !== id) throw new AppError('DUPLICATE_CODE', { code: input.code!, entity: ENTITY });
  const { profileId, ...rest } = input;
  await ctx.tx
    .update(devices)
    .set({ ...rest, updatedAt: new Date() })
    .where(eq(devices.id, id));
  if (profileId !== undefined && profileId !== before.profileId) {
    // metrics of the old profile stay (with their data) as the device's own
    await ctx.tx.update(metrics).set({ profileMetricId: null }).where(eq(metrics.deviceId, id));
    if (profileId) await instantiateProfile(ctx, id, profileId);
    else await ctx.tx.update(devices).set({ profileId: null }).where(eq(devices.id, id));
  }
  const after = await getDevice({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'device', entityId: id, before, after });
  return after;
}

/** A device with stored data is disabled, not deleted: its history belongs to the equipment. */
export async function deleteDevice({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getDevice({ ctx, id });
  const [{ n }] = (await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM metric_latest l JOIN metrics m ON m.tenant_id = l.tenant_id AND m.id = l.metric_id
        WHERE m.device_id = ${id}`,
  )) as [{ n: number }];
  if (n)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: n,
      users: 'metrics with stored data',
    });
  await ctx.tx.delete(devices).where(eq(devices.id, id));
  await recordAudit(ctx, { action: 'delete', entityType: 'device', entityId: id, before });
}

// ---- metrics ----
const toMetric = (m: typeof metrics.$inferSelect): TMetric => ({
  id: Number(m.id),
  deviceId: m.deviceId,
  profileMetricId: m.profileMetricId,
  ...toDefinition(m),
});

export async function listMetrics({ ctx, deviceId }: { ctx: Ctx; deviceId: string }): Promise<TMetric[]> {
  await getDevice({ ctx, id: deviceId });
  const rows = await ctx.tx
    .select()
    .from(metrics)
    .where(eq(metrics.deviceId, deviceId))
    .orderBy(metrics.sortOrder, metrics.key);
  return rows.map(toMetric);
}

export async function addMetric({
  ctx,
  deviceId,
  input,
}: {
  ctx: Ctx;
  deviceId: string;
  input: TMetricDefinition;
}): Promise<TMetric> {
  const existing = await listMetrics({ ctx, deviceId });
  await assertDefinitions(
    ctx,
    [input],
    () => 'body',
    existing.map((m) => m.key),
  );
  const [row] = await ctx.tx
    .insert(metrics)
    .values({ tenantId: ctx.actor.tenantId, deviceId, ...defColumns(input, 1000 + existing.length) })
    .returning();
  const created = toMetric(row!);
  await recordAudit(ctx, {
    action: 'create',
    entityType: 'metric',
    entityId: String(created.id),
    after: created,
  });
  return created;
}

async function deviceMetric(ctx: Ctx, deviceId: string, metricId: number) {
  await getDevice({ ctx, id: deviceId });
  const [row] = await ctx.tx
    .select()
    .from(metrics)
    .where(and(eq(metrics.deviceId, deviceId), eq(metrics.id, metricId)));
  if (!row) throw notFound('metric');
  return row;
}

export async function updateMetric({
  ctx,
  deviceId,
  metricId,
  input,
}: {
  ctx: Ctx;
  deviceId: string;
  metricId: number;
  input: TUpdateMetricDefinition;
}): Promise<TMetric> {
  const row = await deviceMetric(ctx, deviceId, metricId);
  if (row.profileMetricId)
    throw new AppError('CONFLICT', {
      reason: `metric ${row.key} comes from the device profile; edit it there`,
    });
  await assertDefinitions(ctx, [input], () => 'body');
  const { key: _key, ...changes } = mergeDefinition(row, input, 'body');
  void _key;
  await ctx.tx
    .update(metrics)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(metrics.id, metricId));
  const after = toMetric((await ctx.tx.select().from(metrics).where(eq(metrics.id, metricId)))[0]!);
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'metric',
    entityId: String(metricId),
    before: toMetric(row),
    after,
  });
  return after;
}

export async function deleteMetric({
  ctx,
  deviceId,
  metricId,
}: {
  ctx: Ctx;
  deviceId: string;
  metricId: number;
}) {
  const row = await deviceMetric(ctx, deviceId, metricId);
  if (row.profileMetricId)
    throw new AppError('CONFLICT', {
      reason: `metric ${row.key} comes from the device profile; remove it there`,
    });
  const [hasData] = await queryRows(ctx.tx, sql`SELECT 1 FROM metric_latest WHERE metric_id = ${metricId}`);
  if (hasData)
    throw new AppError('IN_USE', { entity: 'metric', code: row.key, count: 1, users: 'stored samples' });
  await ctx.tx.delete(metrics).where(eq(metrics.id, metricId));
  await recordAudit(ctx, {
    action: 'delete',
    entityType: 'metric',
    entityId: String(metricId),
    before: toMetric(row),
  });
}

// ---- latest values ----
/**
 * Latest value per metric: the metric_latest row (refreshed every few seconds by the writer) or a
 * newer raw sample if one has arrived since — one index probe per metric.
 */
export async function latestValues(ctx: Ctx, where: SQL): Promise<TLatestValue[]> {
  const rows = await queryRows<{
    metric_id: string;
    device_id: string;
    device_code: string;
    key: string;
    name: string;
    unit_code: string | null;
    value_type: TLatestValue['valueType'];
    ts: Date | string | null;
    value: number | null;
    text_value: string | null;
  }>(
    ctx.tx,
    sql`SELECT m.id AS metric_id, d.id AS device_id, d.code AS device_code, m.key, m.name, m.unit_code, m.value_type,
          coalesce(r.ts, l.ts) AS ts, CASE WHEN r.ts IS NULL THEN l.value ELSE r.value END AS value,
          CASE WHEN r.ts IS NULL THEN l.text_value ELSE r.text_value END AS text_value
        FROM metrics m JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
        LEFT JOIN metric_latest l ON l.tenant_id = m.tenant_id AND l.metric_id = m.id
        LEFT JOIN LATERAL (SELECT s.ts, s.value, s.text_value FROM samples s
          WHERE s.tenant_id = m.tenant_id AND s.metric_id = m.id AND s.ts > coalesce(l.ts, '-infinity')
          ORDER BY s.ts DESC LIMIT 1) r ON true
        WHERE ${where}
        ORDER BY d.code, m.sort_order, m.key`,
  );
  return rows.map((r) => ({
    metricId: Number(r.metric_id),
    deviceId: r.device_id,
    deviceCode: r.device_code,
    key: r.key,
    name: r.name,
    unitCode: r.unit_code,
    valueType: r.value_type,
    ts: r.ts ? toIso(r.ts) : null,
    value: r.value === null ? null : Number(r.value),
    textValue: r.text_value,
  }));
}

export async function deviceLatest({ ctx, id }: { ctx: Ctx; id: string }) {
  await getDevice({ ctx, id });
  return latestValues(ctx, sql`d.id = ${id}`);
}

export async function equipmentLatest({ ctx, equipmentId }: { ctx: Ctx; equipmentId: string }) {
  const [equipment] = await queryRows(ctx.tx, sql`SELECT 1 FROM equipment WHERE id = ${equipmentId}`);
  if (!equipment) throw notFound('equipment');
  const scope = await deviceScope(ctx);
  return latestValues(
    ctx,
    scope ? sql`d.equipment_id = ${equipmentId} AND ${scope}` : sql`d.equipment_id = ${equipmentId}`,
  );
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type {
  TCreateDeviceProfile,
  TDeviceProfile,
  TMetricDefinition,
  TPage,
  TPageQuery,
  TProfileMetric,
  TUpdateDeviceProfile,
  TUpdateMetricDefinition,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { countAll, likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { assertDefinitions, defColumns, mergeDefinition, toDefinition } from './metric-defs.ts';
import { deviceProfiles, devices, metrics, profileMetrics } from './telemetry.schema.ts';

const ENTITY = 'device profile';

export async function listProfiles({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TPageQuery;
}): Promise<TPage<TDeviceProfile>> {
  const where = query.q
    ? or(ilike(deviceProfiles.code, likePattern(query.q)), ilike(deviceProfiles.name, likePattern(query.q)))
    : undefined;
  const { limit, offset } = pageWindow(query);
  const [{ total }] = (await ctx.tx.select({ total: countAll }).from(deviceProfiles).where(where)) as [
    { total: number },
  ];
  const rows = await ctx.tx
    .select({ id: deviceProfiles.id })
    .from(deviceProfiles)
    .where(where)
    .orderBy(asc(deviceProfiles.code))
    .limit(limit)
    .offset(offset);
  const items = await profilesById(
    ctx,
    rows.map((r) => r.id),
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function profilesById(ctx: Ctx, ids: string[]): Promise<TDeviceProfile[]> {
  if (!ids.length) return [];
  const rows = await ctx.tx
    .select()
    .from(deviceProfiles)
    .where(inArray(deviceProfiles.id, ids))
    .orderBy(asc(deviceProfiles.code));
  const defs = await ctx.tx
    .select()
    .from(profileMetrics)
    .where(inArray(profileMetrics.profileId, ids))
    .orderBy(asc(profileMetrics.sortOrder), asc(profileMetrics.key));
  const counts = await queryRows<{ profile_id: string; n: number }>(
    ctx.tx,
    sql`SELECT profile_id, count(*)::int AS n FROM devices WHERE profile_id = ANY(${sql.param(ids)}) GROUP BY profile_id`,
  );
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    metrics: defs.filter((d) => d.profileId === p.id).map(toProfileMetric),
    deviceCount: counts.find((c) => c.profile_id === p.id)?.n ?? 0,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

const toProfileMetric = (d: typeof profileMetrics.$inferSelect): TProfileMetric => ({
  id: d.id,
  ...toDefinition(d),
});

export async function getProfile({ ctx, id }: { ctx: Ctx; id: string }): Promise<TDeviceProfile> {
  const [profile] = await profilesById(ctx, [id]);
  if (!profile) throw notFound(ENTITY);
  return profile;
}

async function assertCodeFree(ctx: Ctx, code: string, exceptId?: string) {
  const [row] = await ctx.tx
    .select({ id: deviceProfiles.id })
    .from(deviceProfiles)
    .where(
      and(eq(deviceProfiles.code, code), exceptId ? sql`${deviceProfiles.id} <> ${exceptId}` : undefined),
    );
  if (row) throw new AppError('DUPLICATE_CODE', { code, entity: ENTITY });
}

export async function createProfile({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreateDeviceProfile;
}): Promise<TDeviceProfile> {
  await assertCodeFree(ctx, input.code);
  await assertDefinitions(ctx, input.metrics, (i) => `body.metrics[${i}]`);
  const id = randomUUID();
  await ctx.tx.insert(deviceProfiles).values({
    tenantId: ctx.actor.tenantId,
    id,
    code: input.code,
    name: input.name,
    description: input.description ?? null,
  });
  if (input.metrics.length)
    await ctx.tx.insert(profileMetrics).values(
      input.metrics.map((d, i) => ({
        tenantId: ctx.actor.tenantId,
        id: randomUUID(),
        profileId: id,
        ...defColumns(d, i),
      })),
    );
  const created = await getProfile({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'device_profile', entityId: id, after: created });
  return created;
}

export async function updateProfile({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateDeviceProfile;
}): Promise<TDeviceProfile> {
  const before = await getProfile({ ctx, id });
  if (input.code && input.code !== before.code) await assertCodeFree(ctx, input.code, id);
  await ctx.tx
    .update(deviceProfiles)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(deviceProfiles.id, id));
  const after = await getProfile({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'device_profile', entityId: id, before, after });
  return after;
}

export async function deleteProfile({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getProfile({ ctx, id });
  if (before.deviceCount)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: before.deviceCount,
      users: 'devices',
    });
  await ctx.tx.delete(deviceProfiles).where(eq(deviceProfiles.id, id));
  await recordAudit(ctx, { action: 'delete', entityType: 'device_profile', entityId: id, before });
}

/** A new profile metric appears on every device of the profile at once. */
export async function addProfileMetric({
  ctx,
  profileId,
  input,
}: {
  ctx: Ctx;
  profileId: string;
  input: TMetricDefinition;
}): Promise<TProfileMetric> {
  const profile = await getProfile({ ctx, id: profileId });
  await assertDefinitions(
    ctx,
    [input],
    () => 'body',
    profile.metrics.map((m) => m.key),
  );
  const clash = await queryRows<{ code: string }>(
    ctx.tx,
    sql`SELECT d.code FROM devices d JOIN metrics m ON m.tenant_id = d.tenant_id AND m.device_id = d.id
        WHERE d.profile_id = ${profileId} AND m.key = ${input.key} LIMIT 1`,
  );
  if (clash[0])
    throw new AppError('VALIDATION', {}, [
      { path: 'body.key', message: `device ${clash[0].code} already has its own metric ${input.key}` },
    ]);
  const id = randomUUID();
  const cols = defColumns(input, profile.metrics.length);
  await ctx.tx.insert(profileMetrics).values({ tenantId: ctx.actor.tenantId, id, profileId, ...cols });
  await ctx.tx.execute(sql`INSERT INTO metrics (tenant_id, device_id, profile_metric_id, key, name, unit_code,
      value_type, kind, energy_medium, scale, "offset", counter_max, states, sort_order)
    SELECT d.tenant_id, d.id, pm.id, pm.key, pm.name, pm.unit_code, pm.value_type, pm.kind, pm.energy_medium,
      pm.scale, pm."offset", pm.counter_max, pm.states, pm.sort_order
    FROM devices d JOIN profile_metrics pm ON pm.tenant_id = d.tenant_id AND pm.id = ${id}
    WHERE d.profile_id = ${profileId}`);
  const created: TProfileMetric = { id, ...toDefinition(cols) };
  await recordAudit(ctx, { action: 'create', entityType: 'profile_metric', entityId: id, after: created });
  return created;
}

async function profileMetric(ctx: Ctx, profileId: string, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(profileMetrics)
    .where(and(eq(profileMetrics.profileId, profileId), eq(profileMetrics.id, id)));
  if (!row) throw notFound('profile metric');
  return row;
}

/** Edits the template and every device metric made from it. */
export async function updateProfileMetric({
  ctx,
  profileId,
  id,
  input,
}: {
  ctx: Ctx;
  profileId: string;
  id: string;
  input: TUpdateMetricDefinition;
}): Promise<TProfileMetric> {
  const row = await profileMetric(ctx, profileId, id);
  await assertDefinitions(ctx, [input], () => 'body');
  const after = mergeDefinition(row, input, 'body');
  const { key: _key, ...changes } = after;
  void _key;
  await ctx.tx.update(profileMetrics).set(changes).where(eq(profileMetrics.id, id));
  await ctx.tx
    .update(metrics)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(metrics.profileMetricId, id));
  const result: TProfileMetric = { id, ...toDefinition(after) };
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'profile_metric',
    entityId: id,
    before: { id, ...toDefinition(row) },
    after: result,
  });
  return result;
}

export async function deleteProfileMetric({
  ctx,
  profileId,
  id,
}: {
  ctx: Ctx;
  profileId: string;
  id: string;
}) {
  const row = await profileMetric(ctx, profileId, id);
  const [{ n }] = (await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM metrics m JOIN metric_latest l ON l.tenant_id = m.tenant_id AND l.metric_id = m.id
        WHERE m.profile_metric_id = ${id}`,
  )) as [{ n: number }];
  if (n)
    throw new AppError('IN_USE', {
      entity: 'metric',
      code: row.key,
      count: n,
      users: 'devices with stored data',
    });
  await ctx.tx.delete(metrics).where(eq(metrics.profileMetricId, id));
  await ctx.tx.delete(profileMetrics).where(eq(profileMetrics.id, id));
  await recordAudit(ctx, {
    action: 'delete',
    entityType: 'profile_metric',
    entityId: id,
    before: { id, ...toDefinition(row) },
  });
}

/** Profile metrics copied onto a device (made with or switched to the profile); keys it already has are linked. */
export async function instantiateProfile(ctx: Ctx, deviceId: string, profileId: string): Promise<void> {
  await ctx.tx.execute(sql`UPDATE metrics m SET profile_metric_id = pm.id
    FROM profile_metrics pm WHERE pm.profile_id = ${profileId} AND m.device_id = ${deviceId} AND m.key = pm.key`);
  await ctx.tx.execute(sql`INSERT INTO metrics (tenant_id, device_id, profile_metric_id, key, name, unit_code,
      value_type, kind, energy_medium, scale, "offset", counter_max, states, sort_order)
    SELECT pm.tenant_id, ${deviceId}, pm.id, pm.key, pm.name, pm.unit_code, pm.value_type, pm.kind, pm.energy_medium,
      pm.scale, pm."offset", pm.counter_max, pm.states, pm.sort_order
    FROM profile_metrics pm WHERE pm.profile_id = ${profileId}
      AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.device_id = ${deviceId} AND m.key = pm.key)`);
  await ctx.tx.update(devices).set({ profileId }).where(eq(devices.id, deviceId));
}

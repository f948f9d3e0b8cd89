import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import {
  telemetryTopic,
  type TCreateCredential,
  type TCreatedCredential,
  type TCreateGateway,
  type TCredential,
  type TGateway,
  type TGatewayQuery,
  type TPage,
  type TUpdateGateway,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { connectivitySql, getDevice } from './devices.service.ts';
import { deviceCredentials, gateways } from './telemetry.schema.ts';

const ENTITY = 'gateway';
/** A gateway that has sent nothing for this long is offline (its devices have their own setting). */
const GATEWAY_OFFLINE_AFTER_S = 300;

interface GatewayRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  is_enabled: boolean;
  last_seen_at: Date | string | null;
  connectivity: TGateway['connectivity'];
  device_count: number;
  status: Record<string, unknown> | null;
  status_at: Date | string | null;
  config_version: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}
const toGateway = (r: GatewayRow): TGateway => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  isEnabled: r.is_enabled,
  lastSeenAt: r.last_seen_at ? toIso(r.last_seen_at) : null,
  connectivity: r.connectivity,
  deviceCount: r.device_count,
  status: r.status,
  statusAt: r.status_at ? toIso(r.status_at) : null,
  configVersion: r.config_version,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

/** A gateway is seen when any device behind it (or itself) sends. */
const gatewaySelect = (where: SQL) => sql`SELECT g.id, g.code, g.name, g.description, g.is_enabled,
    greatest(g.last_seen_at, (SELECT max(d.last_seen_at) FROM devices d WHERE d.gateway_id = g.id)) AS last_seen_at,
    (SELECT count(*)::int FROM devices d WHERE d.gateway_id = g.id) AS device_count, g.status, g.status_at,
    (SELECT max(version) FROM gateway_configs c WHERE c.gateway_id = g.id) AS config_version, g.created_at, g.updated_at
  FROM gateways g WHERE ${where}`;
const withConnectivity = (inner: SQL) =>
  sql`SELECT x.*, ${connectivitySql('x', sql`${GATEWAY_OFFLINE_AFTER_S}`)} AS connectivity FROM (${inner}) x`;

export async function listGateways({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TGatewayQuery;
}): Promise<TPage<TGateway>> {
  const where = query.q
    ? sql`(g.code ILIKE ${likePattern(query.q)} OR g.name ILIKE ${likePattern(query.q)})`
    : sql`true`;
  const { limit, offset } = pageWindow(query);
  const [{ total }] = (await queryRows<{ total: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS total FROM gateways g WHERE ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<GatewayRow>(
    ctx.tx,
    sql`${withConnectivity(gatewaySelect(where))} ORDER BY x.code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toGateway), total, page: query.page, pageSize: query.pageSize };
}

export async function getGateway({ ctx, id }: { ctx: Ctx; id: string }): Promise<TGateway> {
  const [row] = await queryRows<GatewayRow>(ctx.tx, withConnectivity(gatewaySelect(sql`g.id = ${id}`)));
  if (!row) throw notFound(ENTITY);
  return toGateway(row);
}

async function assertCodeFree(ctx: Ctx, code: string, exceptId?: string) {
  const [row] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM gateways WHERE code = ${code} ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`,
  );
  if (row) throw new AppError('DUPLICATE_CODE', { code, entity: ENTITY });
}

export async function createGateway({ ctx, input }: { ctx: Ctx; input: TCreateGateway }): Promise<TGateway> {
  await assertCodeFree(ctx, input.code);
  const id = randomUUID();
  await ctx.tx.insert(gateways).values({
    tenantId: ctx.actor.tenantId,
    id,
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    isEnabled: input.isEnabled ?? true,
  });
  const created = await getGateway({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'gateway', entityId: id, after: created });
  return created;
}

export async function updateGateway({ ctx, id, input }: { ctx: Ctx; id: string; input: TUpdateGateway }) {
  const before = await getGateway({ ctx, id });
  if (input.code && input.code !== before.code) await assertCodeFree(ctx, input.code, id);
  await ctx.tx
    .update(gateways)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(gateways.id, id));
  const after = await getGateway({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'gateway', entityId: id, before, after });
  return after;
}

export async function deleteGateway({ ctx, id }: { ctx: Ctx; id: string }) {
  const before = await getGateway({ ctx, id });
  if (before.deviceCount)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: before.deviceCount,
      users: 'devices',
    });
  await ctx.tx.delete(gateways).where(eq(gateways.id, id));
  await recordAudit(ctx, { action: 'delete', entityType: 'gateway', entityId: id, before });
}

// ---- credentials of devices and gateways ----
export type CredentialOwner = { kind: 'device' | 'gateway'; id: string };

async function ownerCode(ctx: Ctx, owner: CredentialOwner): Promise<string> {
  return owner.kind === 'device'
    ? (await getDevice({ ctx, id: owner.id })).code
    : (await getGateway({ ctx, id: owner.id })).code;
}
const ownerWhere = (owner: CredentialOwner) =>
  owner.kind === 'device'
    ? eq(deviceCredentials.deviceId, owner.id)
    : eq(deviceCredentials.gatewayId, owner.id);

const toCredential = (c: typeof deviceCredentials.$inferSelect): TCredential => ({
  id: c.id,
  kind: c.kind,
  prefix: c.prefix,
  username: c.username,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
});

export async function listCredentials({
  ctx,
  owner,
}: {
  ctx: Ctx;
  owner: CredentialOwner;
}): Promise<TCredential[]> {
  await ownerCode(ctx, owner);
  const rows = await ctx.tx
    .select()
    .from(deviceCredentials)
    .where(ownerWhere(owner))
    .orderBy(deviceCredentials.createdAt);
  return rows.map(toCredential);
}

/** A new credential; the token (or the password the caller chose) is never retrievable again. */
export async function createCredential({
  ctx,
  owner,
  input,
}: {
  ctx: Ctx;
  owner: CredentialOwner;
  input: TCreateCredential;
}): Promise<TCreatedCredential> {
  const code = await ownerCode(ctx, owner);
  const id = randomUUID();
  const base = {
    tenantId: ctx.actor.tenantId,
    id,
    deviceId: owner.kind === 'device' ? owner.id : null,
    gatewayId: owner.kind === 'gateway' ? owner.id : null,
    createdBy: ctx.actor.userId,
  };
  let token: string | null = null;
  if (input.kind === 'token') {
    token = `gmd_${randomBytes(32).toString('base64url')}`;
    await ctx.tx
      .insert(deviceCredentials)
      .values({ ...base, kind: 'token', tokenHash: hashToken(token), prefix: token.slice(0, 10) });
  } else {
    const [taken] = await queryRows(
      ctx.tx,
      sql`SELECT 1 FROM device_credentials WHERE username = ${input.username}`,
    );
    if (taken)
      throw new AppError('VALIDATION', {}, [
        { path: 'body.username', message: `username ${input.username} is taken` },
      ]);
    await ctx.tx.insert(deviceCredentials).values({
      ...base,
      kind: 'password',
      username: input.username,
      passwordHash: await hashPassword(input.password),
      prefix: input.username,
    });
  }
  const [row] = await ctx.tx.select().from(deviceCredentials).where(eq(deviceCredentials.id, id));
  const created = toCredential(row!);
  await recordAudit(ctx, {
    action: 'create',
    entityType: 'device_credential',
    entityId: id,
    after: { ...created, owner: `${owner.kind} ${code}` },
  });
  return {
    ...created,
    token,
    mqttUsername: token ?? `${ctx.actor.tenantCode}/${input.kind === 'password' ? input.username : ''}`,
    topic: telemetryTopic(ctx.actor.tenantCode, owner.kind, code),
  };
}

export async function revokeCredential({
  ctx,
  owner,
  credentialId,
}: {
  ctx: Ctx;
  owner: CredentialOwner;
  credentialId: string;
}): Promise<void> {
  await ownerCode(ctx, owner);
  const [row] = await ctx.tx
    .select()
    .from(deviceCredentials)
    .where(and(ownerWhere(owner), eq(deviceCredentials.id, credentialId)));
  if (!row) throw notFound('credential');
  if (row.revokedAt) return;
  await ctx.tx
    .update(deviceCredentials)
    .set({ revokedAt: new Date() })
    .where(and(eq(deviceCredentials.id, credentialId), isNull(deviceCredentials.revokedAt)));
  await recordAudit(ctx, {
    action: 'revoke',
    entityType: 'device_credential',
    entityId: credentialId,
    before: toCredential(row),
  });
}

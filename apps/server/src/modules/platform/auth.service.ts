import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql, desc } from 'drizzle-orm';
import type { TApiToken, TCreateApiToken, TLoginResult, TMe } from '@greenmes/contracts';
import type { Ctx, TenantActor } from '../../platform/auth/actor.ts';
import {
  burnVerifyTime,
  hashPassword,
  verifyPassword,
  assertPasswordPolicy,
} from '../../platform/auth/passwords.ts';
import { newToken } from '../../platform/auth/tokens.ts';
import { insertAudit, recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { permissionsOfUser } from '../../platform/auth/auth.plugin.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { apiTokens, sessions, tenants, users } from './platform.schema.ts';
import { readSettings } from './settings.service.ts';

interface LoginInput {
  db: Db;
  tenant: string;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

type Outcome = { ok: true; result: TLoginResult } | { ok: false; error: AppError };

/**
 * Password sign-in. Failures are counted and committed before the error is thrown (throwing
 * inside the transaction would roll the counter back); enough of them lock the account.
 */
export async function login(input: LoginInput): Promise<TLoginResult> {
  const [tenant] = await input.db.select().from(tenants).where(eq(tenants.code, input.tenant.toLowerCase()));
  if (!tenant) {
    await burnVerifyTime(input.password);
    throw new AppError('BAD_CREDENTIALS');
  }
  const outcome = await inTenant(input.db, tenant.id, async (tx): Promise<Outcome> => {
    const settings = await readSettings(tx, tenant.id);
    const [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
    if (!user) {
      await burnVerifyTime(input.password);
      return { ok: false, error: new AppError('BAD_CREDENTIALS') };
    }
    const audit = (action: string, after?: unknown) =>
      insertAudit(tx, {
        tenantId: tenant.id,
        actorId: user.id,
        actorName: user.username,
        action,
        entityType: 'user',
        entityId: user.id,
        after,
        requestId: input.requestId,
        ip: input.ip,
      });
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await burnVerifyTime(input.password);
      return { ok: false, error: new AppError('ACCOUNT_LOCKED', { until: user.lockedUntil.toISOString() }) };
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const failures = user.failedLogins + 1;
      const lock = failures >= settings.passwordMaxFailures;
      const lockedUntil = lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : null;
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil })
        .where(and(eq(users.tenantId, tenant.id), eq(users.id, user.id)));
      await audit(lock ? 'auth.locked' : 'auth.login_failed', { failures });
      return {
        ok: false,
        error: lockedUntil
          ? new AppError('ACCOUNT_LOCKED', { until: lockedUntil.toISOString() })
          : new AppError('BAD_CREDENTIALS'),
      };
    }
    if (tenant.status !== 'active') return { ok: false, error: new AppError('TENANT_SUSPENDED') };
    if (!user.isActive) return { ok: false, error: new AppError('ACCOUNT_DISABLED') };

    const { token, hash } = newToken('session');
    const expiresAt = new Date(Date.now() + settings.sessionHours * 3_600_000);
    await tx.insert(sessions).values({
      tenantId: tenant.id,
      id: randomUUID(),
      userId: user.id,
      tokenHash: hash,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    });
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(and(eq(users.tenantId, tenant.id), eq(users.id, user.id)));
    // expired sessions of this user are swept on each sign-in
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), sql`${sessions.expiresAt} < now()`));
    await audit('auth.login');
    const [granted] = await queryRows<{ permissions: string[] | null }>(
      tx,
      sql`SELECT ${permissionsOfUser} AS permissions FROM users u WHERE u.id = ${user.id}`,
    );
    const permissions = (granted?.permissions ?? []).sort();
    const me: TMe = {
      tenant: { id: tenant.id, code: tenant.code, name: tenant.name, timezone: settings.timezone },
      user: { id: user.id, username: user.username, displayName: user.displayName, locale: settings.locale },
      permissions,
      dataScope: { nodeIds: user.dataScopeNodeIds },
    };
    return { ok: true, result: { token, expiresAt: expiresAt.toISOString(), me } };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

export function describeActor(actor: TenantActor): TMe {
  return {
    tenant: { id: actor.tenantId, code: actor.tenantCode, name: actor.tenantName, timezone: actor.timezone },
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      locale: actor.locale,
    },
    permissions: [...actor.permissions].sort(),
    dataScope: { nodeIds: actor.dataScopeNodeIds },
  };
}

export async function logout(ctx: Ctx): Promise<void> {
  if (!('sessionId' in ctx.actor.via)) return;
  await ctx.tx.delete(sessions).where(eq(sessions.id, ctx.actor.via.sessionId));
  await recordAudit(ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
}

export async function changeOwnPassword({
  ctx,
  currentPassword,
  newPassword,
}: {
  ctx: Ctx;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError('WRONG_PASSWORD');
  assertPasswordPolicy(newPassword, user.username, 'newPassword');
  await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(newPassword),
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(users.id, user.id));
  // other sessions of this user end; the current one stays
  const current = 'sessionId' in ctx.actor.via ? ctx.actor.via.sessionId : null;
  await ctx.tx
    .delete(sessions)
    .where(and(eq(sessions.userId, user.id), current ? sql`${sessions.id} <> ${current}` : undefined));
  await recordAudit(ctx, { action: 'password.change', entityType: 'user', entityId: user.id });
}

// ---- API tokens: belong to the calling user and act with that user's permissions ----

const toApiToken = (t: typeof apiTokens.$inferSelect): TApiToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listApiTokens(ctx: Ctx): Promise<TApiToken[]> {
  const rows = await ctx.tx
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, ctx.actor.userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiToken);
}

export async function createApiToken({ ctx, input }: { ctx: Ctx; input: TCreateApiToken }) {
  const { token, hash, prefix } = newToken('apiToken');
  const [row] = await ctx.tx
    .insert(apiTokens)
    .values({
      tenantId: ctx.actor.tenantId,
      id: randomUUID(),
      userId: ctx.actor.userId,
      name: input.name,
      prefix,
      tokenHash: hash,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    })
    .returning();
  const created = toApiToken(row!);
  await recordAudit(ctx, { action: 'create', entityType: 'api_token', entityId: created.id, after: created });
  return { ...created, token };
}

export async function revokeApiToken({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const [row] = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw notFound('API token');
  await recordAudit(ctx, { action: 'revoke', entityType: 'api_token', entityId: id, after: toApiToken(row) });
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { TCreateUser, TPage, TUpdateUser, TUser } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { hashPassword, assertPasswordPolicy } from '../../platform/auth/passwords.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { countAll, likePattern, pageWindow, whereAll } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { orgUnits, roles, sessions, userRoles, users } from './platform.schema.ts';
import { plantNodes } from '../modeling/modeling.schema.ts';

type UserRow = typeof users.$inferSelect;

async function withRoles(tx: Tx, rows: UserRow[]): Promise<TUser[]> {
  const ids = rows.map((r) => r.id);
  const links = ids.length ? await tx.select().from(userRoles).where(inArray(userRoles.userId, ids)) : [];
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    phone: u.phone,
    orgUnitId: u.orgUnitId,
    roleIds: links.filter((l) => l.userId === u.id).map((l) => l.roleId),
    dataScope: { nodeIds: u.dataScopeNodeIds },
    isActive: u.isActive,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  }));
}

export async function listUsers({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: {
    page: number;
    pageSize: number;
    q?: string;
    orgUnitId?: string;
    roleId?: string;
    isActive?: 'true' | 'false';
  };
}): Promise<TPage<TUser>> {
  const where = and(
    ...whereAll([
      query.q
        ? or(ilike(users.username, likePattern(query.q)), ilike(users.displayName, likePattern(query.q)))
        : undefined,
      query.orgUnitId ? eq(users.orgUnitId, query.orgUnitId) : undefined,
      query.isActive ? eq(users.isActive, query.isActive === 'true') : undefined,
      query.roleId
        ? inArray(
            users.id,
            ctx.tx.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.roleId, query.roleId)),
          )
        : undefined,
    ]),
  );
  const [{ total }] = (await ctx.tx.select({ total: countAll }).from(users).where(where)) as [
    { total: number },
  ];
  const rows = await ctx.tx
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.username))
    .limit(pageWindow(query).limit)
    .offset(pageWindow(query).offset);
  return { items: await withRoles(ctx.tx, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser({ ctx, id }: { ctx: Ctx; id: string }): Promise<TUser> {
  const [row] = await ctx.tx.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('user');
  return (await withRoles(ctx.tx, [row]))[0]!;
}

/** Referenced roles, department and plant nodes must exist in this tenant; each miss names its field. */
async function checkReferences(ctx: Ctx, input: Partial<TCreateUser>): Promise<void> {
  const problems: Array<{ path: string; message: string }> = [];
  if (input.roleIds?.length) {
    const found = await ctx.tx.select({ id: roles.id }).from(roles).where(inArray(roles.id, input.roleIds));
    const missing = input.roleIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      problems.push({ path: 'body.roleIds', message: `unknown role(s): ${missing.join(', ')}` });
  }
  if (input.orgUnitId) {
    const [ou] = await ctx.tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(eq(orgUnits.id, input.orgUnitId));
    if (!ou) problems.push({ path: 'body.orgUnitId', message: 'unknown department' });
  }
  const scope = input.dataScope?.nodeIds;
  if (scope?.length) {
    const found = await ctx.tx
      .select({ id: plantNodes.id, kind: plantNodes.kind })
      .from(plantNodes)
      .where(inArray(plantNodes.id, scope));
    const bad = scope.filter(
      (id) => !found.some((f) => f.id === id && (f.kind === 'site' || f.kind === 'area')),
    );
    if (bad.length)
      problems.push({ path: 'body.dataScope.nodeIds', message: `not a site or area: ${bad.join(', ')}` });
  }
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
}

async function setRoles(ctx: Ctx, userId: string, roleIds: string[]): Promise<void> {
  await ctx.tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roleIds.length)
    await ctx.tx
      .insert(userRoles)
      .values([...new Set(roleIds)].map((roleId) => ({ tenantId: ctx.actor.tenantId, userId, roleId })));
}

export async function createUser({ ctx, input }: { ctx: Ctx; input: TCreateUser }): Promise<TUser> {
  assertPasswordPolicy(input.password, input.username, 'body.password');
  await checkReferences(ctx, input);
  const [dup] = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
  if (dup) throw new AppError('DUPLICATE_CODE', { code: input.username, entity: 'user' });
  const id = randomUUID();
  await ctx.tx.insert(users).values({
    tenantId: ctx.actor.tenantId,
    id,
    username: input.username,
    displayName: input.displayName,
    email: input.email ?? null,
    phone: input.phone ?? null,
    orgUnitId: input.orgUnitId ?? null,
    passwordHash: await hashPassword(input.password),
    dataScopeNodeIds: input.dataScope?.nodeIds ?? null,
    isActive: input.isActive ?? true,
  });
  await setRoles(ctx, id, input.roleIds ?? []);
  const created = await getUser({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'user', entityId: id, after: created });
  return created;
}

export async function updateUser({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateUser;
}): Promise<TUser> {
  const before = await getUser({ ctx, id });
  await checkReferences(ctx, input);
  if (id === ctx.actor.userId && input.isActive === false)
    throw new AppError('CONFLICT', { reason: 'You cannot disable your own account' });
  await ctx.tx
    .update(users)
    .set({
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.orgUnitId !== undefined && { orgUnitId: input.orgUnitId }),
      ...(input.dataScope !== undefined && { dataScopeNodeIds: input.dataScope.nodeIds }),
      ...(input.isActive !== undefined && { isActive: input.isActive }),
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
  if (input.roleIds) await setRoles(ctx, id, input.roleIds);
  // a disabled user is signed out everywhere
  if (input.isActive === false) await ctx.tx.delete(sessions).where(eq(sessions.userId, id));
  const after = await getUser({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'user', entityId: id, before, after });
  return after;
}

export async function resetPassword({
  ctx,
  id,
  newPassword,
}: {
  ctx: Ctx;
  id: string;
  newPassword: string;
}): Promise<void> {
  const user = await getUser({ ctx, id });
  assertPasswordPolicy(newPassword, user.username, 'body.newPassword');
  await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(newPassword),
      passwordChangedAt: new Date(),
      failedLogins: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, id));
  await ctx.tx.delete(sessions).where(eq(sessions.userId, id));
  await recordAudit(ctx, { action: 'password.reset', entityType: 'user', entityId: id });
}

export async function unlockUser({ ctx, id }: { ctx: Ctx; id: string }): Promise<TUser> {
  const before = await getUser({ ctx, id });
  await ctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
  const after = await getUser({ ctx, id });
  await recordAudit(ctx, { action: 'unlock', entityType: 'user', entityId: id, before, after });
  return after;
}

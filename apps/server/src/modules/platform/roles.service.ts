import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { TCreateRole, TRole, TUpdateRole } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { roles, userRoles } from './platform.schema.ts';

const userCount = sql<number>`(SELECT count(*)::int FROM user_roles ur WHERE ur.tenant_id = ${roles.tenantId} AND ur.role_id = ${roles.id})`;

const toRole = (r: typeof roles.$inferSelect & { userCount: number }): TRole => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  isBuiltin: r.isBuiltin,
  permissions: [...r.permissions].sort(),
  userCount: r.userCount,
});

export async function listRoles(ctx: Ctx): Promise<TRole[]> {
  const rows = await ctx.tx
    .select({ role: roles, userCount })
    .from(roles)
    .orderBy(sql`${roles.isBuiltin} DESC`, asc(roles.code));
  return rows.map((r) => toRole({ ...r.role, userCount: r.userCount }));
}

async function getRole(ctx: Ctx, id: string): Promise<TRole> {
  const [row] = await ctx.tx.select({ role: roles, userCount }).from(roles).where(eq(roles.id, id));
  if (!row) throw notFound('role');
  return toRole({ ...row.role, userCount: row.userCount });
}

export async function createRole({ ctx, input }: { ctx: Ctx; input: TCreateRole }): Promise<TRole> {
  const [dup] = await ctx.tx.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
  if (dup) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'role' });
  const id = randomUUID();
  await ctx.tx.insert(roles).values({
    tenantId: ctx.actor.tenantId,
    id,
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    permissions: [...new Set(input.permissions)],
  });
  const created = await getRole(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'role', entityId: id, after: created });
  return created;
}

export async function updateRole({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateRole;
}): Promise<TRole> {
  const before = await getRole(ctx, id);
  if (before.isBuiltin) throw new AppError('BUILTIN_READONLY', { entity: 'role', code: before.code });
  await ctx.tx
    .update(roles)
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.permissions !== undefined && { permissions: [...new Set(input.permissions)] }),
      updatedAt: new Date(),
    })
    .where(eq(roles.id, id));
  const after = await getRole(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'role', entityId: id, before, after });
  return after;
}

export async function deleteRole({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getRole(ctx, id);
  if (before.isBuiltin) throw new AppError('BUILTIN_READONLY', { entity: 'role', code: before.code });
  if (before.userCount > 0)
    throw new AppError('IN_USE', {
      entity: 'role',
      code: before.code,
      count: before.userCount,
      users: 'users',
    });
  await ctx.tx.delete(userRoles).where(eq(userRoles.roleId, id));
  await ctx.tx.delete(roles).where(eq(roles.id, id));
  await recordAudit(ctx, { action: 'delete', entityType: 'role', entityId: id, before });
}

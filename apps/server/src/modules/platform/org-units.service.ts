import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { TCreateOrgUnit, TOrgUnit, TUpdateOrgUnit } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { orgUnits } from './platform.schema.ts';

const userCount = sql<number>`(SELECT count(*)::int FROM users u WHERE u.tenant_id = ${orgUnits.tenantId} AND u.org_unit_id = ${orgUnits.id})`;

export async function listOrgUnits(ctx: Ctx): Promise<TOrgUnit[]> {
  const rows = await ctx.tx
    .select({ ou: orgUnits, userCount })
    .from(orgUnits)
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  return rows.map(({ ou, userCount: n }) => ({
    id: ou.id,
    parentId: ou.parentId,
    code: ou.code,
    name: ou.name,
    sortOrder: ou.sortOrder,
    userCount: n,
  }));
}

async function getOrgUnit(ctx: Ctx, id: string): Promise<TOrgUnit> {
  const found = (await listOrgUnits(ctx)).find((o) => o.id === id);
  if (!found) throw notFound('department');
  return found;
}

export async function createOrgUnit({ ctx, input }: { ctx: Ctx; input: TCreateOrgUnit }): Promise<TOrgUnit> {
  if (input.parentId) await getOrgUnit(ctx, input.parentId);
  const [dup] = await ctx.tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, input.code));
  if (dup) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'department' });
  const id = randomUUID();
  await ctx.tx.insert(orgUnits).values({
    tenantId: ctx.actor.tenantId,
    id,
    parentId: input.parentId,
    code: input.code,
    name: input.name,
    sortOrder: input.sortOrder ?? 0,
  });
  const created = await getOrgUnit(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'org_unit', entityId: id, after: created });
  return created;
}

export async function updateOrgUnit({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateOrgUnit;
}): Promise<TOrgUnit> {
  const all = await listOrgUnits(ctx);
  const before = all.find((o) => o.id === id);
  if (!before) throw notFound('department');
  if (input.parentId) {
    if (!all.some((o) => o.id === input.parentId)) throw notFound('parent department');
    // walking up from the new parent must never reach this unit
    for (let p: string | null = input.parentId; p; p = all.find((o) => o.id === p)?.parentId ?? null)
      if (p === id)
        throw new AppError('BAD_HIERARCHY', {
          reason: 'A department cannot be moved under itself or its own sub-department',
        });
  }
  await ctx.tx
    .update(orgUnits)
    .set({
      ...(input.parentId !== undefined && { parentId: input.parentId }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      updatedAt: new Date(),
    })
    .where(eq(orgUnits.id, id));
  const after = await getOrgUnit(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'org_unit', entityId: id, before, after });
  return after;
}

export async function deleteOrgUnit({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const all = await listOrgUnits(ctx);
  const before = all.find((o) => o.id === id);
  if (!before) throw notFound('department');
  const children = all.filter((o) => o.parentId === id).length;
  if (children)
    throw new AppError('HAS_CHILDREN', {
      entity: 'department',
      code: before.code,
      count: children,
      children: 'sub-departments',
    });
  if (before.userCount)
    throw new AppError('IN_USE', {
      entity: 'department',
      code: before.code,
      count: before.userCount,
      users: 'users',
    });
  await ctx.tx.delete(orgUnits).where(eq(orgUnits.id, id));
  await recordAudit(ctx, { action: 'delete', entityType: 'org_unit', entityId: id, before });
}

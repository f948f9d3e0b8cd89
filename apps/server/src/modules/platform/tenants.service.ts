import { randomBytes, randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { TCreateTenant, TTenant } from '@greenmes/contracts';
import type { OperatorActor } from '../../platform/auth/actor.ts';
import {
  burnVerifyTime,
  hashPassword,
  verifyPassword,
  assertPasswordPolicy,
} from '../../platform/auth/passwords.ts';
import { newToken } from '../../platform/auth/tokens.ts';
import { insertAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { enterTenant, inSystem } from '../../platform/db/tenant-tx.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { operatorSessions, operators, tenants, userRoles, users } from './platform.schema.ts';
import { seedTenantDefaults } from './tenant-defaults.ts';

const OPERATOR_SESSION_HOURS = 8;

/**
 * The system operator is created on first start from GREENMES_OPERATOR_PASSWORD, or with a
 * generated password that is returned once so the caller can print it.
 */
export async function ensureOperator({
  db,
  username,
  password,
}: {
  db: Db;
  username: string;
  password?: string;
}) {
  const [existing] = await db.select({ id: operators.id }).from(operators).limit(1);
  if (existing) return { created: false as const };
  const chosen = password ?? randomBytes(12).toString('base64url');
  await db
    .insert(operators)
    .values({ id: randomUUID(), username, passwordHash: await hashPassword(chosen) })
    .onConflictDoNothing();
  return { created: true as const, generatedPassword: password ? undefined : chosen };
}

export async function operatorLogin({
  db,
  username,
  password,
}: {
  db: Db;
  username: string;
  password: string;
}) {
  const [op] = await db.select().from(operators).where(eq(operators.username, username));
  if (!op) {
    await burnVerifyTime(password);
    throw new AppError('BAD_CREDENTIALS');
  }
  if (!(await verifyPassword(op.passwordHash, password))) throw new AppError('BAD_CREDENTIALS');
  const { token, hash } = newToken('operator');
  const expiresAt = new Date(Date.now() + OPERATOR_SESSION_HOURS * 3_600_000);
  await db
    .insert(operatorSessions)
    .values({ id: randomUUID(), operatorId: op.id, tokenHash: hash, expiresAt });
  await db.update(operators).set({ lastLoginAt: new Date() }).where(eq(operators.id, op.id));
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function operatorLogout({ db, actor }: { db: Db; actor: OperatorActor }) {
  await db.delete(operatorSessions).where(eq(operatorSessions.id, actor.sessionId));
}

const userCount = sql<number>`(SELECT count(*)::int FROM users u WHERE u.tenant_id = ${tenants.id})`;

export async function listTenants({ db }: { db: Db }): Promise<TTenant[]> {
  const rows = await db.select({ t: tenants, userCount }).from(tenants).orderBy(asc(tenants.code));
  return rows.map(({ t, userCount: n }) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    userCount: n,
  }));
}

/** A new enterprise with its built-in roles, default settings, standard units and first admin user. */
export async function createTenant({
  db,
  input,
  actorName,
  requestId,
  ip,
}: {
  db: Db;
  input: TCreateTenant;
  actorName: string;
  requestId: string | null;
  ip: string | null;
}): Promise<TTenant> {
  assertPasswordPolicy(input.admin.password, input.admin.username, 'body.admin.password');
  const passwordHash = await hashPassword(input.admin.password);
  const id = randomUUID();
  await inSystem(db, async (tx) => {
    const [dup] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.code, input.code));
    if (dup) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'enterprise' });
    await tx.insert(tenants).values({ id, code: input.code, name: input.name, status: 'active' });
    await enterTenant(tx, id); // from here on RLS applies, as for any tenant request
    const { roleIds } = await seedTenantDefaults(tx, id);
    const userId = randomUUID();
    await tx.insert(users).values({
      tenantId: id,
      id: userId,
      username: input.admin.username,
      displayName: input.admin.displayName ?? input.admin.username,
      passwordHash,
    });
    await tx.insert(userRoles).values({ tenantId: id, userId, roleId: roleIds.get('tenant_admin')! });
    await insertAudit(tx, {
      tenantId: id,
      actorId: null,
      actorName,
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: id,
      after: { code: input.code, name: input.name, admin: input.admin.username },
      requestId,
      ip,
    });
  });
  const created = (await listTenants({ db })).find((t) => t.id === id);
  if (!created) throw notFound('enterprise');
  return created;
}

export async function setTenantStatus({
  db,
  id,
  status,
  actorName,
  requestId,
  ip,
}: {
  db: Db;
  id: string;
  status: 'active' | 'suspended';
  actorName: string;
  requestId: string | null;
  ip: string | null;
}): Promise<TTenant> {
  await inSystem(db, async (tx) => {
    const [before] = await tx.select().from(tenants).where(eq(tenants.id, id));
    if (!before) throw notFound('enterprise');
    await tx.update(tenants).set({ status, updatedAt: new Date() }).where(eq(tenants.id, id));
    await insertAudit(tx, {
      tenantId: id,
      actorId: null,
      actorName,
      action: `tenant.${status === 'active' ? 'activate' : 'suspend'}`,
      entityType: 'tenant',
      entityId: id,
      before: { status: before.status },
      after: { status },
      requestId,
      ip,
    });
  });
  return (await listTenants({ db })).find((t) => t.id === id)!;
}

import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  ZSaveWorker,
  type TPage,
  type TSaveWorker,
  type TSaveWorkerParsed,
  type TWorker,
  type TWorkerFilters,
  type TWorkerQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { preparedRows, queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { descendantsOf, isAllowed, type Scope } from '../modeling/data-scope.ts';
import { loadPlant } from '../modeling/plant.service.ts';

/**
 * Workers (operators): the people who sign in at the shop-floor terminal and whose job reports become
 * wages. A worker's team is a plant node; a user limited to part of the plant sees and manages only the
 * workers of teams inside it (workers without a team need an unrestricted user).
 */

const ENTITY = 'worker';
const AUDIT_ENTITY = 'labour_worker';
const TEAM_KINDS = new Set(['area', 'line', 'work_center']);

interface WorkerRow {
  id: string;
  employee_no: string;
  name: string;
  team_id: string | null;
  team_code: string | null;
  team_name: string | null;
  grade_id: string | null;
  grade_code: string | null;
  grade_name: string | null;
  user_id: string | null;
  username: string | null;
  badge_code: string | null;
  has_pin: boolean;
  pin_locked_until: string | Date | null;
  is_active: boolean;
  hire_date: string | null;
  leave_date: string | null;
  phone: string | null;
  description: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}
interface SkillRow {
  worker_id: string;
  skill_id: string;
  skill_code: string;
  skill_name: string;
  level: number;
  valid_until: string | null;
}

const SELECT = sql`SELECT w.id, w.employee_no, w.name, w.team_id, n.code AS team_code, n.name AS team_name,
    w.grade_id, g.code AS grade_code, g.name AS grade_name, w.user_id, u.username, w.badge_code,
    (w.pin_hash IS NOT NULL) AS has_pin,
    CASE WHEN w.pin_locked_until > now() THEN w.pin_locked_until END AS pin_locked_until,
    w.is_active, w.hire_date::text AS hire_date, w.leave_date::text AS leave_date, w.phone, w.description,
    w.created_at, w.updated_at
  FROM labour_workers w
  LEFT JOIN plant_nodes n ON n.tenant_id = w.tenant_id AND n.id = w.team_id
  LEFT JOIN labour_grades g ON g.tenant_id = w.tenant_id AND g.id = w.grade_id
  LEFT JOIN users u ON u.tenant_id = w.tenant_id AND u.id = w.user_id`;

async function hydrate(ctx: Ctx, rows: WorkerRow[]): Promise<TWorker[]> {
  if (rows.length === 0) return [];
  const skills = await queryRows<SkillRow>(
    ctx.tx,
    sql`SELECT ws.worker_id, ws.skill_id, s.code AS skill_code, s.name AS skill_name, ws.level,
          ws.valid_until::text AS valid_until
        FROM labour_worker_skills ws JOIN labour_skills s ON s.tenant_id = ws.tenant_id AND s.id = ws.skill_id
        WHERE ws.worker_id = ANY(${sql.param(rows.map((r) => r.id))}::uuid[]) ORDER BY s.code`,
  );
  return rows.map((r) => ({
    id: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    teamId: r.team_id,
    teamCode: r.team_code,
    teamName: r.team_name,
    gradeId: r.grade_id,
    gradeCode: r.grade_code,
    gradeName: r.grade_name,
    userId: r.user_id,
    username: r.username,
    badgeCode: r.badge_code,
    hasPin: r.has_pin,
    pinLockedUntil: r.pin_locked_until ? toIso(r.pin_locked_until) : null,
    isActive: r.is_active,
    hireDate: r.hire_date,
    leaveDate: r.leave_date,
    phone: r.phone,
    description: r.description,
    skills: skills
      .filter((s) => s.worker_id === r.id)
      .map((s) => ({
        skillId: s.skill_id,
        skillCode: s.skill_code,
        skillName: s.skill_name,
        level: s.level,
        validUntil: s.valid_until,
      })),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  }));
}

/** SQL limiting workers to the caller's data scope (null scope: everyone). */
const scopeSql = (scope: Scope): SQL =>
  scope.allowed === null ? sql`true` : sql`w.team_id = ANY(${sql.param([...scope.allowed])}::uuid[])`;

export async function filterSql(ctx: Ctx, f: TWorkerFilters): Promise<SQL> {
  const { nodes, scope } = await loadPlant(ctx);
  const parts: SQL[] = [scopeSql(scope)];
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(sql`(w.employee_no ILIKE ${like} OR w.name ILIKE ${like} OR w.badge_code ILIKE ${like})`);
  }
  if (f.teamId) parts.push(sql`w.team_id = ANY(${sql.param([...descendantsOf(nodes, [f.teamId])])}::uuid[])`);
  if (f.gradeId) parts.push(sql`w.grade_id = ${f.gradeId}`);
  if (f.skillId)
    parts.push(
      sql`EXISTS (SELECT 1 FROM labour_worker_skills ws WHERE ws.tenant_id = w.tenant_id AND ws.worker_id = w.id AND ws.skill_id = ${f.skillId})`,
    );
  if (f.isActive) parts.push(sql`w.is_active = ${f.isActive === 'true'}`);
  return sql.join(parts, sql` AND `);
}

export async function listWorkers(ctx: Ctx, query: TWorkerQuery): Promise<TPage<TWorker>> {
  const where = await filterSql(ctx, query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM labour_workers w WHERE ${where}`,
  );
  const rows = await queryRows<WorkerRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY w.employee_no LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: await hydrate(ctx, rows), total: count!.n, page: query.page, pageSize: query.pageSize };
}

/** Every worker matching the filters (the Excel export). */
export async function allWorkers(ctx: Ctx, f: TWorkerFilters): Promise<TWorker[]> {
  const where = await filterSql(ctx, f);
  return hydrate(
    ctx,
    await queryRows<WorkerRow>(ctx.tx, sql`${SELECT} WHERE ${where} ORDER BY w.employee_no`),
  );
}

/** A worker in the caller's scope, else 404. */
export async function getWorker(ctx: Ctx, id: string): Promise<TWorker> {
  const { scope } = await loadPlant(ctx);
  const [row] = await queryRows<WorkerRow>(ctx.tx, sql`${SELECT} WHERE w.id = ${id} AND ${scopeSql(scope)}`);
  if (!row) throw notFound(ENTITY);
  return (await hydrate(ctx, [row]))[0]!;
}

/**
 * Whether a worker may report now, without the full record: active, their leave date (null when none),
 * number and name; null when unknown or outside the caller's data scope. The plant tree is read only for a caller
 * whose scope is limited — the shop-floor terminal asks this on every job report.
 */
export async function workerStanding(
  ctx: Ctx,
  id: string,
): Promise<{ isActive: boolean; leaveDate: string | null; employeeNo: string; name: string } | null> {
  const scope = ctx.actor.dataScopeNodeIds === null ? sql`true` : scopeSql((await loadPlant(ctx)).scope);
  const [row] = await preparedRows<{
    is_active: boolean;
    leave_date: string | null;
    employee_no: string;
    name: string;
  }>(
    ctx.tx,
    'worker_standing',
    sql`SELECT w.is_active, w.leave_date::text AS leave_date, w.employee_no, w.name
        FROM labour_workers w WHERE w.id = ${id} AND ${scope}`,
  );
  return row
    ? { isActive: row.is_active, leaveDate: row.leave_date, employeeNo: row.employee_no, name: row.name }
    : null;
}

/** Workers by employee number (any scope): the import's upsert key. */
export async function workerIdsByEmployeeNo(ctx: Ctx): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; employee_no: string }>(
    ctx.tx,
    sql`SELECT id, employee_no FROM labour_workers`,
  );
  return new Map(rows.map((r) => [r.employee_no, r.id]));
}

type Issue = { path: string; message: string };

/**
 * Everything a save checks against the database, as field problems (`prefix` + field): the team is an
 * area, line or work center the caller may write to; grade, user and skills exist; employee number,
 * badge and user are not another worker's; dates in order; a skill once.
 */
export async function workerIssues(
  ctx: Ctx,
  input: TSaveWorkerParsed,
  id: string | null,
  prefix = 'body.',
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const at = (f: string, message: string) => issues.push({ path: `${prefix}${f}`, message });
  if (input.teamId) {
    const { nodes, scope } = await loadPlant(ctx);
    const node = nodes.find((n) => n.id === input.teamId);
    if (!node || !isAllowed(scope, node.id)) at('teamId', 'no such plant node in your data scope');
    else if (!TEAM_KINDS.has(node.kind))
      at('teamId', `must be an area, line or work center, not a ${node.kind}`);
  } else if (ctx.actor.dataScopeNodeIds !== null) at('teamId', 'required: your data scope is limited');
  if (input.gradeId) {
    const [g] = await queryRows(ctx.tx, sql`SELECT 1 FROM labour_grades WHERE id = ${input.gradeId}`);
    if (!g) at('gradeId', 'no such grade');
  }
  if (input.userId) {
    const [u] = await queryRows(ctx.tx, sql`SELECT 1 FROM users WHERE id = ${input.userId}`);
    if (!u) at('userId', 'no such user');
  }
  if (input.hireDate && input.leaveDate && input.leaveDate < input.hireDate)
    at('leaveDate', 'must not be before hireDate');
  const skillIds = input.skills.map((s) => s.skillId);
  const known = new Set(
    (
      await queryRows<{ id: string }>(
        ctx.tx,
        sql`SELECT id FROM labour_skills WHERE id = ANY(${sql.param(skillIds)}::uuid[])`,
      )
    ).map((r) => r.id),
  );
  input.skills.forEach((s, i) => {
    if (!known.has(s.skillId)) at(`skills.${i}.skillId`, 'no such skill');
    else if (skillIds.indexOf(s.skillId) !== i)
      at(`skills.${i}.skillId`, `the same as skill ${skillIds.indexOf(s.skillId)}`);
  });
  const taken = await queryRows<{ employee_no: string; badge_code: string | null; user_id: string | null }>(
    ctx.tx,
    sql`SELECT employee_no, badge_code, user_id FROM labour_workers
        WHERE id IS DISTINCT FROM ${id}::uuid
          AND (employee_no = ${input.employeeNo} OR badge_code = ${input.badgeCode ?? null}
            OR user_id = ${input.userId ?? null}::uuid)`,
  );
  for (const t of taken) {
    if (t.employee_no === input.employeeNo) at('employeeNo', `already used by another worker`);
    if (input.badgeCode && t.badge_code === input.badgeCode)
      at('badgeCode', `already the badge of worker ${t.employee_no}`);
    if (input.userId && t.user_id === input.userId) at('userId', `already linked to worker ${t.employee_no}`);
  }
  return issues;
}

/** 409 when an employee number, badge or account is another worker's (details name each), else 400. */
function throwIssues(issues: Issue[]): never {
  const taken = issues.filter((i) => i.message.startsWith('already'));
  if (taken.length)
    throw new AppError(
      'CONFLICT',
      { reason: taken.map((i) => `${i.path.replace(/^body\./, '')} ${i.message}`).join('; ') },
      issues,
    );
  throw new AppError('VALIDATION', {}, issues);
}

/** Writes a checked worker: the row, its skills (replaced) and — when given — a new PIN hash. */
export async function writeWorker(ctx: Ctx, id: string, input: TSaveWorkerParsed, isNew: boolean) {
  const pinHash = input.pin ? await hashPassword(input.pin) : null;
  const v = {
    employeeNo: input.employeeNo,
    name: input.name,
    teamId: input.teamId ?? null,
    gradeId: input.gradeId ?? null,
    userId: input.userId ?? null,
    badge: input.badgeCode ?? null,
    hire: input.hireDate ?? null,
    leave: input.leaveDate ?? null,
    phone: input.phone ?? null,
    description: input.description ?? null,
  };
  if (isNew)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO labour_workers (tenant_id, id, employee_no, name, team_id, grade_id, user_id, badge_code,
            pin_hash, is_active, hire_date, leave_date, phone, description)
          VALUES (${ctx.actor.tenantId}, ${id}, ${v.employeeNo}, ${v.name}, ${v.teamId}::uuid, ${v.gradeId}::uuid,
            ${v.userId}::uuid, ${v.badge}, ${pinHash}, ${input.isActive}, ${v.hire}::date, ${v.leave}::date,
            ${v.phone}, ${v.description})`,
    );
  else
    await queryRows(
      ctx.tx,
      sql`UPDATE labour_workers SET employee_no = ${v.employeeNo}, name = ${v.name}, team_id = ${v.teamId}::uuid,
            grade_id = ${v.gradeId}::uuid, user_id = ${v.userId}::uuid, badge_code = ${v.badge},
            is_active = ${input.isActive}, hire_date = ${v.hire}::date, leave_date = ${v.leave}::date,
            phone = ${v.phone}, description = ${v.description}, updated_at = now()
            ${pinHash ? sql`, pin_hash = ${pinHash}, pin_failures = 0, pin_locked_until = NULL` : sql``}
          WHERE id = ${id}`,
    );
  await queryRows(ctx.tx, sql`DELETE FROM labour_worker_skills WHERE worker_id = ${id}`);
  for (const s of input.skills)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO labour_worker_skills (tenant_id, worker_id, skill_id, level, valid_until)
          VALUES (${ctx.actor.tenantId}, ${id}, ${s.skillId}, ${s.level}, ${s.validUntil ?? null}::date)`,
    );
}

export async function createWorker(ctx: Ctx, body: TSaveWorker): Promise<TWorker> {
  const input = ZSaveWorker.parse(body);
  const issues = await workerIssues(ctx, input, null);
  if (issues.length) throwIssues(issues);
  const id = randomUUID();
  await writeWorker(ctx, id, input, true);
  const after = await getWorker(ctx, id);
  await recordAudit(ctx, {
    action: 'create',
    entityType: AUDIT_ENTITY,
    entityId: id,
    after: { ...after, ...(input.pin ? { pin: 'set' } : {}) },
  });
  return after;
}

/** Replaces the worker as given; the PIN stays unless a new one is given. */
export async function updateWorker(ctx: Ctx, id: string, body: TSaveWorker): Promise<TWorker> {
  const input = ZSaveWorker.parse(body);
  const before = await getWorker(ctx, id);
  const issues = await workerIssues(ctx, input, id);
  if (issues.length) throwIssues(issues);
  await writeWorker(ctx, id, input, false);
  const after = await getWorker(ctx, id);
  await recordAudit(ctx, {
    action: 'update',
    entityType: AUDIT_ENTITY,
    entityId: id,
    before,
    after: { ...after, ...(input.pin ? { pin: 'changed' } : {}) },
  });
  return after;
}

export async function deleteWorker(ctx: Ctx, id: string): Promise<void> {
  const before = await getWorker(ctx, id);
  await queryRows(ctx.tx, sql`DELETE FROM labour_workers WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_ENTITY, entityId: id, before });
}

/** Sets a new PIN (hashed like a password) and lifts any PIN lockout; null clears the PIN. */
export async function setWorkerPin(ctx: Ctx, id: string, pin: string | null): Promise<TWorker> {
  await getWorker(ctx, id);
  const pinHash = pin ? await hashPassword(pin) : null;
  await queryRows(
    ctx.tx,
    sql`UPDATE labour_workers SET pin_hash = ${pinHash}, pin_failures = 0, pin_locked_until = NULL,
          updated_at = now() WHERE id = ${id}`,
  );
  await recordAudit(ctx, {
    action: pin ? 'pin.set' : 'pin.clear',
    entityType: AUDIT_ENTITY,
    entityId: id,
  });
  return getWorker(ctx, id);
}

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TGrade, TRequiredSkill, TSaveGrade, TSaveSkill, TSkill } from '@greenmes/contracts';
import { ZSaveGrade, ZSaveSkill } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

/**
 * The enterprise's grades (初级/中级/高级/技师 — its own list, in its own order) and its skill catalogue.
 * A skill's code is the text routing operations put in `required_skill`, so a worker holding the skill
 * is qualified for those operations.
 */

interface GradeRow {
  id: string;
  code: string;
  name: string;
  sort_order: number;
  description: string | null;
  worker_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}
const toGrade = (r: GradeRow): TGrade => ({
  id: r.id,
  code: r.code,
  name: r.name,
  sortOrder: r.sort_order,
  description: r.description,
  workerCount: r.worker_count,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});
const GRADES = sql`SELECT g.id, g.code, g.name, g.sort_order, g.description, g.created_at, g.updated_at,
    (SELECT count(*)::int FROM labour_workers w WHERE w.tenant_id = g.tenant_id AND w.grade_id = g.id) AS worker_count
  FROM labour_grades g`;

export async function listGrades(ctx: Ctx): Promise<TGrade[]> {
  return (await queryRows<GradeRow>(ctx.tx, sql`${GRADES} ORDER BY g.sort_order, g.code`)).map(toGrade);
}

export async function getGrade(ctx: Ctx, id: string): Promise<TGrade> {
  const [row] = await queryRows<GradeRow>(ctx.tx, sql`${GRADES} WHERE g.id = ${id}`);
  if (!row) throw notFound('grade');
  return toGrade(row);
}

async function assertGradeCodeFree(ctx: Ctx, code: string, id: string | null) {
  const [dup] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM labour_grades WHERE code = ${code} AND id IS DISTINCT FROM ${id}::uuid`,
  );
  if (dup) throw new AppError('DUPLICATE_CODE', { code, entity: 'grade' });
}

export async function createGrade(ctx: Ctx, body: TSaveGrade): Promise<TGrade> {
  const input = ZSaveGrade.parse(body);
  await assertGradeCodeFree(ctx, input.code, null);
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO labour_grades (tenant_id, id, code, name, sort_order, description)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.name}, ${input.sortOrder}, ${input.description ?? null})`,
  );
  const after = await getGrade(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'labour_grade', entityId: id, after });
  return after;
}

export async function updateGrade(ctx: Ctx, id: string, body: TSaveGrade): Promise<TGrade> {
  const input = ZSaveGrade.parse(body);
  const before = await getGrade(ctx, id);
  await assertGradeCodeFree(ctx, input.code, id);
  await queryRows(
    ctx.tx,
    sql`UPDATE labour_grades SET code = ${input.code}, name = ${input.name}, sort_order = ${input.sortOrder},
          description = ${input.description ?? null}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getGrade(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'labour_grade', entityId: id, before, after });
  return after;
}

/** A grade workers or rates still use cannot go (409 saying how many). */
export async function deleteGrade(ctx: Ctx, id: string): Promise<void> {
  const before = await getGrade(ctx, id);
  const [use] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT (SELECT count(*) FROM labour_workers WHERE grade_id = ${id})
          + (SELECT count(*) FROM labour_piece_rates WHERE grade_id = ${id})
          + (SELECT count(*) FROM labour_time_rates WHERE grade_id = ${id}) AS n`,
  );
  if (Number(use!.n) > 0)
    throw new AppError('IN_USE', {
      entity: 'grade',
      code: before.code,
      count: Number(use!.n),
      users: 'workers and wage rates',
    });
  await queryRows(ctx.tx, sql`DELETE FROM labour_grades WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'labour_grade', entityId: id, before });
}

// ---- skills ----

interface SkillRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  worker_count: number;
  operation_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}
const toSkill = (r: SkillRow): TSkill => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  workerCount: r.worker_count,
  operationCount: r.operation_count,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

/**
 * The routings' operations that require a skill, read from production's tables by SQL as production
 * reads the factory model's: obsolete routings no longer count.
 */
const REQUIRING_OPERATIONS = sql`SELECT o.required_skill FROM production_routing_operations o
  JOIN production_routings r ON r.tenant_id = o.tenant_id AND r.id = o.routing_id
  WHERE r.status <> 'obsolete' AND o.required_skill IS NOT NULL`;

const SKILLS = sql`SELECT s.id, s.code, s.name, s.description, s.created_at, s.updated_at,
    (SELECT count(*)::int FROM labour_worker_skills ws WHERE ws.tenant_id = s.tenant_id AND ws.skill_id = s.id) AS worker_count,
    (SELECT count(*)::int FROM (${REQUIRING_OPERATIONS}) o WHERE o.required_skill = s.code) AS operation_count
  FROM labour_skills s`;

export async function listSkills(ctx: Ctx): Promise<TSkill[]> {
  return (await queryRows<SkillRow>(ctx.tx, sql`${SKILLS} ORDER BY s.code`)).map(toSkill);
}

export async function getSkill(ctx: Ctx, id: string): Promise<TSkill> {
  const [row] = await queryRows<SkillRow>(ctx.tx, sql`${SKILLS} WHERE s.id = ${id}`);
  if (!row) throw notFound('skill');
  return toSkill(row);
}

/** Every skill text the (non-obsolete) routings require, and whether the catalogue has it. */
export async function requiredSkills(ctx: Ctx): Promise<TRequiredSkill[]> {
  const rows = await queryRows<{ code: string; n: number; known: boolean }>(
    ctx.tx,
    sql`SELECT o.required_skill AS code, count(*)::int AS n,
          EXISTS (SELECT 1 FROM labour_skills s WHERE s.code = o.required_skill) AS known
        FROM (${REQUIRING_OPERATIONS}) o GROUP BY o.required_skill ORDER BY o.required_skill`,
  );
  return rows.map((r) => ({ code: r.code, operationCount: r.n, isInCatalogue: r.known }));
}

async function assertSkillCodeFree(ctx: Ctx, code: string, id: string | null) {
  const [dup] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM labour_skills WHERE code = ${code} AND id IS DISTINCT FROM ${id}::uuid`,
  );
  if (dup) throw new AppError('DUPLICATE_CODE', { code, entity: 'skill' });
}

export async function createSkill(ctx: Ctx, body: TSaveSkill): Promise<TSkill> {
  const input = ZSaveSkill.parse(body);
  await assertSkillCodeFree(ctx, input.code, null);
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO labour_skills (tenant_id, id, code, name, description)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.name}, ${input.description ?? null})`,
  );
  const after = await getSkill(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'labour_skill', entityId: id, after });
  return after;
}

export async function updateSkill(ctx: Ctx, id: string, body: TSaveSkill): Promise<TSkill> {
  const input = ZSaveSkill.parse(body);
  const before = await getSkill(ctx, id);
  await assertSkillCodeFree(ctx, input.code, id);
  await queryRows(
    ctx.tx,
    sql`UPDATE labour_skills SET code = ${input.code}, name = ${input.name},
          description = ${input.description ?? null}, updated_at = now() WHERE id = ${id}`,
  );
  const after = await getSkill(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'labour_skill', entityId: id, before, after });
  return after;
}

export async function deleteSkill(ctx: Ctx, id: string): Promise<void> {
  const before = await getSkill(ctx, id);
  if (before.workerCount > 0)
    throw new AppError('IN_USE', {
      entity: 'skill',
      code: before.code,
      count: before.workerCount,
      users: 'workers',
    });
  await queryRows(ctx.tx, sql`DELETE FROM labour_skills WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'labour_skill', entityId: id, before });
}

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ReasonCodeKind, TReasonCode, TReasonCodeQuery, TSaveReasonCode } from '@greenmes/contracts';
import { ZSaveReasonCode } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

/**
 * The enterprise's reason codes for the shop floor: scrap reasons (a job report's scrapReasonCode must be
 * an active one) and pause reasons (offered at the terminal; a pause may still be explained in words).
 */

const AUDIT_ENTITY = 'reason_code';
const ENTITY = 'reason code';

interface ReasonRow {
  id: string;
  kind: ReasonCodeKind;
  code: string;
  name: string;
  sort_order: number;
  is_active: boolean;
  description: string | null;
  report_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}
const toReasonCode = (r: ReasonRow): TReasonCode => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  sortOrder: r.sort_order,
  isActive: r.is_active,
  description: r.description,
  reportCount: r.report_count,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});
// job reports keep the scrap code as text (no foreign key), so the count is what a delete would orphan
const SELECT = sql`SELECT c.id, c.kind, c.code, c.name, c.sort_order, c.is_active, c.description,
    c.created_at, c.updated_at,
    CASE WHEN c.kind = 'scrap' THEN (SELECT count(*)::int FROM job_reports r
      WHERE r.tenant_id = c.tenant_id AND r.scrap_reason_code = c.code) ELSE 0 END AS report_count
  FROM production_reason_codes c`;

export async function listReasonCodes(ctx: Ctx, q: TReasonCodeQuery = {}): Promise<TReasonCode[]> {
  const rows = await queryRows<ReasonRow>(
    ctx.tx,
    sql`${SELECT} WHERE (${q.kind ?? null}::text IS NULL OR c.kind = ${q.kind ?? null})
          AND (${q.active ?? null}::text IS NULL OR c.is_active = ${q.active === 'true'})
        ORDER BY c.kind, c.sort_order, c.code`,
  );
  return rows.map(toReasonCode);
}

export async function getReasonCode(ctx: Ctx, id: string): Promise<TReasonCode> {
  const [row] = await queryRows<ReasonRow>(ctx.tx, sql`${SELECT} WHERE c.id = ${id}`);
  if (!row) throw notFound(ENTITY);
  return toReasonCode(row);
}

async function assertCodeFree(ctx: Ctx, o: { kind: ReasonCodeKind; code: string; id: string | null }) {
  const [dup] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM production_reason_codes
        WHERE kind = ${o.kind} AND code = ${o.code} AND id IS DISTINCT FROM ${o.id}::uuid`,
  );
  if (dup) throw new AppError('DUPLICATE_CODE', { code: o.code, entity: ENTITY });
}

export async function createReasonCode(ctx: Ctx, body: TSaveReasonCode): Promise<TReasonCode> {
  const input = ZSaveReasonCode.parse(body);
  await assertCodeFree(ctx, { kind: input.kind, code: input.code, id: null });
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO production_reason_codes (tenant_id, id, kind, code, name, sort_order, is_active, description)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.kind}, ${input.code}, ${input.name}, ${input.sortOrder},
          ${input.isActive}, ${input.description ?? null})`,
  );
  const after = await getReasonCode(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT_ENTITY, entityId: id, after });
  return after;
}

/** A scrap code that reports name keeps its kind and code (409): the reports would lose their reason. */
export async function updateReasonCode(ctx: Ctx, id: string, body: TSaveReasonCode): Promise<TReasonCode> {
  const input = ZSaveReasonCode.parse(body);
  const before = await getReasonCode(ctx, id);
  if (before.reportCount > 0 && (input.kind !== before.kind || input.code !== before.code))
    throw new AppError('CONFLICT', {
      reason: `reason code ${before.code} is named by ${before.reportCount} job reports: its kind and code stay; deactivate it instead`,
    });
  await assertCodeFree(ctx, { kind: input.kind, code: input.code, id });
  await queryRows(
    ctx.tx,
    sql`UPDATE production_reason_codes SET kind = ${input.kind}, code = ${input.code}, name = ${input.name},
          sort_order = ${input.sortOrder}, is_active = ${input.isActive}, description = ${input.description ?? null},
          updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getReasonCode(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

/** A code job reports name cannot go (409 saying how many); deactivate it instead. */
export async function deleteReasonCode(ctx: Ctx, id: string): Promise<void> {
  const before = await getReasonCode(ctx, id);
  if (before.reportCount > 0)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: before.reportCount,
      users: 'job reports',
    });
  await queryRows(ctx.tx, sql`DELETE FROM production_reason_codes WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_ENTITY, entityId: id, before });
}

/** A job report's scrap reason must be an active scrap code of the enterprise (400 naming the field). */
export async function assertScrapReasonCode(ctx: Ctx, code: string): Promise<void> {
  const [row] = await queryRows<{ is_active: boolean }>(
    ctx.tx,
    sql`SELECT is_active FROM production_reason_codes WHERE kind = 'scrap' AND code = ${code}`,
  );
  if (!row || !row.is_active)
    throw new AppError('VALIDATION', {}, [
      {
        path: 'body.scrapReasonCode',
        message: row ? `scrap reason ${code} is inactive` : `unknown scrap reason code ${code}`,
      },
    ]);
}

import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  ZSavePieceRate,
  ZSaveTimeRate,
  type TPage,
  type TPieceRate,
  type TPieceRateQuery,
  type TRateResolution,
  type TRateResolveQuery,
  type TSavePieceRate,
  type TSaveTimeRate,
  type TTimeRate,
  type TTimeRateQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { readSettings } from '../platform/settings.service.ts';
import { explainRates, money, rateFor, timeRateFor } from './rate-resolver.ts';

/**
 * Wage rates with effective periods: piece rates (yuan per good unit, a scrap policy, rework pay) keyed by
 * operation code, product and grade, and hourly time rates per grade. Periods of one key may not overlap:
 * every write takes a per-tenant advisory lock, then looks for a clash (an exclusion constraint would
 * need btree_gist, which PGlite lacks).
 */

const lockRates = (ctx: Ctx) =>
  queryRows(ctx.tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`labour-rates:${ctx.actor.tenantId}`}))`);

const period = (from: string, to: string | null) => `${from} – ${to ?? '…'}`;

// ---- piece rates ----

interface PieceRow {
  id: string;
  operation_code: string;
  product_id: string | null;
  product_code: string | null;
  product_name: string | null;
  grade_id: string | null;
  grade_code: string | null;
  grade_name: string | null;
  rate: string;
  scrap_policy: TPieceRate['scrapPolicy'];
  scrap_deduction: string | null;
  scrap_pay_percent: string | null;
  rework_rate: string;
  effective_from: string;
  effective_to: string | null;
  description: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const PIECE = sql`SELECT p.id, p.operation_code, p.product_id, m.code AS product_code, m.name AS product_name,
    p.grade_id, g.code AS grade_code, g.name AS grade_name, p.rate::text AS rate, p.scrap_policy,
    p.scrap_deduction::text AS scrap_deduction, p.scrap_pay_percent::text AS scrap_pay_percent,
    p.rework_rate::text AS rework_rate, p.effective_from::text AS effective_from,
    p.effective_to::text AS effective_to, p.description, p.created_at, p.updated_at
  FROM labour_piece_rates p
  LEFT JOIN materials m ON m.tenant_id = p.tenant_id AND m.id = p.product_id
  LEFT JOIN labour_grades g ON g.tenant_id = p.tenant_id AND g.id = p.grade_id`;

const toPiece = (r: PieceRow): TPieceRate => ({
  id: r.id,
  operationCode: r.operation_code,
  productId: r.product_id,
  productCode: r.product_code,
  productName: r.product_name,
  gradeId: r.grade_id,
  gradeCode: r.grade_code,
  gradeName: r.grade_name,
  rate: money(r.rate),
  scrapPolicy: r.scrap_policy,
  scrapDeduction: r.scrap_deduction === null ? null : money(r.scrap_deduction),
  scrapPayPercent: r.scrap_pay_percent === null ? null : money(r.scrap_pay_percent),
  reworkRate: money(r.rework_rate),
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  description: r.description,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

/** "TURN · SF-VB-100 · G2" — how a rate's key reads in messages. */
const pieceKey = (r: Pick<TPieceRate, 'operationCode' | 'productCode' | 'gradeCode'>) =>
  [r.operationCode, r.productCode ?? 'any product', r.gradeCode ?? 'any grade'].join(' · ');

const PIECE_ORDER = sql`p.operation_code, m.code NULLS FIRST, g.sort_order NULLS FIRST, p.effective_from DESC`;

function pieceFilter(q: Omit<TPieceRateQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.q) {
    const like = likePattern(q.q);
    parts.push(sql`(p.operation_code ILIKE ${like} OR m.code ILIKE ${like} OR m.name ILIKE ${like})`);
  }
  if (q.operationCode) parts.push(sql`p.operation_code = ${q.operationCode}`);
  if (q.productId) parts.push(sql`p.product_id = ${q.productId}`);
  if (q.gradeId) parts.push(sql`p.grade_id = ${q.gradeId}`);
  if (q.effectiveOn)
    parts.push(
      sql`p.effective_from <= ${q.effectiveOn}::date AND coalesce(p.effective_to, 'infinity'::date) >= ${q.effectiveOn}::date`,
    );
  return sql.join(parts, sql` AND `);
}

export async function listPieceRates(ctx: Ctx, query: TPieceRateQuery): Promise<TPage<TPieceRate>> {
  const where = pieceFilter(query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM labour_piece_rates p
        LEFT JOIN materials m ON m.tenant_id = p.tenant_id AND m.id = p.product_id WHERE ${where}`,
  );
  const rows = await queryRows<PieceRow>(
    ctx.tx,
    sql`${PIECE} WHERE ${where} ORDER BY ${PIECE_ORDER} LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toPiece), total: count!.n, page: query.page, pageSize: query.pageSize };
}

/** Every piece rate matching the list's filters, in the list's order (the Excel export and import). */
export async function allPieceRates(ctx: Ctx, filters: Omit<TPieceRateQuery, 'page' | 'pageSize'>) {
  const rows = await queryRows<PieceRow>(
    ctx.tx,
    sql`${PIECE} WHERE ${pieceFilter(filters)} ORDER BY ${PIECE_ORDER}`,
  );
  return rows.map(toPiece);
}

export async function getPieceRate(ctx: Ctx, id: string): Promise<TPieceRate> {
  const [row] = await queryRows<PieceRow>(ctx.tx, sql`${PIECE} WHERE p.id = ${id}`);
  if (!row) throw notFound('piece rate');
  return toPiece(row);
}

async function checkPiece(ctx: Ctx, input: ReturnType<typeof ZSavePieceRate.parse>, id: string | null) {
  const issues: Array<{ path: string; message: string }> = [];
  if (input.productId) {
    const [m] = await queryRows(ctx.tx, sql`SELECT 1 FROM materials WHERE id = ${input.productId}`);
    if (!m) issues.push({ path: 'body.productId', message: 'no such material' });
  }
  if (input.gradeId) {
    const [g] = await queryRows(ctx.tx, sql`SELECT 1 FROM labour_grades WHERE id = ${input.gradeId}`);
    if (!g) issues.push({ path: 'body.gradeId', message: 'no such grade' });
  }
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  const [clash] = await queryRows<PieceRow>(
    ctx.tx,
    sql`${PIECE} WHERE p.operation_code = ${input.operationCode}
          AND p.product_id IS NOT DISTINCT FROM ${input.productId ?? null}::uuid
          AND p.grade_id IS NOT DISTINCT FROM ${input.gradeId ?? null}::uuid
          AND p.id IS DISTINCT FROM ${id}::uuid
          AND p.effective_from <= coalesce(${input.effectiveTo ?? null}::date, 'infinity'::date)
          AND coalesce(p.effective_to, 'infinity'::date) >= ${input.effectiveFrom}::date
        ORDER BY p.effective_from LIMIT 1`,
  );
  if (clash) {
    const other = toPiece(clash);
    throw new AppError('CONFLICT', {
      reason: `the piece rate ${pieceKey(other)} of ${period(other.effectiveFrom, other.effectiveTo)} (${other.rate} yuan) overlaps ${period(input.effectiveFrom, input.effectiveTo ?? null)}; end it first or change the dates`,
      rateId: other.id,
    });
  }
}

async function writePiece(
  ctx: Ctx,
  id: string,
  input: ReturnType<typeof ZSavePieceRate.parse>,
  isNew: boolean,
) {
  const v = {
    product: input.productId ?? null,
    grade: input.gradeId ?? null,
    deduction: input.scrapPolicy === 'deduct' ? (input.scrapDeduction ?? null) : null,
    percent: input.scrapPolicy === 'pay_percent' ? (input.scrapPayPercent ?? null) : null,
    to: input.effectiveTo ?? null,
    description: input.description ?? null,
  };
  if (isNew)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO labour_piece_rates (tenant_id, id, operation_code, product_id, grade_id, rate, scrap_policy,
            scrap_deduction, scrap_pay_percent, rework_rate, effective_from, effective_to, description)
          VALUES (${ctx.actor.tenantId}, ${id}, ${input.operationCode}, ${v.product}::uuid, ${v.grade}::uuid,
            ${input.rate}::numeric, ${input.scrapPolicy}, ${v.deduction}::numeric, ${v.percent}::numeric,
            ${input.reworkRate}::numeric, ${input.effectiveFrom}::date, ${v.to}::date, ${v.description})`,
    );
  else
    await queryRows(
      ctx.tx,
      sql`UPDATE labour_piece_rates SET operation_code = ${input.operationCode}, product_id = ${v.product}::uuid,
            grade_id = ${v.grade}::uuid, rate = ${input.rate}::numeric, scrap_policy = ${input.scrapPolicy},
            scrap_deduction = ${v.deduction}::numeric, scrap_pay_percent = ${v.percent}::numeric,
            rework_rate = ${input.reworkRate}::numeric, effective_from = ${input.effectiveFrom}::date,
            effective_to = ${v.to}::date, description = ${v.description}, updated_at = now()
          WHERE id = ${id}`,
    );
}

export async function createPieceRate(ctx: Ctx, body: TSavePieceRate): Promise<TPieceRate> {
  const input = ZSavePieceRate.parse(body);
  await lockRates(ctx);
  await checkPiece(ctx, input, null);
  const id = randomUUID();
  await writePiece(ctx, id, input, true);
  const after = await getPieceRate(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'labour_piece_rate', entityId: id, after });
  return after;
}

export async function updatePieceRate(ctx: Ctx, id: string, body: TSavePieceRate): Promise<TPieceRate> {
  const input = ZSavePieceRate.parse(body);
  await lockRates(ctx);
  const before = await getPieceRate(ctx, id);
  await checkPiece(ctx, input, id);
  await writePiece(ctx, id, input, false);
  const after = await getPieceRate(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'labour_piece_rate', entityId: id, before, after });
  return after;
}

export async function deletePieceRate(ctx: Ctx, id: string): Promise<void> {
  const before = await getPieceRate(ctx, id);
  await queryRows(ctx.tx, sql`DELETE FROM labour_piece_rates WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'labour_piece_rate', entityId: id, before });
}

// ---- time rates ----

interface TimeRow {
  id: string;
  grade_id: string;
  grade_code: string;
  grade_name: string;
  rate: string;
  effective_from: string;
  effective_to: string | null;
  description: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}
const TIME = sql`SELECT t.id, t.grade_id, g.code AS grade_code, g.name AS grade_name, t.rate::text AS rate,
    t.effective_from::text AS effective_from, t.effective_to::text AS effective_to, t.description,
    t.created_at, t.updated_at
  FROM labour_time_rates t JOIN labour_grades g ON g.tenant_id = t.tenant_id AND g.id = t.grade_id`;
const toTime = (r: TimeRow): TTimeRate => ({
  id: r.id,
  gradeId: r.grade_id,
  gradeCode: r.grade_code,
  gradeName: r.grade_name,
  rate: money(r.rate),
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  description: r.description,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

const timeFilter = (q: Omit<TTimeRateQuery, 'page' | 'pageSize'>) =>
  sql`(${q.gradeId ?? null}::uuid IS NULL OR t.grade_id = ${q.gradeId ?? null}::uuid)
    AND (${q.effectiveOn ?? null}::date IS NULL OR (t.effective_from <= ${q.effectiveOn ?? null}::date
      AND coalesce(t.effective_to, 'infinity'::date) >= ${q.effectiveOn ?? null}::date))`;
const TIME_ORDER = sql`g.sort_order, g.code, t.effective_from DESC`;

export async function listTimeRates(ctx: Ctx, query: TTimeRateQuery): Promise<TPage<TTimeRate>> {
  const where = timeFilter(query);
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM labour_time_rates t WHERE ${where}`,
  );
  const rows = await queryRows<TimeRow>(
    ctx.tx,
    sql`${TIME} WHERE ${where} ORDER BY ${TIME_ORDER} LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toTime), total: count!.n, page: query.page, pageSize: query.pageSize };
}

/** Every time rate matching the list's filters, in the list's order (the Excel export and import). */
export async function allTimeRates(ctx: Ctx, filters: Omit<TTimeRateQuery, 'page' | 'pageSize'>) {
  const rows = await queryRows<TimeRow>(
    ctx.tx,
    sql`${TIME} WHERE ${timeFilter(filters)} ORDER BY ${TIME_ORDER}`,
  );
  return rows.map(toTime);
}

export async function getTimeRate(ctx: Ctx, id: string): Promise<TTimeRate> {
  const [row] = await queryRows<TimeRow>(ctx.tx, sql`${TIME} WHERE t.id = ${id}`);
  if (!row) throw notFound('time rate');
  return toTime(row);
}

async function checkTime(ctx: Ctx, input: ReturnType<typeof ZSaveTimeRate.parse>, id: string | null) {
  const [g] = await queryRows(ctx.tx, sql`SELECT 1 FROM labour_grades WHERE id = ${input.gradeId}`);
  if (!g) throw new AppError('VALIDATION', {}, [{ path: 'body.gradeId', message: 'no such grade' }]);
  const [clash] = await queryRows<TimeRow>(
    ctx.tx,
    sql`${TIME} WHERE t.grade_id = ${input.gradeId} AND t.id IS DISTINCT FROM ${id}::uuid
          AND t.effective_from <= coalesce(${input.effectiveTo ?? null}::date, 'infinity'::date)
          AND coalesce(t.effective_to, 'infinity'::date) >= ${input.effectiveFrom}::date
        ORDER BY t.effective_from LIMIT 1`,
  );
  if (clash) {
    const other = toTime(clash);
    throw new AppError('CONFLICT', {
      reason: `the hourly rate of grade ${other.gradeCode} of ${period(other.effectiveFrom, other.effectiveTo)} (${other.rate} yuan/h) overlaps ${period(input.effectiveFrom, input.effectiveTo ?? null)}; end it first or change the dates`,
      rateId: other.id,
    });
  }
}

export async function createTimeRate(ctx: Ctx, body: TSaveTimeRate): Promise<TTimeRate> {
  const input = ZSaveTimeRate.parse(body);
  await lockRates(ctx);
  await checkTime(ctx, input, null);
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO labour_time_rates (tenant_id, id, grade_id, rate, effective_from, effective_to, description)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.gradeId}, ${input.rate}::numeric, ${input.effectiveFrom}::date,
          ${input.effectiveTo ?? null}::date, ${input.description ?? null})`,
  );
  const after = await getTimeRate(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'labour_time_rate', entityId: id, after });
  return after;
}

export async function updateTimeRate(ctx: Ctx, id: string, body: TSaveTimeRate): Promise<TTimeRate> {
  const input = ZSaveTimeRate.parse(body);
  await lockRates(ctx);
  const before = await getTimeRate(ctx, id);
  await checkTime(ctx, input, id);
  await queryRows(
    ctx.tx,
    sql`UPDATE labour_time_rates SET grade_id = ${input.gradeId}, rate = ${input.rate}::numeric,
          effective_from = ${input.effectiveFrom}::date, effective_to = ${input.effectiveTo ?? null}::date,
          description = ${input.description ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getTimeRate(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'labour_time_rate', entityId: id, before, after });
  return after;
}

export async function deleteTimeRate(ctx: Ctx, id: string): Promise<void> {
  const before = await getTimeRate(ctx, id);
  await queryRows(ctx.tx, sql`DELETE FROM labour_time_rates WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'labour_time_rate', entityId: id, before });
}

// ---- resolution ----

/**
 * Every piece and hourly rate in effect on at least one day of [from, to]: what a wage sheet's period
 * needs, loaded once; `rateFor` and `timeRateFor` then pick per report and per day.
 */
export async function ratesInPeriod(
  ctx: Ctx,
  o: { from: string; to: string },
): Promise<{ pieces: TPieceRate[]; times: TTimeRate[] }> {
  const overlaps = (t: SQL) =>
    sql`${t}.effective_from <= ${o.to}::date AND coalesce(${t}.effective_to, 'infinity'::date) >= ${o.from}::date`;
  const pieces = await queryRows<PieceRow>(ctx.tx, sql`${PIECE} WHERE ${overlaps(sql`p`)}`);
  const times = await queryRows<TimeRow>(ctx.tx, sql`${TIME} WHERE ${overlaps(sql`t`)}`);
  return { pieces: pieces.map(toPiece), times: times.map(toTime) };
}

const todayIn = (timezone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone || 'Asia/Shanghai' }).format(new Date());

/**
 * The piece rate that applies to an operation (of a product, for a grade) on a day, every rate of the
 * operation code with the reason it does or does not apply, and the grade's hourly rate that day. Wage
 * sheets call `rateFor` on the rates loaded once per period; this is the same logic for one question.
 */
export async function resolveRates(ctx: Ctx, q: TRateResolveQuery): Promise<TRateResolution> {
  const date = q.date ?? todayIn((await readSettings(ctx.tx, ctx.actor.tenantId)).timezone);
  const pieces = (
    await queryRows<PieceRow>(ctx.tx, sql`${PIECE} WHERE p.operation_code = ${q.operationCode}`)
  ).map(toPiece);
  const query = { operationCode: q.operationCode, productId: q.productId, gradeId: q.gradeId, date };
  const chosen = rateFor({ ...query, rates: pieces });
  const times = q.gradeId
    ? (await queryRows<TimeRow>(ctx.tx, sql`${TIME} WHERE t.grade_id = ${q.gradeId}`)).map(toTime)
    : [];
  return {
    date,
    pieceRate: chosen?.rate ?? null,
    match: chosen?.match ?? null,
    candidates: explainRates({ ...query, rates: pieces }),
    timeRate: q.gradeId ? timeRateFor({ rates: times, gradeId: q.gradeId, date }) : null,
  };
}

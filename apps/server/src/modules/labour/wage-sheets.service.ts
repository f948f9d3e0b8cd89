import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  ZGenerateWageSheets,
  type TGenerateWageSheets,
  type TGenerateWageSheetsResult,
  type TWageSheet,
  type TWageSheetDetail,
  type TWageSheetFilters,
  type TWageSheetLine,
  type TWageSheetPage,
  type TWageSheetQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { descendantsOf, type Scope } from '../modeling/data-scope.ts';
import { loadPlant } from '../modeling/plant.service.ts';
import { operationTimeline, type OperationTimeline } from '../production/operation-timeline.ts';
import { readSettings } from '../platform/settings.service.ts';
import { money } from './rate-resolver.ts';
import { ratesInPeriod } from './rates.service.ts';
import { dayStart, nextDate, wageLines, type WageReport } from './wage-calc.ts';

/**
 * Wage sheets: per worker per period, generated (again, while draft) from the job reports and the rates
 * in effect, approved (locked), reverted to draft. A worker's periods may not overlap, checked under a
 * per-tenant advisory lock. Users limited to part of the plant see the sheets of their teams only.
 */

const ENTITY = 'wage sheet';
const AUDIT_ENTITY = 'labour_wage_sheet';

const lockSheets = (ctx: Ctx) =>
  queryRows(ctx.tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`labour-wages:${ctx.actor.tenantId}`}))`);

interface SheetRow {
  id: string;
  worker_id: string;
  employee_no: string;
  worker_name: string;
  team_id: string | null;
  team_code: string | null;
  team_name: string | null;
  grade_id: string | null;
  grade_name: string | null;
  period_start: string;
  period_end: string;
  timezone: string;
  status: TWageSheet['status'];
  good_qty: string;
  scrap_qty: string;
  rework_qty: string;
  hours: string;
  piece_amount: string;
  scrap_amount: string;
  rework_amount: string;
  time_amount: string;
  total_amount: string;
  warning_count: number;
  generated_at: string | Date;
  approved_at: string | Date | null;
  approved_by: string | null;
  approved_by_name: string | null;
  updated_at: string | Date;
}

const SELECT = sql`SELECT s.id, s.worker_id, s.employee_no, s.worker_name, s.team_id, n.code AS team_code,
    n.name AS team_name, s.grade_id, s.grade_name, s.period_start::text AS period_start,
    s.period_end::text AS period_end, s.timezone, s.status, s.good_qty::text AS good_qty,
    s.scrap_qty::text AS scrap_qty, s.rework_qty::text AS rework_qty, s.hours::text AS hours,
    s.piece_amount::text AS piece_amount, s.scrap_amount::text AS scrap_amount,
    s.rework_amount::text AS rework_amount, s.time_amount::text AS time_amount,
    s.total_amount::text AS total_amount, s.warning_count, s.generated_at, s.approved_at, s.approved_by,
    s.approved_by_name, s.updated_at
  FROM wage_sheets s LEFT JOIN plant_nodes n ON n.tenant_id = s.tenant_id AND n.id = s.team_id`;

const toSheet = (r: SheetRow): TWageSheet => ({
  id: r.id,
  workerId: r.worker_id,
  employeeNo: r.employee_no,
  workerName: r.worker_name,
  teamId: r.team_id,
  teamCode: r.team_code,
  teamName: r.team_name,
  gradeId: r.grade_id,
  gradeName: r.grade_name,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  timezone: r.timezone,
  status: r.status,
  goodQty: money(r.good_qty),
  scrapQty: money(r.scrap_qty),
  reworkQty: money(r.rework_qty),
  hours: money(r.hours),
  pieceAmount: r.piece_amount,
  scrapAmount: r.scrap_amount,
  reworkAmount: r.rework_amount,
  timeAmount: r.time_amount,
  totalAmount: r.total_amount,
  warningCount: r.warning_count,
  generatedAt: toIso(r.generated_at),
  approvedAt: r.approved_at === null ? null : toIso(r.approved_at),
  approvedBy: r.approved_by,
  approvedByName: r.approved_by_name,
  updatedAt: toIso(r.updated_at),
});

/** Sheets of teams in the caller's data scope (sheets without a team need an unrestricted user). */
const scopeSql = (scope: Scope): SQL =>
  scope.allowed === null ? sql`true` : sql`s.team_id = ANY(${sql.param([...scope.allowed])}::uuid[])`;

async function filterSql(ctx: Ctx, f: TWageSheetFilters): Promise<SQL> {
  const { nodes, scope } = await loadPlant(ctx);
  const parts: SQL[] = [scopeSql(scope)];
  if (f.q) {
    const like = likePattern(f.q);
    parts.push(sql`(s.employee_no ILIKE ${like} OR s.worker_name ILIKE ${like})`);
  }
  if (f.workerId) parts.push(sql`s.worker_id = ${f.workerId}`);
  if (f.teamId) parts.push(sql`s.team_id = ANY(${sql.param([...descendantsOf(nodes, [f.teamId])])}::uuid[])`);
  if (f.from) parts.push(sql`s.period_end >= ${f.from}::date`);
  if (f.to) parts.push(sql`s.period_start <= ${f.to}::date`);
  if (f.status) parts.push(sql`s.status = ${f.status}`);
  return sql.join(parts, sql` AND `);
}

const ORDER = sql`ORDER BY s.period_start DESC, s.employee_no, s.id`;

export async function listWageSheets(ctx: Ctx, query: TWageSheetQuery): Promise<TWageSheetPage> {
  const where = await filterSql(ctx, query);
  const { limit, offset } = pageWindow(query);
  const [sum] = await queryRows<{ n: number } & Record<string, string>>(
    ctx.tx,
    sql`SELECT count(*)::int AS n, coalesce(sum(s.hours), 0)::text AS hours,
          coalesce(sum(s.piece_amount), 0)::numeric(14, 2)::text AS piece,
          coalesce(sum(s.scrap_amount), 0)::numeric(14, 2)::text AS scrap,
          coalesce(sum(s.rework_amount), 0)::numeric(14, 2)::text AS rework,
          coalesce(sum(s.time_amount), 0)::numeric(14, 2)::text AS time,
          coalesce(sum(s.total_amount), 0)::numeric(14, 2)::text AS total
        FROM wage_sheets s WHERE ${where}`,
  );
  const rows = await queryRows<SheetRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ${ORDER} LIMIT ${limit} OFFSET ${offset}`,
  );
  return {
    items: rows.map(toSheet),
    total: sum!.n,
    page: query.page,
    pageSize: query.pageSize,
    totals: {
      hours: money(sum!.hours!),
      pieceAmount: sum!.piece!,
      scrapAmount: sum!.scrap!,
      reworkAmount: sum!.rework!,
      timeAmount: sum!.time!,
      totalAmount: sum!.total!,
    },
  };
}

/** Every sheet matching the filters (the Excel export), with its lines. */
export async function allWageSheets(ctx: Ctx, f: TWageSheetFilters): Promise<TWageSheetDetail[]> {
  const where = await filterSql(ctx, f);
  const rows = await queryRows<SheetRow>(ctx.tx, sql`${SELECT} WHERE ${where} ${ORDER}`);
  const lines = await linesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...toSheet(r), lines: lines.get(r.id) ?? [] }));
}

/** A sheet generation just wrote (its worker was in scope): no second read of the plant tree. */
async function writtenSheet(ctx: Ctx, id: string): Promise<TWageSheet> {
  const [row] = await queryRows<SheetRow>(ctx.tx, sql`${SELECT} WHERE s.id = ${id}`);
  return toSheet(row!);
}

async function sheetRow(ctx: Ctx, id: string, lock = false): Promise<SheetRow> {
  const { scope } = await loadPlant(ctx);
  const [row] = await queryRows<SheetRow>(
    ctx.tx,
    sql`${SELECT} WHERE s.id = ${id} AND ${scopeSql(scope)} ${lock ? sql`FOR UPDATE OF s` : sql``}`,
  );
  if (!row) throw notFound(ENTITY);
  return row;
}

interface LineRow {
  sheet_id: string;
  line_no: number;
  kind: TWageSheetLine['kind'];
  work_date: string;
  job_report_id: string | null;
  work_order_id: string | null;
  work_order_number: string | null;
  operation_id: string | null;
  operation_code: string;
  product_id: string | null;
  product_code: string | null;
  product_name: string | null;
  good_qty: string;
  scrap_qty: string;
  rework_qty: string;
  hours: string;
  rate_id: string | null;
  rate: string | null;
  rate_match: TWageSheetLine['rateMatch'];
  rate_basis: string | null;
  scrap_policy: TWageSheetLine['scrapPolicy'];
  scrap_deduction: string | null;
  scrap_pay_percent: string | null;
  rework_rate: string | null;
  piece_amount: string;
  scrap_amount: string;
  rework_amount: string;
  time_amount: string;
  amount: string;
  warning: TWageSheetLine['warning'];
}

const orNull = (v: string | null) => (v === null ? null : money(v));

async function linesOf(ctx: Ctx, sheetIds: string[]): Promise<Map<string, TWageSheetLine[]>> {
  const out = new Map<string, TWageSheetLine[]>();
  if (sheetIds.length === 0) return out;
  const rows = await queryRows<LineRow>(
    ctx.tx,
    sql`SELECT sheet_id, line_no, kind, work_date::text AS work_date, job_report_id, work_order_id,
          work_order_number, operation_id, operation_code, product_id, product_code, product_name,
          good_qty::text AS good_qty, scrap_qty::text AS scrap_qty, rework_qty::text AS rework_qty,
          hours::text AS hours, rate_id, rate::text AS rate, rate_match, rate_basis, scrap_policy,
          scrap_deduction::text AS scrap_deduction, scrap_pay_percent::text AS scrap_pay_percent,
          rework_rate::text AS rework_rate, piece_amount::text AS piece_amount,
          scrap_amount::text AS scrap_amount, rework_amount::text AS rework_amount,
          time_amount::text AS time_amount, amount::text AS amount, warning
        FROM wage_sheet_lines WHERE sheet_id = ANY(${sql.param(sheetIds)}::uuid[]) ORDER BY sheet_id, line_no`,
  );
  for (const r of rows) {
    const list = out.get(r.sheet_id) ?? [];
    list.push({
      lineNo: r.line_no,
      kind: r.kind,
      workDate: r.work_date,
      jobReportId: r.job_report_id,
      workOrderId: r.work_order_id,
      workOrderNumber: r.work_order_number,
      operationId: r.operation_id,
      operationCode: r.operation_code,
      productId: r.product_id,
      productCode: r.product_code,
      productName: r.product_name,
      goodQty: money(r.good_qty),
      scrapQty: money(r.scrap_qty),
      reworkQty: money(r.rework_qty),
      hours: money(r.hours),
      rateId: r.rate_id,
      rate: orNull(r.rate),
      rateMatch: r.rate_match,
      rateBasis: r.rate_basis,
      scrapPolicy: r.scrap_policy,
      scrapDeduction: orNull(r.scrap_deduction),
      scrapPayPercent: orNull(r.scrap_pay_percent),
      reworkRate: orNull(r.rework_rate),
      pieceAmount: r.piece_amount,
      scrapAmount: r.scrap_amount,
      reworkAmount: r.rework_amount,
      timeAmount: r.time_amount,
      amount: r.amount,
      warning: r.warning,
    });
    out.set(r.sheet_id, list);
  }
  return out;
}

export async function getWageSheet(ctx: Ctx, id: string): Promise<TWageSheetDetail> {
  const row = await sheetRow(ctx, id);
  return { ...toSheet(row), lines: (await linesOf(ctx, [id])).get(id) ?? [] };
}

// ---- generation ----

interface WorkerRow {
  id: string;
  employee_no: string;
  name: string;
  team_id: string | null;
  grade_id: string | null;
  grade_name: string | null;
}

/**
 * The named workers (400 naming each unknown one), or everyone active and employed during the period, and
 * everyone who reported in it (a worker who left mid-month is still paid for it).
 */
async function workersFor(
  ctx: Ctx,
  o: {
    workerIds?: string[];
    period: { start: string; end: string };
    window: { from: string; to: string };
  },
): Promise<WorkerRow[]> {
  const { scope } = await loadPlant(ctx);
  const scoped =
    scope.allowed === null ? sql`true` : sql`w.team_id = ANY(${sql.param([...scope.allowed])}::uuid[])`;
  const which = o.workerIds
    ? sql`w.id = ANY(${sql.param(o.workerIds)}::uuid[])`
    : sql`((w.is_active AND coalesce(w.hire_date, '-infinity'::date) <= ${o.period.end}::date
            AND coalesce(w.leave_date, 'infinity'::date) >= ${o.period.start}::date)
          OR EXISTS (SELECT 1 FROM job_reports r WHERE r.tenant_id = w.tenant_id AND r.worker_id = w.id
          AND coalesce(r.occurred_at, r.reported_at) >= ${o.window.from}::timestamptz
          AND coalesce(r.occurred_at, r.reported_at) < ${o.window.to}::timestamptz))`;
  const rows = await queryRows<WorkerRow>(
    ctx.tx,
    sql`SELECT w.id, w.employee_no, w.name, w.team_id, w.grade_id, g.name AS grade_name
        FROM labour_workers w LEFT JOIN labour_grades g ON g.tenant_id = w.tenant_id AND g.id = w.grade_id
        WHERE ${which} AND ${scoped} ORDER BY w.employee_no`,
  );
  if (o.workerIds) {
    const found = new Set(rows.map((r) => r.id));
    const issues = o.workerIds.flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `body.workerIds.${i}`, message: 'unknown worker' }],
    );
    if (issues.length) throw new AppError('VALIDATION', {}, issues);
  }
  return rows;
}

interface ReportRow {
  id: string;
  at: string | Date;
  kind: WageReport['kind'];
  worker_id: string;
  work_order_id: string;
  work_order_number: string;
  operation_id: string;
  operation_code: string;
  product_id: string;
  product_code: string;
  product_name: string;
  good_qty: string;
  scrap_qty: string;
  rework_qty: string;
}

/**
 * Every report (of anyone) on the operations that ran in the window, up to its end: those with a report in
 * it, and those that started before and ran into it (a report after it, or still open). Other workers'
 * reports matter: a pause stops the whole crew.
 */
async function reportsFor(ctx: Ctx, window: { from: string; to: string }): Promise<WageReport[]> {
  const at = sql`coalesce(r.occurred_at, r.reported_at)`;
  const rows = await queryRows<ReportRow>(
    ctx.tx,
    sql`WITH ops AS (
          SELECT r.operation_id FROM job_reports r
          JOIN work_order_operations o ON o.tenant_id = r.tenant_id AND o.id = r.operation_id
          GROUP BY r.operation_id, o.status
          HAVING bool_or(${at} >= ${window.from}::timestamptz AND ${at} < ${window.to}::timestamptz)
            OR (min(${at}) < ${window.from}::timestamptz
              AND (max(${at}) >= ${window.to}::timestamptz OR o.status <> 'done'))
        )
        SELECT r.id, ${at} AS at, r.kind, r.worker_id, r.work_order_id, w.number AS work_order_number,
          r.operation_id, o.code AS operation_code, w.product_id, m.code AS product_code,
          m.name AS product_name, r.good_qty::text AS good_qty, r.scrap_qty::text AS scrap_qty,
          r.rework_qty::text AS rework_qty
        FROM job_reports r
        JOIN ops ON ops.operation_id = r.operation_id
        JOIN work_order_operations o ON o.tenant_id = r.tenant_id AND o.id = r.operation_id
        JOIN work_orders w ON w.tenant_id = r.tenant_id AND w.id = r.work_order_id
        JOIN materials m ON m.tenant_id = w.tenant_id AND m.id = w.product_id
        WHERE ${at} < ${window.to}::timestamptz
        ORDER BY ${at}, r.reported_at, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).getTime(),
    kind: r.kind,
    workerId: r.worker_id,
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number,
    operationId: r.operation_id,
    operationCode: r.operation_code,
    productId: r.product_id,
    productCode: r.product_code,
    productName: r.product_name,
    goodQty: r.good_qty,
    scrapQty: r.scrap_qty,
    reworkQty: r.rework_qty,
  }));
}

function timelinesOf(reports: readonly WageReport[], until: number): Map<string, OperationTimeline> {
  const byOp = new Map<string, WageReport[]>();
  for (const r of reports) byOp.set(r.operationId, [...(byOp.get(r.operationId) ?? []), r]);
  return new Map([...byOp].map(([op, events]) => [op, operationTimeline(events, until)]));
}

interface Existing {
  id: string;
  worker_id: string;
  employee_no: string;
  period_start: string;
  period_end: string;
  status: TWageSheet['status'];
}

/**
 * Draft sheets of the period for the named workers, or for every active worker and everyone who reported
 * in it. A worker's draft of the same period is computed again (same id); an approved one is a 409 when the
 * worker was named and left alone (listed as skipped) otherwise; so is a sheet of an overlapping period.
 */
export async function generateWageSheets(
  ctx: Ctx,
  body: TGenerateWageSheets,
): Promise<TGenerateWageSheetsResult> {
  const input = ZGenerateWageSheets.parse(body);
  await lockSheets(ctx);
  const timezone = (await readSettings(ctx.tx, ctx.actor.tenantId)).timezone || 'Asia/Shanghai';
  const from = dayStart(timezone, input.periodStart);
  const to = dayStart(timezone, nextDate(input.periodEnd));
  const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const workers = await workersFor(ctx, {
    workerIds: input.workerIds,
    period: { start: input.periodStart, end: input.periodEnd },
    window,
  });
  const existing = await queryRows<Existing>(
    ctx.tx,
    sql`SELECT id, worker_id, employee_no, period_start::text AS period_start, period_end::text AS period_end, status
        FROM wage_sheets WHERE worker_id = ANY(${sql.param(workers.map((w) => w.id))}::uuid[])
          AND period_start <= ${input.periodEnd}::date AND period_end >= ${input.periodStart}::date`,
  );
  const skipped: TGenerateWageSheetsResult['skipped'] = [];
  const reuse = new Map<string, string>();
  for (const e of existing) {
    const same = e.period_start === input.periodStart && e.period_end === input.periodEnd;
    if (same && e.status === 'draft') {
      reuse.set(e.worker_id, e.id);
      continue;
    }
    const reason = same
      ? `the sheet of worker ${e.employee_no} for ${e.period_start} – ${e.period_end} is approved; revert it to draft first`
      : `worker ${e.employee_no} already has a sheet for ${e.period_start} – ${e.period_end}, which overlaps the period`;
    if (input.workerIds) throw new AppError('CONFLICT', { reason, sheetId: e.id });
    skipped.push({ workerId: e.worker_id, employeeNo: e.employee_no, sheetId: e.id, reason });
  }
  const skip = new Set(skipped.map((s) => s.workerId));
  const reports = await reportsFor(ctx, window);
  const timelines = timelinesOf(reports, Math.min(to, Date.now()));
  const { pieces, times } = await ratesInPeriod(ctx, { from: input.periodStart, to: input.periodEnd });
  const ids: string[] = [];
  for (const w of workers) {
    if (skip.has(w.id)) continue;
    const { lines, totals } = wageLines({
      worker: { id: w.id, gradeId: w.grade_id },
      reports,
      timelines,
      window: { from, to },
      timezone,
      pieceRates: pieces,
      timeRates: times,
    });
    const previous = reuse.get(w.id);
    const id = previous ?? randomUUID();
    const before = previous ? await writtenSheet(ctx, previous) : undefined;
    const values = sql`${w.employee_no}, ${w.name}, ${w.team_id}::uuid, ${w.grade_id}::uuid, ${w.grade_name},
      ${timezone}, ${totals.goodQty}::numeric, ${totals.scrapQty}::numeric, ${totals.reworkQty}::numeric,
      ${totals.hours}::numeric, ${totals.pieceAmount}::numeric, ${totals.scrapAmount}::numeric,
      ${totals.reworkAmount}::numeric, ${totals.timeAmount}::numeric, ${totals.totalAmount}::numeric,
      ${totals.warningCount}::int, now(), ${ctx.actor.userId}::uuid`;
    if (previous) {
      await queryRows(ctx.tx, sql`DELETE FROM wage_sheet_lines WHERE sheet_id = ${id}`);
      await queryRows(
        ctx.tx,
        sql`UPDATE wage_sheets SET (employee_no, worker_name, team_id, grade_id, grade_name, timezone, good_qty,
              scrap_qty, rework_qty, hours, piece_amount, scrap_amount, rework_amount, time_amount, total_amount,
              warning_count, generated_at, generated_by) = (${values}), updated_at = now()
            WHERE id = ${id}`,
      );
    } else
      await queryRows(
        ctx.tx,
        sql`INSERT INTO wage_sheets (tenant_id, id, worker_id, period_start, period_end, employee_no, worker_name,
              team_id, grade_id, grade_name, timezone, good_qty, scrap_qty, rework_qty, hours, piece_amount,
              scrap_amount, rework_amount, time_amount, total_amount, warning_count, generated_at, generated_by)
            VALUES (${ctx.actor.tenantId}, ${id}, ${w.id}, ${input.periodStart}::date, ${input.periodEnd}::date,
              ${values})`,
      );
    await insertLines(ctx, id, lines);
    const after = await writtenSheet(ctx, id);
    await recordAudit(ctx, {
      action: previous ? 'regenerate' : 'generate',
      entityType: AUDIT_ENTITY,
      entityId: id,
      before,
      after,
    });
    ids.push(id);
  }
  const rows = ids.length
    ? await queryRows<SheetRow>(ctx.tx, sql`${SELECT} WHERE s.id = ANY(${sql.param(ids)}::uuid[]) ${ORDER}`)
    : [];
  return { sheets: rows.map(toSheet), skipped };
}

async function insertLines(ctx: Ctx, sheetId: string, lines: TWageSheetLine[]) {
  // in chunks: one statement per line would be slow on a month of reports, one for all may hit parameter limits
  for (let i = 0; i < lines.length; i += 200) {
    const values = lines.slice(i, i + 200).map(
      (l) => sql`(${ctx.actor.tenantId}, ${sheetId}, ${l.lineNo}, ${l.kind}, ${l.workDate}::date,
        ${l.jobReportId}::uuid, ${l.workOrderId}::uuid, ${l.workOrderNumber}, ${l.operationId}::uuid,
        ${l.operationCode}, ${l.productId}::uuid, ${l.productCode}, ${l.productName}, ${l.goodQty}::numeric,
        ${l.scrapQty}::numeric, ${l.reworkQty}::numeric, ${l.hours}::numeric, ${l.rateId}::uuid,
        ${l.rate}::numeric, ${l.rateMatch}, ${l.rateBasis}, ${l.scrapPolicy}, ${l.scrapDeduction}::numeric,
        ${l.scrapPayPercent}::numeric, ${l.reworkRate}::numeric, ${l.pieceAmount}::numeric,
        ${l.scrapAmount}::numeric, ${l.reworkAmount}::numeric, ${l.timeAmount}::numeric, ${l.amount}::numeric,
        ${l.warning})`,
    );
    await queryRows(
      ctx.tx,
      sql`INSERT INTO wage_sheet_lines (tenant_id, sheet_id, line_no, kind, work_date, job_report_id, work_order_id,
            work_order_number, operation_id, operation_code, product_id, product_code, product_name, good_qty,
            scrap_qty, rework_qty, hours, rate_id, rate, rate_match, rate_basis, scrap_policy, scrap_deduction,
            scrap_pay_percent, rework_rate, piece_amount, scrap_amount, rework_amount, time_amount, amount, warning)
          VALUES ${sql.join(values, sql`, `)}`,
    );
  }
}

// ---- approval ----

export async function approveWageSheet(ctx: Ctx, id: string): Promise<TWageSheetDetail> {
  const row = await sheetRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new AppError('CONFLICT', { reason: `the sheet is already approved`, status: row.status });
  await queryRows(
    ctx.tx,
    sql`UPDATE wage_sheets SET status = 'approved', approved_at = now(), approved_by = ${ctx.actor.userId},
          approved_by_name = ${ctx.actor.displayName || ctx.actor.username}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getWageSheet(ctx, id);
  await recordAudit(ctx, {
    action: 'approve',
    entityType: AUDIT_ENTITY,
    entityId: id,
    before: { status: row.status },
    after: { status: after.status, totalAmount: after.totalAmount },
  });
  return after;
}

export async function revertWageSheet(ctx: Ctx, id: string, reason: string): Promise<TWageSheetDetail> {
  const row = await sheetRow(ctx, id, true);
  if (row.status !== 'approved')
    throw new AppError('CONFLICT', {
      reason: `only an approved sheet goes back to draft`,
      status: row.status,
    });
  await queryRows(
    ctx.tx,
    sql`UPDATE wage_sheets SET status = 'draft', approved_at = NULL, approved_by = NULL, approved_by_name = NULL,
          updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getWageSheet(ctx, id);
  await recordAudit(ctx, {
    action: 'revert',
    entityType: AUDIT_ENTITY,
    entityId: id,
    before: { status: row.status, approvedAt: row.approved_at, approvedBy: row.approved_by_name },
    after: { status: after.status, reason },
  });
  return after;
}

/** A draft sheet only: an approved one is a record of what was paid (409). */
export async function deleteWageSheet(ctx: Ctx, id: string): Promise<void> {
  const row = await sheetRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new AppError('CONFLICT', { reason: `an approved sheet cannot be deleted`, status: row.status });
  await queryRows(ctx.tx, sql`DELETE FROM wage_sheets WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_ENTITY, entityId: id, before: toSheet(row) });
}

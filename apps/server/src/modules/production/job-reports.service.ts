import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  TCreateJobReportParsed,
  TJobReport,
  TJobReportQuery,
  TJobReportResult,
  TPage,
  TSettings,
  WorkOrderStatus,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit, withAuditBatch } from '../../platform/audit/audit.ts';
import { pageWindow } from '../../platform/db/paging.ts';
import { preparedRows, queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { workerStanding } from '../labour/workers.service.ts';
import { settingsOf } from '../platform/settings.service.ts';
import { trim } from './boms.service.ts';
import { assertScrapReasonCode } from './reason-codes.service.ts';
import { assertNotStopped, stoppingExceptionOf, type StoppingException } from './andon.service.ts';
import { assertWithinTransferred } from './transfers.service.ts';
import { recordOutput } from './genealogy.service.ts';
import { isPositive } from './fifo-allocation.ts';
import { outputContextSql, toOutputContext } from './material-issue.service.ts';
import { assertSerialsOnLast } from './serials.service.ts';
import {
  assertOrderReportable,
  assertQuantities,
  assertWithinPlanned,
  nextOperationStatus,
  type OperationStatus,
} from './job-report-rules.ts';
import { AUDIT_ENTITY, ENTITY } from './work-orders.service.ts';

const AUDIT_REPORT = 'job_report';

interface ReportRow {
  id: string;
  work_order_id: string;
  work_order_number: string;
  operation_id: string;
  seq_no: number;
  operation_code: string;
  worker_id: string;
  employee_no: string | null;
  worker_name: string | null;
  kind: TJobReport['kind'];
  reason: string | null;
  good_qty: string;
  scrap_qty: string;
  scrap_reason_code: string | null;
  rework_qty: string;
  reported_at: string | Date;
  occurred_at: string | Date | null;
  client_id: string | null;
  created_by: string | null;
}

const SELECT = sql`SELECT r.id, r.work_order_id, w.number AS work_order_number, r.operation_id, o.seq_no,
    o.code AS operation_code, r.worker_id, lw.employee_no, lw.name AS worker_name, r.kind, r.reason,
    r.good_qty::text AS good_qty, r.scrap_qty::text AS scrap_qty, r.scrap_reason_code,
    r.rework_qty::text AS rework_qty, r.reported_at, r.occurred_at, r.client_id, r.created_by
  FROM job_reports r
  JOIN work_orders w ON w.tenant_id = r.tenant_id AND w.id = r.work_order_id
  JOIN work_order_operations o ON o.tenant_id = r.tenant_id AND o.id = r.operation_id
  LEFT JOIN labour_workers lw ON lw.tenant_id = r.tenant_id AND lw.id = r.worker_id`;

const toReport = (r: ReportRow): TJobReport => ({
  id: r.id,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  operationId: r.operation_id,
  operationSeqNo: r.seq_no,
  operationCode: r.operation_code,
  workerId: r.worker_id,
  workerEmployeeNo: r.employee_no,
  workerName: r.worker_name,
  kind: r.kind,
  reason: r.reason,
  goodQty: trim(r.good_qty),
  scrapQty: trim(r.scrap_qty),
  scrapReasonCode: r.scrap_reason_code,
  reworkQty: trim(r.rework_qty),
  reportedAt: toIso(r.reported_at),
  occurredAt: r.occurred_at === null ? null : toIso(r.occurred_at),
  clientId: r.client_id,
  createdBy: r.created_by,
});

interface OperationRow {
  id: string;
  work_order_id: string;
  seq_no: number;
  code: string;
  status: OperationStatus;
  planned_quantity: string;
  good_quantity: string;
  scrap_quantity: string;
  rework_quantity: string;
}

async function operationRow(ctx: Ctx, id: string): Promise<OperationRow | undefined> {
  const [row] = await queryRows<OperationRow>(
    ctx.tx,
    sql`SELECT id, work_order_id, seq_no, code, status, planned_quantity::text AS planned_quantity,
          good_quantity::text AS good_quantity, scrap_quantity::text AS scrap_quantity,
          rework_quantity::text AS rework_quantity
        FROM work_order_operations WHERE id = ${id}`,
  );
  return row;
}

/** The report's result as it stands now: the report, its operation's totals, the order's status. */
async function resultOf(ctx: Ctx, reportId: string, isNew: boolean): Promise<TJobReportResult> {
  const [row] = await queryRows<ReportRow>(ctx.tx, sql`${SELECT} WHERE r.id = ${reportId}`);
  const op = (await operationRow(ctx, row!.operation_id))!;
  const [order] = await queryRows<{ status: WorkOrderStatus; open: number }>(
    ctx.tx,
    sql`SELECT w.status, (SELECT count(*)::int FROM work_order_operations o
          WHERE o.work_order_id = w.id AND o.status <> 'done') AS open
        FROM work_orders w WHERE w.id = ${row!.work_order_id}`,
  );
  return {
    report: toReport(row!),
    operation: {
      id: op.id,
      seqNo: op.seq_no,
      status: op.status,
      plannedQuantity: trim(op.planned_quantity),
      goodQuantity: trim(op.good_quantity),
      scrapQuantity: trim(op.scrap_quantity),
      reworkQuantity: trim(op.rework_quantity),
    },
    workOrderStatus: order!.status,
    allOperationsDone: order!.open === 0,
    isNew,
  };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** YYYY-MM-DD in a time zone; formatters are costly to build and each report needs one. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone })));
  return f;
}

interface WorkerStanding {
  isActive: boolean;
  leaveDate: string | null;
  employeeNo: string;
  name: string;
}

/**
 * An active worker of the tenant (and of the part of the plant the user may see), else 400. `unscoped` is
 * the worker as the lock statement read it, whatever the data scope: enough for a caller who sees the whole
 * plant; a caller with a limited scope asks again within it.
 */
async function assertWorker(ctx: Ctx, workerId: string, unscoped: WorkerStanding | null) {
  const worker = ctx.actor.dataScopeNodeIds === null ? unscoped : await workerStanding(ctx, workerId);
  const today = dayFormat(ctx.actor.timezone || 'Asia/Shanghai').format(new Date());
  if (!worker || !worker.isActive || (worker.leaveDate !== null && worker.leaveDate < today))
    throw new AppError('VALIDATION', {}, [
      { path: 'body.workerId', message: worker ? 'the worker is not active' : 'unknown worker' },
    ]);
  return worker;
}

/**
 * The order and its operation, both locked (order first, as every change of an order does), the
 * report already sent under the input's clientId and the reporting worker — in one statement: the
 * terminal's hot path. Without
 * the pair (unknown order, or an operation of another order) the order alone tells a 404 on the order
 * from a replay (its clientId seen) and from a 404 on the operation.
 */
async function lockOrderAndOperation(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string; input: TCreateJobReportParsed },
): Promise<
  [
    {
      number: string;
      status: WorkOrderStatus;
      productId: string;
      quantity: string;
      seenReportId: string | null;
      /** the enterprise's settings, read in the same statement (null without the operation) */
      settings: TSettings | null;
      /** the input's worker in any data scope (null when unknown, or without the operation) */
      worker: WorkerStanding | null;
    } | null,
    (OperationRow & StoppingException & { is_last: boolean }) | null,
  ]
> {
  const seen = o.input.clientId
    ? sql`(SELECT r.id FROM job_reports r WHERE r.client_id = ${o.input.clientId})`
    : sql`NULL::uuid`;
  const [row] = await preparedRows<
    OperationRow &
      StoppingException & {
        is_last: boolean;
        number: string;
        order_status: WorkOrderStatus;
        product_id: string;
        order_quantity: string;
        seen_id: string | null;
        settings: Array<{ key: string; value: unknown }> | null;
        worker_is_active: boolean | null;
        worker_leave_date: string | null;
        worker_employee_no: string | null;
        worker_name: string | null;
      }
  >(
    ctx.tx,
    'job_report_lock',
    sql`SELECT w.number, w.status AS order_status, w.product_id, w.quantity::text AS order_quantity,
          ${seen} AS seen_id, o.id, o.work_order_id, o.seq_no, o.code,
          o.status, o.planned_quantity::text AS planned_quantity, o.good_quantity::text AS good_quantity,
          o.scrap_quantity::text AS scrap_quantity, o.rework_quantity::text AS rework_quantity,
          o.seq_no = (SELECT max(x.seq_no) FROM work_order_operations x WHERE x.work_order_id = w.id) AS is_last,
          stop.*,
          (SELECT json_agg(json_build_object('key', s.key, 'value', s.value)) FROM tenant_settings s
            WHERE s.tenant_id = w.tenant_id) AS settings,
          wk.is_active AS worker_is_active, wk.leave_date::text AS worker_leave_date,
          wk.employee_no AS worker_employee_no, wk.name AS worker_name
        FROM work_orders w JOIN work_order_operations o ON o.work_order_id = w.id AND o.id = ${o.operationId}
          LEFT JOIN LATERAL (${stoppingExceptionOf(sql`o.id`)}) stop ON true
          LEFT JOIN labour_workers wk ON wk.id = ${o.input.workerId}
        WHERE w.id = ${o.workOrderId}
        FOR UPDATE OF w, o`,
  );
  if (row) {
    const { number, order_status, product_id, order_quantity, seen_id, settings, ...rest } = row;
    const { worker_is_active, worker_leave_date, worker_employee_no, worker_name, ...op } = rest;
    return [
      {
        number,
        status: order_status,
        productId: product_id,
        quantity: order_quantity,
        seenReportId: seen_id,
        settings: settingsOf(settings ?? []),
        worker:
          worker_is_active === null
            ? null
            : {
                isActive: worker_is_active,
                leaveDate: worker_leave_date,
                employeeNo: worker_employee_no!,
                name: worker_name!,
              },
      },
      op,
    ];
  }
  const [order] = await queryRows<{
    number: string;
    status: WorkOrderStatus;
    product_id: string;
    quantity: string;
    seen_id: string | null;
  }>(
    ctx.tx,
    sql`SELECT number, status, product_id, quantity::text AS quantity, ${seen} AS seen_id FROM work_orders
        WHERE id = ${o.workOrderId} FOR UPDATE`,
  );
  return [
    order
      ? {
          number: order.number,
          status: order.status,
          productId: order.product_id,
          quantity: order.quantity,
          seenReportId: order.seen_id,
          settings: null,
          worker: null,
        }
      : null,
    null,
  ];
}

/**
 * One report from the shop floor on an operation of an order. The order is locked first, then the
 * operation, so concurrent reports on one order queue; the operation's totals and status, the report
 * and (on the first start) the order's move to in_progress commit together. A `clientId` already seen
 * returns that first report's result and counts nothing.
 */
export function createJobReport(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string; input: TCreateJobReportParsed },
): Promise<TJobReportResult> {
  // the report's audit entry, the order's start and the output lot's go in one statement at the end
  return withAuditBatch(ctx, (batched) => reportOnOperation(batched, o));
}

async function reportOnOperation(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string; input: TCreateJobReportParsed },
): Promise<TJobReportResult> {
  const { input } = o;
  const [order, op] = await lockOrderAndOperation(ctx, o);
  if (!order) throw notFound(ENTITY);
  if (order.seenReportId) return resultOf(ctx, order.seenReportId, false);
  if (!op) throw notFound('operation');
  assertNotStopped(input.kind, op);
  assertOrderReportable(order);
  const to = nextOperationStatus({ status: op.status, kind: input.kind, seqNo: op.seq_no });
  const worker = await assertWorker(ctx, input.workerId, order.worker);
  const hasQty = input.kind === 'quantity' || input.kind === 'finish';
  const good = (hasQty && input.goodQty) || '0';
  const scrap = (hasQty && input.scrapQty) || '0';
  const rework = (hasQty && input.reworkQty) || '0';
  const scrapReasonCode = hasQty ? input.scrapReasonCode : undefined;
  if (hasQty) {
    assertQuantities({ kind: input.kind, good, scrap, rework, scrapReasonCode });
    // a code is checked whenever given, so no unknown code reaches the reports (or the wage sheets)
    if (scrapReasonCode) await assertScrapReasonCode(ctx, scrapReasonCode);
    const { overReportTolerancePercent, explicitOperationTransfers } = order.settings!;
    assertWithinPlanned({
      planned: op.planned_quantity,
      good: op.good_quantity,
      scrap: op.scrap_quantity,
      addGood: good,
      addScrap: scrap,
      tolerancePercent: overReportTolerancePercent,
    });
    // explicit transfers: an operation after the first reports only what was transferred in
    await assertWithinTransferred(ctx, {
      operationId: o.operationId,
      addGood: good,
      addScrap: scrap,
      explicitOperationTransfers,
    });
  }
  const serials = hasQty ? input.serials : undefined;
  assertSerialsOnLast(serials, op.is_last);
  // good pieces on the order's last operation become output: the write reads what booking them needs
  const makesOutput = hasQty && op.is_last && (isPositive(good) || (serials?.length ?? 0) > 0);
  const id = randomUUID();
  // the report and the operation's totals in one statement: totals in numeric, in the same UPDATE as the
  // status (never a float, never a lost update); the other operations still open are counted from the
  // snapshot before this update (RETURNING's subquery)
  const [stored] = await preparedRows<
    Pick<ReportRow, 'reported_at' | 'occurred_at' | 'good_qty' | 'scrap_qty' | 'rework_qty'> &
      Pick<OperationRow, 'good_quantity' | 'scrap_quantity' | 'rework_quantity'> &
      StoppingException & { other_open: number; output: Parameters<typeof toOutputContext>[0] | null }
  >(
    ctx.tx,
    'job_report_write',
    sql`WITH report AS (
          INSERT INTO job_reports (tenant_id, id, work_order_id, operation_id, worker_id, kind, reason, good_qty,
            scrap_qty, scrap_reason_code, rework_qty, occurred_at, client_id, created_by)
          VALUES (${ctx.actor.tenantId}, ${id}, ${o.workOrderId}, ${o.operationId}, ${input.workerId},
            ${input.kind}, ${input.kind === 'pause' ? input.reason : null}, ${good}::numeric, ${scrap}::numeric,
            ${scrapReasonCode ?? null}, ${rework}::numeric, ${input.occurredAt ?? null}::timestamptz,
            ${input.clientId ?? null}, ${ctx.actor.userId})
          RETURNING reported_at, occurred_at, good_qty::text AS good_qty, scrap_qty::text AS scrap_qty,
            rework_qty::text AS rework_qty),
        totals AS (
          UPDATE work_order_operations op SET status = ${to},
            good_quantity = good_quantity + ${good}::numeric, scrap_quantity = scrap_quantity + ${scrap}::numeric,
            rework_quantity = rework_quantity + ${rework}::numeric,
            actual_start = CASE WHEN ${input.kind} = 'start' THEN coalesce(actual_start, now()) ELSE actual_start END,
            actual_end = CASE WHEN ${to} = 'done' THEN now() ELSE actual_end END
          WHERE id = ${o.operationId}
          RETURNING good_quantity::text AS good_quantity, scrap_quantity::text AS scrap_quantity,
            rework_quantity::text AS rework_quantity,
            (SELECT count(*)::int FROM work_order_operations x
              WHERE x.work_order_id = op.work_order_id AND x.id <> op.id AND x.status <> 'done') AS other_open)
        SELECT *, ${outputContextSql({ wanted: makesOutput, workOrderId: o.workOrderId, productId: order.productId })}
          AS output
        FROM report, totals LEFT JOIN LATERAL (${stoppingExceptionOf(sql`${o.operationId}`)}) stop ON true`,
  );
  // a stop raised while this report waited for the lock: this statement began after it, so it sees it
  assertNotStopped(input.kind, stored!);
  const { good_quantity, scrap_quantity, rework_quantity, other_open } = stored!;
  const { reported_at, occurred_at, good_qty, scrap_qty, rework_qty } = stored!;
  // good quantity on the order's last operation goes into its output lot, with the lots' genealogy
  if (makesOutput)
    await recordOutput(ctx, {
      order,
      workOrderId: o.workOrderId,
      operationId: o.operationId,
      jobReportId: id,
      goodQty: good,
      serials,
      context: toOutputContext(stored!.output!),
    });
  if (input.kind === 'start' && order.status === 'released') {
    await queryRows(
      ctx.tx,
      sql`UPDATE work_orders SET status = 'in_progress', updated_at = now() WHERE id = ${o.workOrderId}`,
    );
    await recordAudit(ctx, {
      action: 'start',
      entityType: AUDIT_ENTITY,
      entityId: o.workOrderId,
      before: { status: order.status },
      after: { status: 'in_progress', byJobReport: id },
    });
  }
  const report = toReport({
    id,
    work_order_id: o.workOrderId,
    work_order_number: order.number,
    operation_id: o.operationId,
    seq_no: op.seq_no,
    operation_code: op.code,
    worker_id: input.workerId,
    employee_no: worker.employeeNo,
    worker_name: worker.name,
    kind: input.kind,
    reason: input.kind === 'pause' ? input.reason : null,
    reported_at,
    occurred_at,
    good_qty,
    scrap_qty,
    rework_qty,
    scrap_reason_code: scrapReasonCode ?? null,
    client_id: input.clientId ?? null,
    created_by: ctx.actor.userId,
  });
  const result: TJobReportResult = {
    report,
    operation: {
      id: op.id,
      seqNo: op.seq_no,
      status: to,
      plannedQuantity: trim(op.planned_quantity),
      goodQuantity: trim(good_quantity),
      scrapQuantity: trim(scrap_quantity),
      reworkQuantity: trim(rework_quantity),
    },
    workOrderStatus: input.kind === 'start' && order.status === 'released' ? 'in_progress' : order.status,
    allOperationsDone: other_open === 0 && to === 'done',
    isNew: true,
  };
  await recordAudit(ctx, {
    action: input.kind,
    entityType: AUDIT_REPORT,
    entityId: id,
    before: { status: op.status },
    after: result.report,
  });
  return result;
}

function filterSql(f: Omit<TJobReportQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.workOrderId) parts.push(sql`r.work_order_id = ${f.workOrderId}`);
  if (f.operationId) parts.push(sql`r.operation_id = ${f.operationId}`);
  if (f.workerId) parts.push(sql`r.worker_id = ${f.workerId}`);
  if (f.kind) parts.push(sql`r.kind = ${f.kind}`);
  if (f.from) parts.push(sql`r.reported_at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(sql`r.reported_at < ${f.to}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** Reports matching the filters, newest first; a given order or operation must exist (else 404). */
export async function listJobReports(ctx: Ctx, q: TJobReportQuery): Promise<TPage<TJobReport>> {
  if (q.workOrderId) {
    const [order] = await queryRows(ctx.tx, sql`SELECT 1 FROM work_orders WHERE id = ${q.workOrderId}`);
    if (!order) throw notFound(ENTITY);
  }
  if (q.operationId) {
    const op = await operationRow(ctx, q.operationId);
    if (!op || (q.workOrderId && op.work_order_id !== q.workOrderId)) throw notFound('operation');
  }
  const where = filterSql(q);
  const { limit, offset } = pageWindow(q);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM job_reports r WHERE ${where}`,
  );
  const rows = await queryRows<ReportRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where} ORDER BY r.reported_at DESC, r.id LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toReport), total: count!.n, page: q.page, pageSize: q.pageSize };
}

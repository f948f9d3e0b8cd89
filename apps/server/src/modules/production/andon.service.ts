import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  AndonStatus,
  JobReportKind,
  TAcknowledgeAndonException,
  TAndonEvent,
  TAndonException,
  TAndonExceptionDetail,
  TAndonExceptionQuery,
  TPage,
  TRaiseAndonExceptionParsed,
  TRaisedAndonException,
  TResolveAndonException,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { workerStanding } from '../labour/workers.service.ts';
import { isAllowed, type Scope } from '../modeling/data-scope.ts';
import { createJobReport } from './job-reports.service.ts';
import { productionScope, workCenterInScope } from './production-scope.ts';

export const ANDON_ENTITY = 'andon exception';
export const ANDON_AUDIT = 'andon_exception';

type Ts = Date | string;
interface ExceptionRow {
  id: string;
  kind: TAndonException['kind'];
  status: AndonStatus;
  severity: TAndonException['severity'];
  is_stopping: boolean;
  description: string;
  work_order_id: string | null;
  work_order_number: string | null;
  operation_id: string | null;
  seq_no: number | null;
  operation_name: string | null;
  work_center_id: string;
  work_center_code: string;
  work_center_name: string;
  equipment_id: string | null;
  equipment_code: string | null;
  equipment_name: string | null;
  raised_by_worker_id: string | null;
  raised_by_worker_name: string | null;
  raised_by_user_id: string | null;
  raised_by_user_name: string | null;
  raised_at: Ts;
  acknowledged_at: Ts | null;
  acknowledged_by_name: string | null;
  ack_comment: string | null;
  resolved_at: Ts | null;
  resolved_by_name: string | null;
  resolution: string | null;
  escalation_level: number;
  escalated_at: Ts | null;
  updated_at: Ts;
}
const isoOrNull = (v: Ts | null) => (v === null ? null : toIso(v));

const toException = (r: ExceptionRow): TAndonException => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  severity: r.severity,
  isStopping: r.is_stopping,
  description: r.description,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  operationId: r.operation_id,
  operationSeqNo: r.seq_no,
  operationName: r.operation_name,
  workCenterId: r.work_center_id,
  workCenterCode: r.work_center_code,
  workCenterName: r.work_center_name,
  equipmentId: r.equipment_id,
  equipmentCode: r.equipment_code,
  equipmentName: r.equipment_name,
  raisedByWorkerId: r.raised_by_worker_id,
  raisedByWorkerName: r.raised_by_worker_name,
  raisedByUserId: r.raised_by_user_id,
  raisedByUserName: r.raised_by_user_name,
  raisedAt: toIso(r.raised_at),
  acknowledgedAt: isoOrNull(r.acknowledged_at),
  acknowledgedByName: r.acknowledged_by_name,
  ackComment: r.ack_comment,
  resolvedAt: isoOrNull(r.resolved_at),
  resolvedByName: r.resolved_by_name,
  resolution: r.resolution,
  escalationLevel: r.escalation_level,
  escalatedAt: isoOrNull(r.escalated_at),
  updatedAt: toIso(r.updated_at),
});

/** Exceptions with what they concern and who touched them; every join names the tenant (the job reads across tenants). */
const SELECT = sql`SELECT x.id, x.kind, x.status, x.severity, x.is_stopping, x.description, x.work_order_id,
    w.number AS work_order_number, x.operation_id, o.seq_no, o.name AS operation_name, x.work_center_id,
    wc.code AS work_center_code, wc.name AS work_center_name, x.equipment_id, e.code AS equipment_code,
    e.name AS equipment_name, x.raised_by_worker_id, lw.name AS raised_by_worker_name, x.raised_by_user_id,
    ru.display_name AS raised_by_user_name, x.raised_at, x.acknowledged_at,
    au.display_name AS acknowledged_by_name, x.ack_comment, x.resolved_at, su.display_name AS resolved_by_name,
    x.resolution, x.escalation_level, x.escalated_at, x.updated_at
  FROM andon_exceptions x
  JOIN plant_nodes wc ON wc.tenant_id = x.tenant_id AND wc.id = x.work_center_id
  LEFT JOIN work_orders w ON w.tenant_id = x.tenant_id AND w.id = x.work_order_id
  LEFT JOIN work_order_operations o ON o.tenant_id = x.tenant_id AND o.id = x.operation_id
  LEFT JOIN equipment e ON e.tenant_id = x.tenant_id AND e.id = x.equipment_id
  LEFT JOIN labour_workers lw ON lw.tenant_id = x.tenant_id AND lw.id = x.raised_by_worker_id
  LEFT JOIN users ru ON ru.tenant_id = x.tenant_id AND ru.id = x.raised_by_user_id
  LEFT JOIN users au ON au.tenant_id = x.tenant_id AND au.id = x.acknowledged_by
  LEFT JOIN users su ON su.tenant_id = x.tenant_id AND su.id = x.resolved_by`;

export async function loadException(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<TAndonException | undefined> {
  const [row] = await queryRows<ExceptionRow>(
    tx,
    sql`${SELECT} WHERE x.tenant_id = ${tenantId} AND x.id = ${id}`,
  );
  return row ? toException(row) : undefined;
}

/** 404 also for an exception of a work center outside the user's data scope: its existence is not revealed. */
async function getException(ctx: Ctx, id: string, scope?: Scope): Promise<TAndonException> {
  const found = await loadException(ctx.tx, ctx.actor.tenantId, id);
  if (!found || !isAllowed(scope ?? (await productionScope(ctx)), found.workCenterId))
    throw notFound(ANDON_ENTITY);
  return found;
}

const invalid = (path: string, message: string) => new AppError('VALIDATION', {}, [{ path, message }]);

/** Appends a history entry; the same for the services and the escalation job. */
export async function recordAndonEvent(
  tx: Tx,
  o: {
    tenantId: string;
    exceptionId: string;
    action: TAndonEvent['action'];
    at?: Date;
    userId?: string | null;
    workerId?: string | null;
    level?: number | null;
    notifiedRole?: string | null;
    notifiedWebhook?: string | null;
    comment?: string | null;
  },
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO andon_exception_events (tenant_id, exception_id, at, action, user_id, worker_id, level,
          notified_role, notified_webhook, comment)
        VALUES (${o.tenantId}, ${o.exceptionId}, ${(o.at ?? new Date()).toISOString()}::timestamptz, ${o.action},
          ${o.userId ?? null}, ${o.workerId ?? null}, ${o.level ?? null}::int, ${o.notifiedRole ?? null},
          ${o.notifiedWebhook ?? null}, ${o.comment ?? null})`,
  );
}

/** What the exception concerns: an operation of this tenant (with its order and work center), or a work center. */
async function target(ctx: Ctx, input: TRaiseAndonExceptionParsed, scope: Scope) {
  if (input.operationId) {
    const [op] = await queryRows<{
      id: string;
      work_order_id: string;
      work_center_id: string;
      status: string;
      order_status: string;
    }>(
      ctx.tx,
      // a stop takes the order's and the operation's row locks, as a job report does (the same statement
      // shape, so the same lock order): the two serialise, and a report that comes after the stop sees it
      sql`SELECT o.id, o.work_order_id, o.work_center_id, o.status, w.status AS order_status
          FROM work_orders w JOIN work_order_operations o ON o.work_order_id = w.id AND o.id = ${input.operationId}
          ${input.isStopping ? sql`FOR UPDATE OF w, o` : sql``}`,
    );
    if (!op || !isAllowed(scope, op.work_center_id)) throw notFound('operation');
    return {
      workOrderId: op.work_order_id,
      operationId: op.id,
      workCenterId: op.work_center_id,
      // a running operation of an order on the floor: a stop pauses it
      isRunning:
        op.status === 'in_progress' && (op.order_status === 'released' || op.order_status === 'in_progress'),
    };
  }
  if (input.isStopping) throw invalid('body.isStopping', 'only an exception on an operation can stop it');
  if (!input.workCenterId) throw invalid('body.workCenterId', 'required without an operationId');
  const [wc] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM plant_nodes WHERE id = ${input.workCenterId} AND kind = 'work_center'`,
  );
  if (!wc || !isAllowed(scope, wc.id)) throw invalid('body.workCenterId', 'unknown work center');
  return { workOrderId: null, operationId: null, workCenterId: wc.id, isRunning: false };
}

/** Pause reasons are at most 200 characters (ZCreateJobReport). */
const pauseReasonOf = (description: string) => `[Andon] ${description}`.slice(0, 200);

/**
 * A stop pauses the running operation in the raise's transaction: a pause report (the terminal's own
 * mechanism, so the running spans, the labour hours and the energy attribution all stop there) with the
 * exception as its reason, by the worker who raised it or else the one who last started or resumed it.
 * Resolving never resumes: the crew resumes when it is ready.
 */
async function pauseForStop(
  ctx: Ctx,
  o: {
    workOrderId: string;
    operationId: string;
    exceptionId: string;
    workerId?: string;
    description: string;
  },
): Promise<void> {
  const workerId =
    o.workerId ??
    (
      await queryRows<{ worker_id: string }>(
        ctx.tx,
        sql`SELECT worker_id FROM job_reports WHERE operation_id = ${o.operationId} AND kind IN ('start', 'resume')
            ORDER BY coalesce(occurred_at, reported_at) DESC, reported_at DESC LIMIT 1`,
      )
    )[0]?.worker_id;
  if (!workerId) return; // in progress without a start report cannot happen; nothing ran, nothing to pause
  await createJobReport(ctx, {
    workOrderId: o.workOrderId,
    operationId: o.operationId,
    input: {
      kind: 'pause',
      workerId,
      reason: pauseReasonOf(o.description),
      clientId: `andon:${o.exceptionId}`,
    },
  });
}

/**
 * Raises an exception — from the terminal, on the signed-in worker's operation. A stopping one pauses
 * the operation if it runs and refuses its reports (assertNotStopped) until it is resolved.
 */
export async function raiseException(
  ctx: Ctx,
  input: TRaiseAndonExceptionParsed,
): Promise<TRaisedAndonException> {
  if (input.clientId) {
    const [seen] = await queryRows<{ id: string }>(
      ctx.tx,
      sql`SELECT id FROM andon_exceptions WHERE client_id = ${input.clientId}`,
    );
    if (seen) return { ...(await getException(ctx, seen.id)), isNew: false };
  }
  const scope = await productionScope(ctx);
  const on = await target(ctx, input, scope);
  if (input.workerId) {
    const worker = await workerStanding(ctx, input.workerId);
    if (!worker?.isActive)
      throw invalid('body.workerId', worker ? 'the worker is not active' : 'unknown worker');
  }
  if (input.equipmentId) {
    const [eq] = await queryRows(ctx.tx, sql`SELECT 1 FROM equipment WHERE id = ${input.equipmentId}`);
    if (!eq) throw invalid('body.equipmentId', 'unknown equipment');
  }
  const id = randomUUID();
  const severity = input.severity ?? (input.isStopping ? 'major' : 'minor');
  await ctx.tx.execute(
    sql`INSERT INTO andon_exceptions (tenant_id, id, kind, work_order_id, operation_id, work_center_id,
          equipment_id, raised_by_worker_id, raised_by_user_id, description, severity, is_stopping, client_id)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.kind}, ${on.workOrderId}, ${on.operationId},
          ${on.workCenterId}, ${input.equipmentId ?? null}, ${input.workerId ?? null}, ${ctx.actor.userId},
          ${input.description}, ${severity}, ${input.isStopping}, ${input.clientId ?? null})`,
  );
  await recordAndonEvent(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    exceptionId: id,
    action: 'raise',
    userId: ctx.actor.userId,
    workerId: input.workerId,
    comment: input.description,
  });
  if (input.isStopping && on.isRunning && on.workOrderId && on.operationId)
    await pauseForStop(ctx, {
      workOrderId: on.workOrderId,
      operationId: on.operationId,
      exceptionId: id,
      ...(input.workerId ? { workerId: input.workerId } : {}),
      description: input.description,
    });
  const created = await getException(ctx, id, scope);
  await recordAudit(ctx, { action: 'raise', entityType: ANDON_AUDIT, entityId: id, after: created });
  return { ...created, isNew: true };
}

/** Locks the exception and checks it is in `from`; anything else is a 409 naming its status. */
async function transition(ctx: Ctx, id: string, from: AndonStatus, to: AndonStatus) {
  const scope = await productionScope(ctx);
  const [row] = await queryRows<{ status: AndonStatus; work_center_id: string }>(
    ctx.tx,
    sql`SELECT status, work_center_id FROM andon_exceptions WHERE id = ${id} FOR UPDATE`,
  );
  if (!row || !isAllowed(scope, row.work_center_id)) throw notFound(ANDON_ENTITY);
  if (row.status !== from)
    throw new AppError('CONFLICT', {
      reason: `the exception is ${row.status}; only an ${from} exception can become ${to}`,
      status: row.status,
      to,
    });
  return getException(ctx, id, scope);
}

export async function acknowledgeException(
  ctx: Ctx,
  o: { id: string; input: TAcknowledgeAndonException },
): Promise<TAndonException> {
  const before = await transition(ctx, o.id, 'open', 'acknowledged');
  await ctx.tx.execute(
    sql`UPDATE andon_exceptions SET status = 'acknowledged', acknowledged_at = now(),
          acknowledged_by = ${ctx.actor.userId}, ack_comment = ${o.input.comment ?? null}, updated_at = now()
        WHERE id = ${o.id}`,
  );
  await recordAndonEvent(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    exceptionId: o.id,
    action: 'acknowledge',
    userId: ctx.actor.userId,
    comment: o.input.comment,
  });
  const after = await getException(ctx, o.id);
  await recordAudit(ctx, { action: 'acknowledge', entityType: ANDON_AUDIT, entityId: o.id, before, after });
  return after;
}

export async function resolveException(
  ctx: Ctx,
  o: { id: string; input: TResolveAndonException },
): Promise<TAndonException> {
  const before = await transition(ctx, o.id, 'acknowledged', 'resolved');
  await ctx.tx.execute(
    sql`UPDATE andon_exceptions SET status = 'resolved', resolved_at = now(), resolved_by = ${ctx.actor.userId},
          resolution = ${o.input.resolution}, updated_at = now()
        WHERE id = ${o.id}`,
  );
  await recordAndonEvent(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    exceptionId: o.id,
    action: 'resolve',
    userId: ctx.actor.userId,
    comment: o.input.resolution,
  });
  const after = await getException(ctx, o.id);
  await recordAudit(ctx, { action: 'resolve', entityType: ANDON_AUDIT, entityId: o.id, before, after });
  return after;
}

/** Report kinds a stopping exception refuses: a pause is always allowed (the crew stops for it). */
const STOPPED_KINDS: ReadonlySet<JobReportKind> = new Set(['start', 'resume', 'quantity', 'finish']);

/** The columns `stoppingExceptionOf` gives: all null when nothing stops the operation. */
export type StoppingException =
  | { stop_id: string; stop_kind: string; stop_description: string }
  | { stop_id: null; stop_kind: null; stop_description: null };

/**
 * The oldest unresolved stopping exception on an operation (`operationId`: SQL naming it) as a subquery
 * of `StoppingException` columns, for the job reports to join into the statements they run anyway.
 */
export const stoppingExceptionOf = (operationId: SQL): SQL =>
  sql`SELECT a.id AS stop_id, a.kind AS stop_kind, a.description AS stop_description FROM andon_exceptions a
      WHERE a.operation_id = ${operationId} AND a.is_stopping AND a.status <> 'resolved'
      ORDER BY a.raised_at LIMIT 1`;

/**
 * A report on an operation that an unresolved stopping exception holds is a 409 naming the exception
 * (its id, kind and description). The job reports read `stoppingExceptionOf` in the statement that locks
 * the operation and again in the one that writes the report: raising a stop takes the same lock, and only
 * a statement begun after the lock was granted sees a stop committed while the report waited for it.
 */
export function assertNotStopped(kind: JobReportKind, hit: StoppingException): void {
  if (!STOPPED_KINDS.has(kind) || hit.stop_id === null) return;
  throw new AppError('CONFLICT', {
    reason: `the operation is stopped by andon exception ${hit.stop_id} (${hit.stop_kind}: ${hit.stop_description}) until it is resolved`,
    exceptionId: hit.stop_id,
    exceptionKind: hit.stop_kind,
    exceptionDescription: hit.stop_description,
  });
}

function filterSql(q: TAndonExceptionQuery, scope: Scope): SQL {
  const c: SQL[] = [workCenterInScope(scope, sql`x.work_center_id`)];
  if (q.status === 'unresolved') c.push(sql`x.status <> 'resolved'`);
  else if (q.status) c.push(sql`x.status = ${q.status}`);
  if (q.kind) c.push(sql`x.kind = ${q.kind}`);
  if (q.workCenterId) c.push(sql`x.work_center_id = ${q.workCenterId}`);
  if (q.workOrderId) c.push(sql`x.work_order_id = ${q.workOrderId}`);
  if (q.operationId) c.push(sql`x.operation_id = ${q.operationId}`);
  if (q.from) c.push(sql`x.raised_at >= ${q.from}::timestamptz`);
  if (q.to) c.push(sql`x.raised_at < ${q.to}::timestamptz`);
  if (q.overdue === 'true') c.push(sql`x.status <> 'resolved' AND x.escalation_level > 0`);
  if (q.overdue === 'false') c.push(sql`NOT (x.status <> 'resolved' AND x.escalation_level > 0)`);
  if (q.q)
    c.push(sql`(x.description ILIKE ${likePattern(q.q)} OR w.number ILIKE ${likePattern(q.q)}
      OR wc.code ILIKE ${likePattern(q.q)} OR wc.name ILIKE ${likePattern(q.q)})`);
  return sql.join(c, sql` AND `);
}

/** Open first, then acknowledged, then resolved; the highest escalation and the oldest first among the unresolved. */
export async function listExceptions(ctx: Ctx, q: TAndonExceptionQuery): Promise<TPage<TAndonException>> {
  const where = filterSql(q, await productionScope(ctx));
  const { limit, offset } = pageWindow(q);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM andon_exceptions x
        JOIN plant_nodes wc ON wc.tenant_id = x.tenant_id AND wc.id = x.work_center_id
        LEFT JOIN work_orders w ON w.tenant_id = x.tenant_id AND w.id = x.work_order_id
        WHERE ${where}`,
  );
  const rows = await queryRows<ExceptionRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${where}
        ORDER BY CASE x.status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END,
          CASE WHEN x.status <> 'resolved' THEN x.escalation_level ELSE 0 END DESC,
          CASE WHEN x.status <> 'resolved' THEN x.raised_at END ASC, x.raised_at DESC, x.id
        LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: rows.map(toException), total: count!.n, page: q.page, pageSize: q.pageSize };
}

export async function exceptionDetail(ctx: Ctx, id: string): Promise<TAndonExceptionDetail> {
  const exception = await getException(ctx, id);
  const events = await queryRows<{
    id: number | string;
    at: Ts;
    action: TAndonEvent['action'];
    user_name: string | null;
    worker_name: string | null;
    level: number | null;
    notified_role: string | null;
    notified_webhook: string | null;
    comment: string | null;
  }>(
    ctx.tx,
    sql`SELECT ev.id, ev.at, ev.action, u.display_name AS user_name, lw.name AS worker_name, ev.level,
          ev.notified_role, ev.notified_webhook, ev.comment
        FROM andon_exception_events ev
        LEFT JOIN users u ON u.tenant_id = ev.tenant_id AND u.id = ev.user_id
        LEFT JOIN labour_workers lw ON lw.tenant_id = ev.tenant_id AND lw.id = ev.worker_id
        WHERE ev.exception_id = ${id} ORDER BY ev.id`,
  );
  return {
    ...exception,
    events: events.map((e) => ({
      id: Number(e.id),
      at: toIso(e.at),
      action: e.action,
      userName: e.user_name,
      workerName: e.worker_name,
      level: e.level,
      notifiedRole: e.notified_role,
      notifiedWebhook: e.notified_webhook,
      comment: e.comment,
    })),
  };
}

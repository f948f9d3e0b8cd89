import type { TCreateJobReport, TJobReportResult, TWorkOrderOperation } from '@greenmes/contracts';
import { ApiError, isApiError, type ApiErrorDetail } from '../../../api/api-error.ts';
import { apiRequest } from '../../../api/client.ts';

/**
 * The terminal's offline queue: a report whose request never got an answer (Wi-Fi gone, server
 * unreachable, response lost) is kept on the tablet and sent again later with the same `clientId`, so the
 * server counts it once however many times it arrives. Reports leave the queue only on the server's word:
 * stored (201 / 200) or refused (a 4xx, kept as "rejected" until the operator dismisses it).
 */
export interface QueuedReport {
  clientId: string;
  workOrderId: string;
  workOrderNumber: string;
  operationId: string;
  operationSeqNo: number;
  operationName: string;
  workerName: string;
  /** exactly what is sent, every time: workerId, clientId and occurredAt (the button's press) included */
  body: TCreateJobReport;
  queuedAt: string;
}

/** The server's refusal as it came, so the terminal can say it in the operator's language later. */
export interface StoredError {
  status: number;
  code: string;
  message: string;
  params: Record<string, string | number>;
  details: ApiErrorDetail[];
}

export interface RejectedReport extends QueuedReport {
  rejectedAt: string;
  error: StoredError;
}

export interface ReportQueueState {
  pending: QueuedReport[];
  rejected: RejectedReport[];
}

export const EMPTY_QUEUE: ReportQueueState = { pending: [], rejected: [] };

/** Per enterprise and per signed-in account: the replay goes out with that account's session. */
export const queueStorageKey = (o: { tenantId: string; userId: string }) =>
  `greenmes.terminal.reportQueue.${o.tenantId}.${o.userId}`;

// a queue that storage refused (disabled, full) lives here for the page's life, and is said to be unsaved
const unsaved = new Map<string, ReportQueueState>();

export function readQueue(key: string): ReportQueueState {
  const inMemory = unsaved.get(key);
  if (inMemory) return inMemory;
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return EMPTY_QUEUE;
    const parsed = JSON.parse(raw) as Partial<ReportQueueState>;
    return { pending: parsed.pending ?? [], rejected: parsed.rejected ?? [] };
  } catch {
    return EMPTY_QUEUE;
  }
}

/** Read, change, write back: always from storage, so a second tab's changes are not overwritten. */
export function updateQueue(
  key: string,
  change: (state: ReportQueueState) => ReportQueueState,
): { state: ReportQueueState; isSaved: boolean } {
  const state = change(readQueue(key));
  try {
    localStorage.setItem(key, JSON.stringify(state));
    unsaved.delete(key);
    return { state, isSaved: true };
  } catch {
    unsaved.set(key, state);
    return { state, isSaved: false };
  }
}

export const enqueue = (report: QueuedReport) => (s: ReportQueueState) =>
  s.pending.some((p) => p.clientId === report.clientId) ? s : { ...s, pending: [...s.pending, report] };

export const removeSent = (clientId: string) => (s: ReportQueueState) => ({
  ...s,
  pending: s.pending.filter((p) => p.clientId !== clientId),
});

/** A refusal moves the report, never drops it: it stays until the operator has seen it. */
export const moveToRejected = (clientId: string, error: unknown) => (s: ReportQueueState) => {
  const report = s.pending.find((p) => p.clientId === clientId);
  // another tab may have settled it meanwhile
  if (!report) return s;
  const rejected: RejectedReport = {
    ...report,
    rejectedAt: new Date().toISOString(),
    error: toStoredError(error),
  };
  return { pending: removeSent(clientId)(s).pending, rejected: [...s.rejected, rejected] };
};

export const dismissRejected = (clientId: string) => (s: ReportQueueState) => ({
  ...s,
  rejected: s.rejected.filter((r) => r.clientId !== clientId),
});

/**
 * Whether the outcome is unknown or temporary, so the report must be kept and sent again: no answer at all
 * (status 0, a timeout), a gateway or server failure, a timeout or throttle, or an expired session (it is
 * sent after the next sign-in). Every other 4xx is the server's final word on this report.
 */
export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status >= 500 || [401, 408, 429].includes(error.status);
}

export function toStoredError(error: unknown): StoredError {
  if (isApiError(error))
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      params: error.params,
      details: error.details,
    };
  return { status: 0, code: 'UNKNOWN', message: String(error), params: {}, details: [] };
}

export const fromStoredError = (e: StoredError) => new ApiError(e);

/** 2 s, 4 s, 8 s … up to 30 s between tries while the server stays out of reach. */
export const retryDelayMs = (attempt: number) => Math.min(30_000, 2_000 * 2 ** Math.min(attempt, 4));

// a request that hangs on a half-dead Wi-Fi is given up (and queued) rather than spinning forever
const SEND_TIMEOUT_MS = 15_000;

export function sendReport(report: QueuedReport): Promise<TJobReportResult> {
  return apiRequest<TJobReportResult>(
    `/production/work-orders/${report.workOrderId}/operations/${report.operationId}/job-reports`,
    { method: 'POST', body: report.body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  );
}

/** The operation's statuses a report moves it to (the server's rule: quantities leave the status). */
const MOVE_TO: Record<TCreateJobReport['kind'], TWorkOrderOperation['status'] | null> = {
  start: 'in_progress',
  pause: 'paused',
  resume: 'in_progress',
  quantity: null,
  finish: 'done',
};

const plus = (a: string, b: string | undefined) => {
  if (!b) return a;
  // at most 6 decimals each, as the server keeps them: rounding removes the binary float's tail
  return String(Math.round((Number(a) + Number(b)) * 1e6) / 1e6);
};

/**
 * The operation as it will be once its waiting reports are in: the terminal shows it so, and enables the
 * next reports from there (the server still has the last word when they arrive). A report the server
 * already lists (its answer was lost on the way back) is in the operation's totals already.
 */
export function withQueued(o: {
  operation: TWorkOrderOperation;
  pending: QueuedReport[];
  listedClientIds: ReadonlySet<string>;
}): { operation: TWorkOrderOperation; queuedCount: number } {
  const mine = o.pending.filter(
    (p) => p.operationId === o.operation.id && !o.listedClientIds.has(p.clientId),
  );
  const operation = mine.reduce<TWorkOrderOperation>((op, { body }) => {
    const next = { ...op, status: MOVE_TO[body.kind] ?? op.status };
    if (body.kind !== 'quantity' && body.kind !== 'finish') return next;
    return {
      ...next,
      goodQuantity: plus(op.goodQuantity, body.goodQty),
      scrapQuantity: plus(op.scrapQuantity, body.scrapQty),
      reworkQuantity: plus(op.reworkQuantity, body.reworkQty),
    };
  }, o.operation);
  return { operation, queuedCount: mine.length };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TJobReportResult } from '@greenmes/contracts';
import { jobReportKeys } from '../hooks/use-job-report-queries.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import {
  dismissRejected,
  EMPTY_QUEUE,
  enqueue,
  isRetryable,
  moveToRejected,
  queueStorageKey,
  readQueue,
  removeSent,
  retryDelayMs,
  sendReport,
  updateQueue,
  type QueuedReport,
  type ReportQueueState,
} from './report-queue.ts';

/** What became of a report: the server's answer, or kept on the tablet until the server can be reached. */
export type SubmitOutcome = { isQueued: false; result: TJobReportResult } | { isQueued: true };

export interface ReportQueue extends ReportQueueState {
  /** no network, or the last request got no answer */
  isOffline: boolean;
  /** replaying the waiting reports now */
  isDraining: boolean;
  /** false when storage refused the queue: it lives only as long as the page */
  isSaved: boolean;
  submit: (report: QueuedReport) => Promise<SubmitOutcome>;
  retryNow: () => void;
  dismiss: (clientId: string) => void;
}

/**
 * The terminal's offline queue for the signed-in account of an enterprise (see report-queue.ts). A report
 * is sent at once while nothing waits; otherwise it joins the queue behind the others, so the server sees
 * them in the order they were pressed. The queue replays when the browser says it is online again and
 * meanwhile on a backoff; another tab's changes are picked up from storage.
 */
export function useReportQueue(o: { tenantId: string | undefined; userId: string | undefined }): ReportQueue {
  const key = o.tenantId && o.userId ? queueStorageKey({ tenantId: o.tenantId, userId: o.userId }) : null;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [state, setState] = useState<ReportQueueState>(() => (key ? readQueue(key) : EMPTY_QUEUE));
  const [isSaved, setSaved] = useState(true);
  const [isOnline, setOnline] = useState(() => navigator.onLine);
  const [isUnreachable, setUnreachable] = useState(false);
  const [isDraining, setDraining] = useState(false);
  const draining = useRef(false);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const drainRef = useRef<() => Promise<void>>(async () => {});

  const change = useCallback(
    (fn: (s: ReportQueueState) => ReportQueueState) => {
      if (!key) return;
      const next = updateQueue(key, fn);
      setState(next.state);
      setSaved(next.isSaved);
    },
    [key],
  );
  const retryLater = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void drainRef.current(), retryDelayMs(attempt.current));
    attempt.current += 1;
  }, []);

  const drain = useCallback(async () => {
    if (!key || draining.current) return;
    draining.current = true;
    clearTimeout(timer.current);
    setDraining(true);
    let sent = 0;
    let settled = 0;
    try {
      // one at a time, head first, re-read each turn: a report pressed meanwhile joins the tail
      for (let head = readQueue(key).pending[0]; head; head = readQueue(key).pending[0]) {
        try {
          await sendReport(head);
          change(removeSent(head.clientId));
          sent += 1;
        } catch (error) {
          if (isRetryable(error)) {
            setUnreachable(true);
            retryLater();
            break;
          }
          change(moveToRejected(head.clientId, error));
        }
        settled += 1;
        setUnreachable(false);
        attempt.current = 0;
      }
    } finally {
      draining.current = false;
      setDraining(false);
    }
    if (settled === 0) return;
    if (sent > 0) void message.success(t('terminal.offline.replayed', { count: sent }));
    void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
    void client.invalidateQueries({ queryKey: jobReportKeys.reports });
  }, [key, change, retryLater, client, message, t]);
  // the retry timer and the listeners call the latest drain (declared first: effects run in order)
  useEffect(() => {
    drainRef.current = drain;
  }, [drain]);

  useEffect(() => {
    if (!key) return;
    setState(readQueue(key));
    attempt.current = 0;
    if (readQueue(key).pending.length > 0) void drainRef.current();
    const onOnline = () => {
      setOnline(true);
      attempt.current = 0;
      void drainRef.current();
    };
    const onOffline = () => setOnline(false);
    const onStorage = (e: StorageEvent) => {
      if (e.key === key) setState(readQueue(key));
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('storage', onStorage);
      clearTimeout(timer.current);
    };
  }, [key]);

  const submit = useCallback(
    async (report: QueuedReport): Promise<SubmitOutcome> => {
      // behind waiting reports: sent straight away it would overtake them (a quantity before its start)
      if (key && readQueue(key).pending.length > 0) {
        change(enqueue(report));
        void drain();
        return { isQueued: true };
      }
      try {
        const result = await sendReport(report);
        setUnreachable(false);
        return { isQueued: false, result };
      } catch (error) {
        if (!key || !isRetryable(error)) throw error;
        change(enqueue(report));
        setUnreachable(true);
        attempt.current = 0;
        retryLater();
        return { isQueued: true };
      }
    },
    [key, change, drain, retryLater],
  );
  const retryNow = useCallback(() => {
    attempt.current = 0;
    void drain();
  }, [drain]);
  const dismiss = useCallback((clientId: string) => change(dismissRejected(clientId)), [change]);

  return {
    ...state,
    isOffline: !isOnline || isUnreachable,
    isDraining,
    isSaved,
    submit,
    retryNow,
    dismiss,
  };
}

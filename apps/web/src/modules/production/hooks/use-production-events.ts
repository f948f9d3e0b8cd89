import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { TLiveServerMessage } from '@greenmes/contracts';
import { useLiveSubscription } from '../../../shared/hooks/use-live-subscription.ts';
import { wipKeys } from '../api/wip-api.ts';
import { andonKeys } from './use-andon-queries.ts';
import { jobReportKeys } from './use-job-report-queries.ts';
import { workOrderKeys } from './use-work-order-queries.ts';

type ProductionEvent = Extract<TLiveServerMessage, { type: 'production' }>['events'][number];

/** the server coalesces events into at most one push a second: at most one refetch round a second */
const MAX_PUSHES_PER_SECOND = 1;
/** while the live channel is up, polling only covers what it does not carry (e.g. Andon escalations of other kinds) */
export const LIVE_FALLBACK_POLL_MS = 60_000;

/** What each kind of event makes stale; invalidating refetches only the queries on screen. */
const KEYS_BY_KIND: Record<ProductionEvent['kind'], QueryKey[]> = {
  'job-report': [
    workOrderKeys.workOrders,
    jobReportKeys.reports,
    wipKeys.board,
    wipKeys.transfers,
    wipKeys.proposal,
  ],
  andon: [andonKeys.exceptions, workOrderKeys.workOrders, wipKeys.board],
  transfer: [wipKeys.transfers, wipKeys.board, workOrderKeys.workOrders],
  'work-order': [workOrderKeys.workOrders, wipKeys.board, andonKeys.exceptions],
};

/**
 * Keeps production pages current from the live channel: job reports, Andon changes, transfers and
 * order status changes (after they commit, in the user's data scope) invalidate the queries they touch.
 * `workOrderId`: a page about one order ignores the other orders' events. Answers whether the channel
 * is up: when it is not, the caller keeps polling at its usual rate.
 */
export function useProductionEvents(o: { workOrderId?: string | null; isEnabled?: boolean } = {}): {
  isLive: boolean;
} {
  const client = useQueryClient();
  const { workOrderId = null, isEnabled = true } = o;
  return useLiveSubscription({
    target: isEnabled ? { kind: 'production' } : null,
    maxRate: MAX_PUSHES_PER_SECOND,
    onMessage: (message) => {
      if (message.type === 'error' && message.code === 'LIVE_OVERFLOW') {
        void client.invalidateQueries({ queryKey: ['production'] });
        return;
      }
      if (message.type !== 'production') return;
      const keys = new Map<string, QueryKey>();
      for (const event of message.events) {
        // an order's page ignores other orders; an Andon call without an order may concern its work center
        if (workOrderId && event.workOrderId !== null && event.workOrderId !== workOrderId) continue;
        for (const key of KEYS_BY_KIND[event.kind]) keys.set(JSON.stringify(key), key);
      }
      for (const key of keys.values()) void client.invalidateQueries({ queryKey: key });
    },
  });
}

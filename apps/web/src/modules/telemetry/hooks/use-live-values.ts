import { useCallback, useMemo, useState } from 'react';
import type { TLatestValue, TLiveServerMessage } from '@greenmes/contracts';
import { useLiveSubscription } from '../../../shared/hooks/use-live-subscription.ts';
import type { LiveTarget } from '../../../shared/lib/live-client.ts';
import { useLatestValues, type LatestOwner } from './use-telemetry-queries.ts';

export interface LiveValue {
  deviceId: string;
  /** epoch ms */
  ts: number;
  value: number | null;
  text: string | null;
}

/** Latest value per metric id as pushed over the live socket since mount. */
export function useLiveValues(target: LiveTarget | null, options: { maxRate?: number } = {}) {
  const [values, setValues] = useState<ReadonlyMap<number, LiveValue>>(() => new Map());
  const onMessage = useCallback((message: TLiveServerMessage) => {
    if (message.type !== 'values' || message.values.length === 0) return;
    setValues((prev) => {
      const next = new Map(prev);
      for (const v of message.values) {
        const known = next.get(v.metricId);
        // pushes are coalesced per metric, but a late historical sample must not replace a newer one
        if (!known || known.ts <= v.ts)
          next.set(v.metricId, { deviceId: v.deviceId, ts: v.ts, value: v.value, text: v.text });
      }
      return next;
    });
  }, []);
  const { isLive } = useLiveSubscription({ target, maxRate: options.maxRate, onMessage });
  return { values, isLive };
}

export const LATEST_POLL_MS = 5_000;

/**
 * The latest values of a device (or of the devices bound to a piece of equipment): fetched once, then
 * kept current by the live socket; while the socket is down the list is polled every 5 s instead.
 */
export function useLatestWithLive(owner: LatestOwner) {
  const live = useLiveValues(owner);
  const latest = useLatestValues(owner, { pollMs: live.isLive ? undefined : LATEST_POLL_MS });
  const rows = useMemo<TLatestValue[]>(
    () =>
      (latest.data ?? []).map((row) => {
        const pushed = live.values.get(row.metricId);
        if (!pushed || (row.ts !== null && Date.parse(row.ts) > pushed.ts)) return row;
        return { ...row, ts: new Date(pushed.ts).toISOString(), value: pushed.value, textValue: pushed.text };
      }),
    [latest.data, live.values],
  );
  return {
    rows,
    isLive: live.isLive,
    isLoading: latest.isLoading,
    error: latest.error,
    refetch: latest.refetch,
  };
}

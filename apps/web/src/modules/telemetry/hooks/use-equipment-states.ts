import { useEffect, useMemo, useRef } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TEquipmentState } from '@greenmes/contracts';
import { devicesApi } from '../api/devices-api.ts';
import { LATEST_POLL_MS, useLiveValues } from './use-live-values.ts';
import { telemetryKeys } from './use-telemetry-queries.ts';

/** While live, still refetch now and then: connectivity (offline → stale state) is not pushed. */
const LIVE_REFRESH_MS = 60_000;

/**
 * The running state of each listed equipment: fetched in one request, then kept current by a live
 * subscription to the state metrics it names; while the socket is down the list is polled instead.
 */
export function useEquipmentStates(equipmentIds: string[], options: { enabled?: boolean } = {}) {
  const ids = useMemo(() => [...new Set(equipmentIds)].sort(), [equipmentIds]);
  // the subscription depends on the answer, the polling rate on the subscription: a ref breaks the loop
  const isLiveRef = useRef(false);
  const query = useQuery({
    queryKey: telemetryKeys.equipmentStates(ids),
    queryFn: ({ signal }) => devicesApi.equipmentStates(ids, signal),
    enabled: (options.enabled ?? true) && ids.length > 0,
    placeholderData: keepPreviousData,
    refetchInterval: () => (isLiveRef.current ? LIVE_REFRESH_MS : LATEST_POLL_MS),
  });
  const metricIds = useMemo(
    () =>
      [...new Set((query.data ?? []).flatMap((r) => (r.metricId === null ? [] : [r.metricId])))].sort(
        (a, b) => a - b,
      ),
    [query.data],
  );
  const live = useLiveValues(metricIds.length ? { kind: 'metrics', ids: metricIds } : null);
  useEffect(() => {
    isLiveRef.current = live.isLive;
  }, [live.isLive]);

  const byEquipment = useMemo(() => {
    const out = new Map<string, TEquipmentState>();
    for (const row of query.data ?? []) {
      const pushed = row.metricId === null ? undefined : live.values.get(row.metricId);
      if (!pushed || (row.ts !== null && Date.parse(row.ts) > pushed.ts)) {
        out.set(row.equipmentId, row);
        continue;
      }
      out.set(row.equipmentId, {
        ...row,
        state: pushed.text ?? (pushed.value === null ? null : String(pushed.value)),
        ts: new Date(pushed.ts).toISOString(),
        // a value just arrived, so its controller is talking again
        connectivity: row.connectivity === 'disabled' ? row.connectivity : 'online',
      });
    }
    return out;
  }, [query.data, live.values]);
  return { byEquipment, isLive: live.isLive, isLoading: query.isLoading, error: query.error };
}

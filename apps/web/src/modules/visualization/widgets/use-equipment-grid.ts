import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TEquipmentGrid, TLiveServerMessage } from '@greenmes/contracts';
import { api } from '../../../api/client.ts';
import { useLiveSubscription } from '../../../shared/hooks/use-live-subscription.ts';
import type { GridItem } from './equipment-grid-layout.ts';

const POLL_MS = 10_000;
/** While live, still refetch now and then: new equipment and connectivity (offline → stale) are not pushed. */
const LIVE_REFRESH_MS = 60_000;

export const equipmentGridKey = (siteId: string | undefined) =>
  ['screens', 'equipment-grid', siteId ?? null] as const;

/**
 * Every visible piece of equipment (of a site) with its state: one request, then kept current by the
 * 'equipment-states' live target of the same site (pushes only what changed, coalesced); while the socket is
 * down the list is polled instead.
 */
export function useEquipmentGrid(siteId: string | undefined) {
  const isLiveRef = useRef(false);
  const query = useQuery({
    queryKey: equipmentGridKey(siteId),
    queryFn: ({ signal }) =>
      api.get<TEquipmentGrid>('/screens/equipment-grid', siteId ? { siteId } : {}, signal),
    placeholderData: keepPreviousData,
    refetchInterval: () => (isLiveRef.current ? LIVE_REFRESH_MS : POLL_MS),
  });
  // pushed states since the last fetch; a fetch newer than a push wins (compared by timestamp)
  const [pushed, setPushed] = useState<ReadonlyMap<string, { state: string | null; ts: number }>>(
    () => new Map(),
  );
  const onMessage = useCallback((message: TLiveServerMessage) => {
    if (message.type !== 'equipment-states' || message.states.length === 0) return;
    setPushed((prev) => {
      const next = new Map(prev);
      for (const s of message.states) {
        const known = next.get(s.equipmentId);
        if (!known || known.ts <= s.ts) next.set(s.equipmentId, { state: s.state, ts: s.ts });
      }
      return next;
    });
  }, []);
  // a site's grid follows that site's machines only (all a TV link showing it may follow)
  const { isLive } = useLiveSubscription({
    target: { kind: 'equipment-states', ...(siteId && { siteId }) },
    maxRate: 2,
    onMessage,
  });
  useEffect(() => {
    isLiveRef.current = isLive;
  }, [isLive]);

  const items = useMemo<GridItem[]>(
    () =>
      (query.data?.items ?? []).map((e) => {
        const p = pushed.get(e.id);
        if (!p || (e.stateAt !== null && Date.parse(e.stateAt) >= p.ts)) return e;
        // a state just arrived, so its controller is talking again
        const connectivity = e.connectivity === 'disabled' ? e.connectivity : 'online';
        return { ...e, state: p.state, stateAt: new Date(p.ts).toISOString(), connectivity };
      }),
    [query.data, pushed],
  );
  return { items, isLive, isLoading: query.isLoading, isFetched: query.isFetched };
}

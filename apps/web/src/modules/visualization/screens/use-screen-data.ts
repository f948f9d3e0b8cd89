import { useCallback, useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ScreenKey, TLiveServerMessage, TScreenSite } from '@greenmes/contracts';
import { api } from '../../../api/client.ts';
import { useLiveSubscription } from '../../../shared/hooks/use-live-subscription.ts';
import { siteOf } from './screen-rotation.ts';

/** Without a live channel the aggregate is polled; with one it is refetched on events, at most this often. */
const POLL_MS = 15_000;
const EVENT_THROTTLE_MS = 3_000;
/** Energy and carbon figures come from rollups: refresh them on a slow clock even while live. */
const LIVE_REFRESH_MS = 60_000;

export const screenKeys = {
  one: (key: ScreenKey, siteId: string | null) => ['screens', key, siteId] as const,
};

const fetchScreen = <T>(key: ScreenKey, siteId: string | null, signal: AbortSignal) =>
  api.get<T>(`/screens/${key}`, siteId ? { siteId } : {}, signal);

/**
 * A screen's aggregate in one request, of the site the URL names (`?siteId=`) or of the whole enterprise. Production events over the live socket refetch it (throttled, so a
 * burst of job reports is one refetch); while the socket is down it is polled instead.
 */
export function useScreenData<T>(key: ScreenKey, options: { refetchOnProduction: boolean }) {
  const queryClient = useQueryClient();
  const isLiveRef = useRef(false);
  const siteId = siteOf(useSearchParams()[0]);
  const queryKey = screenKeys.one(key, siteId);
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchScreen<T>(key, siteId, signal),
    placeholderData: keepPreviousData,
    refetchInterval: () => (isLiveRef.current ? LIVE_REFRESH_MS : POLL_MS),
  });
  const lastRefetch = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onMessage = useCallback(
    (message: TLiveServerMessage) => {
      if (message.type !== 'production' || pending.current) return;
      const wait = Math.max(0, lastRefetch.current + EVENT_THROTTLE_MS - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        lastRefetch.current = Date.now();
        void queryClient.invalidateQueries({ queryKey: screenKeys.one(key, siteId) });
      }, wait);
    },
    [queryClient, key, siteId],
  );
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  const { isLive } = useLiveSubscription({
    target: options.refetchOnProduction ? { kind: 'production' } : null,
    maxRate: 1,
    onMessage,
  });
  useEffect(() => {
    isLiveRef.current = isLive;
  }, [isLive]);
  return { ...query, isLive, siteId };
}

/**
 * The site the screen's answer names, for the header (null: the whole enterprise). It shares the body's query
 * (same key, same request) and never polls on its own: the body keeps it fresh.
 */
export function useScreenSite(key: ScreenKey | null): TScreenSite {
  const siteId = siteOf(useSearchParams()[0]);
  const query = useQuery({
    queryKey: screenKeys.one(key ?? 'summary', siteId),
    queryFn: ({ signal }) => fetchScreen<{ site: TScreenSite }>(key ?? 'summary', siteId, signal),
    enabled: key !== null && siteId !== null,
    staleTime: Infinity,
    select: (data) => data.site,
  });
  return key && siteId ? (query.data ?? null) : null;
}

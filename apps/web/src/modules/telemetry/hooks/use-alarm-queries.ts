import { useCallback, useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveSubscription } from '../../../shared/hooks/use-live-subscription.ts';
import {
  alarmRulesApi,
  alarmsApi,
  webhooksApi,
  type AlarmFilters,
  type AlarmRuleFilters,
  type DeliveryFilters,
  type WebhookFilters,
} from '../api/alarms-api.ts';

export const alarmKeys = {
  /** alarms themselves: refreshed on every live alarm change */
  alarms: ['alarms'] as const,
  list: (filters: AlarmFilters) => ['alarms', 'list', filters] as const,
  summary: ['alarms', 'summary'] as const,
  detail: (id: string) => ['alarms', 'one', id] as const,
  rules: (filters: AlarmRuleFilters) => ['alarm-rules', 'list', filters] as const,
  allRules: ['alarm-rules'] as const,
  webhooks: (filters: WebhookFilters) => ['webhooks', 'list', filters] as const,
  allWebhooks: ['webhooks'] as const,
  deliveries: (id: string, filters: DeliveryFilters) => ['webhooks', 'deliveries', id, filters] as const,
};

/** While the live socket is down, open alarms are polled at this pace instead. */
export const ALARM_POLL_MS = 15_000;

export const useAlarms = (filters: AlarmFilters, options: { pollMs?: number } = {}) =>
  useQuery({
    queryKey: alarmKeys.list(filters),
    queryFn: ({ signal }) => alarmsApi.list(filters, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.pollMs ?? false,
  });

export const useAlarmSummary = (options: { enabled?: boolean; pollMs?: number } = {}) =>
  useQuery({
    queryKey: alarmKeys.summary,
    queryFn: ({ signal }) => alarmsApi.summary(signal),
    enabled: options.enabled ?? true,
    // the console's counts must match its freshly fetched list, not what the bell saw minutes ago
    staleTime: 0,
    refetchInterval: options.pollMs ?? false,
  });

export const useAlarmDetail = (id: string | undefined) =>
  useQuery({
    queryKey: alarmKeys.detail(id ?? ''),
    queryFn: ({ signal }) => alarmsApi.get(id ?? '', signal),
    enabled: Boolean(id),
  });

export const useAlarmRules = (filters: AlarmRuleFilters) =>
  useQuery({
    queryKey: alarmKeys.rules(filters),
    queryFn: ({ signal }) => alarmRulesApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useWebhooks = (filters: WebhookFilters) =>
  useQuery({
    queryKey: alarmKeys.webhooks(filters),
    queryFn: ({ signal }) => webhooksApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useWebhookDeliveries = (id: string | undefined, filters: DeliveryFilters) =>
  useQuery({
    queryKey: alarmKeys.deliveries(id ?? '', filters),
    queryFn: ({ signal }) => webhooksApi.deliveries(id ?? '', filters, signal),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
    // pending deliveries are retried in the background; show their progress
    refetchInterval: 10_000,
  });

/** Alarms, rules and webhooks: a rule change moves alarm counts, so they refresh together. */
export function useInvalidateAlarms() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: alarmKeys.alarms }),
        queryClient.invalidateQueries({ queryKey: alarmKeys.allRules }),
        queryClient.invalidateQueries({ queryKey: alarmKeys.allWebhooks }),
      ]),
    [queryClient],
  );
}

/** Coalesce a burst of alarm changes (a plant trip raises dozens) into one refetch. */
const LIVE_REFRESH_MS = 1_000;

/**
 * Keeps every alarm query fresh from the live `alarms` subscription; answers whether it is live, so
 * callers can poll while it is not.
 */
export function useLiveAlarms(options: { enabled?: boolean } = {}): { isLive: boolean } {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onMessage = useCallback(
    (message: { type: string }) => {
      if (message.type !== 'alarm' || timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void queryClient.invalidateQueries({ queryKey: alarmKeys.alarms });
      }, LIVE_REFRESH_MS);
    },
    [queryClient],
  );
  return useLiveSubscription({
    target: options.enabled === false ? null : { kind: 'alarms' },
    maxRate: 2,
    onMessage,
  });
}

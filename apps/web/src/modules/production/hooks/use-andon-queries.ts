import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { andonApi, type AndonFilters } from '../api/andon-api.ts';

export const andonKeys = {
  all: ['production', 'andon'] as const,
  exceptions: ['production', 'andon', 'exceptions'] as const,
  rules: ['production', 'andon', 'rules'] as const,
};

/** The board's list; polled, as exceptions are raised on terminals and escalated by the server. */
export function useAndonExceptions(
  filters: AndonFilters,
  o: { refetchInterval?: number | false; isEnabled?: boolean } = {},
) {
  return useQuery({
    queryKey: [...andonKeys.exceptions, 'list', filters],
    queryFn: ({ signal }) => andonApi.list(filters, signal),
    refetchInterval: o.refetchInterval ?? 10_000,
    enabled: o.isEnabled ?? true,
  });
}

/** An operation's unresolved exceptions (the terminal: a stopping one disables the reports). */
export function useOperationExceptions(operationId: string) {
  return useQuery({
    queryKey: [...andonKeys.exceptions, 'operation', operationId],
    queryFn: ({ signal }) => andonApi.list({ operationId, status: 'unresolved', pageSize: 50 }, signal),
    refetchInterval: 10_000,
  });
}

export function useAndonException(id: string | null) {
  return useQuery({
    queryKey: [...andonKeys.exceptions, 'one', id],
    queryFn: ({ signal }) => andonApi.get(id!, signal),
    enabled: id !== null,
  });
}

export function useEscalationRules() {
  return useQuery({ queryKey: andonKeys.rules, queryFn: ({ signal }) => andonApi.rules(signal) });
}

export function useNotifyTargets(enabled: boolean) {
  return useQuery({
    queryKey: [...andonKeys.rules, 'targets'],
    queryFn: ({ signal }) => andonApi.notifyTargets(signal),
    enabled,
    staleTime: 60_000,
  });
}

/** The current time, ticking every `everyMs`: elapsed times on the board move without a refetch. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  economicsApi,
  savingProjectsApi,
  type EconomicsFilters,
  type SavingProjectFilters,
} from '../api/ledgers-api.ts';

export const ledgerKeys = {
  economics: ['energy', 'economics'] as const,
  projects: ['energy', 'saving-projects'] as const,
};

export function useEconomicMonths(filters: EconomicsFilters) {
  return useQuery({
    queryKey: [...ledgerKeys.economics, 'list', filters],
    queryFn: ({ signal }) => economicsApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEconomicsSummary(query: { from: string; to: string; siteIds?: string }) {
  return useQuery({
    queryKey: [...ledgerKeys.economics, 'summary', query],
    queryFn: ({ signal }) => economicsApi.summary(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSavingProjects(filters: SavingProjectFilters) {
  return useQuery({
    queryKey: [...ledgerKeys.projects, 'list', filters],
    queryFn: ({ signal }) => savingProjectsApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSavingTotals(filters: SavingProjectFilters) {
  const { page: _p, pageSize: _s, ...rest } = filters;
  return useQuery({
    queryKey: [...ledgerKeys.projects, 'totals', rest],
    queryFn: ({ signal }) => savingProjectsApi.totals(rest, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInvalidateLedger(key: readonly string[]) {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: key }), [client, key]);
}

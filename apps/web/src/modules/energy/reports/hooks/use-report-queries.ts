import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { reportsApi, type ReportQuery } from '../api/reports-api.ts';

/** Under 'energy' so the energy module's invalidations (meters, records, year settings) refresh them too. */
export const reportKeys = {
  overview: (query: ReportQuery) => ['energy', 'reports', 'overview', query] as const,
  inventory: (query: ReportQuery) => ['energy', 'reports', 'inventory', query] as const,
  flow: (query: { from: string; to: string; siteId?: string }) =>
    ['energy', 'reports', 'flow', query] as const,
};

export const useEnergyOverview = (query: ReportQuery) =>
  useQuery({
    queryKey: reportKeys.overview(query),
    queryFn: ({ signal }) => reportsApi.overview(query, signal),
    placeholderData: keepPreviousData,
  });

export const useGhgInventory = (query: ReportQuery) =>
  useQuery({
    queryKey: reportKeys.inventory(query),
    queryFn: ({ signal }) => reportsApi.inventory(query, signal),
    placeholderData: keepPreviousData,
  });

export const useEnergyFlow = (query: { from: string; to: string }) =>
  useQuery({
    queryKey: reportKeys.flow(query),
    queryFn: ({ signal }) => reportsApi.flow(query, signal),
    placeholderData: keepPreviousData,
  });

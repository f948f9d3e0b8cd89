import { useQuery, useQueryClient } from '@tanstack/react-query';
import { keepPreviousData } from '@tanstack/react-query';
import type { TPageQuery } from '@greenmes/contracts';
import { dashboardsApi } from '../api/dashboards-api.ts';

export const dashboardKeys = {
  all: ['dashboards'] as const,
  list: (q: Partial<TPageQuery>) => ['dashboards', 'list', q] as const,
  one: (id: string) => ['dashboards', 'one', id] as const,
  tvLinks: (id: string) => ['dashboards', 'tv-links', id] as const,
  tv: ['dashboards', 'tv'] as const,
};

export const useDashboards = (q: Partial<TPageQuery>) =>
  useQuery({
    queryKey: dashboardKeys.list(q),
    queryFn: ({ signal }) => dashboardsApi.list(q, signal),
    placeholderData: keepPreviousData,
  });

export const useDashboard = (id: string | undefined) =>
  useQuery({
    queryKey: dashboardKeys.one(id ?? ''),
    queryFn: ({ signal }) => dashboardsApi.get(id!, signal),
    enabled: !!id,
  });

export const useTvLinks = (id: string | null) =>
  useQuery({
    queryKey: dashboardKeys.tvLinks(id ?? ''),
    queryFn: ({ signal }) => dashboardsApi.tvLinks(id!, signal),
    enabled: !!id,
  });

export function useInvalidateDashboards() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
}

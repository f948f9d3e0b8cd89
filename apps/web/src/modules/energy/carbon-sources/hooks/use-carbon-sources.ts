import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { carbonSourcesApi, type ActivityQuery } from '../api/carbon-sources-api.ts';

/** Under 'energy' beside the reports: a change here must refresh the GHG inventory too. */
export const carbonSourceKeys = {
  all: ['energy', 'carbon-sources'] as const,
  list: () => ['energy', 'carbon-sources', 'list'] as const,
  activity: (query: ActivityQuery) => ['energy', 'carbon-sources', 'activity', query] as const,
};

export const useCarbonSources = () =>
  useQuery({
    queryKey: carbonSourceKeys.list(),
    queryFn: ({ signal }) => carbonSourcesApi.list(signal),
  });

export const useCarbonActivity = (query: ActivityQuery) =>
  useQuery({
    queryKey: carbonSourceKeys.activity(query),
    queryFn: ({ signal }) => carbonSourcesApi.activity(query, signal),
    placeholderData: keepPreviousData,
  });

/** Sources and activity, and the inventory reports computed from them. */
export function useInvalidateCarbonSources() {
  const client = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        client.invalidateQueries({ queryKey: carbonSourceKeys.all }),
        client.invalidateQueries({ queryKey: ['energy', 'reports'] }),
      ]),
    [client],
  );
}

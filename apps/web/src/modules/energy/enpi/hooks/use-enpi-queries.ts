import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { enpiApi, type EnpiEvaluationQuery } from '../api/enpi-api.ts';

/** Under 'energy' so the energy module's invalidations (a meter or a month's figures changed) reach them. */
export const enpiKeys = {
  all: ['energy', 'enpi'] as const,
  list: () => ['energy', 'enpi', 'list'] as const,
  one: (id: string) => ['energy', 'enpi', 'one', id] as const,
  evaluation: (id: string, query: EnpiEvaluationQuery) =>
    ['energy', 'enpi', 'evaluation', id, query] as const,
};

export const useEnpis = () =>
  useQuery({ queryKey: enpiKeys.list(), queryFn: ({ signal }) => enpiApi.list(signal) });

export const useEnpi = (id: string) =>
  useQuery({ queryKey: enpiKeys.one(id), queryFn: ({ signal }) => enpiApi.get(id, signal) });

export const useEnpiEvaluation = (id: string, query: EnpiEvaluationQuery | null) =>
  useQuery({
    queryKey: enpiKeys.evaluation(id, query ?? { from: '', to: '' }),
    queryFn: ({ signal }) => enpiApi.evaluation(id, query!, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

/** An EnPI changed: the list, its detail and every evaluation of it may differ now. */
export function useInvalidateEnpis() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: enpiKeys.all }), [client]);
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { costApi, type CostQuery } from '../api/cost-api.ts';

/** Under 'energy' so the energy module's invalidations (meters, readings, tariff plans) refresh it too. */
export const costKeys = {
  report: (query: CostQuery) => ['energy', 'reports', 'cost', query] as const,
};

export const useEnergyCost = (query: CostQuery) =>
  useQuery({
    queryKey: costKeys.report(query),
    queryFn: ({ signal }) => costApi.report(query, signal),
    placeholderData: keepPreviousData,
  });

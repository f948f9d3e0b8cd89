import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { energyApi } from '../api/energy-api.ts';

export const energyKeys = {
  all: ['energy'] as const,
  factors: ['energy', 'factors'] as const,
  yearSettingsList: ['energy', 'year-settings', 'list'] as const,
  yearSettings: (year: number) => ['energy', 'year-settings', 'one', year] as const,
};

/** The library is built into the server and changes only with a release: fetch it once a session. */
export const useFactors = () =>
  useQuery({
    queryKey: energyKeys.factors,
    queryFn: ({ signal }) => energyApi.factors(signal),
    staleTime: Infinity,
  });

export const useYearSettingsList = () =>
  useQuery({
    queryKey: energyKeys.yearSettingsList,
    queryFn: ({ signal }) => energyApi.yearSettingsList(signal),
  });

export const useYearSettings = (year: number | null) =>
  useQuery({
    queryKey: energyKeys.yearSettings(year ?? 0),
    queryFn: ({ signal }) => energyApi.yearSettings(year ?? 0, signal),
    enabled: year !== null && year >= 2000 && year <= 2100,
  });

export function useInvalidateEnergy() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ['energy', 'year-settings'] }), [client]);
}

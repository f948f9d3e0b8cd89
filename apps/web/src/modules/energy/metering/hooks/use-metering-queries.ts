import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  meteringApi,
  type ConsumptionQuery,
  type MeterFilters,
  type RecordFilters,
} from '../api/metering-api.ts';

/** Under 'energy' so the energy module's invalidations reach them; 'metering' keeps them apart. */
export const meteringKeys = {
  all: ['energy', 'metering'] as const,
  meters: (query: MeterFilters) => ['energy', 'metering', 'meters', query] as const,
  records: (id: string, query: RecordFilters) => ['energy', 'metering', 'records', id, query] as const,
  consumption: (query: ConsumptionQuery) => ['energy', 'metering', 'consumption', query] as const,
  completeness: (query: { from: string; to: string }) =>
    ['energy', 'metering', 'completeness', query] as const,
};

export const useMeters = (query: MeterFilters, enabled = true) =>
  useQuery({
    queryKey: meteringKeys.meters(query),
    queryFn: ({ signal }) => meteringApi.list(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useMeterRecords = (id: string | null, query: RecordFilters) =>
  useQuery({
    queryKey: meteringKeys.records(id ?? '', query),
    queryFn: ({ signal }) => meteringApi.records(id ?? '', query, signal),
    placeholderData: keepPreviousData,
    enabled: id !== null,
  });

export const useConsumption = (query: ConsumptionQuery | null) =>
  useQuery({
    queryKey: meteringKeys.consumption(query ?? { from: '', to: '', granularity: 'day' }),
    queryFn: ({ signal }) => meteringApi.consumption(query!, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

export const useCompleteness = (query: { from: string; to: string }) =>
  useQuery({
    queryKey: meteringKeys.completeness(query),
    queryFn: ({ signal }) => meteringApi.completeness(query, signal),
    placeholderData: keepPreviousData,
  });

/** A meter or a record changed: lists, consumption and completeness may all differ now. */
export function useInvalidateMetering() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: meteringKeys.all }), [client]);
}

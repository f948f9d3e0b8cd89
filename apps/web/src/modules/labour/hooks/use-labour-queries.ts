import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { plantApi } from '../../modeling/api/plant-api.ts';
import {
  gradesApi,
  ratesApi,
  skillsApi,
  workersApi,
  type PieceRateFilters,
  type TimeRateFilters,
  type WorkerFilters,
} from '../api/labour-api.ts';

export const labourKeys = {
  all: ['labour'] as const,
  workers: ['labour', 'workers'] as const,
  grades: ['labour', 'grades'] as const,
  skills: ['labour', 'skills'] as const,
  rates: ['labour', 'rates'] as const,
};

export function useWorkers(filters: WorkerFilters) {
  return useQuery({
    queryKey: [...labourKeys.workers, filters],
    queryFn: ({ signal }) => workersApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}
export const useGrades = () =>
  useQuery({ queryKey: labourKeys.grades, queryFn: ({ signal }) => gradesApi.list(signal) });
export const useSkills = () =>
  useQuery({ queryKey: labourKeys.skills, queryFn: ({ signal }) => skillsApi.list(signal) });
export const useRequiredSkills = () =>
  useQuery({
    queryKey: [...labourKeys.skills, 'required'],
    queryFn: ({ signal }) => skillsApi.required(signal),
  });
export function usePieceRates(filters: PieceRateFilters) {
  return useQuery({
    queryKey: [...labourKeys.rates, 'piece', filters],
    queryFn: ({ signal }) => ratesApi.pieces(filters, signal),
    placeholderData: keepPreviousData,
  });
}
export function useTimeRates(filters: TimeRateFilters) {
  return useQuery({
    queryKey: [...labourKeys.rates, 'time', filters],
    queryFn: ({ signal }) => ratesApi.times(filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Areas, lines and work centers as team options "code name". */
export function useTeamOptions() {
  const tree = useQuery({
    queryKey: ['modeling', 'plant', 'tree'],
    queryFn: ({ signal }) => plantApi.tree(signal),
  });
  return (tree.data?.nodes ?? [])
    .filter((n) => n.kind !== 'site')
    .map((n) => ({ value: n.id, label: `${n.code} ${n.name}` }));
}

export const gradeOptions = (grades: Array<{ id: string; code: string; name: string }> | undefined) =>
  (grades ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` }));
export const skillOptions = (skills: Array<{ id: string; code: string; name: string }> | undefined) =>
  (skills ?? []).map((s) => ({ value: s.id, label: s.code === s.name ? s.code : `${s.code} · ${s.name}` }));

/** Refetches everything under a key after a write. */
export function useInvalidate(key: readonly string[]) {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: key }), [client, key]);
}

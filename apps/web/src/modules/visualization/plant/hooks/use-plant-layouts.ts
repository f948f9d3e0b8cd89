import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TPlantLayoutQuery } from '@greenmes/contracts';
import { plantLayoutsApi } from '../api/plant-layouts-api.ts';

export const plantLayoutKeys = {
  all: ['plant-layouts'] as const,
  list: (query: Partial<TPlantLayoutQuery>) => ['plant-layouts', 'list', query] as const,
  detail: (id: string) => ['plant-layouts', 'detail', id] as const,
  model: ['plant-layouts', 'model'] as const,
};

export const usePlantLayouts = (query: Partial<TPlantLayoutQuery>) =>
  useQuery({
    queryKey: plantLayoutKeys.list(query),
    queryFn: ({ signal }) => plantLayoutsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

export const usePlantLayout = (id: string) =>
  useQuery({
    queryKey: plantLayoutKeys.detail(id),
    queryFn: ({ signal }) => plantLayoutsApi.get(id, signal),
  });

/** sites, areas, lines, work centers and every equipment in scope, with categories */
export const usePlantModel = (options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: plantLayoutKeys.model,
    queryFn: ({ signal }) => plantLayoutsApi.model(signal),
    enabled: options.enabled ?? true,
  });

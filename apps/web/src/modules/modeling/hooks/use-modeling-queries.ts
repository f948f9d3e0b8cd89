import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { plantApi } from '../api/plant-api.ts';
import { equipmentApi, type EquipmentFilters } from '../api/equipment-api.ts';
import { materialsApi, type MaterialFilters } from '../api/materials-api.ts';
import { unitsApi } from '../api/units-api.ts';

export const modelingKeys = {
  all: ['modeling'] as const,
  plantTree: ['modeling', 'plant-tree'] as const,
  equipmentList: (filters: EquipmentFilters) => ['modeling', 'equipment', 'list', filters] as const,
  equipment: (id: string) => ['modeling', 'equipment', 'one', id] as const,
  materialList: (filters: MaterialFilters) => ['modeling', 'materials', 'list', filters] as const,
  units: ['modeling', 'units'] as const,
};

export function usePlantTree(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: modelingKeys.plantTree,
    queryFn: ({ signal }) => plantApi.tree(signal),
    enabled: options.enabled ?? true,
  });
}

export function useEquipmentList(filters: EquipmentFilters) {
  return useQuery({
    queryKey: modelingKeys.equipmentList(filters),
    queryFn: ({ signal }) => equipmentApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEquipment(id: string | undefined) {
  return useQuery({
    queryKey: modelingKeys.equipment(id ?? ''),
    queryFn: () => equipmentApi.get(id ?? ''),
    enabled: Boolean(id),
  });
}

export function useMaterialList(filters: MaterialFilters) {
  return useQuery({
    queryKey: modelingKeys.materialList(filters),
    queryFn: ({ signal }) => materialsApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUnits(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: modelingKeys.units,
    queryFn: ({ signal }) => unitsApi.list(signal),
    enabled: options.enabled ?? true,
  });
}

/** Equipment shows up in the tree and in lists; after any write both are refreshed. */
export function useInvalidateModeling() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: modelingKeys.all }), [queryClient]);
}

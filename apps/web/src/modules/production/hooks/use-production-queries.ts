import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { materialsApi } from '../../modeling/api/materials-api.ts';
import { plantApi } from '../../modeling/api/plant-api.ts';
import type { RemoteOption } from '../../../shared/components/RemoteSelect.tsx';
import { bomsApi, routingsApi, type BomFilters, type RoutingFilters } from '../api/production-api.ts';

export const productionKeys = {
  boms: ['production', 'boms'] as const,
  routings: ['production', 'routings'] as const,
  explosion: ['production', 'explosion'] as const,
};

export function useBoms(filters: BomFilters) {
  return useQuery({
    queryKey: [...productionKeys.boms, 'list', filters],
    queryFn: ({ signal }) => bomsApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBom(id: string | null) {
  return useQuery({
    queryKey: [...productionKeys.boms, 'one', id],
    queryFn: ({ signal }) => bomsApi.get(id!, signal),
    enabled: id !== null,
  });
}

export function useRoutings(filters: RoutingFilters) {
  return useQuery({
    queryKey: [...productionKeys.routings, 'list', filters],
    queryFn: ({ signal }) => routingsApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRouting(id: string | null) {
  return useQuery({
    queryKey: [...productionKeys.routings, 'one', id],
    queryFn: ({ signal }) => routingsApi.get(id!, signal),
    enabled: id !== null,
  });
}

export function useInvalidate(key: readonly string[]) {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: key }), [client, key]);
}

/** Materials as options "code name (unit)", searched on the server. */
export const searchMaterials = async (q: string, signal: AbortSignal): Promise<RemoteOption[]> =>
  (await materialsApi.list({ q: q || undefined, pageSize: 50, isActive: 'true' }, signal)).items.map((m) => ({
    value: m.id,
    label: `${m.code} ${m.name} (${m.unitCode})`,
  }));

/** Work centers of the plant tree, labelled with their line. */
export function useWorkCenterOptions() {
  const tree = useQuery({
    queryKey: ['modeling', 'plant', 'tree'],
    queryFn: ({ signal }) => plantApi.tree(signal),
  });
  const nodes = tree.data?.nodes ?? [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes
    .filter((n) => n.kind === 'work_center')
    .map((n) => ({
      value: n.id,
      label: `${n.code} ${n.name}${n.parentId && byId.get(n.parentId) ? ` · ${byId.get(n.parentId)!.name}` : ''}`,
    }));
}

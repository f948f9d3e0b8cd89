import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TWorkOrder } from '@greenmes/contracts';
import { plantApi } from '../../modeling/api/plant-api.ts';
import { plansApi, workOrdersApi, type PlanFilters, type WorkOrderFilters } from '../api/work-orders-api.ts';

export const workOrderKeys = {
  plans: ['production', 'plans'] as const,
  workOrders: ['production', 'work-orders'] as const,
};

export function usePlans(filters: PlanFilters) {
  return useQuery({
    queryKey: [...workOrderKeys.plans, 'list', filters],
    queryFn: ({ signal }) => plansApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useWorkOrders(filters: WorkOrderFilters) {
  return useQuery({
    queryKey: [...workOrderKeys.workOrders, 'list', filters],
    queryFn: ({ signal }) => workOrdersApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** `refetchInterval` may say, from the order, how often to poll it (a page on an order on the floor). */
export function useWorkOrder(
  id: string,
  o: { refetchInterval?: (order: TWorkOrder | undefined) => number | false } = {},
) {
  return useQuery({
    queryKey: [...workOrderKeys.workOrders, 'one', id],
    queryFn: ({ signal }) => workOrdersApi.get(id, signal),
    refetchInterval: o.refetchInterval ? (query) => o.refetchInterval!(query.state.data) : undefined,
  });
}

export function useWorkOrderHistory(id: string) {
  return useQuery({
    queryKey: [...workOrderKeys.workOrders, 'history', id],
    queryFn: ({ signal }) => workOrdersApi.history(id, signal),
  });
}

/** Sites of the plant tree as options. */
export function useSiteOptions() {
  const tree = useQuery({
    queryKey: ['modeling', 'plant', 'tree'],
    queryFn: ({ signal }) => plantApi.tree(signal),
  });
  return (tree.data?.nodes ?? [])
    .filter((n) => n.kind === 'site')
    .map((n) => ({ value: n.id, label: `${n.code} ${n.name}` }));
}

/** The site above a plant node, from the cached plant tree (for the dispatch drawer's shifts). */
export function useSiteOf(nodeId: string | null) {
  const tree = useQuery({
    queryKey: ['modeling', 'plant', 'tree'],
    queryFn: ({ signal }) => plantApi.tree(signal),
  });
  const byId = new Map((tree.data?.nodes ?? []).map((n) => [n.id, n]));
  for (let n = nodeId ? byId.get(nodeId) : undefined; n; n = n.parentId ? byId.get(n.parentId) : undefined)
    if (n.kind === 'site') return n.id;
  return null;
}

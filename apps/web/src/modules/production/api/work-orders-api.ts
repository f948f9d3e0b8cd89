import type {
  PlanStatus,
  TAuditEntry,
  TCreateWorkOrder,
  TDispatchOperation,
  TPage,
  TPlan,
  TPlanExplosion,
  TPlanQuery,
  TPlanSummary,
  TSavePlan,
  TShiftInstancesResult,
  TUpdateWorkOrder,
  TWorker,
  TWorkOrder,
  TWorkOrderSummary,
  WorkOrderAction,
  WorkOrderStatus,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile } from '../../../api/client.ts';

export type PlanFilters = Partial<TPlanQuery>;
/** The list's filters as the page keeps them: one status at a time. */
export type WorkOrderFilters = {
  page?: number;
  pageSize?: number;
  q?: string;
  status?: WorkOrderStatus;
  productId?: string;
  planId?: string;
  dueFrom?: string;
  dueTo?: string;
  priority?: number;
  sort?: 'number' | 'dueDate' | 'priority' | 'createdAt' | 'status' | 'product';
  order?: 'asc' | 'desc';
};

export const plansApi = {
  list: (query: PlanFilters, signal?: AbortSignal) =>
    api.get<TPage<TPlanSummary>>('/production/plans', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TPlan>(`/production/plans/${id}`, undefined, signal),
  create: (body: TSavePlan) => api.post<TPlan>('/production/plans', body),
  update: (id: string, body: TSavePlan) =>
    apiRequest<TPlan>(`/production/plans/${id}`, { method: 'PUT', body }),
  transition: (id: string, status: PlanStatus) =>
    api.post<TPlan>(`/production/plans/${id}/transition`, { status }),
  explode: (id: string) => api.post<TPlanExplosion>(`/production/plans/${id}/explode`, {}),
  delete: (id: string) => api.delete(`/production/plans/${id}`),
};

export const workOrdersApi = {
  list: (query: WorkOrderFilters, signal?: AbortSignal) =>
    api.get<TPage<TWorkOrderSummary>>('/production/work-orders', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TWorkOrder>(`/production/work-orders/${id}`, undefined, signal),
  history: (id: string, signal?: AbortSignal) =>
    api.get<{ items: TAuditEntry[] }>(`/production/work-orders/${id}/history`, undefined, signal),
  create: (body: TCreateWorkOrder) => api.post<TWorkOrder>('/production/work-orders', body),
  update: (id: string, body: TUpdateWorkOrder) =>
    apiRequest<TWorkOrder>(`/production/work-orders/${id}`, { method: 'PATCH', body }),
  act: (id: string, action: WorkOrderAction, reason?: string) =>
    api.post<TWorkOrder>(`/production/work-orders/${id}/${action}`, reason ? { reason } : {}),
  split: (id: string, quantities: [string, string]) =>
    api.post<{ original: TWorkOrder; created: TWorkOrder }>(`/production/work-orders/${id}/split`, {
      quantities,
    }),
  merge: (id: string, otherId: string) =>
    api.post<TWorkOrder>(`/production/work-orders/${id}/merge`, { otherId }),
  dispatch: (id: string, seqNo: number, body: TDispatchOperation) =>
    apiRequest<TWorkOrder>(`/production/work-orders/${id}/operations/${seqNo}/dispatch`, {
      method: 'PUT',
      body,
    }),
  exportXlsx: (query: WorkOrderFilters) =>
    downloadFile(
      '/production/work-orders/export',
      { ...query, page: undefined, pageSize: undefined },
      'work-orders.xlsx',
    ),
  /** shifts of a site starting on a local day (a day either side in UTC, filtered by date) */
  shifts: (siteId: string, date: string, signal?: AbortSignal) => {
    const day = Date.parse(`${date}T00:00:00Z`);
    const iso = (ms: number) => new Date(ms).toISOString();
    return api.get<TShiftInstancesResult>(
      '/shift-instances',
      { siteId, from: iso(day - 86_400_000), to: iso(day + 2 * 86_400_000) },
      signal,
    );
  },
  workers: (q: string, signal?: AbortSignal) =>
    api.get<TPage<TWorker>>('/labour/workers', { q: q || undefined, pageSize: 50 }, signal),
};

import type {
  TIssueMaterial,
  TLotSerialPage,
  TMaterialMoveResult,
  TOrderMaterialLine,
  TOrderMaterials,
  TOrderSerials,
  TReturnMaterial,
  TTrace,
  TraceDirection,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile } from '../../../api/client.ts';

export type TraceTarget = {
  lotId?: string;
  lotNumber?: string;
  /** the lot carrying this serial number */
  serialNumber?: string;
  materialId?: string;
  direction: TraceDirection;
};

export const genealogyKeys = {
  // under the work orders' key: whatever refreshes an order (a job report) refreshes its lots too
  orderMaterials: ['production', 'work-orders', 'materials'] as const,
  trace: ['production', 'trace'] as const,
  orderSerials: ['production', 'work-orders', 'serials'] as const,
  lotSerials: ['production', 'trace', 'serials'] as const,
};

export const genealogyApi = {
  orderMaterials: (workOrderId: string, signal?: AbortSignal) =>
    api.get<TOrderMaterials>(`/production/work-orders/${workOrderId}/materials`, undefined, signal),
  issue: (workOrderId: string, body: TIssueMaterial) =>
    api.post<TMaterialMoveResult>(`/production/work-orders/${workOrderId}/material-issues`, body),
  return: (workOrderId: string, body: TReturnMaterial) =>
    api.post<TMaterialMoveResult>(`/production/work-orders/${workOrderId}/material-returns`, body),
  setBackflush: (workOrderId: string, lineNo: number, isBackflush: boolean) =>
    apiRequest<TOrderMaterialLine>(`/production/work-orders/${workOrderId}/materials/${lineNo}/backflush`, {
      method: 'PUT',
      body: { isBackflush },
    }),
  orderSerials: (workOrderId: string, signal?: AbortSignal) =>
    api.get<TOrderSerials>(`/production/work-orders/${workOrderId}/serials`, undefined, signal),
  trace: (target: TraceTarget, signal?: AbortSignal) =>
    api.get<TTrace>('/production/genealogy/trace', target, signal),
  lotSerials: (
    lotId: string,
    query: { page: number; pageSize: number; q?: string | undefined },
    signal?: AbortSignal,
  ) => api.get<TLotSerialPage>(`/production/genealogy/lots/${lotId}/serials`, query, signal),
  exportTrace: (target: TraceTarget) =>
    downloadFile('/production/genealogy/trace/export', target, `trace-${target.lotNumber ?? 'lot'}.xlsx`),
};

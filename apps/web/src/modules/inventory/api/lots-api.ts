import type {
  TAdjustLot,
  TImportResult,
  TLot,
  TLotCarbon,
  TLotDetail,
  TLotQuery,
  TPage,
  TReceiveLot,
  TUpdateLot,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile, uploadXlsx } from '../../../api/client.ts';
import { importErrorsFrom } from '../../energy/ledgers/lib/import-errors.ts';

export type LotFilters = Partial<TLotQuery>;

export const lotKeys = { all: ['inventory', 'lots'] as const };

export const lotsApi = {
  list: (query: LotFilters, signal?: AbortSignal) => api.get<TPage<TLot>>('/inventory/lots', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TLotDetail>(`/inventory/lots/${id}`, undefined, signal),
  carbon: (id: string, signal?: AbortSignal) =>
    api.get<TLotCarbon>(`/inventory/lots/${id}/carbon`, undefined, signal),
  receive: (body: TReceiveLot) => api.post<TLot>('/inventory/lots', body),
  update: (id: string, body: TUpdateLot) =>
    apiRequest<TLot>(`/inventory/lots/${id}`, { method: 'PATCH', body }),
  adjust: (id: string, body: TAdjustLot) => api.post<TLotDetail>(`/inventory/lots/${id}/adjust`, body),
  delete: (id: string) => api.delete(`/inventory/lots/${id}`),
  exportXlsx: (query: LotFilters) =>
    downloadFile('/inventory/lots/export', { ...query, page: undefined, pageSize: undefined }, 'lots.xlsx'),
  template: () => downloadFile('/inventory/lots/import-template', undefined, 'lots-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/inventory/lots/import', file, { dryRun })),
};

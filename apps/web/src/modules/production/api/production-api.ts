import type {
  DefinitionStatus,
  TBom,
  TBomQuery,
  TBomSummary,
  TExplosion,
  TImportResult,
  TPage,
  TRouting,
  TRoutingQuery,
  TRoutingSummary,
  TSaveBom,
  TSaveRouting,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile, uploadXlsx } from '../../../api/client.ts';
import { importErrorsFrom } from '../../energy/ledgers/lib/import-errors.ts';

export type BomFilters = Partial<TBomQuery>;
export type RoutingFilters = Partial<TRoutingQuery>;

export const bomsApi = {
  list: (query: BomFilters, signal?: AbortSignal) =>
    api.get<TPage<TBomSummary>>('/production/boms', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TBom>(`/production/boms/${id}`, undefined, signal),
  create: (body: TSaveBom) => api.post<TBom>('/production/boms', body),
  update: (id: string, body: TSaveBom) => apiRequest<TBom>(`/production/boms/${id}`, { method: 'PUT', body }),
  transition: (id: string, status: DefinitionStatus) =>
    api.post<TBom>(`/production/boms/${id}/transition`, { status }),
  copy: (id: string, version: string) => api.post<TBom>(`/production/boms/${id}/copy`, { version }),
  delete: (id: string) => api.delete(`/production/boms/${id}`),
  explode: (
    query: { productId?: string; bomId?: string; quantity: string; date?: string },
    signal?: AbortSignal,
  ) => api.get<TExplosion>('/production/explosion', query, signal),
  exportXlsx: (query: BomFilters) =>
    downloadFile('/production/boms/export', { ...query, page: undefined, pageSize: undefined }, 'boms.xlsx'),
  template: () => downloadFile('/production/boms/import-template', undefined, 'boms-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/production/boms/import', file, { dryRun })),
};

export const routingsApi = {
  list: (query: RoutingFilters, signal?: AbortSignal) =>
    api.get<TPage<TRoutingSummary>>('/production/routings', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TRouting>(`/production/routings/${id}`, undefined, signal),
  create: (body: TSaveRouting) => api.post<TRouting>('/production/routings', body),
  update: (id: string, body: TSaveRouting) =>
    apiRequest<TRouting>(`/production/routings/${id}`, { method: 'PUT', body }),
  transition: (id: string, status: DefinitionStatus) =>
    api.post<TRouting>(`/production/routings/${id}/transition`, { status }),
  copy: (id: string, version: string) => api.post<TRouting>(`/production/routings/${id}/copy`, { version }),
  delete: (id: string) => api.delete(`/production/routings/${id}`),
  exportXlsx: (query: RoutingFilters) =>
    downloadFile(
      '/production/routings/export',
      { ...query, page: undefined, pageSize: undefined },
      'routings.xlsx',
    ),
  template: () => downloadFile('/production/routings/import-template', undefined, 'routings-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/production/routings/import', file, { dryRun })),
};

import type {
  TCreateMaterial,
  TImportResult,
  TMaterial,
  TMaterialQuery,
  TPage,
  TUpdateMaterial,
} from '@greenmes/contracts';
import { api, downloadFile, uploadXlsx } from '../../../api/client.ts';

export type MaterialFilters = Partial<TMaterialQuery>;

export const materialsApi = {
  list: (query: MaterialFilters, signal?: AbortSignal) =>
    api.get<TPage<TMaterial>>('/materials', query, signal),
  create: (body: TCreateMaterial) => api.post<TMaterial>('/materials', body),
  update: (id: string, body: TUpdateMaterial) => api.patch<TMaterial>(`/materials/${id}`, body),
  delete: (id: string) => api.delete(`/materials/${id}`),
  exportXlsx: (query: MaterialFilters) =>
    downloadFile('/materials/export', { ...query, page: undefined, pageSize: undefined }, 'materials.xlsx'),
  template: () => downloadFile('/materials/import-template', undefined, 'materials-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    uploadXlsx<TImportResult>('/materials/import', file, { dryRun }),
};

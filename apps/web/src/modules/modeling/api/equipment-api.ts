import type {
  TCreateEquipment,
  TEquipment,
  TEquipmentQuery,
  TImportResult,
  TPage,
  TUpdateEquipment,
} from '@greenmes/contracts';
import { api, downloadFile, uploadXlsx } from '../../../api/client.ts';

export type EquipmentFilters = Partial<TEquipmentQuery>;

export const equipmentApi = {
  list: (query: EquipmentFilters, signal?: AbortSignal) =>
    api.get<TPage<TEquipment>>('/equipment', query, signal),
  get: (id: string) => api.get<TEquipment>(`/equipment/${id}`),
  create: (body: TCreateEquipment) => api.post<TEquipment>('/equipment', body),
  update: (id: string, body: TUpdateEquipment) => api.patch<TEquipment>(`/equipment/${id}`, body),
  delete: (id: string) => api.delete(`/equipment/${id}`),
  exportXlsx: (query: EquipmentFilters) =>
    downloadFile('/equipment/export', { ...query, page: undefined, pageSize: undefined }, 'equipment.xlsx'),
  template: () => downloadFile('/equipment/import-template', undefined, 'equipment-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    uploadXlsx<TImportResult>('/equipment/import', file, { dryRun }),
};

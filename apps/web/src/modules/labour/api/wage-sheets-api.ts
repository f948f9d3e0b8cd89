import type {
  TGenerateWageSheets,
  TGenerateWageSheetsResult,
  TWageSheetDetail,
  TWageSheetPage,
  TWageSheetQuery,
} from '@greenmes/contracts';
import { api, downloadFile } from '../../../api/client.ts';

export type WageSheetFilters = Partial<TWageSheetQuery>;

export const wageSheetsApi = {
  list: (query: WageSheetFilters, signal?: AbortSignal) =>
    api.get<TWageSheetPage>('/labour/wage-sheets', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TWageSheetDetail>(`/labour/wage-sheets/${id}`, undefined, signal),
  generate: (body: TGenerateWageSheets) =>
    api.post<TGenerateWageSheetsResult>('/labour/wage-sheets/generate', body),
  approve: (id: string) => api.post<TWageSheetDetail>(`/labour/wage-sheets/${id}/approve`),
  revert: (id: string, reason: string) =>
    api.post<TWageSheetDetail>(`/labour/wage-sheets/${id}/revert`, { reason }),
  delete: (id: string) => api.delete(`/labour/wage-sheets/${id}`),
  exportXlsx: (query: WageSheetFilters) =>
    downloadFile(
      '/labour/wage-sheets/export',
      { ...query, page: undefined, pageSize: undefined },
      'wage-sheets.xlsx',
    ),
};

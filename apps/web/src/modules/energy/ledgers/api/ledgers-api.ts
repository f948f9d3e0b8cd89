import type {
  TCreateSavingProject,
  TEconomicMonth,
  TEconomicsQuery,
  TEconomicsSummary,
  TImportResult,
  TPage,
  TPutEconomicMonth,
  TSavingProject,
  TSavingProjectQuery,
  TSavingProjectTotals,
  TUpdateSavingProject,
  SavingProjectStatus,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile, uploadXlsx } from '../../../../api/client.ts';
import { importErrorsFrom } from '../lib/import-errors.ts';

export type EconomicsFilters = Partial<TEconomicsQuery>;
export type SavingProjectFilters = Partial<TSavingProjectQuery>;
const withoutPaging = <T extends object>(q: T) => ({ ...q, page: undefined, pageSize: undefined });

export const economicsApi = {
  list: (query: EconomicsFilters, signal?: AbortSignal) =>
    api.get<TPage<TEconomicMonth>>('/energy/economics', query, signal),
  summary: (query: { from: string; to: string; siteIds?: string }, signal?: AbortSignal) =>
    api.get<TEconomicsSummary>('/energy/economics/summary', query, signal),
  put: (siteId: string, month: string, body: TPutEconomicMonth) =>
    apiRequest<TEconomicMonth>(`/energy/economics/${siteId}/${month}`, { method: 'PUT', body }),
  delete: (siteId: string, month: string) => api.delete(`/energy/economics/${siteId}/${month}`),
  exportXlsx: (query: EconomicsFilters) =>
    downloadFile('/energy/economics/export', withoutPaging(query), 'economics.xlsx'),
  template: () => downloadFile('/energy/economics/import-template', undefined, 'economics-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/energy/economics/import', file, { dryRun })),
};

export const savingProjectsApi = {
  list: (query: SavingProjectFilters, signal?: AbortSignal) =>
    api.get<TPage<TSavingProject>>('/energy/saving-projects', query, signal),
  totals: (query: SavingProjectFilters, signal?: AbortSignal) =>
    api.get<TSavingProjectTotals>('/energy/saving-projects/totals', withoutPaging(query), signal),
  create: (body: TCreateSavingProject) => api.post<TSavingProject>('/energy/saving-projects', body),
  update: (id: string, body: TUpdateSavingProject) =>
    api.patch<TSavingProject>(`/energy/saving-projects/${id}`, body),
  transition: (id: string, status: SavingProjectStatus) =>
    api.post<TSavingProject>(`/energy/saving-projects/${id}/transition`, { status }),
  delete: (id: string) => api.delete(`/energy/saving-projects/${id}`),
  exportXlsx: (query: SavingProjectFilters) =>
    downloadFile('/energy/saving-projects/export', withoutPaging(query), 'saving-projects.xlsx'),
  template: () =>
    downloadFile('/energy/saving-projects/import-template', undefined, 'saving-projects-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/energy/saving-projects/import', file, { dryRun })),
};

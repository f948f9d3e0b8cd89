import type {
  TGrade,
  TImportResult,
  TPage,
  TPieceRate,
  TPieceRateQuery,
  TRateResolution,
  TRequiredSkill,
  TSaveGrade,
  TSavePieceRate,
  TSaveSkill,
  TSaveTimeRate,
  TSaveWorker,
  TSkill,
  TTimeRate,
  TTimeRateQuery,
  TWorker,
  TWorkerQuery,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile, uploadXlsx } from '../../../api/client.ts';
import { importErrorsFrom } from '../../energy/ledgers/lib/import-errors.ts';

export type WorkerFilters = Partial<TWorkerQuery>;
export type PieceRateFilters = Partial<TPieceRateQuery>;
export type TimeRateFilters = Partial<TTimeRateQuery>;
const put = <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body });

export const workersApi = {
  list: (query: WorkerFilters, signal?: AbortSignal) =>
    api.get<TPage<TWorker>>('/labour/workers', query, signal),
  create: (body: TSaveWorker) => api.post<TWorker>('/labour/workers', body),
  update: (id: string, body: TSaveWorker) => put<TWorker>(`/labour/workers/${id}`, body),
  delete: (id: string) => api.delete(`/labour/workers/${id}`),
  setPin: (id: string, pin: string) => put<TWorker>(`/labour/workers/${id}/pin`, { pin }),
  clearPin: (id: string) => api.delete<TWorker>(`/labour/workers/${id}/pin`),
  exportXlsx: (query: WorkerFilters) =>
    downloadFile(
      '/labour/workers/export',
      { ...query, page: undefined, pageSize: undefined },
      'workers.xlsx',
    ),
  template: () => downloadFile('/labour/workers/import-template', undefined, 'workers-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/labour/workers/import', file, { dryRun })),
};

export const gradesApi = {
  list: (signal?: AbortSignal) => api.get<TGrade[]>('/labour/grades', undefined, signal),
  create: (body: TSaveGrade) => api.post<TGrade>('/labour/grades', body),
  update: (id: string, body: TSaveGrade) => put<TGrade>(`/labour/grades/${id}`, body),
  delete: (id: string) => api.delete(`/labour/grades/${id}`),
};

export const skillsApi = {
  list: (signal?: AbortSignal) => api.get<TSkill[]>('/labour/skills', undefined, signal),
  required: (signal?: AbortSignal) => api.get<TRequiredSkill[]>('/labour/skills/required', undefined, signal),
  create: (body: TSaveSkill) => api.post<TSkill>('/labour/skills', body),
  update: (id: string, body: TSaveSkill) => put<TSkill>(`/labour/skills/${id}`, body),
  delete: (id: string) => api.delete(`/labour/skills/${id}`),
};

export const ratesApi = {
  pieces: (query: PieceRateFilters, signal?: AbortSignal) =>
    api.get<TPage<TPieceRate>>('/labour/piece-rates', query, signal),
  createPiece: (body: TSavePieceRate) => api.post<TPieceRate>('/labour/piece-rates', body),
  updatePiece: (id: string, body: TSavePieceRate) => put<TPieceRate>(`/labour/piece-rates/${id}`, body),
  deletePiece: (id: string) => api.delete(`/labour/piece-rates/${id}`),
  exportPiecesXlsx: (query: PieceRateFilters) =>
    downloadFile(
      '/labour/piece-rates/export',
      { ...query, page: undefined, pageSize: undefined },
      'piece-rates.xlsx',
    ),
  piecesTemplate: () =>
    downloadFile('/labour/piece-rates/import-template', undefined, 'piece-rates-template.xlsx'),
  importPiecesXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/labour/piece-rates/import', file, { dryRun })),
  times: (query: TimeRateFilters, signal?: AbortSignal) =>
    api.get<TPage<TTimeRate>>('/labour/time-rates', query, signal),
  createTime: (body: TSaveTimeRate) => api.post<TTimeRate>('/labour/time-rates', body),
  updateTime: (id: string, body: TSaveTimeRate) => put<TTimeRate>(`/labour/time-rates/${id}`, body),
  deleteTime: (id: string) => api.delete(`/labour/time-rates/${id}`),
  exportTimesXlsx: (query: TimeRateFilters) =>
    downloadFile(
      '/labour/time-rates/export',
      { ...query, page: undefined, pageSize: undefined },
      'time-rates.xlsx',
    ),
  timesTemplate: () =>
    downloadFile('/labour/time-rates/import-template', undefined, 'time-rates-template.xlsx'),
  importTimesXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/labour/time-rates/import', file, { dryRun })),
  resolve: (
    query: { operationCode: string; productId?: string; gradeId?: string; date?: string },
    signal?: AbortSignal,
  ) => api.get<TRateResolution>('/labour/rates/resolve', query, signal),
};

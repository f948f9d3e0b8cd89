import type {
  EnergyMedium,
  TConsumptionResult,
  TCreateMeter,
  TCreateMeterRecord,
  TImportResult,
  TMeter,
  TMeterRecord,
  TPage,
  TUpdateMeter,
} from '@greenmes/contracts';
import { api, downloadFile, uploadXlsx } from '../../../../api/client.ts';
import { importErrorsFrom } from '../../ledgers/lib/import-errors.ts';

export interface MeterFilters {
  q?: string;
  medium?: EnergyMedium;
  level?: number;
  source?: TMeter['source'];
  nodeId?: string;
  page?: number;
  pageSize?: number;
}

export interface RecordFilters {
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface ConsumptionQuery {
  from: string;
  to: string;
  granularity: TConsumptionResult['granularity'];
  /** granularity shift: the site whose calendar gives the shifts */
  siteId?: string;
  /** comma-separated; absent = every enabled meter */
  meterIds?: string;
  medium?: EnergyMedium;
}

export interface TCompletenessRow {
  meterId: string;
  code: string;
  name: string;
  medium: EnergyMedium;
  unit: TMeter['unit'];
  level: number;
  total: number | null;
  childCount: number;
  childrenTotal: number | null;
  unexplained: number | null;
  coverage: number | null;
}

export const meteringApi = {
  list: (query: MeterFilters, signal?: AbortSignal) =>
    api.get<TPage<TMeter>>('/energy/meters', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TMeter>(`/energy/meters/${id}`, undefined, signal),
  create: (body: TCreateMeter) => api.post<TMeter>('/energy/meters', body),
  update: (id: string, body: TUpdateMeter) => api.patch<TMeter>(`/energy/meters/${id}`, body),
  remove: (id: string) => api.delete(`/energy/meters/${id}`),
  records: (id: string, query: RecordFilters, signal?: AbortSignal) =>
    api.get<TPage<TMeterRecord>>(`/energy/meters/${id}/records`, { ...query }, signal),
  createRecord: (id: string, body: TCreateMeterRecord) =>
    api.post<TMeterRecord>(`/energy/meters/${id}/records`, body),
  removeRecord: (id: string, recordId: string) => api.delete(`/energy/meters/${id}/records/${recordId}`),
  consumption: (query: ConsumptionQuery, signal?: AbortSignal) =>
    api.get<TConsumptionResult>('/energy/consumption', { ...query }, signal),
  completeness: (query: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<TCompletenessRow[]>('/energy/metering/completeness', query, signal),
  exportXlsx: (query: MeterFilters) =>
    downloadFile('/energy/meters/export', { ...query, page: undefined, pageSize: undefined }, 'meters.xlsx'),
  template: () => downloadFile('/energy/meters/import-template', undefined, 'meters-template.xlsx'),
  importXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/energy/meters/import', file, { dryRun })),
  /** readings and consumption records: one workbook, any manual meters */
  exportRecordsXlsx: (query: { meterId?: string; from?: string; to?: string }) =>
    downloadFile('/energy/meter-records/export', query, 'meter-records.xlsx'),
  recordsTemplate: () =>
    downloadFile('/energy/meter-records/import-template', undefined, 'meter-records-template.xlsx'),
  importRecordsXlsx: (file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>('/energy/meter-records/import', file, { dryRun })),
};

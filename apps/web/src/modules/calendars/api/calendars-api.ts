import type {
  TImportResult,
  TPage,
  TShiftCalendar,
  TShiftCalendarInput,
  TShiftCalendarQuery,
  TShiftInstancesResult,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile, uploadXlsx } from '../../../api/client.ts';
import { importErrorsFrom } from '../../energy/ledgers/lib/import-errors.ts';

export type CalendarFilters = Partial<TShiftCalendarQuery>;

export const calendarsApi = {
  list: (query: CalendarFilters, signal?: AbortSignal) =>
    api.get<TPage<TShiftCalendar>>('/shift-calendars', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TShiftCalendar>(`/shift-calendars/${id}`, undefined, signal),
  create: (body: TShiftCalendarInput) => api.post<TShiftCalendar>('/shift-calendars', body),
  update: (id: string, body: TShiftCalendarInput) =>
    apiRequest<TShiftCalendar>(`/shift-calendars/${id}`, { method: 'PUT', body }),
  delete: (id: string) => api.delete(`/shift-calendars/${id}`),
  instances: (query: { siteId: string; from: string; to: string }, signal?: AbortSignal) =>
    api.get<TShiftInstancesResult>('/shift-instances', query, signal),
  exportDays: (id: string, year?: number) =>
    downloadFile(`/shift-calendars/${id}/days/export`, { year }, 'holidays.xlsx'),
  template: () => downloadFile('/shift-calendars/days/import-template', undefined, 'holidays-template.xlsx'),
  importDays: (id: string, file: Blob, dryRun: boolean) =>
    importErrorsFrom(uploadXlsx<TImportResult>(`/shift-calendars/${id}/days/import`, file, { dryRun })),
};

/** The calendar as the PUT body: what the server returned, less what it computed. */
export function toInput(c: TShiftCalendar): TShiftCalendarInput {
  return {
    siteId: c.siteId,
    code: c.code,
    name: c.name,
    validFrom: c.validFrom,
    validTo: c.validTo,
    description: c.description,
    shifts: c.shifts.map(({ id: _id, netMinutes: _n, ...s }) => s),
    days: c.days,
  };
}

import type { TEnergyTable1, TEnergyTable2, TEnergyTable3 } from '@greenmes/contracts';
import { api, downloadFile } from '../../../../api/client.ts';

/** `year` absent: the server picks its default (Table 1 the year before the reporting year). */
export interface Table1Query {
  year?: number;
  years: number;
}
export interface Table2Query {
  year?: number;
}
export interface Table3Query {
  year?: number;
}

export const tablesApi = {
  table1: (query: Table1Query, signal?: AbortSignal) =>
    api.get<TEnergyTable1>('/energy/tables/1', { ...query }, signal),
  exportTable1: (query: Table1Query) =>
    downloadFile('/energy/tables/1/export', { ...query }, 'energy-table-1.xlsx'),
  table2: (query: Table2Query, signal?: AbortSignal) =>
    api.get<TEnergyTable2>('/energy/tables/2', { ...query }, signal),
  exportTable2: (query: Table2Query) =>
    downloadFile('/energy/tables/2/export', { ...query }, 'energy-table-2.xlsx'),
  table3: (query: Table3Query, signal?: AbortSignal) =>
    api.get<TEnergyTable3>('/energy/tables/3', { ...query }, signal),
  exportTable3: (query: Table3Query) =>
    downloadFile('/energy/tables/3/export', { ...query }, 'energy-table-3.xlsx'),
};

import type { TEnergyFlow, TEnergyOverview, TGhgInventory, TReportPeriodQuery } from '@greenmes/contracts';
import { api, downloadFile } from '../../../../api/client.ts';

export type ReportQuery = Required<Omit<TReportPeriodQuery, 'siteId'>> & Pick<TReportPeriodQuery, 'siteId'>;

export const reportsApi = {
  overview: (query: ReportQuery, signal?: AbortSignal) =>
    api.get<TEnergyOverview>('/energy/overview', query, signal),
  inventory: (query: ReportQuery, signal?: AbortSignal) =>
    api.get<TGhgInventory>('/carbon/inventory', query, signal),
  exportInventory: (query: ReportQuery) =>
    downloadFile('/carbon/inventory/export', query, 'ghg-inventory.xlsx'),
  flow: (query: { from: string; to: string; siteId?: string }, signal?: AbortSignal) =>
    api.get<TEnergyFlow>('/energy/flow', query, signal),
};

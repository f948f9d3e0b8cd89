import type {
  TPage,
  TTariffCostRequest,
  TTariffCostResult,
  TTariffPlan,
  TTariffPlanInput,
  TTariffPlanQuery,
} from '@greenmes/contracts';
import { api, apiRequest, downloadFile } from '../../../../api/client.ts';

export type TariffFilters = Partial<TTariffPlanQuery>;

export const tariffsApi = {
  list: (query: TariffFilters, signal?: AbortSignal) =>
    api.get<TPage<TTariffPlan>>('/energy/tariffs', query, signal),
  create: (body: TTariffPlanInput) => api.post<TTariffPlan>('/energy/tariffs', body),
  update: (id: string, body: TTariffPlanInput) =>
    apiRequest<TTariffPlan>(`/energy/tariffs/${id}`, { method: 'PUT', body }),
  delete: (id: string) => api.delete(`/energy/tariffs/${id}`),
  exportXlsx: (query: TariffFilters) =>
    downloadFile(
      '/energy/tariffs/export',
      { ...query, page: undefined, pageSize: undefined },
      'tariffs.xlsx',
    ),
  calculate: (body: TTariffCostRequest) => api.post<TTariffCostResult>('/energy/cost/calculate', body),
};

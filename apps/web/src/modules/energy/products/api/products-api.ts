import type { TProductEnergy, TProductReport, TPutProductEnergy } from '@greenmes/contracts';
import { api, apiRequest } from '../../../../api/client.ts';

/** [from, to) as ISO instants; the server snaps them to whole months of the enterprise's time zone. */
export interface ProductReportQuery {
  from: string;
  to: string;
}

export const productsApi = {
  list: (signal?: AbortSignal) => api.get<TProductEnergy[]>('/energy/products', undefined, signal),
  put: (materialId: string, body: TPutProductEnergy) =>
    apiRequest<TProductEnergy>(`/energy/products/${materialId}`, { method: 'PUT', body }),
  delete: (materialId: string) => api.delete<{ ok: true }>(`/energy/products/${materialId}`),
  report: (query: ProductReportQuery, signal?: AbortSignal) =>
    api.get<TProductReport>('/energy/products/report', { ...query }, signal),
};

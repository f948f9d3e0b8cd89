import type { TCarbonActivity, TCarbonSource, TCreateCarbonSource } from '@greenmes/contracts';
import { api, apiRequest } from '../../../../api/client.ts';

/** Months as YYYY-MM, both ends included. */
export interface ActivityQuery {
  from: string;
  to: string;
}

export const carbonSourcesApi = {
  list: (signal?: AbortSignal) => api.get<TCarbonSource[]>('/carbon/sources', undefined, signal),
  create: (body: TCreateCarbonSource) => api.post<TCarbonSource>('/carbon/sources', body),
  remove: (id: string) => api.delete(`/carbon/sources/${id}`),
  activity: (query: ActivityQuery, signal?: AbortSignal) =>
    api.get<TCarbonActivity[]>('/carbon/activity', { ...query }, signal),
  putActivity: (options: { sourceId: string; month: string; quantity: number; note?: string | null }) =>
    apiRequest<TCarbonActivity>(`/carbon/sources/${options.sourceId}/activity/${options.month}`, {
      method: 'PUT',
      body: { quantity: options.quantity, note: options.note ?? null },
    }),
};

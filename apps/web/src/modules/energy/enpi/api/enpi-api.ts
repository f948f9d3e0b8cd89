import type { TCreateEnpi, TEnpi, TEnpiEvaluation } from '@greenmes/contracts';
import { api } from '../../../../api/client.ts';

export interface EnpiEvaluationQuery {
  /** YYYY-MM */
  from: string;
  /** YYYY-MM */
  to: string;
}

export const enpiApi = {
  list: (signal?: AbortSignal) => api.get<TEnpi[]>('/energy/enpis', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TEnpi>(`/energy/enpis/${id}`, undefined, signal),
  create: (body: TCreateEnpi) => api.post<TEnpi>('/energy/enpis', body),
  update: (id: string, body: TCreateEnpi) => api.patch<TEnpi>(`/energy/enpis/${id}`, body),
  remove: (id: string) => api.delete(`/energy/enpis/${id}`),
  evaluation: (id: string, query: EnpiEvaluationQuery, signal?: AbortSignal) =>
    api.get<TEnpiEvaluation>(`/energy/enpis/${id}/evaluation`, { ...query }, signal),
};

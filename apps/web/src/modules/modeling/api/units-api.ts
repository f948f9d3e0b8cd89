import type { TCreateUnit, TUnit } from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export type TUpdateUnit = Partial<Pick<TCreateUnit, 'name' | 'baseFactor' | 'isBase'>>;
export interface TConvertResult {
  from: string;
  to: string;
  value: string;
  result: string;
}

export const unitsApi = {
  list: (signal?: AbortSignal) => api.get<TUnit[]>('/units', undefined, signal),
  create: (body: TCreateUnit) => api.post<TUnit>('/units', body),
  update: (id: string, body: TUpdateUnit) => api.patch<TUnit>(`/units/${id}`, body),
  delete: (id: string) => api.delete(`/units/${id}`),
  convert: (query: { from: string; to: string; value: string }) =>
    api.get<TConvertResult>('/units/convert', query),
};

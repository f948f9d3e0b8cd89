import type {
  TCreateDeviceProfile,
  TDeviceProfile,
  TMetricDefinition,
  TPage,
  TPageQuery,
  TProfileMetric,
  TUpdateDeviceProfile,
  TUpdateMetricDefinition,
} from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export type ProfileFilters = Partial<TPageQuery>;

export const profilesApi = {
  list: (query: ProfileFilters, signal?: AbortSignal) =>
    api.get<TPage<TDeviceProfile>>('/device-profiles', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TDeviceProfile>(`/device-profiles/${id}`, undefined, signal),
  create: (body: TCreateDeviceProfile) => api.post<TDeviceProfile>('/device-profiles', body),
  update: (id: string, body: TUpdateDeviceProfile) =>
    api.patch<TDeviceProfile>(`/device-profiles/${id}`, body),
  delete: (id: string) => api.delete(`/device-profiles/${id}`),
  createMetric: (id: string, body: TMetricDefinition) =>
    api.post<TProfileMetric>(`/device-profiles/${id}/metrics`, body),
  updateMetric: (id: string, metricId: string, body: TUpdateMetricDefinition) =>
    api.patch<TProfileMetric>(`/device-profiles/${id}/metrics/${metricId}`, body),
  deleteMetric: (id: string, metricId: string) => api.delete(`/device-profiles/${id}/metrics/${metricId}`),
};

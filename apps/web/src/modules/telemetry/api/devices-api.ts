import type {
  TCreateCredential,
  TCreatedCredential,
  TCreateDevice,
  TCredential,
  TDevice,
  TDeviceQuery,
  TEquipmentState,
  TLatestValue,
  TMetric,
  TMetricDefinition,
  TPage,
  TUpdateDevice,
  TUpdateMetricDefinition,
} from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export type DeviceFilters = Partial<TDeviceQuery>;

export const devicesApi = {
  list: (query: DeviceFilters, signal?: AbortSignal) => api.get<TPage<TDevice>>('/devices', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TDevice>(`/devices/${id}`, undefined, signal),
  create: (body: TCreateDevice) => api.post<TDevice>('/devices', body),
  update: (id: string, body: TUpdateDevice) => api.patch<TDevice>(`/devices/${id}`, body),
  delete: (id: string) => api.delete(`/devices/${id}`),
  metrics: (id: string, signal?: AbortSignal) =>
    api.get<TMetric[]>(`/devices/${id}/metrics`, undefined, signal),
  createMetric: (id: string, body: TMetricDefinition) => api.post<TMetric>(`/devices/${id}/metrics`, body),
  updateMetric: (id: string, metricId: number, body: TUpdateMetricDefinition) =>
    api.patch<TMetric>(`/devices/${id}/metrics/${metricId}`, body),
  deleteMetric: (id: string, metricId: number) => api.delete(`/devices/${id}/metrics/${metricId}`),
  latest: (id: string, signal?: AbortSignal) =>
    api.get<TLatestValue[]>(`/devices/${id}/latest`, undefined, signal),
  equipmentLatest: (equipmentId: string, signal?: AbortSignal) =>
    api.get<TLatestValue[]>(`/equipment/${equipmentId}/latest`, undefined, signal),
  equipmentStates: (equipmentIds: string[], signal?: AbortSignal) =>
    api.get<TEquipmentState[]>(
      '/telemetry/equipment-states',
      { equipmentIds: equipmentIds.join(',') },
      signal,
    ),
  credentials: (id: string, signal?: AbortSignal) =>
    api.get<TCredential[]>(`/devices/${id}/credentials`, undefined, signal),
  createCredential: (id: string, body: TCreateCredential) =>
    api.post<TCreatedCredential>(`/devices/${id}/credentials`, body),
  revokeCredential: (id: string, credentialId: string) =>
    api.delete(`/devices/${id}/credentials/${credentialId}`),
};

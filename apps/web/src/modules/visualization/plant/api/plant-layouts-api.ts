import type {
  TCreatePlantLayout,
  TPage,
  TPlantLayout,
  TPlantLayoutDetail,
  TPlantLayoutQuery,
  TPlantModel,
  TSavePlantLayoutMarkers,
  TUpdatePlantLayout,
} from '@greenmes/contracts';
import { api, apiBlob, apiRequest } from '../../../../api/client.ts';

export const plantLayoutsApi = {
  list: (query: Partial<TPlantLayoutQuery>, signal?: AbortSignal) =>
    api.get<TPage<TPlantLayout>>('/visualization/layouts', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TPlantLayoutDetail>(`/visualization/layouts/${id}`, undefined, signal),
  create: (body: TCreatePlantLayout) => api.post<TPlantLayoutDetail>('/visualization/layouts', body),
  update: (id: string, body: TUpdatePlantLayout) =>
    api.patch<TPlantLayoutDetail>(`/visualization/layouts/${id}`, body),
  delete: (id: string) => api.delete(`/visualization/layouts/${id}`),
  /** as bytes, whatever the file says it is: the server reads the type from them (and names a wrong one) */
  uploadBackground: (id: string, version: number, file: Blob) =>
    apiRequest<TPlantLayoutDetail>(`/visualization/layouts/${id}/background`, {
      method: 'PUT',
      rawBody: new Blob([file], { type: 'application/octet-stream' }),
      query: { version },
    }),
  saveMarkers: (id: string, body: TSavePlantLayoutMarkers) =>
    apiRequest<TPlantLayoutDetail>(`/visualization/layouts/${id}/markers`, { method: 'PUT', body }),
  /**
   * The plan's image through the client, not an <image href>: a TV link's bearer goes along (a plain
   * image request carries only the session cookie); the version busts the cache after an upload.
   */
  background: (layout: { id: string; version: number }, signal?: AbortSignal) =>
    apiBlob(`/visualization/layouts/${layout.id}/background`, { query: { v: layout.version }, signal }),
  model: (signal?: AbortSignal) => api.get<TPlantModel>('/visualization/plant-model', undefined, signal),
};

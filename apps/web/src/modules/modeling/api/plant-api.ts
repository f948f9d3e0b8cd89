import type {
  TCreatePlantNode,
  TMovePlantNode,
  TPlantNode,
  TPlantTree,
  TUpdatePlantNode,
} from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export const plantApi = {
  tree: (signal?: AbortSignal) => api.get<TPlantTree>('/plant/tree', undefined, signal),
  createNode: (body: TCreatePlantNode) => api.post<TPlantNode>('/plant/nodes', body),
  getNode: (id: string) => api.get<TPlantNode>(`/plant/nodes/${id}`),
  updateNode: (id: string, body: TUpdatePlantNode) => api.patch<TPlantNode>(`/plant/nodes/${id}`, body),
  deleteNode: (id: string) => api.delete(`/plant/nodes/${id}`),
  moveNode: (id: string, body: TMovePlantNode) => api.post<TPlantNode>(`/plant/nodes/${id}/move`, body),
};

import type {
  TCreateCredential,
  TCreatedCredential,
  TCreateGateway,
  TCredential,
  TGateway,
  TGatewayConfigVersion,
  TGatewayQuery,
  TGatewayStatusReport,
  TPage,
  TSaveGatewayConfig,
  TUpdateGateway,
} from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export type GatewayFilters = Partial<TGatewayQuery>;

export const gatewaysApi = {
  list: (query: GatewayFilters, signal?: AbortSignal) => api.get<TPage<TGateway>>('/gateways', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TGateway>(`/gateways/${id}`, undefined, signal),
  create: (body: TCreateGateway) => api.post<TGateway>('/gateways', body),
  update: (id: string, body: TUpdateGateway) => api.patch<TGateway>(`/gateways/${id}`, body),
  delete: (id: string) => api.delete(`/gateways/${id}`),
  credentials: (id: string, signal?: AbortSignal) =>
    api.get<TCredential[]>(`/gateways/${id}/credentials`, undefined, signal),
  createCredential: (id: string, body: TCreateCredential) =>
    api.post<TCreatedCredential>(`/gateways/${id}/credentials`, body),
  revokeCredential: (id: string, credentialId: string) =>
    api.delete(`/gateways/${id}/credentials/${credentialId}`),
  status: (id: string, signal?: AbortSignal) =>
    api.get<TGatewayStatusReport>(`/gateways/${id}/status`, undefined, signal),
  configVersions: (id: string, signal?: AbortSignal) =>
    api.get<TGatewayConfigVersion[]>(`/gateways/${id}/config`, undefined, signal),
  saveConfig: (id: string, body: TSaveGatewayConfig) =>
    api.post<TGatewayConfigVersion>(`/gateways/${id}/config`, body),
};

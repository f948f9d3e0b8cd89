import type {
  TConfirmCounterProposal,
  TCounterConfigRow,
  TCounterConfirmation,
  TCounterProposal,
  TCreateTransfer,
  TSaveCounterConfig,
  TTransfer,
  TTransferBalance,
  TWipBoard,
  TWipQuery,
} from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

const operation = (workOrderId: string, operationId: string) =>
  `/production/work-orders/${workOrderId}/operations/${operationId}`;

export const wipApi = {
  board: (query: TWipQuery, signal?: AbortSignal) => api.get<TWipBoard>('/production/wip', query, signal),
  transfers: (workOrderId: string, operationId: string, signal?: AbortSignal) =>
    api.get<TTransferBalance>(`${operation(workOrderId, operationId)}/transfers`, undefined, signal),
  transfer: (workOrderId: string, operationId: string, body: TCreateTransfer) =>
    api.post<TTransfer>(`${operation(workOrderId, operationId)}/transfers`, body),
  proposal: (workOrderId: string, operationId: string, signal?: AbortSignal) =>
    api.get<TCounterProposal>(`${operation(workOrderId, operationId)}/counter-proposal`, undefined, signal),
  confirm: (workOrderId: string, operationId: string, body: TConfirmCounterProposal) =>
    api.post<TCounterConfirmation>(`${operation(workOrderId, operationId)}/counter-proposal/confirm`, body),
  configs: (signal?: AbortSignal) =>
    api.get<TCounterConfigRow[]>('/production/counter-configs', undefined, signal),
  saveConfig: (equipmentId: string, body: TSaveCounterConfig) =>
    apiRequest<TCounterConfigRow>(`/production/counter-configs/${equipmentId}`, { method: 'PUT', body }),
  deleteConfig: (equipmentId: string) => api.delete(`/production/counter-configs/${equipmentId}`),
};

export const wipKeys = {
  board: ['production', 'wip'] as const,
  transfers: ['production', 'transfers'] as const,
  proposal: ['production', 'counter-proposal'] as const,
  configs: ['production', 'counter-configs'] as const,
};

import type {
  TAcknowledgeAndonException,
  TAndonEscalationRule,
  TAndonException,
  TAndonExceptionDetail,
  TAndonExceptionQuery,
  TAndonNotifyTargets,
  TPage,
  TRaiseAndonException,
  TRaisedAndonException,
  TResolveAndonException,
  TSaveAndonEscalationRule,
} from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

export type AndonFilters = Partial<TAndonExceptionQuery>;

export const andonApi = {
  raise: (body: TRaiseAndonException) =>
    api.post<TRaisedAndonException>('/production/andon/exceptions', body),
  list: (query: AndonFilters, signal?: AbortSignal) =>
    api.get<TPage<TAndonException>>('/production/andon/exceptions', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<TAndonExceptionDetail>(`/production/andon/exceptions/${id}`, undefined, signal),
  acknowledge: (id: string, body: TAcknowledgeAndonException) =>
    api.post<TAndonException>(`/production/andon/exceptions/${id}/acknowledge`, body),
  resolve: (id: string, body: TResolveAndonException) =>
    api.post<TAndonException>(`/production/andon/exceptions/${id}/resolve`, body),
  rules: (signal?: AbortSignal) =>
    api.get<TAndonEscalationRule[]>('/production/andon/escalation-rules', undefined, signal),
  createRule: (body: TSaveAndonEscalationRule) =>
    api.post<TAndonEscalationRule>('/production/andon/escalation-rules', body),
  updateRule: (id: string, body: TSaveAndonEscalationRule) =>
    apiRequest<TAndonEscalationRule>(`/production/andon/escalation-rules/${id}`, { method: 'PUT', body }),
  deleteRule: (id: string) => api.delete(`/production/andon/escalation-rules/${id}`),
  notifyTargets: (signal?: AbortSignal) =>
    api.get<TAndonNotifyTargets>('/production/andon/notify-targets', undefined, signal),
};

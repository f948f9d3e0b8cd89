import type {
  TAcknowledgeAlarm,
  TAlarm,
  TAlarmDetail,
  TAlarmQuery,
  TAlarmRule,
  TAlarmRuleQuery,
  TAlarmSummary,
  TCreateAlarmRule,
  TCreatedWebhook,
  TCreateWebhook,
  TPage,
  TShelveAlarm,
  TUnshelveAlarm,
  TUpdateAlarmRule,
  TUpdateWebhook,
  TWebhook,
  TWebhookDelivery,
  TWebhookDeliveryQuery,
  TWebhookQuery,
} from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export type AlarmFilters = Partial<TAlarmQuery>;
export type AlarmRuleFilters = Partial<TAlarmRuleQuery>;
export type WebhookFilters = Partial<TWebhookQuery>;
export type DeliveryFilters = Partial<TWebhookDeliveryQuery>;

export const alarmsApi = {
  list: (query: AlarmFilters, signal?: AbortSignal) => api.get<TPage<TAlarm>>('/alarms', query, signal),
  summary: (signal?: AbortSignal) => api.get<TAlarmSummary>('/alarms/summary', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TAlarmDetail>(`/alarms/${id}`, undefined, signal),
  acknowledge: (id: string, body: TAcknowledgeAlarm) => api.post<TAlarm>(`/alarms/${id}/acknowledge`, body),
  shelve: (id: string, body: TShelveAlarm) => api.post<TAlarm>(`/alarms/${id}/shelve`, body),
  unshelve: (id: string, body: TUnshelveAlarm) => api.post<TAlarm>(`/alarms/${id}/unshelve`, body),
};

export const alarmRulesApi = {
  list: (query: AlarmRuleFilters, signal?: AbortSignal) =>
    api.get<TPage<TAlarmRule>>('/alarm-rules', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TAlarmRule>(`/alarm-rules/${id}`, undefined, signal),
  create: (body: TCreateAlarmRule) => api.post<TAlarmRule>('/alarm-rules', body),
  update: (id: string, body: TUpdateAlarmRule) => api.patch<TAlarmRule>(`/alarm-rules/${id}`, body),
  delete: (id: string) => api.delete(`/alarm-rules/${id}`),
};

export const webhooksApi = {
  list: (query: WebhookFilters, signal?: AbortSignal) => api.get<TPage<TWebhook>>('/webhooks', query, signal),
  create: (body: TCreateWebhook) => api.post<TCreatedWebhook>('/webhooks', body),
  update: (id: string, body: TUpdateWebhook) => api.patch<TWebhook>(`/webhooks/${id}`, body),
  delete: (id: string) => api.delete(`/webhooks/${id}`),
  deliveries: (id: string, query: DeliveryFilters, signal?: AbortSignal) =>
    api.get<TPage<TWebhookDelivery>>(`/webhooks/${id}/deliveries`, query, signal),
  test: (id: string) => api.post<TWebhookDelivery>(`/webhooks/${id}/test`, {}),
};

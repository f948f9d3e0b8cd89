import type {
  TCreatedTvLink,
  TCreateTvLink,
  TDashboard,
  TDashboardFile,
  TDashboardSummary,
  TPage,
  TPageQuery,
  TSaveDashboard,
  TTvLink,
  TWidgetData,
  TWidgetInput,
} from '@greenmes/contracts';
import { api, apiRequest } from '../../../../api/client.ts';

export const dashboardsApi = {
  list: (query: Partial<TPageQuery>, signal?: AbortSignal) =>
    api.get<TPage<TDashboardSummary>>('/dashboards', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<TDashboard>(`/dashboards/${id}`, undefined, signal),
  create: (body: TSaveDashboard) => api.post<TDashboard>('/dashboards', body),
  update: (id: string, body: TSaveDashboard) =>
    apiRequest<TDashboard>(`/dashboards/${id}`, { method: 'PUT', body }),
  delete: (id: string) => api.delete(`/dashboards/${id}`),
  exportFile: (id: string) => api.get<TDashboardFile>(`/dashboards/${id}/export`),
  importFile: (file: unknown) => api.post<TDashboard>('/dashboards/import', file),
  widgetData: (id: string, widgetId: string, signal?: AbortSignal) =>
    api.get<TWidgetData>(`/dashboards/${id}/widgets/${encodeURIComponent(widgetId)}/data`, undefined, signal),
  previewWidget: (widget: TWidgetInput) => api.post<TWidgetData>('/dashboards/widget-preview', { widget }),
  tvDashboard: (signal?: AbortSignal) => api.get<TDashboard>('/tv/dashboard', undefined, signal),
  tvLinks: (id: string, signal?: AbortSignal) =>
    api.get<TTvLink[]>(`/dashboards/${id}/tv-links`, undefined, signal),
  createTvLink: (id: string, body: TCreateTvLink) =>
    api.post<TCreatedTvLink>(`/dashboards/${id}/tv-links`, body),
  revokeTvLink: (id: string, linkId: string) =>
    api.post<TTvLink>(`/dashboards/${id}/tv-links/${linkId}/revoke`),
};

import type { TCreateTenant, TTenant } from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

export interface TOperatorMe {
  operator: { id: string; username: string };
}

/** The operator console has its own session cookie (greenmes_operator) and its own login. */
export const adminApi = {
  login: (body: { username: string; password: string }) =>
    apiRequest<unknown>('/admin/auth/login', { method: 'POST', body, isAuthAttempt: true }),
  logout: () => apiRequest<unknown>('/admin/auth/logout', { method: 'POST', body: {}, isAuthAttempt: true }),
  me: (signal?: AbortSignal) => api.get<TOperatorMe>('/admin/auth/me', undefined, signal),
  tenants: (signal?: AbortSignal) => api.get<TTenant[]>('/admin/tenants', undefined, signal),
  createTenant: (body: TCreateTenant) => api.post<TTenant>('/admin/tenants', body),
  setTenantStatus: (id: string, status: TTenant['status']) =>
    api.patch<TTenant>(`/admin/tenants/${id}/status`, { status }),
};

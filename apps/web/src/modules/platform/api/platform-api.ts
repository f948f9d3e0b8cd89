import type {
  TAuditEntry,
  TAuditQuery,
  TCreateOrgUnit,
  TCreateRole,
  TCreateUser,
  TOrgUnit,
  TPage,
  TRole,
  TSettings,
  TUpdateOrgUnit,
  TUpdateRole,
  TUpdateUser,
  TUser,
} from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

export interface UserFilters {
  page?: number;
  pageSize?: number;
  q?: string;
  orgUnitId?: string;
  roleId?: string;
  isActive?: 'true' | 'false';
}
export type AuditFilters = Partial<TAuditQuery>;

export const usersApi = {
  list: (query: UserFilters, signal?: AbortSignal) => api.get<TPage<TUser>>('/users', { ...query }, signal),
  create: (body: TCreateUser) => api.post<TUser>('/users', body),
  update: (id: string, body: TUpdateUser) => api.patch<TUser>(`/users/${id}`, body),
  resetPassword: (id: string, newPassword: string) =>
    api.post<unknown>(`/users/${id}/password`, { newPassword }),
  unlock: (id: string) => api.post<unknown>(`/users/${id}/unlock`),
};

export const rolesApi = {
  list: (signal?: AbortSignal) => api.get<TRole[]>('/roles', undefined, signal),
  create: (body: TCreateRole) => api.post<TRole>('/roles', body),
  update: (id: string, body: TUpdateRole) => api.patch<TRole>(`/roles/${id}`, body),
  delete: (id: string) => api.delete(`/roles/${id}`),
  permissions: (signal?: AbortSignal) => api.get<string[]>('/permissions', undefined, signal),
};

export const orgUnitsApi = {
  list: (signal?: AbortSignal) => api.get<TOrgUnit[]>('/org-units', undefined, signal),
  create: (body: TCreateOrgUnit) => api.post<TOrgUnit>('/org-units', body),
  update: (id: string, body: TUpdateOrgUnit) => api.patch<TOrgUnit>(`/org-units/${id}`, body),
  delete: (id: string) => api.delete(`/org-units/${id}`),
};

export const auditApi = {
  list: (query: AuditFilters, signal?: AbortSignal) =>
    api.get<TPage<TAuditEntry>>('/audit', { ...query }, signal),
};

export const settingsApi = {
  get: (signal?: AbortSignal) => api.get<TSettings>('/settings', undefined, signal),
  update: (body: Partial<TSettings>) => api.patch<TSettings>('/settings', body),
};

import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  auditApi,
  orgUnitsApi,
  rolesApi,
  settingsApi,
  usersApi,
  type AuditFilters,
  type UserFilters,
} from '../api/platform-api.ts';
import { authApi } from '../api/auth-api.ts';

export const platformKeys = {
  all: ['platform'] as const,
  users: (filters: UserFilters) => ['platform', 'users', filters] as const,
  roles: ['platform', 'roles'] as const,
  permissions: ['platform', 'permissions'] as const,
  orgUnits: ['platform', 'org-units'] as const,
  audit: (filters: AuditFilters) => ['platform', 'audit', filters] as const,
  settings: ['platform', 'settings'] as const,
  tokens: ['platform', 'tokens'] as const,
};

export const useUsers = (filters: UserFilters) =>
  useQuery({
    queryKey: platformKeys.users(filters),
    queryFn: ({ signal }) => usersApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useRoles = (options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: platformKeys.roles,
    queryFn: ({ signal }) => rolesApi.list(signal),
    enabled: options.enabled ?? true,
  });

export const usePermissionCatalogue = () =>
  useQuery({
    queryKey: platformKeys.permissions,
    queryFn: ({ signal }) => rolesApi.permissions(signal),
    staleTime: Infinity,
  });

export const useOrgUnits = (options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: platformKeys.orgUnits,
    queryFn: ({ signal }) => orgUnitsApi.list(signal),
    enabled: options.enabled ?? true,
  });

export const useAudit = (filters: AuditFilters) =>
  useQuery({
    queryKey: platformKeys.audit(filters),
    queryFn: ({ signal }) => auditApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useSettings = () =>
  useQuery({ queryKey: platformKeys.settings, queryFn: ({ signal }) => settingsApi.get(signal) });

export const useApiTokens = () =>
  useQuery({ queryKey: platformKeys.tokens, queryFn: () => authApi.listTokens() });

export function useInvalidatePlatform() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: platformKeys.all }), [queryClient]);
}

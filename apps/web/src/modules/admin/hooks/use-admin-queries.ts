import { useQuery } from '@tanstack/react-query';
import { adminApi } from '../api/admin-api.ts';

export const adminKeys = {
  all: ['admin'] as const,
  me: ['admin', 'me'] as const,
  tenants: ['admin', 'tenants'] as const,
};

export const useOperatorMe = () =>
  useQuery({
    queryKey: adminKeys.me,
    queryFn: ({ signal }) => adminApi.me(signal),
    retry: false,
    staleTime: 5 * 60_000,
  });

export const useTenants = () =>
  useQuery({ queryKey: adminKeys.tenants, queryFn: ({ signal }) => adminApi.tenants(signal) });

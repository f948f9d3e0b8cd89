import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Permission, TMe } from '@greenmes/contracts';
import { authApi } from '../api/auth-api.ts';

export const ME_QUERY_KEY = ['me'] as const;

export function useMe() {
  return useQuery<TMe>({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => authApi.me(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

const NO_PERMISSIONS: ReadonlySet<string> = new Set();

export function usePermissions(): ReadonlySet<string> {
  const { data } = useMe();
  return useMemo(() => (data ? new Set(data.permissions) : NO_PERMISSIONS), [data]);
}

/** Whether the signed-in user holds a permission; buttons that write hide behind `*.manage`. */
export function useCan(permission: Permission): boolean {
  return usePermissions().has(permission);
}

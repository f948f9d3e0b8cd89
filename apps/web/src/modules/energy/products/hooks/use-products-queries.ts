import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { productsApi, type ProductReportQuery } from '../api/products-api.ts';

/** Under 'energy' so a changed meter record, factor or economic month (which invalidate 'energy') refreshes them. */
export const productsKeys = {
  all: ['energy', 'products'] as const,
  list: ['energy', 'products', 'list'] as const,
  report: (query: ProductReportQuery) => ['energy', 'products', 'report', query] as const,
};

export const useProductEnergyList = () =>
  useQuery({ queryKey: productsKeys.list, queryFn: ({ signal }) => productsApi.list(signal) });

export const useProductReport = (query: ProductReportQuery) =>
  useQuery({
    queryKey: productsKeys.report(query),
    queryFn: ({ signal }) => productsApi.report(query, signal),
    placeholderData: keepPreviousData,
  });

/** A product's nodes or limit changed: the settings, the report and Table 2 all move. */
export function useInvalidateProducts() {
  const client = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        client.invalidateQueries({ queryKey: productsKeys.all }),
        client.invalidateQueries({ queryKey: ['energy', 'tables', 2] }),
      ]),
    [client],
  );
}

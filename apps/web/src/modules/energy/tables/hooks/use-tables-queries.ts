import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { tablesApi, type Table1Query, type Table2Query, type Table3Query } from '../api/tables-api.ts';

/** Under 'energy' so a changed meter record or factor (which invalidate 'energy') refreshes the tables. */
export const tablesKeys = {
  table1: (query: Table1Query) => ['energy', 'tables', 1, query] as const,
  table2: (query: Table2Query) => ['energy', 'tables', 2, query] as const,
  table3: (query: Table3Query) => ['energy', 'tables', 3, query] as const,
};

export const useEnergyTable1 = (query: Table1Query) =>
  useQuery({
    queryKey: tablesKeys.table1(query),
    queryFn: ({ signal }) => tablesApi.table1(query, signal),
    placeholderData: keepPreviousData,
  });

export const useEnergyTable2 = (query: Table2Query) =>
  useQuery({
    queryKey: tablesKeys.table2(query),
    queryFn: ({ signal }) => tablesApi.table2(query, signal),
    placeholderData: keepPreviousData,
  });

export const useEnergyTable3 = (query: Table3Query) =>
  useQuery({
    queryKey: tablesKeys.table3(query),
    queryFn: ({ signal }) => tablesApi.table3(query, signal),
    placeholderData: keepPreviousData,
  });

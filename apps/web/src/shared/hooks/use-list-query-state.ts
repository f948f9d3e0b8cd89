import { useCallback, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

/** Filters plus page/pageSize for a server-paged list; changing a filter goes back to page 1. */
export function useListQueryState<F extends Record<string, unknown>>(initial: F, pageSize = 20) {
  const [state, setState] = useState<F & { page: number; pageSize: number }>({
    ...initial,
    page: 1,
    pageSize,
  });
  const setFilter = useCallback(<K extends keyof F>(key: K, value: F[K]) => {
    setState((prev) => ({ ...prev, [key]: value, page: 1 }));
  }, []);
  const setPage = useCallback((page: number, size: number) => {
    setState((prev) => ({ ...prev, page: size === prev.pageSize ? page : 1, pageSize: size }));
  }, []);
  return { query: state, setFilter, setPage };
}

export function tablePagination(options: {
  page: number;
  pageSize: number;
  total: number | undefined;
  onChange: (page: number, size: number) => void;
  t: TFunction;
}): TablePaginationConfig {
  return {
    current: options.page,
    pageSize: options.pageSize,
    total: options.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => options.t('common.total', { count: total }),
    onChange: options.onChange,
  };
}

export const booleanFilterOptions = (t: TFunction) => [
  { value: 'true', label: t('common.yes') },
  { value: 'false', label: t('common.no') },
];

import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';

export interface RemoteOption {
  value: string;
  label: string;
}

export interface RemoteSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Cache key of this kind of option list, e.g. ['telemetry', 'gateway-options']. */
  queryKey: readonly unknown[];
  search: (q: string, signal: AbortSignal) => Promise<RemoteOption[]>;
  /** Label of the current value, which may not be on the first page of search results. */
  selectedOption?: RemoteOption | null;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** A select over a server-paged list: it searches on the server as the user types. */
export function RemoteSelect(props: RemoteSelectProps) {
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q.trim());
  const options = useQuery({
    queryKey: [...props.queryKey, debounced],
    queryFn: ({ signal }) => props.search(debounced, signal),
    enabled: !props.disabled,
    placeholderData: keepPreviousData,
  });
  const merged = useMemo(() => {
    const list = options.data ?? [];
    const selected = props.selectedOption;
    return selected && !list.some((o) => o.value === selected.value) ? [selected, ...list] : list;
  }, [options.data, props.selectedOption]);

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={props.allowClear ?? true}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      onOpenChange={(open) => !open && setQ('')}
      options={merged}
      loading={options.isFetching}
      placeholder={props.placeholder}
      disabled={props.disabled}
      style={props.style}
      data-testid={props['data-testid']}
    />
  );
}

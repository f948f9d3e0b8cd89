import { useEffect, useRef, useState } from 'react';
import { InputNumber, Tooltip } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCarbonSource } from '@greenmes/contracts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { carbonSourcesApi } from '../api/carbon-sources-api.ts';
import { useInvalidateCarbonSources } from '../hooks/use-carbon-sources.ts';

/**
 * One month of one source. Saved on blur or Enter, and only when the number changed: Enter followed by
 * the blur it causes must not send the same PUT twice. A cleared cell goes back to the saved value, since
 * the server keeps a month once entered (0 is the way to say "none").
 */
export function QuantityCell(props: {
  source: TCarbonSource;
  month: string;
  value: number | undefined;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCarbonSources();
  const [draft, setDraft] = useState<number | null>(props.value ?? null);
  const saved = useRef<number | undefined>(props.value);

  useEffect(() => {
    saved.current = props.value;
    setDraft(props.value ?? null);
  }, [props.value]);

  const put = useMutation({
    mutationFn: (quantity: number) =>
      carbonSourcesApi.putActivity({ sourceId: props.source.id, month: props.month, quantity }),
    onSuccess: (entry) => {
      saved.current = entry.quantity;
      void invalidate();
    },
  });

  const commit = () => {
    if (draft === null) {
      setDraft(saved.current ?? null);
      return;
    }
    if (draft === saved.current && !put.isError) return;
    put.mutate(draft);
  };

  const testId = `activity-cell-${props.source.code}-${props.month}`;
  const input = (
    <InputNumber<number>
      size="small"
      min={0}
      value={draft}
      disabled={!props.canEdit}
      onChange={(v) => setDraft(v)}
      onBlur={commit}
      onPressEnter={commit}
      status={put.isError ? 'error' : undefined}
      variant={props.canEdit ? 'outlined' : 'borderless'}
      style={{ width: '100%' }}
      data-testid={testId}
      data-saving={put.isPending}
      data-saved={put.isSuccess}
      aria-label={`${props.source.name} ${props.month}`}
    />
  );
  return put.isError ? (
    <Tooltip open title={errorMessage(put.error, t)} data-testid={`${testId}-error`}>
      {input}
    </Tooltip>
  ) : (
    input
  );
}

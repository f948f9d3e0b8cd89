import type { TFunction } from 'i18next';
import type { TLatestValue } from '@greenmes/contracts';

/** Numbers keep up to 4 decimals without trailing zeros, so 1.5 stays 1.5 and 0.123456 becomes 0.1235. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toFixed(Math.abs(value) >= 1000 ? 2 : 4)).toLocaleString(undefined, {
    maximumFractionDigits: 4,
  });
}

export function formatLatestValue(
  row: Pick<TLatestValue, 'valueType' | 'value' | 'textValue'>,
  t: TFunction,
) {
  if (row.value === null && row.textValue === null) return '—';
  switch (row.valueType) {
    case 'boolean':
      return row.value === null ? (row.textValue ?? '—') : row.value ? t('common.yes') : t('common.no');
    case 'state':
      return row.textValue ?? (row.value === null ? '—' : String(row.value));
    case 'string':
      return row.textValue ?? '—';
    default:
      return row.value === null ? (row.textValue ?? '—') : formatNumber(row.value);
  }
}

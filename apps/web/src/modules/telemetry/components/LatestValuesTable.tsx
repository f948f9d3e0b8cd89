import { Checkbox, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TLatestValue } from '@greenmes/contracts';
import { formatDateTime, formatFromNow } from '../../../shared/lib/format.ts';
import { formatLatestValue } from '../lib/format-value.ts';

/**
 * The newest value of each metric; the checkbox (shown when `onToggle` is given) puts the metric on
 * the trend chart.
 */
export function LatestValuesTable(props: {
  rows: TLatestValue[];
  loading: boolean;
  selected?: number[];
  onToggle?: (metricId: number, isOn: boolean) => void;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const { onToggle, selected = [] } = props;
  return (
    <Table<TLatestValue>
      rowKey="metricId"
      size="small"
      data-testid="latest-values"
      loading={props.loading}
      dataSource={props.rows}
      pagination={false}
      locale={{ emptyText: props.emptyText ?? t('latest.empty') }}
      columns={[
        ...(onToggle
          ? [
              {
                title: t('latest.onTrend'),
                key: 'trend',
                width: 70,
                align: 'center' as const,
                render: (_: unknown, row: TLatestValue) =>
                  row.valueType === 'string' ? null : (
                    <Checkbox
                      checked={selected.includes(row.metricId)}
                      onChange={(e) => onToggle(row.metricId, e.target.checked)}
                      aria-label={t('latest.onTrend')}
                    />
                  ),
              },
            ]
          : []),
        {
          title: t('latest.metric'),
          key: 'metric',
          render: (_: unknown, row) => (
            <>
              {row.name}{' '}
              <Typography.Text type="secondary" code>
                {row.key}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t('latest.value'),
          key: 'value',
          align: 'right',
          render: (_: unknown, row) => (
            <span data-testid={`latest-value-${row.key}`}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {formatLatestValue(row, t)}
              </Typography.Text>
              {row.unitCode && row.value !== null && (
                <Typography.Text type="secondary"> {row.unitCode}</Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t('latest.ts'),
          dataIndex: 'ts',
          render: (ts: string | null) =>
            ts ? (
              <Tooltip title={formatDateTime(ts)}>
                <span>{formatFromNow(ts)}</span>
              </Tooltip>
            ) : (
              <Tag>{t('latest.noData')}</Tag>
            ),
        },
      ]}
    />
  );
}

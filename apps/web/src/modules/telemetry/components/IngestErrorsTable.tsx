import { Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TIngestError } from '@greenmes/contracts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import type { IngestErrorFilters } from '../api/data-api.ts';
import { useIngestErrors } from '../hooks/use-telemetry-queries.ts';

/** Samples the server refused, newest first: what a commissioning engineer looks at first. */
export function IngestErrorsTable(props: { filters: IngestErrorFilters; hideDevice?: boolean }) {
  const { t } = useTranslation();
  const { query, setPage } = useListQueryState<Record<string, never>>({});
  const filters = { ...props.filters, page: query.page, pageSize: query.pageSize };
  const list = useIngestErrors(filters);

  return (
    <Table<TIngestError>
      rowKey="id"
      size="small"
      data-testid="ingest-errors-table"
      loading={list.isFetching}
      dataSource={list.data?.items}
      scroll={{ x: 1000 }}
      pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
      locale={{ emptyText: t('ingestError.empty') }}
      columns={[
        { title: t('ingestError.at'), dataIndex: 'at', width: 170, render: formatDateTime },
        ...(props.hideDevice
          ? []
          : [
              {
                title: t('ingestError.device'),
                dataIndex: 'deviceCode',
                render: (code: string | null, row: TIngestError) =>
                  code && row.deviceId ? (
                    <Link to={`/telemetry/devices/${row.deviceId}`}>{code}</Link>
                  ) : (
                    (code ?? '—')
                  ),
              },
            ]),
        {
          title: t('ingestError.transport'),
          dataIndex: 'transport',
          width: 90,
          render: (v: string) => <Tag>{v}</Tag>,
        },
        {
          title: t('ingestError.reason'),
          dataIndex: 'reason',
          render: (reason: string) => (
            <Tooltip title={reason}>
              <Tag color="red">{t(`ingestError.reasons.${reason}`, { defaultValue: reason })}</Tag>
            </Tooltip>
          ),
        },
        {
          title: t('ingestError.metric'),
          dataIndex: 'metricKey',
          render: (k: string | null) => (k ? <Typography.Text code>{k}</Typography.Text> : '—'),
        },
        { title: t('ingestError.sampleTs'), dataIndex: 'sampleTs', render: (v: string | null) => v ?? '—' },
        {
          title: t('ingestError.detail'),
          dataIndex: 'detail',
          ellipsis: { showTitle: false },
          render: (d: string | null) =>
            d ? (
              <Tooltip title={d} placement="topLeft">
                {d}
              </Tooltip>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

import { Drawer, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_DELIVERY_STATUSES, type TWebhook, type TWebhookDelivery } from '@greenmes/contracts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import type { DeliveryFilters } from '../api/alarms-api.ts';
import { useWebhookDeliveries } from '../hooks/use-alarm-queries.ts';

const STATUS_COLORS = { pending: 'processing', delivered: 'success', failed: 'error' } as const;

/** What was sent to a webhook, how it answered, and what is still being retried. */
export function WebhookDeliveriesDrawer(props: { webhook: TWebhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { query, setFilter, setPage } = useListQueryState<DeliveryFilters>({});
  const list = useWebhookDeliveries(props.webhook?.id, query);

  return (
    <Drawer
      open={props.webhook !== null}
      onClose={props.onClose}
      size={1000}
      title={props.webhook ? t('webhook.deliveriesOf', { name: props.webhook.name }) : ''}
      destroyOnHidden
      extra={
        <Select
          allowClear
          placeholder={t('common.status')}
          style={{ width: 140 }}
          value={query.status}
          onChange={(v) => setFilter('status', v)}
          options={WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhook.status.${s}`) }))}
        />
      }
    >
      <Table<TWebhookDelivery>
        rowKey="id"
        size="small"
        data-testid="webhook-deliveries"
        loading={list.isLoading || list.isPlaceholderData}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        locale={{ emptyText: t('webhook.noDeliveries') }}
        expandable={{
          expandedRowRender: (d) => (
            <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {JSON.stringify(d.payload, null, 2)}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('webhook.createdAt'), dataIndex: 'createdAt', render: formatDateTime, width: 170 },
          {
            title: t('webhook.event'),
            dataIndex: 'event',
            render: (e: string) => <Typography.Text code>{e}</Typography.Text>,
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: TWebhookDelivery['status']) => (
              <Tag color={STATUS_COLORS[s]}>{t(`webhook.status.${s}`)}</Tag>
            ),
          },
          { title: t('webhook.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('webhook.lastResult'),
            key: 'last',
            render: (_: unknown, d) =>
              d.lastError ? (
                <Tooltip title={d.lastError}>
                  <Typography.Text type="danger" ellipsis style={{ maxWidth: 220 }}>
                    {d.lastStatus ? `HTTP ${d.lastStatus} · ` : ''}
                    {d.lastError}
                  </Typography.Text>
                </Tooltip>
              ) : d.lastStatus ? (
                `HTTP ${d.lastStatus}`
              ) : (
                '—'
              ),
          },
          {
            title: t('webhook.deliveredOrNext'),
            key: 'when',
            render: (_: unknown, d) =>
              d.deliveredAt
                ? formatDateTime(d.deliveredAt)
                : d.nextAttemptAt
                  ? t('webhook.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })
                  : '—',
          },
        ]}
      />
    </Drawer>
  );
}

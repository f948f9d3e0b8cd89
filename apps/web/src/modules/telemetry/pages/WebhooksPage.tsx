import { useState } from 'react';
import { Alert, App, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  SendOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreatedWebhook, TWebhook } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { webhooksApi, type WebhookFilters } from '../api/alarms-api.ts';
import { useInvalidateAlarms, useWebhooks } from '../hooks/use-alarm-queries.ts';
import { SeverityTag } from '../components/alarm-tags.tsx';
import { WebhookFormModal } from '../components/WebhookFormModal.tsx';
import { WebhookDeliveriesDrawer } from '../components/WebhookDeliveriesDrawer.tsx';

export function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateAlarms();
  const { query, setPage } = useListQueryState<WebhookFilters>({});
  const list = useWebhooks(query);
  const [editing, setEditing] = useState<{ webhook?: TWebhook } | null>(null);
  const [created, setCreated] = useState<TCreatedWebhook | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<TWebhook | null>(null);

  const remove = useMutation({
    mutationFn: (id: string) => webhooksApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const test = useMutation({
    mutationFn: (webhook: TWebhook) => webhooksApi.test(webhook.id),
    onSuccess: (delivery, webhook) => {
      // the server sends the test at once and answers with how it went
      if (delivery.status === 'delivered')
        void message.success(t('webhook.testDelivered', { status: delivery.lastStatus ?? '' }));
      else
        void message.warning(
          t('webhook.testFailed', { error: delivery.lastError ?? delivery.lastStatus ?? '' }),
        );
      void invalidate();
      setDeliveriesOf(webhook);
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('menu.webhooks')}
      testId="webhooks-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({})}
          data-testid="webhook-create"
        >
          {t('webhook.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('webhook.intro')}</Typography.Paragraph>
      <Table<TWebhook>
        rowKey="id"
        data-testid="webhooks-table"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        locale={{ emptyText: t('webhook.empty') }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('webhook.url'),
            dataIndex: 'url',
            ellipsis: true,
            render: (u: string) => <Typography.Text code>{u}</Typography.Text>,
          },
          {
            title: t('webhook.minSeverity'),
            dataIndex: 'minSeverity',
            render: (_: unknown, w) => <SeverityTag severity={w.minSeverity} />,
          },
          {
            title: t('webhook.secret'),
            dataIndex: 'secretHint',
            render: (h: string) => <Typography.Text code>{h}…</Typography.Text>,
          },
          {
            title: t('telemetry.isEnabled'),
            dataIndex: 'isEnabled',
            render: (v: boolean) =>
              v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 300,
            render: (_: unknown, w) => (
              <Space size={0} wrap>
                <Button
                  size="small"
                  type="link"
                  icon={<SendOutlined />}
                  loading={test.isPending && test.variables?.id === w.id}
                  onClick={() => test.mutate(w)}
                  data-testid={`webhook-test-${w.name}`}
                >
                  {t('webhook.test')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  icon={<UnorderedListOutlined />}
                  onClick={() => setDeliveriesOf(w)}
                >
                  {t('webhook.deliveries')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing({ webhook: w })}
                />
                <Popconfirm
                  title={t('common.confirmDelete', { name: w.name })}
                  onConfirm={() => remove.mutate(w.id)}
                >
                  <Button
                    size="small"
                    type="link"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <WebhookFormModal
        open={editing !== null}
        webhook={editing?.webhook}
        onClose={() => setEditing(null)}
        onCreated={setCreated}
      />
      <Modal
        open={created !== null}
        title={t('webhook.createdTitle')}
        onCancel={() => setCreated(null)}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="webhook-secret-stored">
            {t('credential.stored')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('webhook.secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: created?.secret }}
          code
          data-testid="webhook-secret"
          style={{ wordBreak: 'break-all' }}
        >
          {created?.secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhook.signatureHelp')}</Typography.Paragraph>
      </Modal>
      <WebhookDeliveriesDrawer webhook={deliveriesOf} onClose={() => setDeliveriesOf(null)} />
    </PageCard>
  );
}

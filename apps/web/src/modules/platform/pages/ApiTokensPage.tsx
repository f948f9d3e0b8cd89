import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TApiToken } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { authApi, type TCreatedApiToken } from '../api/auth-api.ts';
import { useApiTokens, useInvalidatePlatform } from '../hooks/use-platform-queries.ts';

interface Values {
  name: string;
  expiresInDays: number | null;
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const tokens = useApiTokens();
  const [form] = Form.useForm<Values>();
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<TCreatedApiToken | null>(null);

  const create = useMutation({
    mutationFn: (v: Values) =>
      authApi.createToken({ name: v.name.trim(), expiresInDays: v.expiresInDays ?? null }),
    onSuccess: (token) => {
      setCreateOpen(false);
      setCreated(token);
      void invalidate();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => authApi.revokeToken(id),
    onSuccess: () => {
      void message.success(t('tokens.revoked'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const statusOf = (token: TApiToken) => {
    if (token.revokedAt) return <Tag>{t('tokens.status.revoked')}</Tag>;
    if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now())
      return <Tag color="orange">{t('tokens.status.expired')}</Tag>;
    return <Tag color="green">{t('tokens.status.active')}</Tag>;
  };

  return (
    <PageCard
      title={t('menu.apiTokens')}
      testId="api-tokens-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setCreateOpen(true);
          }}
          data-testid="token-create"
        >
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Table<TApiToken>
        rowKey="id"
        loading={tokens.isFetching}
        dataSource={tokens.data}
        pagination={false}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('tokens.prefix'),
            dataIndex: 'prefix',
            render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
          },
          { title: t('common.status'), key: 'status', render: (_: unknown, tk) => statusOf(tk) },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('tokens.expiresAt'),
            dataIndex: 'expiresAt',
            render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')),
          },
          { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, tk) =>
              !tk.revokedAt && (
                <Popconfirm
                  title={t('tokens.confirmRevoke', { name: tk.name })}
                  onConfirm={() => revoke.mutate(tk.id)}
                >
                  <Button size="small" danger icon={<StopOutlined />}>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={isCreateOpen}
        title={t('tokens.create')}
        onCancel={() => setCreateOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'token-create-ok' }}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ expiresInDays: 90 }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHelp')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('tokens.stored')}
          </Button>
        }
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: created?.token }}
          code
          data-testid="token-value"
          style={{ wordBreak: 'break-all' }}
        >
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </PageCard>
  );
}

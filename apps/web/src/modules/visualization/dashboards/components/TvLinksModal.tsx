import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { TTvLink } from '@greenmes/contracts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { formatDateTime } from '../../../../shared/lib/format.ts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { dashboardsApi } from '../api/dashboards-api.ts';
import { dashboardKeys, useTvLinks } from '../hooks/use-dashboard-queries.ts';

interface Values {
  label: string;
  expiresAt: Dayjs | null;
}
export const tvUrl = (token: string) => `${window.location.origin}/tv/${token}`;

/** A dashboard's read-only links for shop-floor TVs: create (the link is shown once), list, revoke. */
export function TvLinksModal(props: { dashboardId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const links = useTvLinks(props.dashboardId);
  const [form] = Form.useForm<Values>();
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: dashboardKeys.tvLinks(props.dashboardId ?? '') });

  const create = useMutation({
    mutationFn: (v: Values) =>
      dashboardsApi.createTvLink(props.dashboardId!, {
        label: v.label.trim(),
        expiresAt: v.expiresAt?.toISOString() ?? null,
      }),
    onSuccess: (created) => {
      setCreatedUrl(tvUrl(created.token));
      form.resetFields();
      void refresh();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) => dashboardsApi.revokeTvLink(props.dashboardId!, linkId),
    onSuccess: () => {
      void message.success(t('dashboards.tvRevoked'));
      void refresh();
    },
    onError: (e) => notifyError(e),
  });
  const statusOf = (l: TTvLink) =>
    l.revokedAt ? (
      <Tag>{t('dashboards.tvStatus.revoked')}</Tag>
    ) : l.expiresAt && Date.parse(l.expiresAt) < Date.now() ? (
      <Tag color="orange">{t('dashboards.tvStatus.expired')}</Tag>
    ) : (
      <Tag color="green">{t('dashboards.tvStatus.active')}</Tag>
    );

  return (
    <Modal
      open={!!props.dashboardId}
      title={t('dashboards.tvLinks')}
      width={820}
      footer={null}
      onCancel={() => {
        setCreatedUrl(null);
        props.onClose();
      }}
    >
      <Typography.Paragraph type="secondary">{t('dashboards.tvIntro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="inline"
        onFinish={(v) => create.mutate(v)}
        style={{ marginBottom: 12 }}
      >
        <Form.Item name="label" rules={[{ required: true }, { max: 100 }]}>
          <Input placeholder={t('dashboards.tvLabel')} data-testid="tv-link-label" />
        </Form.Item>
        <Form.Item name="expiresAt">
          <DatePicker showTime placeholder={t('dashboards.tvExpiresAt')} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={create.isPending}
          data-testid="tv-link-create"
        >
          {t('dashboards.tvCreate')}
        </Button>
      </Form>
      {createdUrl && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('dashboards.tvShowOnce')}
          description={
            <Typography.Paragraph
              copyable={{ text: createdUrl }}
              style={{ margin: 0, wordBreak: 'break-all' }}
            >
              <span data-testid="tv-link-url">{createdUrl}</span>
            </Typography.Paragraph>
          }
        />
      )}
      <Table<TTvLink>
        rowKey="id"
        size="small"
        loading={links.isFetching}
        dataSource={links.data}
        pagination={false}
        locale={{ emptyText: t('dashboards.tvNone') }}
        columns={[
          { title: t('dashboards.tvLabel'), dataIndex: 'label' },
          {
            title: t('dashboards.tvPrefix'),
            dataIndex: 'prefix',
            render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
          },
          { title: t('common.status'), key: 'status', render: (_: unknown, l) => statusOf(l) },
          { title: t('dashboards.tvCreatedBy'), dataIndex: 'createdByName' },
          {
            title: t('dashboards.tvExpiresAt'),
            dataIndex: 'expiresAt',
            render: (v: string | null) => (v ? formatDateTime(v) : t('dashboards.tvNever')),
          },
          { title: t('dashboards.tvLastUsed'), dataIndex: 'lastUsedAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, l) =>
              !l.revokedAt && (
                <Space>
                  <Popconfirm
                    title={t('dashboards.tvConfirmRevoke', { label: l.label })}
                    onConfirm={() => revoke.mutate(l.id)}
                  >
                    <Button
                      size="small"
                      danger
                      icon={<StopOutlined />}
                      data-testid={`tv-link-revoke-${l.label}`}
                    >
                      {t('dashboards.tvRevoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Modal>
  );
}

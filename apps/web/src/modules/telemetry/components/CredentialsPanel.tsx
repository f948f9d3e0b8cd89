import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreateCredential, TCreatedCredential, TCredential } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { devicesApi } from '../api/devices-api.ts';
import { gatewaysApi } from '../api/gateways-api.ts';
import {
  useCredentials,
  useInvalidateTelemetry,
  type CredentialOwner,
} from '../hooks/use-telemetry-queries.ts';
import { CreatedCredentialModal } from './CreatedCredentialModal.tsx';

interface Values {
  kind: 'token' | 'password';
  username?: string;
  password?: string;
}

const ownerApi = (kind: CredentialOwner['kind']) => (kind === 'device' ? devicesApi : gatewaysApi);

/** Access credentials of a device or gateway: list, issue (token or MQTT username/password), revoke. */
export function CredentialsPanel(props: { owner: CredentialOwner; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const credentials = useCredentials(props.owner);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<TCreatedCredential | null>(null);
  const { owner } = props;

  const create = useMutation({
    mutationFn: (values: Values) => {
      const body: TCreateCredential =
        values.kind === 'token'
          ? { kind: 'token' }
          : { kind: 'password', username: (values.username ?? '').trim(), password: values.password ?? '' };
      return ownerApi(owner.kind).createCredential(owner.id, body);
    },
    onSuccess: (credential) => {
      setCreateOpen(false);
      setCreated(credential);
      void invalidate();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  const revoke = useMutation({
    mutationFn: (credentialId: string) => ownerApi(owner.kind).revokeCredential(owner.id, credentialId),
    onSuccess: () => {
      void message.success(t('credential.revoked'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <div data-testid="credentials-panel">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('credential.intro')}</Typography.Text>
        {props.canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setCreateOpen(true);
            }}
            data-testid="credential-create"
          >
            {t('credential.create')}
          </Button>
        )}
      </Space>
      <Table<TCredential>
        rowKey="id"
        size="small"
        loading={credentials.isFetching}
        dataSource={credentials.data}
        pagination={false}
        locale={{ emptyText: t('credential.empty') }}
        columns={[
          {
            title: t('credential.kindLabel'),
            dataIndex: 'kind',
            render: (k: TCredential['kind']) => <Tag>{t(`credential.kind.${k}`)}</Tag>,
          },
          {
            title: t('credential.identity'),
            key: 'identity',
            render: (_: unknown, c) =>
              c.kind === 'token' ? (
                <Typography.Text code>{c.prefix}…</Typography.Text>
              ) : (
                <Typography.Text code>{c.username ?? c.prefix}</Typography.Text>
              ),
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_: unknown, c) =>
              c.revokedAt ? (
                <Tag>{t('credential.status.revoked')}</Tag>
              ) : (
                <Tag color="green">{t('credential.status.active')}</Tag>
              ),
          },
          { title: t('credential.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('credential.lastUsedAt'), dataIndex: 'lastUsedAt', render: formatDateTime },
          ...(props.canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: TCredential) =>
                    !c.revokedAt && (
                      <Popconfirm title={t('credential.confirmRevoke')} onConfirm={() => revoke.mutate(c.id)}>
                        <Button size="small" danger icon={<StopOutlined />}>
                          {t('credential.revoke')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={isCreateOpen}
        title={t('credential.create')}
        onCancel={() => setCreateOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'credential-create-ok' }}
        forceRender
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'token' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="kind" label={t('credential.kindLabel')}>
            <Radio.Group
              options={[
                { value: 'token', label: t('credential.kind.token') },
                { value: 'password', label: t('credential.kind.password') },
              ]}
              data-testid="credential-kind"
            />
          </Form.Item>
          {kind === 'password' ? (
            <>
              <Form.Item
                name="username"
                label={t('credential.username')}
                rules={[
                  { required: true },
                  { min: 3, max: 64 },
                  { pattern: /^[A-Za-z0-9._-]+$/, message: t('credential.usernamePattern') },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('credential.password')}
                rules={[{ required: true }, { min: 12, message: t('credential.passwordMin') }, { max: 256 }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          ) : (
            <Typography.Paragraph type="secondary">{t('credential.tokenHelp')}</Typography.Paragraph>
          )}
        </Form>
      </Modal>
      <CreatedCredentialModal credential={created} onClose={() => setCreated(null)} />
    </div>
  );
}

/** The same panel in a modal, for the list pages' key button. */
export function CredentialsModal(props: {
  owner: (CredentialOwner & { code: string; name: string }) | null;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.owner !== null}
      title={props.owner ? t('credential.title', { name: props.owner.name }) : ''}
      onCancel={props.onClose}
      footer={null}
      width={840}
      destroyOnHidden
    >
      {props.owner && (
        <CredentialsPanel
          owner={{ kind: props.owner.kind, id: props.owner.id }}
          canManage={props.canManage}
        />
      )}
    </Modal>
  );
}

import { App, Divider, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreateTenant } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { passwordRule } from '../../platform/components/password-rule.ts';
import { adminApi } from '../api/admin-api.ts';
import { adminKeys } from '../hooks/use-admin-queries.ts';

export function CreateTenantModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TCreateTenant>();
  const create = useMutation({
    mutationFn: (v: TCreateTenant) =>
      adminApi.createTenant({
        code: v.code.trim().toLowerCase(),
        name: v.name.trim(),
        admin: {
          username: v.admin.username.trim(),
          password: v.admin.password,
          displayName: v.admin.displayName?.trim() || undefined,
        },
      }),
    onSuccess: (tenant) => {
      void message.success(t('admin.tenantCreated', { name: tenant.name }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.tenants });
      form.resetFields();
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('admin.createTenant')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'tenant-create-ok' }}
      width={560}
    >
      <Form<TCreateTenant> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="code"
          label={t('admin.tenantCode')}
          extra={t('admin.tenantCodeHelp')}
          rules={[
            { required: true },
            { pattern: /^[a-z0-9][a-z0-9-]{1,31}$/, message: t('admin.tenantCodeInvalid') },
          ]}
        >
          <Input data-testid="tenant-code" />
        </Form.Item>
        <Form.Item name="name" label={t('admin.tenantName')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="tenant-name" />
        </Form.Item>
        <Divider titlePlacement="start">{t('admin.firstAdmin')}</Divider>
        <Form.Item
          name={['admin', 'username']}
          label={t('users.username')}
          rules={[{ required: true }, { min: 2, max: 64 }]}
        >
          <Input autoComplete="off" data-testid="tenant-admin-username" />
        </Form.Item>
        <Form.Item name={['admin', 'displayName']} label={t('users.displayName')}>
          <Input />
        </Form.Item>
        <Form.Item
          name={['admin', 'password']}
          label={t('users.initialPassword')}
          rules={[passwordRule(t, () => form.getFieldValue(['admin', 'username']) as string)]}
        >
          <Input.Password autoComplete="new-password" data-testid="tenant-admin-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission, type TCreateRole, type TRole } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { rolesApi } from '../api/platform-api.ts';
import { useInvalidatePlatform, usePermissionCatalogue } from '../hooks/use-platform-queries.ts';
import { PermissionPicker } from './PermissionPicker.tsx';

export function RoleFormDrawer(props: {
  open: boolean;
  role?: TRole;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const catalogue = usePermissionCatalogue();
  const [form] = Form.useForm<TCreateRole>();
  const { open, role } = props;
  const isReadOnly = !props.canManage || Boolean(role?.isBuiltin);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      role ? { ...role, permissions: role.permissions as Permission[] } : { permissions: [] },
    );
  }, [open, role, form]);

  const save = useMutation({
    mutationFn: (v: TCreateRole) => {
      const fields = {
        name: v.name.trim(),
        description: v.description?.trim() || null,
        permissions: v.permissions,
      };
      return role ? rolesApi.update(role.id, fields) : rolesApi.create({ ...fields, code: v.code.trim() });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={props.onClose}
      size={640}
      destroyOnHidden
      title={role ? role.name : t('roles.create')}
      extra={
        !isReadOnly && (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="role-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {role?.isBuiltin && (
        <Alert type="info" showIcon title={t('roles.builtinReadOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form<TCreateRole> form={form} layout="vertical" disabled={isReadOnly} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input disabled={Boolean(role)} data-testid="role-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="role-name" />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker catalogue={catalogue.data ?? [...PERMISSIONS]} disabled={isReadOnly} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

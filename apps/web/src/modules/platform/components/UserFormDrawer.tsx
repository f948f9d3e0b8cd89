import { useEffect } from 'react';
import { App, Button, Drawer, Form, Input, Radio, Select, Space, Switch, TreeSelect } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreateUser, TUser } from '@greenmes/contracts';
import { PlantNodeTreeSelect } from '../../modeling/index.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { usersApi } from '../api/platform-api.ts';
import { useCan } from '../hooks/use-me.ts';
import { useInvalidatePlatform, useOrgUnits, useRoles } from '../hooks/use-platform-queries.ts';
import { buildOrgUnitTree } from '../lib/org-unit-tree.ts';
import { passwordRule } from './password-rule.ts';

interface Values {
  username: string;
  password?: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  orgUnitId?: string | null;
  roleIds?: string[];
  scopeMode: 'all' | 'nodes';
  scopeNodeIds?: string[];
  isActive: boolean;
}

const SCOPE_KINDS = ['site', 'area'] as const;
const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

export function UserFormDrawer(props: { open: boolean; user?: TUser; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const canReadPlant = useCan('modeling.plant.read');
  const roles = useRoles();
  const orgUnits = useOrgUnits();
  const [form] = Form.useForm<Values>();
  const scopeMode = Form.useWatch('scopeMode', form);
  const { open, user } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            ...user,
            scopeMode: user.dataScope.nodeIds === null ? 'all' : 'nodes',
            scopeNodeIds: user.dataScope.nodeIds ?? [],
          }
        : { scopeMode: 'all', isActive: true, roleIds: [] },
    );
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        displayName: v.displayName.trim(),
        email: blankToNull(v.email),
        phone: blankToNull(v.phone),
        orgUnitId: v.orgUnitId ?? null,
        roleIds: v.roleIds ?? [],
        dataScope: { nodeIds: v.scopeMode === 'all' ? null : (v.scopeNodeIds ?? []) },
        isActive: v.isActive,
      };
      if (user) return usersApi.update(user.id, fields);
      const body: TCreateUser = { ...fields, username: v.username.trim(), password: v.password ?? '' };
      return usersApi.create(body);
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
      size={560}
      destroyOnHidden
      title={user ? t('users.edit', { name: user.username }) : t('users.create')}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="user-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true }, { min: 2, max: 64 }]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            rules={[passwordRule(t, () => form.getFieldValue('username') as string)]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true }, { max: 200 }]}
        >
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.department')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            loading={orgUnits.isLoading}
            treeData={buildOrgUnitTree(orgUnits.data ?? [])}
          />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')}>
          <Select
            mode="multiple"
            loading={roles.isLoading}
            optionFilterProp="label"
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            data-testid="user-roles"
          />
        </Form.Item>
        <Form.Item name="scopeMode" label={t('users.dataScope')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('users.scopeAll') },
              { value: 'nodes', label: t('users.scopeNodes'), disabled: !canReadPlant },
            ]}
          />
        </Form.Item>
        {scopeMode === 'nodes' && (
          <Form.Item
            name="scopeNodeIds"
            label={t('users.scopeNodesLabel')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <PlantNodeTreeSelect multiple kinds={SCOPE_KINDS} />
          </Form.Item>
        )}
        <Form.Item name="isActive" label={t('common.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

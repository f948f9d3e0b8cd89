import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TRole } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { rolesApi } from '../api/platform-api.ts';
import { useCan } from '../hooks/use-me.ts';
import { useInvalidatePlatform, useRoles } from '../hooks/use-platform-queries.ts';
import { RoleFormDrawer } from '../components/RoleFormDrawer.tsx';

export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const canManage = useCan('platform.role.manage');
  const roles = useRoles();
  const [editing, setEditing] = useState<{ role?: TRole } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => rolesApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('menu.roles')}
      testId="roles-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="role-create"
          >
            {t('roles.create')}
          </Button>
        )
      }
    >
      <Table<TRole>
        rowKey="id"
        loading={roles.isFetching}
        dataSource={roles.data}
        pagination={false}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          {
            title: t('common.name'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Space>
                {name}
                {r.isBuiltin && <Tag color="blue">{t('roles.builtin')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.description'),
            dataIndex: 'description',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('roles.permissionCount'), dataIndex: 'permissions', render: (p: string[]) => p.length },
          { title: t('roles.userCount'), dataIndex: 'userCount' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, r: TRole) => {
              const isEditable = canManage && !r.isBuiltin;
              return (
                <Space>
                  <Button
                    size="small"
                    type="link"
                    icon={isEditable ? <EditOutlined /> : <EyeOutlined />}
                    aria-label={isEditable ? t('common.edit') : t('common.view')}
                    onClick={() => setEditing({ role: r })}
                  />
                  {isEditable && (
                    <Popconfirm
                      title={t('common.confirmDelete', { name: r.name })}
                      onConfirm={() => remove.mutate(r.id)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                      />
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <RoleFormDrawer
        open={editing !== null}
        role={editing?.role}
        canManage={canManage}
        onClose={() => setEditing(null)}
      />
    </PageCard>
  );
}

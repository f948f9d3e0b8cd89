import { useState } from 'react';
import { App, Button, Input, Select, Space, Table, Tag, Tooltip, TreeSelect } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import {
  booleanFilterOptions,
  tablePagination,
  useListQueryState,
} from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { usersApi, type UserFilters } from '../api/platform-api.ts';
import { useCan } from '../hooks/use-me.ts';
import { useInvalidatePlatform, useOrgUnits, useRoles, useUsers } from '../hooks/use-platform-queries.ts';
import { buildOrgUnitTree } from '../lib/org-unit-tree.ts';
import { UserFormDrawer } from '../components/UserFormDrawer.tsx';
import { ResetPasswordModal } from '../components/ResetPasswordModal.tsx';

const isLocked = (user: TUser) =>
  user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const canManage = useCan('platform.user.manage');
  const canReadRoles = useCan('platform.role.read');
  const canReadOrgUnits = useCan('platform.orgunit.read');
  const { query, setFilter, setPage } = useListQueryState<Omit<UserFilters, 'page' | 'pageSize'>>({});
  const users = useUsers(query);
  const roles = useRoles({ enabled: canReadRoles });
  const orgUnits = useOrgUnits({ enabled: canReadOrgUnits });
  const [editing, setEditing] = useState<{ user?: TUser } | null>(null);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const unlock = useMutation({
    mutationFn: (id: string) => usersApi.unlock(id),
    onSuccess: () => {
      void message.success(t('users.unlocked'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const roleName = (id: string) => roles.data?.find((r) => r.id === id)?.name ?? id.slice(0, 8);
  const unitName = (id: string | null) => (id ? (orgUnits.data?.find((u) => u.id === id)?.name ?? '—') : '—');

  return (
    <PageCard
      title={t('menu.users')}
      testId="users-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 240 }}
          />
          <TreeSelect
            allowClear
            placeholder={t('users.department')}
            style={{ width: 200 }}
            treeDefaultExpandAll
            treeData={buildOrgUnitTree(orgUnits.data ?? [])}
            value={query.orgUnitId}
            onChange={(v: string | undefined) => setFilter('orgUnitId', v)}
          />
          <Select
            allowClear
            placeholder={t('users.role')}
            style={{ width: 180 }}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={query.roleId}
            onChange={(v) => setFilter('roleId', v)}
          />
          <Select
            allowClear
            placeholder={t('common.active')}
            style={{ width: 120 }}
            options={booleanFilterOptions(t)}
            value={query.isActive}
            onChange={(v) => setFilter('isActive', v)}
          />
        </Space>
      }
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )
      }
    >
      <Table<TUser>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items}
        scroll={{ x: 1000 }}
        pagination={tablePagination({ ...query, total: users.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.department'), dataIndex: 'orgUnitId', render: unitName },
          {
            title: t('users.roles'),
            dataIndex: 'roleIds',
            render: (ids: string[]) => ids.map((id) => <Tag key={id}>{roleName(id)}</Tag>),
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_: unknown, u) => (
              <Space size={4}>
                {u.isActive ? (
                  <Tag color="green">{t('common.active')}</Tag>
                ) : (
                  <Tag>{t('common.inactive')}</Tag>
                )}
                {isLocked(u) && <Tag color="red">{t('users.locked')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (v: string | null) => formatDateTime(v),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, u: TUser) => (
                    <Space>
                      <Tooltip title={t('common.edit')}>
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing({ user: u })}
                        />
                      </Tooltip>
                      <Tooltip title={t('users.resetPassword')}>
                        <Button
                          size="small"
                          type="link"
                          icon={<KeyOutlined />}
                          aria-label={t('users.resetPassword')}
                          onClick={() => setResetting(u)}
                        />
                      </Tooltip>
                      {isLocked(u) && (
                        <Tooltip title={t('users.unlock')}>
                          <Button
                            size="small"
                            type="link"
                            icon={<UnlockOutlined />}
                            aria-label={t('users.unlock')}
                            onClick={() => unlock.mutate(u.id)}
                          />
                        </Tooltip>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <UserFormDrawer open={editing !== null} user={editing?.user} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageCard>
  );
}

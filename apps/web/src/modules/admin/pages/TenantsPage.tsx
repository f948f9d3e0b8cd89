import { useState } from 'react';
import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TTenant } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { adminApi } from '../api/admin-api.ts';
import { adminKeys, useTenants } from '../hooks/use-admin-queries.ts';
import { CreateTenantModal } from '../components/CreateTenantModal.tsx';

export function TenantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const tenants = useTenants();
  const [isCreateOpen, setCreateOpen] = useState(false);
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: TTenant['status'] }) =>
      adminApi.setTenantStatus(id, status),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.tenants });
    },
    onError: (e) => notifyError(e),
  });
  return (
    <PageCard
      title={t('admin.tenants')}
      testId="tenants-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreateOpen(true)}
          data-testid="tenant-create"
        >
          {t('admin.createTenant')}
        </Button>
      }
    >
      <Table<TTenant>
        rowKey="id"
        loading={tenants.isFetching}
        dataSource={tenants.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('admin.tenantCode'), dataIndex: 'code' },
          { title: t('admin.tenantName'), dataIndex: 'name' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: TTenant['status']) => (
              <Tag color={s === 'active' ? 'green' : 'red'}>{t(`admin.status.${s}`)}</Tag>
            ),
          },
          { title: t('admin.userCount'), dataIndex: 'userCount' },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, tenant) => {
              const next = tenant.status === 'active' ? 'suspended' : 'active';
              return (
                <Popconfirm
                  title={t(next === 'suspended' ? 'admin.confirmSuspend' : 'admin.confirmActivate', {
                    name: tenant.name,
                  })}
                  onConfirm={() => setStatus.mutate({ id: tenant.id, status: next })}
                >
                  <Button
                    size="small"
                    danger={next === 'suspended'}
                    data-testid={`tenant-toggle-${tenant.code}`}
                  >
                    {t(next === 'suspended' ? 'admin.suspend' : 'admin.activate')}
                  </Button>
                </Popconfirm>
              );
            },
          },
        ]}
      />
      <CreateTenantModal open={isCreateOpen} onClose={() => setCreateOpen(false)} />
    </PageCard>
  );
}

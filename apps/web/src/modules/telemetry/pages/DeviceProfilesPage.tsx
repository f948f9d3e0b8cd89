import { useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TDeviceProfile } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { profilesApi, type ProfileFilters } from '../api/profiles-api.ts';
import { useInvalidateTelemetry, useProfiles } from '../hooks/use-telemetry-queries.ts';
import { ProfileFormDrawer } from '../components/ProfileFormDrawer.tsx';

export function DeviceProfilesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const canManage = useCan('telemetry.device.manage');
  const { query, setFilter, setPage } = useListQueryState<ProfileFilters>({});
  const list = useProfiles(query);
  const [drawer, setDrawer] = useState<{ profileId?: string } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => profilesApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('menu.deviceProfiles')}
      testId="device-profiles-page"
      filters={
        <Input.Search
          allowClear
          placeholder={t('telemetry.searchCodeName')}
          aria-label={t('telemetry.searchCodeName')}
          data-testid="profile-search"
          onSearch={(q) => setFilter('q', q || undefined)}
          style={{ width: 240 }}
        />
      }
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({})}
            data-testid="profile-create"
          >
            {t('profile.create')}
          </Button>
        )
      }
    >
      <Table<TDeviceProfile>
        rowKey="id"
        data-testid="profiles-table"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        locale={{ emptyText: t('profile.empty') }}
        columns={[
          {
            title: t('common.code'),
            dataIndex: 'code',
            render: (code: string, row) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => setDrawer({ profileId: row.id })}
              >
                {code}
              </Button>
            ),
          },
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('profile.metricCount'),
            key: 'metrics',
            align: 'right',
            render: (_: unknown, row) => row.metrics.length,
          },
          { title: t('profile.deviceCount'), dataIndex: 'deviceCount', align: 'right' },
          {
            title: t('common.description'),
            dataIndex: 'description',
            ellipsis: true,
            render: (d: string | null) => d ?? '—',
          },
          { title: t('telemetry.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, row: TDeviceProfile) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setDrawer({ profileId: row.id })}
                      />
                      <Popconfirm
                        title={t('common.confirmDelete', { name: row.name })}
                        onConfirm={() => remove.mutate(row.id)}
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
              ]
            : []),
        ]}
      />
      <ProfileFormDrawer
        open={drawer !== null}
        profileId={drawer?.profileId}
        canManage={canManage}
        onClose={() => setDrawer(null)}
      />
    </PageCard>
  );
}

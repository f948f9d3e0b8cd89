import { useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TGateway } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { gatewaysApi, type GatewayFilters } from '../api/gateways-api.ts';
import { useGateways, useInvalidateTelemetry } from '../hooks/use-telemetry-queries.ts';
import { ConnectivityBadge } from '../components/ConnectivityBadge.tsx';
import { GatewayFormModal } from '../components/GatewayFormModal.tsx';
import { CredentialsModal } from '../components/CredentialsPanel.tsx';

export function GatewaysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const canManage = useCan('telemetry.device.manage');
  const { query, setFilter, setPage } = useListQueryState<GatewayFilters>({});
  const list = useGateways(query);
  const [editing, setEditing] = useState<{ gateway?: TGateway } | null>(null);
  const [credentialsOf, setCredentialsOf] = useState<TGateway | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => gatewaysApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('menu.gateways')}
      testId="gateways-page"
      filters={
        <Input.Search
          allowClear
          placeholder={t('telemetry.searchCodeName')}
          aria-label={t('telemetry.searchCodeName')}
          onSearch={(q) => setFilter('q', q || undefined)}
          style={{ width: 240 }}
        />
      }
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="gateway-create"
          >
            {t('gateway.create')}
          </Button>
        )
      }
    >
      <Table<TGateway>
        rowKey="id"
        data-testid="gateways-table"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        locale={{ emptyText: t('gateway.empty') }}
        columns={[
          {
            title: t('common.code'),
            dataIndex: 'code',
            render: (code: string, row) => <Link to={`/telemetry/gateways/${row.id}`}>{code}</Link>,
          },
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('telemetry.connectivityLabel'),
            key: 'connectivity',
            render: (_: unknown, row) => (
              <ConnectivityBadge connectivity={row.connectivity} lastSeenAt={row.lastSeenAt} />
            ),
          },
          { title: t('gateway.deviceCount'), dataIndex: 'deviceCount', align: 'right' },
          {
            title: t('telemetry.isEnabled'),
            dataIndex: 'isEnabled',
            render: (v: boolean) =>
              v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, row: TGateway) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<KeyOutlined />}
                        aria-label={t('credential.manage')}
                        title={t('credential.manage')}
                        onClick={() => setCredentialsOf(row)}
                      />
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing({ gateway: row })}
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
      <GatewayFormModal open={editing !== null} gateway={editing?.gateway} onClose={() => setEditing(null)} />
      <CredentialsModal
        owner={
          credentialsOf && {
            kind: 'gateway',
            id: credentialsOf.id,
            code: credentialsOf.code,
            name: credentialsOf.name,
          }
        }
        canManage={canManage}
        onClose={() => setCredentialsOf(null)}
      />
    </PageCard>
  );
}

import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TDevice } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination } from '../../../shared/hooks/use-list-query-state.ts';
import { devicesApi, type DeviceFilters } from '../api/devices-api.ts';
import { useDevices, useInvalidateTelemetry } from '../hooks/use-telemetry-queries.ts';
import { ConnectivityBadge } from './ConnectivityBadge.tsx';
import { CredentialsModal } from './CredentialsPanel.tsx';
import { DeviceFormDrawer } from './DeviceFormDrawer.tsx';

/** Connectivity is derived from last-seen on the server: refresh the list while it is on screen. */
const STATUS_REFRESH_MS = 30_000;

export function DevicesTable(props: {
  query: DeviceFilters & { page: number; pageSize: number };
  onPageChange: (page: number, size: number) => void;
  hideGateway?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const canManage = useCan('telemetry.device.manage');
  const list = useDevices(props.query, { refetchInterval: STATUS_REFRESH_MS });
  const [editing, setEditing] = useState<TDevice | null>(null);
  const [credentialsOf, setCredentialsOf] = useState<TDevice | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => devicesApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <>
      <Table<TDevice>
        rowKey="id"
        data-testid="devices-table"
        // the periodic status refresh happens quietly; a new filter or page shows the spinner
        loading={list.isLoading || list.isPlaceholderData}
        dataSource={list.data?.items}
        scroll={{ x: 1100 }}
        pagination={tablePagination({
          ...props.query,
          total: list.data?.total,
          onChange: props.onPageChange,
          t,
        })}
        locale={{ emptyText: t('device.empty') }}
        columns={[
          {
            title: t('common.code'),
            dataIndex: 'code',
            fixed: 'left',
            render: (code: string, row) => (
              <Link to={`/telemetry/devices/${row.id}`} data-testid={`device-link-${code}`}>
                {code}
              </Link>
            ),
          },
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('telemetry.connectivityLabel'),
            key: 'connectivity',
            render: (_: unknown, row) => (
              <ConnectivityBadge connectivity={row.connectivity} lastSeenAt={row.lastSeenAt} />
            ),
          },
          ...(props.hideGateway
            ? []
            : [
                {
                  title: t('device.gateway'),
                  dataIndex: 'gatewayCode',
                  render: (code: string | null, row: TDevice) =>
                    code && row.gatewayId ? (
                      <Link to={`/telemetry/gateways/${row.gatewayId}`}>{code}</Link>
                    ) : (
                      '—'
                    ),
                },
              ]),
          { title: t('device.profile'), dataIndex: 'profileCode', render: (c: string | null) => c ?? '—' },
          {
            title: t('device.equipment'),
            key: 'equipment',
            render: (_: unknown, row) =>
              row.equipmentCode ? `${row.equipmentCode} · ${row.equipmentName ?? ''}` : '—',
          },
          { title: t('device.metricCount'), dataIndex: 'metricCount', align: 'right' },
          {
            title: <Tooltip title={t('device.countsHelp')}>{t('device.acceptedRejected')}</Tooltip>,
            key: 'counts',
            align: 'right',
            render: (_: unknown, row) => (
              <Space size={4}>
                <Typography.Text>{row.accepted.toLocaleString()}</Typography.Text>/
                <Typography.Text type={row.rejected > 0 ? 'danger' : 'secondary'}>
                  {row.rejected.toLocaleString()}
                </Typography.Text>
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 130,
                  fixed: 'right' as const,
                  render: (_: unknown, row: TDevice) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<KeyOutlined />}
                        aria-label={t('credential.manage')}
                        title={t('credential.manage')}
                        onClick={() => setCredentialsOf(row)}
                        data-testid={`device-credentials-${row.code}`}
                      />
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing(row)}
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
      <DeviceFormDrawer
        open={editing !== null}
        device={editing ?? undefined}
        onClose={() => setEditing(null)}
      />
      <CredentialsModal
        owner={
          credentialsOf && {
            kind: 'device',
            id: credentialsOf.id,
            code: credentialsOf.code,
            name: credentialsOf.name,
          }
        }
        canManage={canManage}
        onClose={() => setCredentialsOf(null)}
      />
    </>
  );
}

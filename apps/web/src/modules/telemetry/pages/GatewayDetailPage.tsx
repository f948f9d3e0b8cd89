import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../platform/hooks/use-me.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { useGateway } from '../hooks/use-telemetry-queries.ts';
import type { DeviceFilters } from '../api/devices-api.ts';
import { ConnectivityBadge } from '../components/ConnectivityBadge.tsx';
import { CredentialsPanel } from '../components/CredentialsPanel.tsx';
import { DevicesTable } from '../components/DevicesTable.tsx';
import { DeviceFormDrawer } from '../components/DeviceFormDrawer.tsx';
import { GatewayFormModal } from '../components/GatewayFormModal.tsx';
import { GatewayConfigPanel } from '../components/GatewayConfigPanel.tsx';
import { GatewayStatusCard } from '../components/GatewayStatusCard.tsx';

export function GatewayDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const gateway = useGateway(id);
  const canManage = useCan('telemetry.device.manage');
  const { query, setPage } = useListQueryState<DeviceFilters>({ gatewayId: id });
  const [isEditing, setEditing] = useState(false);
  const [isAddingDevice, setAddingDevice] = useState(false);

  if (gateway.isLoading) return <Skeleton active />;
  if (gateway.error || !gateway.data)
    return (
      <Result
        status="warning"
        title={gateway.error ? errorMessage(gateway.error, t) : t('common.notFound')}
      />
    );
  const g = gateway.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="gateway-detail-page">
      <Breadcrumb
        items={[{ title: <Link to="/telemetry/gateways">{t('menu.gateways')}</Link> }, { title: g.code }]}
      />
      <Card
        title={
          <Space wrap>
            {g.name}
            <Tag>{g.code}</Tag>
            <ConnectivityBadge connectivity={g.connectivity} lastSeenAt={g.lastSeenAt} />
          </Space>
        }
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('gateway.deviceCount')}>{g.deviceCount}</Descriptions.Item>
          <Descriptions.Item label={t('telemetry.isEnabled')}>
            {g.isEnabled ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.lastSeenAt')}>{formatDateTime(g.lastSeenAt)}</Descriptions.Item>
          <Descriptions.Item label={t('telemetry.createdAt')}>
            {formatDateTime(g.createdAt)}
          </Descriptions.Item>
          {g.description && (
            <Descriptions.Item label={t('common.description')} span="filled">
              {g.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <GatewayStatusCard gatewayId={g.id} latestConfigVersion={g.configVersion} />
      <Card>
        <Tabs
          items={[
            {
              key: 'devices',
              label: t('gateway.devices'),
              children: (
                <>
                  {canManage && (
                    <div style={{ textAlign: 'right', marginBottom: 12 }}>
                      <Button icon={<PlusOutlined />} onClick={() => setAddingDevice(true)}>
                        {t('device.create')}
                      </Button>
                    </div>
                  )}
                  <DevicesTable query={query} onPageChange={setPage} hideGateway />
                </>
              ),
            },
            {
              key: 'credentials',
              label: t('device.tabs.credentials'),
              children: <CredentialsPanel owner={{ kind: 'gateway', id: g.id }} canManage={canManage} />,
            },
            {
              key: 'config',
              label: <span data-testid="gateway-tab-config">{t('gateway.config.tab')}</span>,
              children: <GatewayConfigPanel gatewayId={g.id} canManage={canManage} />,
            },
          ]}
        />
      </Card>
      <GatewayFormModal open={isEditing} gateway={g} onClose={() => setEditing(false)} />
      <DeviceFormDrawer
        open={isAddingDevice}
        defaultGatewayId={g.id}
        onClose={() => setAddingDevice(false)}
      />
    </Space>
  );
}

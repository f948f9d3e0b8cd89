import { useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import type { DeviceFilters } from '../api/devices-api.ts';
import { DevicesTable } from '../components/DevicesTable.tsx';
import { DeviceFormDrawer } from '../components/DeviceFormDrawer.tsx';
import { connectivityOptions, optionSources } from '../components/telemetry-options.ts';

export function DevicesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useCan('telemetry.device.manage');
  const { query, setFilter, setPage } = useListQueryState<DeviceFilters>({});
  const [isCreating, setCreating] = useState(false);

  const filters = (
    <Space wrap>
      <Input.Search
        allowClear
        placeholder={t('telemetry.searchCodeName')}
        aria-label={t('telemetry.searchCodeName')}
        data-testid="device-search"
        onSearch={(q) => setFilter('q', q || undefined)}
        style={{ width: 240 }}
      />
      <RemoteSelect
        {...optionSources.gateways}
        value={query.gatewayId}
        onChange={(v) => setFilter('gatewayId', v ?? undefined)}
        placeholder={t('device.gateway')}
        style={{ width: 200 }}
      />
      <RemoteSelect
        {...optionSources.profiles}
        value={query.profileId}
        onChange={(v) => setFilter('profileId', v ?? undefined)}
        placeholder={t('device.profile')}
        style={{ width: 200 }}
      />
      <Select
        allowClear
        placeholder={t('telemetry.connectivityLabel')}
        options={connectivityOptions(t)}
        style={{ width: 150 }}
        value={query.connectivity}
        onChange={(v) => setFilter('connectivity', v)}
        data-testid="device-connectivity-filter"
      />
    </Space>
  );

  return (
    <PageCard
      title={t('menu.devices')}
      testId="devices-page"
      filters={filters}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="device-create"
          >
            {t('device.create')}
          </Button>
        )
      }
    >
      <DevicesTable query={query} onPageChange={setPage} />
      <DeviceFormDrawer
        open={isCreating}
        onClose={() => setCreating(false)}
        onSaved={(device) => void navigate(`/telemetry/devices/${device.id}`)}
      />
    </PageCard>
  );
}

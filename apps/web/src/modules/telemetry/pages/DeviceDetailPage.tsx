import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { TDevice, TLatestValue, TMetric } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { telemetryKeys, useDevice, useDeviceMetrics } from '../hooks/use-telemetry-queries.ts';
import { useLatestWithLive } from '../hooks/use-live-values.ts';
import { ConnectivityBadge } from '../components/ConnectivityBadge.tsx';
import { CredentialsPanel } from '../components/CredentialsPanel.tsx';
import { DeviceFormDrawer } from '../components/DeviceFormDrawer.tsx';
import { DeviceMetricsEditor } from '../components/DeviceMetricsEditor.tsx';
import { IngestErrorsTable } from '../components/IngestErrorsTable.tsx';
import { LatestValuesTable } from '../components/LatestValuesTable.tsx';
import { LiveStatusTag } from '../components/LiveStatusTag.tsx';
import { TrendPanel } from '../components/TrendPanel.tsx';

/** The trend opens on the first two chartable metrics, so the page shows something without a click. */
const DEFAULT_TREND_METRICS = 2;
const defaultSelection = (metrics: TMetric[] | undefined) =>
  (metrics ?? [])
    .filter((m) => m.valueType !== 'string')
    .slice(0, DEFAULT_TREND_METRICS)
    .map((m) => m.id);

/** A device that just came back shows as online without waiting for the header's 30 s refresh. */
const HEADER_REFRESH_MIN_MS = 5_000;
function useRefreshHeaderOnData(device: TDevice, rows: TLatestValue[]) {
  const queryClient = useQueryClient();
  const lastRefresh = useRef(0);
  const newest = Math.max(0, ...rows.map((r) => (r.ts ? Date.parse(r.ts) : 0)));
  const lastSeen = device.lastSeenAt ? Date.parse(device.lastSeenAt) : 0;
  const isStale = device.connectivity !== 'online' && device.isEnabled && newest > lastSeen;
  useEffect(() => {
    if (!isStale || Date.now() - lastRefresh.current < HEADER_REFRESH_MIN_MS) return;
    lastRefresh.current = Date.now();
    void queryClient.invalidateQueries({ queryKey: telemetryKeys.device(device.id) });
  }, [isStale, newest, device.id, queryClient]);
}

function MonitorTab({ device, metrics }: { device: TDevice; metrics: TMetric[] | undefined }) {
  const { t } = useTranslation();
  const latest = useLatestWithLive({ kind: 'device', id: device.id });
  useRefreshHeaderOnData(device, latest.rows);
  const [picked, setPicked] = useState<number[] | null>(null);
  const selected = useMemo(() => picked ?? defaultSelection(metrics), [picked, metrics]);
  const toggle = (metricId: number, isOn: boolean) =>
    setPicked(
      isOn
        ? [...selected.filter((id) => id !== metricId), metricId]
        : selected.filter((id) => id !== metricId),
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('latest.title')} extra={<LiveStatusTag isLive={latest.isLive} />}>
        {latest.error ? (
          <Typography.Text type="danger">{errorMessage(latest.error, t)}</Typography.Text>
        ) : (
          <LatestValuesTable
            rows={latest.rows}
            loading={latest.isLoading}
            selected={selected}
            onToggle={toggle}
          />
        )}
      </Card>
      <Card size="small" title={t('trend.title')}>
        <TrendPanel metrics={metrics ?? []} selected={selected} onSelectedChange={setPicked} />
      </Card>
    </Space>
  );
}

export function DeviceDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const device = useDevice(id);
  const metrics = useDeviceMetrics(id);
  const canManage = useCan('telemetry.device.manage');
  const canReadData = useCan('telemetry.data.read');
  const [isEditing, setEditing] = useState(false);

  if (device.isLoading) return <Skeleton active />;
  if (device.error || !device.data)
    return (
      <Result status="warning" title={device.error ? errorMessage(device.error, t) : t('common.notFound')} />
    );
  const d = device.data;
  const tab = params.get('tab') ?? (canReadData ? 'monitor' : 'metrics');

  const items = [
    ...(canReadData
      ? [
          {
            key: 'monitor',
            label: t('device.tabs.monitor'),
            children: <MonitorTab device={d} metrics={metrics.data} />,
          },
        ]
      : []),
    {
      key: 'metrics',
      label: t('device.tabs.metrics'),
      children: <DeviceMetricsEditor deviceId={d.id} canEdit={canManage} />,
    },
    {
      key: 'errors',
      label: t('device.tabs.errors'),
      children: <IngestErrorsTable filters={{ deviceId: d.id }} hideDevice />,
    },
    {
      key: 'credentials',
      label: <span data-testid="device-tab-credentials">{t('device.tabs.credentials')}</span>,
      children: <CredentialsPanel owner={{ kind: 'device', id: d.id }} canManage={canManage} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="device-detail-page">
      <Breadcrumb
        items={[{ title: <Link to="/telemetry/devices">{t('menu.devices')}</Link> }, { title: d.code }]}
      />
      <Card
        title={
          <Space wrap>
            <span data-testid="device-title">{d.name}</span>
            <Tag>{d.code}</Tag>
            <ConnectivityBadge connectivity={d.connectivity} lastSeenAt={d.lastSeenAt} />
          </Space>
        }
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="device-edit">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('device.gateway')}>
            {d.gatewayId ? <Link to={`/telemetry/gateways/${d.gatewayId}`}>{d.gatewayCode}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.profile')}>{d.profileCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('device.equipment')}>
            {d.equipmentCode ? `${d.equipmentCode} · ${d.equipmentName ?? ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('telemetry.isEnabled')}>
            {d.isEnabled ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.lastSeenAt')}>{formatDateTime(d.lastSeenAt)}</Descriptions.Item>
          <Descriptions.Item label={t('device.offlineAfterSeconds')}>
            {d.offlineAfterSeconds} {t('telemetry.seconds')}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.accepted')}>
            <span data-testid="device-accepted">{d.accepted.toLocaleString()}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('device.rejected')}>
            <Typography.Text type={d.rejected > 0 ? 'danger' : undefined}>
              {d.rejected.toLocaleString()}
            </Typography.Text>
          </Descriptions.Item>
          {d.description && (
            <Descriptions.Item label={t('common.description')} span="filled">
              {d.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={items}
          destroyOnHidden
        />
      </Card>
      <DeviceFormDrawer open={isEditing} device={d} onClose={() => setEditing(false)} />
    </Space>
  );
}

import { Alert, Badge, Card, Descriptions, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TGatewayStatus } from '@greenmes/contracts';
import { formatDateTime, formatFromNow } from '../../../shared/lib/format.ts';
import { useGatewayStatus } from '../hooks/use-telemetry-queries.ts';

type Adapter = TGatewayStatus['adapters'][number];

const ADAPTER_COLOR: Record<Adapter['state'], string> = {
  connected: 'success',
  connecting: 'processing',
  error: 'error',
  stopped: 'default',
};

function RelativeTime(props: { value: string | number | null | undefined }) {
  if (props.value === null || props.value === undefined) return <>—</>;
  const at = typeof props.value === 'number' ? new Date(props.value).toISOString() : props.value;
  return (
    <Tooltip title={formatDateTime(at)}>
      <span>{formatFromNow(at)}</span>
    </Tooltip>
  );
}

/** What the gateway last reported about itself: uplink, its store-and-forward queue and its adapters. */
export function GatewayStatusCard(props: { gatewayId: string; latestConfigVersion: number | null }) {
  const { t } = useTranslation();
  const report = useGatewayStatus(props.gatewayId);
  const status = report.data?.status ?? null;
  const running = status?.configVersion ?? null;
  const latest = props.latestConfigVersion;
  const isBehind = latest !== null && running !== latest;

  return (
    <Card
      title={t('gateway.status.title')}
      loading={report.isLoading}
      data-testid="gateway-status-card"
      extra={
        report.data?.statusAt && (
          <Typography.Text type="secondary" data-testid="gateway-status-age">
            {t('gateway.status.reported')} <RelativeTime value={report.data.statusAt} />
          </Typography.Text>
        )
      }
    >
      {!status ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('gateway.status.noReport')}
          data-testid="gateway-status-empty"
        />
      ) : (
        <>
          {status.configError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('gateway.status.configError')}
              description={<Typography.Text type="danger">{status.configError}</Typography.Text>}
              data-testid="gateway-config-error"
            />
          )}
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('gateway.status.uplink')}>
              <Badge
                status={
                  status.uplink === 'connected' ? 'success' : status.uplink === 'https' ? 'warning' : 'error'
                }
                text={t(`gateway.status.uplinkState.${status.uplink}`)}
                data-testid="gateway-uplink"
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('gateway.status.queueDepth')}>
              {status.queueDepth.toLocaleString()}
            </Descriptions.Item>
            <Descriptions.Item label={t('gateway.status.oldestUnsent')}>
              <RelativeTime value={status.oldestUnsentTs} />
            </Descriptions.Item>
            <Descriptions.Item label={t('gateway.status.droppedTotal')}>
              <Typography.Text type={status.droppedTotal > 0 ? 'warning' : undefined}>
                {status.droppedTotal.toLocaleString()}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('gateway.status.configVersion')}>
              <Tooltip title={isBehind ? t('gateway.status.configBehind') : undefined}>
                <Typography.Text type={isBehind ? 'warning' : undefined}>
                  {t('gateway.status.runningVsLatest', { running: running ?? '—', latest: latest ?? '—' })}
                </Typography.Text>
              </Tooltip>
            </Descriptions.Item>
            {status.version && (
              <Descriptions.Item label={t('gateway.status.softwareVersion')}>
                {status.version}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table<Adapter>
            size="small"
            rowKey="name"
            style={{ marginTop: 12 }}
            pagination={false}
            dataSource={status.adapters}
            data-testid="gateway-adapters"
            locale={{ emptyText: t('gateway.status.noAdapters') }}
            columns={[
              { title: t('gateway.status.adapter'), dataIndex: 'name' },
              {
                title: t('gateway.status.protocol'),
                dataIndex: 'protocol',
                render: (v: string) => <Tag>{v}</Tag>,
              },
              {
                title: t('gateway.status.adapterState'),
                dataIndex: 'state',
                render: (state: Adapter['state']) => (
                  <Tag color={ADAPTER_COLOR[state]} data-state={state}>
                    {t(`gateway.status.adapterStates.${state}`)}
                  </Tag>
                ),
              },
              {
                title: t('gateway.status.lastOkAt'),
                dataIndex: 'lastOkAt',
                render: (v: number | null | undefined) => <RelativeTime value={v} />,
              },
              {
                title: t('gateway.status.lastError'),
                dataIndex: 'lastError',
                render: (v: string | null | undefined) =>
                  v ? <Typography.Text type="danger">{v}</Typography.Text> : '—',
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

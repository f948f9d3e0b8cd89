import { Badge, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TDevice } from '@greenmes/contracts';
import { formatDateTime, formatFromNow } from '../../../shared/lib/format.ts';

const STATUS = {
  online: 'success',
  offline: 'error',
  never_seen: 'default',
  disabled: 'warning',
} as const;

/** Online/offline/never seen/disabled, with how long ago the device (or gateway) last sent anything. */
export function ConnectivityBadge(props: {
  connectivity: TDevice['connectivity'];
  lastSeenAt: string | null;
  showLastSeen?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space size={6} data-testid="connectivity" data-connectivity={props.connectivity}>
      <Badge status={STATUS[props.connectivity]} text={t(`telemetry.connectivity.${props.connectivity}`)} />
      {(props.showLastSeen ?? true) && props.lastSeenAt && (
        <Tooltip title={formatDateTime(props.lastSeenAt)}>
          <Typography.Text type="secondary">{formatFromNow(props.lastSeenAt)}</Typography.Text>
        </Tooltip>
      )}
    </Space>
  );
}

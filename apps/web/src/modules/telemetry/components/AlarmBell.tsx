import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ALARM_POLL_MS, useAlarmSummary, useLiveAlarms } from '../hooks/use-alarm-queries.ts';

/** Header bell: open alarms nobody has acknowledged yet, kept current by the live alarm stream. */
export function AlarmBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { isLive } = useLiveAlarms();
  // without the socket, a slower poll than the console's: the bell is on every page
  const summary = useAlarmSummary({ pollMs: isLive ? undefined : ALARM_POLL_MS * 4 });
  const count = summary.data?.unacknowledged ?? 0;
  const worst = summary.data && (summary.data.bySeverity.critical > 0 || summary.data.bySeverity.major > 0);
  return (
    <Tooltip title={t('alarm.bell', { count })}>
      <Badge count={count} size="small" color={worst ? '#cf1322' : '#fa8c16'} data-testid="alarm-bell-count">
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={t('alarm.bell', { count })}
          onClick={() => void navigate('/telemetry/alarms')}
          data-testid="alarm-bell"
        />
      </Badge>
    </Tooltip>
  );
}

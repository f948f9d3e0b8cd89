import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TFunction } from 'i18next';
import {
  ALARM_SEVERITIES,
  ALARM_STATES,
  type AlarmSeverity,
  type AlarmState,
  type TAlarm,
} from '@greenmes/contracts';

/** One colour per severity, most severe reddest; the summary cards use the same ones. */
export const SEVERITY_COLORS: Record<AlarmSeverity, string> = {
  critical: '#cf1322',
  major: '#fa541c',
  minor: '#fa8c16',
  warning: '#d4b106',
  info: '#1677ff',
};
const STATE_COLORS: Record<AlarmState, string> = {
  active: 'red',
  acknowledged: 'orange',
  cleared: 'default',
};

export function SeverityTag({ severity }: { severity: AlarmSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLORS[severity]} data-testid="severity-tag" data-severity={severity}>
      {t(`alarm.severity.${severity}`)}
    </Tag>
  );
}

export function AlarmStateTag({ state }: { state: AlarmState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="alarm-state" data-state={state}>
      {t(`alarm.state.${state}`)}
    </Tag>
  );
}

export const severityOptions = (t: TFunction) =>
  ALARM_SEVERITIES.map((value) => ({ value, label: t(`alarm.severity.${value}`) }));
export const alarmStateOptions = (t: TFunction) =>
  ALARM_STATES.map((value) => ({ value, label: t(`alarm.state.${value}`) }));

/** Where the alarm comes from: its device (linked), or for an EnPI alarm the EnPI (linked) and the month. */
export function AlarmSourceLink({ alarm: a, isFull = false }: { alarm: TAlarm; isFull?: boolean }) {
  const { t } = useTranslation();
  if (a.source === 'enpi')
    return (
      <Space size={4} wrap data-testid="alarm-source" data-source="enpi">
        <Tag color="green">{t('alarm.sourceKind.enpi')}</Tag>
        <Link to={`/energy/enpis/${a.sourceId}`}>{a.ruleName}</Link>
      </Space>
    );
  if (!a.deviceId) return <>—</>;
  return (
    <>
      <Link to={`/telemetry/devices/${a.deviceId}`}>
        {a.deviceCode ?? (isFull ? a.deviceId : a.deviceId.slice(0, 8))}
      </Link>
      {isFull && a.deviceName ? ` · ${a.deviceName}` : ''}
    </>
  );
}

/** The metric, or for an EnPI alarm the month it is about. */
export const alarmSubject = (a: TAlarm, t: TFunction) =>
  a.source === 'enpi'
    ? t('alarm.enpiMonth', { month: a.sourceKey })
    : (a.metricName ?? a.metricKey ?? a.metricId);

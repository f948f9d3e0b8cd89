import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ALARM_SEVERITIES, ALARM_STATES, type AlarmSeverity, type AlarmState } from '@greenmes/contracts';

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

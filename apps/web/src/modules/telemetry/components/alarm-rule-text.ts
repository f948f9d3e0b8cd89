import type { TFunction } from 'i18next';
import type { TAlarmRule } from '@greenmes/contracts';
import { formatNumber } from '../lib/format-value.ts';

/** "> 80 kW, deadband 2, for 30 s": a rule's condition in one line, for the rules table. */
export function describeCondition(rule: TAlarmRule, t: TFunction): string {
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v));
  const parts: string[] = [];
  switch (rule.type) {
    case 'high':
      parts.push(`> ${n(rule.threshold)}`);
      break;
    case 'low':
      parts.push(`< ${n(rule.threshold)}`);
      break;
    case 'rate_of_change':
      parts.push(t('alarmRule.text.rate', { rate: n(rule.ratePerMinute), window: rule.windowSeconds ?? 60 }));
      break;
    case 'state_equals':
      parts.push(`= ${rule.stateValue ?? '—'}`);
      break;
    case 'no_data':
      parts.push(t('alarmRule.text.noData', { minutes: rule.noDataMinutes ?? '—' }));
      break;
  }
  if (rule.type !== 'state_equals' && rule.type !== 'no_data' && rule.deadband > 0)
    parts.push(t('alarmRule.text.deadband', { value: n(rule.deadband) }));
  if (rule.type !== 'no_data' && rule.durationSeconds > 0)
    parts.push(t('alarmRule.text.duration', { seconds: rule.durationSeconds }));
  return parts.join(t('alarmRule.text.separator'));
}

export function describeTarget(rule: TAlarmRule, t: TFunction): string {
  if (rule.profileId)
    return t('alarmRule.text.profileTarget', {
      profile: rule.profileCode ?? '—',
      key: rule.metricKey ?? '—',
    });
  return `${rule.deviceCode ?? '—'} · ${rule.metricName ?? rule.metricId ?? '—'}`;
}

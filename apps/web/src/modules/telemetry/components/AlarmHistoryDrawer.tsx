import { Descriptions, Drawer, Skeleton, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlarmAction, TAlarmDetail } from '@greenmes/contracts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { useAlarmDetail } from '../hooks/use-alarm-queries.ts';
import { formatNumber } from '../lib/format-value.ts';
import { AlarmSourceLink, AlarmStateTag, SeverityTag, alarmSubject } from './alarm-tags.tsx';

const ACTION_COLORS: Record<AlarmAction, string> = {
  raise: 'red',
  acknowledge: 'orange',
  clear: 'green',
  shelve: 'gray',
  unshelve: 'blue',
};

export function alarmValue(value: number | null, unit: string | null): string {
  if (value === null) return '—';
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

function Events({ alarm }: { alarm: TAlarmDetail }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="alarm-events"
      items={alarm.events.map((e) => ({
        color: ACTION_COLORS[e.action],
        content: (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{t(`alarm.action.${e.action}`)}</Typography.Text>
            <Typography.Text type="secondary">
              {formatDateTime(e.at)}
              {e.userName ? ` · ${e.userName}` : ''}
              {e.value !== null ? ` · ${alarmValue(e.value, alarm.unitCode)}` : ''}
            </Typography.Text>
            {e.comment && <Typography.Text>{e.comment}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

/** One alarm with its whole history: raised, acknowledged, shelved, cleared — who, when and why. */
export function AlarmHistoryDrawer(props: { alarmId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useAlarmDetail(props.alarmId ?? undefined);
  const a = detail.data;
  return (
    <Drawer
      open={props.alarmId !== null}
      onClose={props.onClose}
      size={560}
      title={t('alarm.history')}
      destroyOnHidden
    >
      {detail.isLoading && <Skeleton active />}
      {detail.error && <Typography.Text type="danger">{errorMessage(detail.error, t)}</Typography.Text>}
      {a && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="alarm-history">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('alarm.rule')}>{a.ruleName}</Descriptions.Item>
            <Descriptions.Item label={t('alarm.severityLabel')}>
              <SeverityTag severity={a.severity} />
              <AlarmStateTag state={a.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t(a.source === 'enpi' ? 'alarm.source' : 'alarm.device')}>
              <AlarmSourceLink alarm={a} isFull />
            </Descriptions.Item>
            <Descriptions.Item label={t(a.source === 'enpi' ? 'alarm.month' : 'alarm.metric')}>
              {a.source === 'enpi' ? a.sourceKey : alarmSubject(a, t)}
            </Descriptions.Item>
            {a.message && <Descriptions.Item label={t('alarm.message')}>{a.message}</Descriptions.Item>}
            <Descriptions.Item label={t('alarm.raisedAt')}>{formatDateTime(a.raisedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('alarm.raiseValue')}>
              {a.raiseText ?? alarmValue(a.raiseValue, a.unitCode)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alarm.lastValue')}>
              {alarmValue(a.lastValue, a.unitCode)}
            </Descriptions.Item>
            {a.isShelved && (
              <Descriptions.Item label={t('alarm.shelvedUntil')}>
                {formatDateTime(a.shelvedUntil)} · {a.shelvedByName ?? ''} · {a.shelveReason ?? ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Events alarm={a} />
        </Space>
      )}
    </Drawer>
  );
}

import { useState } from 'react';
import { App, Button, DatePicker, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import { CheckOutlined, HistoryOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALARM_SOURCES, type TAlarm } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import {
  booleanFilterOptions,
  tablePagination,
  useListQueryState,
} from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime, formatFromNow } from '../../../shared/lib/format.ts';
import { alarmsApi, type AlarmFilters } from '../api/alarms-api.ts';
import {
  ALARM_POLL_MS,
  useAlarms,
  useAlarmSummary,
  useInvalidateAlarms,
  useLiveAlarms,
} from '../hooks/use-alarm-queries.ts';
import { AlarmActionModal, type AlarmAction } from '../components/AlarmActionModals.tsx';
import { AlarmHistoryDrawer, alarmValue } from '../components/AlarmHistoryDrawer.tsx';
import { AlarmSummaryBar } from '../components/AlarmSummaryBar.tsx';
import {
  AlarmSourceLink,
  AlarmStateTag,
  SeverityTag,
  alarmSubject,
  severityOptions,
} from '../components/alarm-tags.tsx';
import { LiveStatusTag } from '../components/LiveStatusTag.tsx';
import { optionSources } from '../components/telemetry-options.ts';

type StateFilter = NonNullable<AlarmFilters['state']> | 'all';

export function AlarmsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateAlarms();
  const canAck = useCan('telemetry.alarm.ack');
  const { query, setFilter, setPage } = useListQueryState<AlarmFilters>({ state: 'open' });
  const { isLive } = useLiveAlarms();
  const pollMs = isLive ? undefined : ALARM_POLL_MS;
  const list = useAlarms(query, { pollMs });
  const summary = useAlarmSummary({ pollMs });
  const [action, setAction] = useState<AlarmAction | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const unshelve = useMutation({
    mutationFn: (id: string) => alarmsApi.unshelve(id, {}),
    onSuccess: () => {
      void message.success(t('alarm.unshelved'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const filters = (
    <Space wrap>
      <Segmented<StateFilter>
        value={query.state ?? 'all'}
        onChange={(v) => setFilter('state', v === 'all' ? undefined : v)}
        options={(['open', 'active', 'acknowledged', 'cleared', 'all'] as const).map((value) => ({
          value,
          label: t(`alarm.stateFilter.${value}`),
        }))}
        data-testid="alarm-state-filter"
      />
      <Select
        allowClear
        placeholder={t('alarm.severityLabel')}
        options={severityOptions(t)}
        style={{ width: 130 }}
        value={query.severity}
        onChange={(v) => setFilter('severity', v)}
        data-testid="alarm-severity-filter"
      />
      <Select
        allowClear
        placeholder={t('alarm.source')}
        options={ALARM_SOURCES.map((value) => ({ value, label: t(`alarm.sourceKind.${value}`) }))}
        style={{ width: 130 }}
        value={query.source}
        onChange={(v) => setFilter('source', v)}
        data-testid="alarm-source-filter"
      />
      <RemoteSelect
        {...optionSources.devices}
        value={query.deviceId}
        onChange={(v) => setFilter('deviceId', v ?? undefined)}
        placeholder={t('alarm.device')}
        style={{ width: 220 }}
      />
      <Select
        allowClear
        placeholder={t('alarm.isShelved')}
        options={booleanFilterOptions(t)}
        style={{ width: 130 }}
        value={query.isShelved}
        onChange={(v) => setFilter('isShelved', v)}
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        placeholder={[t('alarm.raisedFrom'), t('alarm.raisedTo')]}
        onChange={(values) => {
          const [from, to] = values ?? [];
          setFilter('from', from?.toISOString());
          setFilter('to', to?.toISOString());
        }}
      />
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <AlarmSummaryBar
        summary={summary.data}
        severity={query.severity}
        onSeverity={(severity) => setFilter('severity', severity)}
      />
      <PageCard
        title={t('menu.alarms')}
        testId="alarms-page"
        filters={filters}
        extra={<LiveStatusTag isLive={isLive} />}
      >
        <Table<TAlarm>
          rowKey="id"
          data-testid="alarms-table"
          loading={list.isLoading || list.isPlaceholderData}
          dataSource={list.data?.items}
          scroll={{ x: 1200 }}
          pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
          locale={{ emptyText: t('alarm.empty') }}
          columns={[
            {
              title: t('alarm.severityLabel'),
              dataIndex: 'severity',
              width: 100,
              render: (_: unknown, a) => <SeverityTag severity={a.severity} />,
            },
            {
              title: t('common.status'),
              dataIndex: 'state',
              width: 130,
              render: (_: unknown, a) => (
                <Space size={4}>
                  <AlarmStateTag state={a.state} />
                  {a.isShelved && (
                    <Tooltip title={t('alarm.shelvedUntilAt', { at: formatDateTime(a.shelvedUntil) })}>
                      <PauseCircleOutlined style={{ color: '#8c8c8c' }} aria-label={t('alarm.isShelved')} />
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            {
              title: t('alarm.raisedAt'),
              dataIndex: 'raisedAt',
              width: 170,
              render: (at: string) => (
                <Tooltip title={formatFromNow(at)}>
                  <span>{formatDateTime(at)}</span>
                </Tooltip>
              ),
            },
            {
              title: t('alarm.deviceOrSource'),
              key: 'device',
              render: (_: unknown, a) => <AlarmSourceLink alarm={a} />,
            },
            {
              title: t('alarm.metric'),
              key: 'metric',
              render: (_: unknown, a) => alarmSubject(a, t),
            },
            {
              title: t('alarm.rule'),
              key: 'rule',
              render: (_: unknown, a) => (
                <Space orientation="vertical" size={0}>
                  {a.ruleName}
                  {a.message && <Typography.Text type="secondary">{a.message}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('alarm.raiseValue'),
              key: 'raiseValue',
              align: 'right',
              render: (_: unknown, a) => a.raiseText ?? alarmValue(a.raiseValue, a.unitCode),
            },
            {
              title: t('alarm.lastValue'),
              key: 'lastValue',
              align: 'right',
              render: (_: unknown, a) => alarmValue(a.lastValue, a.unitCode),
            },
            {
              title: t('alarm.acknowledgedBy'),
              key: 'ack',
              render: (_: unknown, a) =>
                a.acknowledgedAt ? (
                  <Tooltip title={a.ackComment}>
                    {a.acknowledgedByName ?? '—'} · {formatFromNow(a.acknowledgedAt)}
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              width: 200,
              render: (_: unknown, a) => (
                <Space size={0} wrap>
                  {canAck && a.state === 'active' && (
                    <Button
                      size="small"
                      type="link"
                      icon={<CheckOutlined />}
                      onClick={() => setAction({ kind: 'acknowledge', alarm: a })}
                      data-testid={`alarm-ack-${a.id}`}
                    >
                      {t('alarm.acknowledge')}
                    </Button>
                  )}
                  {canAck && a.state !== 'cleared' && !a.isShelved && (
                    <Button
                      size="small"
                      type="link"
                      icon={<PauseCircleOutlined />}
                      onClick={() => setAction({ kind: 'shelve', alarm: a })}
                      data-testid={`alarm-shelve-${a.id}`}
                    >
                      {t('alarm.shelve')}
                    </Button>
                  )}
                  {canAck && a.isShelved && (
                    <Button
                      size="small"
                      type="link"
                      icon={<PlayCircleOutlined />}
                      loading={unshelve.isPending && unshelve.variables === a.id}
                      onClick={() => unshelve.mutate(a.id)}
                    >
                      {t('alarm.unshelve')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    type="link"
                    icon={<HistoryOutlined />}
                    onClick={() => setHistoryOf(a.id)}
                    aria-label={t('alarm.history')}
                    title={t('alarm.history')}
                    data-testid={`alarm-history-${a.id}`}
                  />
                </Space>
              ),
            },
          ]}
        />
      </PageCard>
      <AlarmActionModal action={action} onClose={() => setAction(null)} />
      <AlarmHistoryDrawer alarmId={historyOf} onClose={() => setHistoryOf(null)} />
    </Space>
  );
}

import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Switch, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ALARM_RULE_TYPES, type TAlarmRule } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import {
  booleanFilterOptions,
  tablePagination,
  useListQueryState,
} from '../../../shared/hooks/use-list-query-state.ts';
import { alarmRulesApi, type AlarmRuleFilters } from '../api/alarms-api.ts';
import { useAlarmRules, useInvalidateAlarms } from '../hooks/use-alarm-queries.ts';
import { AlarmRuleFormDrawer } from '../components/AlarmRuleFormDrawer.tsx';
import { SeverityTag, severityOptions } from '../components/alarm-tags.tsx';
import { describeCondition, describeTarget } from '../components/alarm-rule-text.ts';

export function AlarmRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateAlarms();
  const canManage = useCan('telemetry.alarm.manage');
  const { query, setFilter, setPage } = useListQueryState<AlarmRuleFilters>({});
  const list = useAlarmRules(query);
  const [drawer, setDrawer] = useState<{ rule?: TAlarmRule } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => alarmRulesApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const toggle = useMutation({
    mutationFn: (rule: TAlarmRule) => alarmRulesApi.update(rule.id, { isEnabled: !rule.isEnabled }),
    onSuccess: () => void invalidate(),
    onError: (e) => notifyError(e),
  });

  const filters = (
    <Space wrap>
      <Input.Search
        allowClear
        placeholder={t('alarmRule.searchPlaceholder')}
        aria-label={t('alarmRule.searchPlaceholder')}
        onSearch={(q) => setFilter('q', q || undefined)}
        style={{ width: 220 }}
      />
      <Select
        allowClear
        placeholder={t('alarmRule.typeLabel')}
        options={ALARM_RULE_TYPES.map((value) => ({ value, label: t(`alarmRule.type.${value}`) }))}
        style={{ width: 150 }}
        value={query.type}
        onChange={(v) => setFilter('type', v)}
      />
      <Select
        allowClear
        placeholder={t('alarm.severityLabel')}
        options={severityOptions(t)}
        style={{ width: 130 }}
        value={query.severity}
        onChange={(v) => setFilter('severity', v)}
      />
      <Select
        allowClear
        placeholder={t('telemetry.isEnabled')}
        options={booleanFilterOptions(t)}
        style={{ width: 120 }}
        value={query.isEnabled}
        onChange={(v) => setFilter('isEnabled', v)}
      />
    </Space>
  );

  return (
    <PageCard
      title={t('menu.alarmRules')}
      testId="alarm-rules-page"
      filters={filters}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({})}
            data-testid="rule-create"
          >
            {t('alarmRule.create')}
          </Button>
        )
      }
    >
      <Table<TAlarmRule>
        rowKey="id"
        data-testid="alarm-rules-table"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 1000 }}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        locale={{ emptyText: t('alarmRule.empty') }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('alarmRule.target'),
            key: 'target',
            render: (_: unknown, r) =>
              r.deviceId ? (
                <Link to={`/telemetry/devices/${r.deviceId}`}>{describeTarget(r, t)}</Link>
              ) : (
                describeTarget(r, t)
              ),
          },
          {
            title: t('alarmRule.typeLabel'),
            dataIndex: 'type',
            render: (v: string) => t(`alarmRule.type.${v}`),
          },
          {
            title: t('alarmRule.condition'),
            key: 'condition',
            render: (_: unknown, r) => <Typography.Text code>{describeCondition(r, t)}</Typography.Text>,
          },
          {
            title: t('alarm.severityLabel'),
            dataIndex: 'severity',
            render: (_: unknown, r) => <SeverityTag severity={r.severity} />,
          },
          { title: t('alarmRule.openAlarms'), dataIndex: 'openAlarms', align: 'right' },
          {
            title: t('telemetry.isEnabled'),
            dataIndex: 'isEnabled',
            render: (_: unknown, r) => (
              <Switch
                size="small"
                checked={r.isEnabled}
                disabled={!canManage}
                loading={toggle.isPending && toggle.variables?.id === r.id}
                onChange={() => toggle.mutate(r)}
                aria-label={t('telemetry.isEnabled')}
              />
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, r: TAlarmRule) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setDrawer({ rule: r })}
                      />
                      <Popconfirm
                        title={t('alarmRule.confirmDelete', { name: r.name })}
                        onConfirm={() => remove.mutate(r.id)}
                      >
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AlarmRuleFormDrawer open={drawer !== null} rule={drawer?.rule} onClose={() => setDrawer(null)} />
    </PageCard>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Input, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COUNTER_MODES, type TCounterConfigRow, type TSaveCounterConfig } from '@greenmes/contracts';
import { settingsApi } from '../../platform/api/platform-api.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useInvalidatePlatform, useSettings } from '../../platform/hooks/use-platform-queries.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { wipApi, wipKeys } from '../api/wip-api.ts';

type Draft = { metricId?: number; partsPerCount: string; mode: TSaveCounterConfig['mode'] };

const draftOf = (row: TCounterConfigRow): Draft => ({
  metricId: row.config?.metricId ?? row.metrics[0]?.metricId,
  partsPerCount: row.config?.partsPerCount ?? '1',
  mode: row.config?.mode ?? 'propose',
});

/** 计数器报工设置: per equipment, the part counter, parts per count and mode the terminal proposes reports from. */
export function CounterConfigPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('production.workorder.manage');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const canSet = useCan('platform.setting.manage');
  const settings = useSettings();
  const invalidateSettings = useInvalidatePlatform();
  const transfers = useMutation({
    mutationFn: (explicitOperationTransfers: boolean) => settingsApi.update({ explicitOperationTransfers }),
    onSuccess: () => {
      void message.success(t('counterConfig.saved'));
      void invalidateSettings();
      void client.invalidateQueries({ queryKey: wipKeys.board });
      void client.invalidateQueries({ queryKey: wipKeys.transfers });
    },
    onError: (e) => notifyError(e),
  });
  const list = useQuery({ queryKey: wipKeys.configs, queryFn: ({ signal }) => wipApi.configs(signal) });
  const done = (key: 'counterConfig.saved' | 'counterConfig.removed', equipmentId: string) => {
    void message.success(t(key));
    setDrafts(({ [equipmentId]: _, ...rest }) => rest);
    void client.invalidateQueries({ queryKey: wipKeys.configs });
    void client.invalidateQueries({ queryKey: wipKeys.proposal });
  };
  const save = useMutation({
    mutationFn: (o: { equipmentId: string; draft: Draft }) =>
      wipApi.saveConfig(o.equipmentId, {
        metricId: o.draft.metricId!,
        partsPerCount: o.draft.partsPerCount,
        mode: o.draft.mode,
      }),
    onSuccess: (_, o) => done('counterConfig.saved', o.equipmentId),
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (equipmentId: string) => wipApi.deleteConfig(equipmentId),
    onSuccess: (_, equipmentId) => done('counterConfig.removed', equipmentId),
    onError: (e) => notifyError(e),
  });
  const draft = (row: TCounterConfigRow) => drafts[row.equipmentId] ?? draftOf(row);
  const edit = (row: TCounterConfigRow, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [row.equipmentId]: { ...draft(row), ...patch } }));

  return (
    <PageCard title={t('counterConfig.title')} testId="counter-config-page">
      <Space style={{ marginBottom: 16 }}>
        <strong>{t('counterConfig.explicitTransfers')}</strong>
        <Switch
          checked={settings.data?.explicitOperationTransfers ?? false}
          disabled={!canSet || !settings.data}
          loading={transfers.isPending}
          onChange={(v) => transfers.mutate(v)}
          data-testid="explicit-transfers"
        />
        <span>{t('counterConfig.explicitTransfersHint')}</span>
      </Space>
      <Alert type="info" showIcon title={t('counterConfig.hint')} style={{ marginBottom: 16 }} />
      <Table<TCounterConfigRow>
        rowKey="equipmentId"
        loading={list.isPending}
        dataSource={list.data}
        pagination={false}
        locale={{ emptyText: t('counterConfig.empty') }}
        columns={[
          {
            title: t('counterConfig.equipment'),
            render: (_, r) => `${r.equipmentCode} ${r.equipmentName}`,
          },
          { title: t('counterConfig.node'), render: (_, r) => `${r.nodeCode} ${r.nodeName}` },
          {
            title: t('counterConfig.metric'),
            width: 240,
            render: (_, r) => (
              <Select
                style={{ width: '100%' }}
                disabled={!canManage}
                value={draft(r).metricId}
                options={r.metrics.map((m) => ({
                  value: m.metricId,
                  label: `${m.deviceCode}.${m.key} ${m.name}`,
                }))}
                onChange={(metricId: number) => edit(r, { metricId })}
              />
            ),
          },
          {
            title: t('counterConfig.partsPerCount'),
            width: 140,
            render: (_, r) => (
              <Input
                disabled={!canManage}
                value={draft(r).partsPerCount}
                onChange={(e) => edit(r, { partsPerCount: e.target.value })}
              />
            ),
          },
          {
            title: t('counterConfig.mode'),
            width: 130,
            render: (_, r) => (
              <Select
                style={{ width: '100%' }}
                disabled={!canManage}
                value={draft(r).mode}
                options={COUNTER_MODES.map((m) => ({ value: m, label: t(`counterConfig.modes.${m}`) }))}
                onChange={(mode: Draft['mode']) => edit(r, { mode })}
              />
            ),
          },
          {
            title: '',
            width: 200,
            render: (_, r) => (
              <Space>
                {!r.config && <Tag>{t('counterConfig.notConfigured')}</Tag>}
                {canManage && (
                  <Button
                    type="primary"
                    disabled={draft(r).metricId === undefined}
                    loading={save.isPending && save.variables?.equipmentId === r.equipmentId}
                    onClick={() => save.mutate({ equipmentId: r.equipmentId, draft: draft(r) })}
                  >
                    {t('counterConfig.save')}
                  </Button>
                )}
                {canManage && r.config && (
                  <Popconfirm
                    title={t('counterConfig.remove')}
                    onConfirm={() => remove.mutate(r.equipmentId)}
                  >
                    <Button danger>{t('counterConfig.remove')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </PageCard>
  );
}

import { useMemo, useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Spin, Table, Tag, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { TEquipment } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import {
  booleanFilterOptions,
  tablePagination,
  useListQueryState,
} from '../../../shared/hooks/use-list-query-state.ts';
import { equipmentApi, type EquipmentFilters } from '../api/equipment-api.ts';
import { useEquipmentList, useInvalidateModeling, usePlantTree } from '../hooks/use-modeling-queries.ts';
import { EquipmentFormDrawer } from '../components/EquipmentFormDrawer.tsx';
import { PlantNodeTreeSelect } from '../components/PlantNodeTreeSelect.tsx';
import { EquipmentIcon } from '../components/plant-icons.tsx';
import { categoryOptions, statusOptions } from '../components/equipment-options.ts';
import {
  EquipmentLiveDrawer,
  EquipmentStateTag,
  LiveStatusTag,
  useEquipmentStates,
} from '../../telemetry/index.ts';

export function EquipmentPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const canManage = useCan('modeling.equipment.manage');
  // ?q= lets other pages (the energy tables) open the register narrowed to one code
  const [searchParams] = useSearchParams();
  const initialQ = searchParams.get('q') ?? undefined;
  const { query, setFilter, setPage } = useListQueryState<EquipmentFilters>({ q: initialQ });
  const list = useEquipmentList(query);
  const tree = usePlantTree();
  const nodeName = (id: string) => tree.data?.nodes.find((n) => n.id === id)?.name ?? '—';
  const [drawer, setDrawer] = useState<{ equipment?: TEquipment } | null>(null);
  const canReadData = useCan('telemetry.data.read');
  const pageIds = useMemo(() => (list.data?.items ?? []).map((e) => e.id), [list.data]);
  const states = useEquipmentStates(pageIds, { enabled: canReadData });
  const [liveOf, setLiveOf] = useState<TEquipment | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => equipmentApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const filters = (
    <Space wrap>
      <Input.Search
        allowClear
        defaultValue={initialQ}
        placeholder={t('equipment.searchPlaceholder')}
        aria-label={t('equipment.searchPlaceholder')}
        data-testid="equipment-search"
        onSearch={(q) => setFilter('q', q || undefined)}
        style={{ width: 240 }}
      />
      <div style={{ width: 220 }}>
        <PlantNodeTreeSelect
          value={query.nodeId}
          onChange={(v) => setFilter('nodeId', (v as string | null) ?? undefined)}
        />
      </div>
      <Select
        allowClear
        placeholder={t('equipment.categoryLabel')}
        options={categoryOptions(t)}
        style={{ width: 160 }}
        value={query.category}
        onChange={(v) => setFilter('category', v)}
      />
      <Select
        allowClear
        placeholder={t('equipment.statusLabel')}
        options={statusOptions(t)}
        style={{ width: 140 }}
        value={query.status}
        onChange={(v) => setFilter('status', v)}
      />
      <Select
        allowClear
        placeholder={t('equipment.isKeyEnergyConsumer')}
        options={booleanFilterOptions(t)}
        style={{ width: 170 }}
        value={query.isKeyEnergyConsumer}
        onChange={(v) => setFilter('isKeyEnergyConsumer', v)}
      />
      <Select
        allowClear
        placeholder={t('equipment.isEliminatedModel')}
        options={booleanFilterOptions(t)}
        style={{ width: 170 }}
        value={query.isEliminatedModel}
        onChange={(v) => setFilter('isEliminatedModel', v)}
      />
    </Space>
  );

  return (
    <PageCard
      title={t('menu.equipment')}
      testId="equipment-page"
      filters={filters}
      extra={
        <Space wrap>
          {canReadData && pageIds.length > 0 && <LiveStatusTag isLive={states.isLive} />}
          <ExcelImportExport
            testIdPrefix="equipment"
            canImport={canManage}
            exportXlsx={() => equipmentApi.exportXlsx(query)}
            downloadTemplate={equipmentApi.template}
            importXlsx={equipmentApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({})}
              data-testid="equipment-create"
            >
              {t('equipment.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TEquipment>
        rowKey="id"
        data-testid="equipment-table"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 1300 }}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('common.code'), dataIndex: 'code', width: 140, fixed: 'left' },
          {
            title: t('common.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Space>
                <EquipmentIcon status={row.status} />
                {name}
              </Space>
            ),
          },
          ...(canReadData
            ? [
                {
                  title: t('equipmentLive.column'),
                  key: 'liveState',
                  width: 190,
                  render: (_: unknown, row: TEquipment) => (
                    <Space size={4} data-testid={`equipment-live-${row.code}`}>
                      {states.isLoading ? (
                        <Spin size="small" />
                      ) : states.error ? (
                        <Tooltip title={t('equipmentLive.loadFailed')}>
                          <Tag>—</Tag>
                        </Tooltip>
                      ) : (
                        <EquipmentStateTag state={states.byEquipment.get(row.id)} />
                      )}
                      <Tooltip title={t('equipmentLive.open', { name: row.name })}>
                        <Button
                          size="small"
                          type="link"
                          icon={<LineChartOutlined />}
                          aria-label={t('equipmentLive.open', { name: row.name })}
                          onClick={() => setLiveOf(row)}
                        />
                      </Tooltip>
                    </Space>
                  ),
                },
              ]
            : []),
          { title: t('equipment.node'), dataIndex: 'nodeId', render: nodeName },
          {
            title: t('equipment.categoryLabel'),
            dataIndex: 'category',
            render: (c: string) => t(`equipment.category.${c}`),
          },
          {
            title: t('equipment.ratedPowerKw'),
            dataIndex: 'ratedPowerKw',
            align: 'right',
            render: (p: string | null) => p ?? '—',
          },
          {
            title: t('equipment.statusLabel'),
            dataIndex: 'status',
            render: (s: string) => t(`equipment.status.${s}`),
          },
          {
            title: t('equipment.flags'),
            key: 'flags',
            render: (_: unknown, row) => (
              <Space size={4} wrap>
                {row.isKeyEnergyConsumer && <Tag color="orange">{t('equipment.keyConsumerTag')}</Tag>}
                {row.isEliminatedModel && (
                  <Tag color="red">{t('equipment.eliminatedTag', { date: row.phaseOutDate ?? '—' })}</Tag>
                )}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 120,
                  fixed: 'right' as const,
                  render: (_: unknown, row: TEquipment) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setDrawer({ equipment: row })}
                      />
                      <Popconfirm
                        title={t('common.confirmDelete', { name: row.name })}
                        onConfirm={() => remove.mutate(row.id)}
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
      <EquipmentLiveDrawer equipment={liveOf} onClose={() => setLiveOf(null)} />
      <EquipmentFormDrawer
        open={drawer !== null}
        equipment={drawer?.equipment}
        onClose={() => setDrawer(null)}
      />
    </PageCard>
  );
}

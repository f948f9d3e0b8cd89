import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { CopyOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  DEFINITION_STATUSES,
  DEFINITION_TRANSITIONS,
  type DefinitionStatus,
  type TRouting,
  type TRoutingSummary,
} from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { routingsApi, type RoutingFilters } from '../api/production-api.ts';
import {
  productionKeys,
  searchMaterials,
  useInvalidate,
  useRoutings,
  useWorkCenterOptions,
} from '../hooks/use-production-queries.ts';
import { RoutingDrawer } from '../components/RoutingDrawer.tsx';
import { CopyVersionButton } from '../components/CopyVersionButton.tsx';
import { STATUS_COLOR } from '../lib/status.ts';

/** 工艺路线: routing versions per product, their operations on work centers, and Excel. */
export function RoutingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('production.routing.manage');
  const workCenters = useWorkCenterOptions();
  const { query, setFilter, setPage } = useListQueryState<RoutingFilters>({});
  const list = useRoutings(query);
  const invalidate = useInvalidate(productionKeys.routings);
  const [editing, setEditing] = useState<{ routing?: TRouting } | null>(null);
  const open = useMutation({
    mutationFn: (id: string) => routingsApi.get(id),
    onSuccess: (routing) => setEditing({ routing }),
    onError: (e) => notifyError(e),
  });
  const move = useMutation({
    mutationFn: (o: { id: string; status: DefinitionStatus }) => routingsApi.transition(o.id, o.status),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => routingsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('production.routing.title')}
      testId="routings-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('production.search')}
            aria-label={t('production.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 260 }}
          />
          <RemoteSelect
            queryKey={['production', 'material-options']}
            search={searchMaterials}
            placeholder={t('production.product')}
            value={query.productId}
            onChange={(v) => setFilter('productId', v ?? undefined)}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('production.statusLabel')}
            options={DEFINITION_STATUSES.map((s) => ({ value: s, label: t(`production.status.${s}`) }))}
            style={{ width: 120 }}
            value={query.status}
            onChange={(v) => setFilter('status', v)}
          />
          <Select
            allowClear
            placeholder={t('production.routing.workCenter')}
            options={workCenters}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 260 }}
            value={query.workCenterId}
            onChange={(v) => setFilter('workCenterId', v)}
          />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="routings"
            canImport={canManage}
            exportXlsx={() => routingsApi.exportXlsx(query)}
            downloadTemplate={routingsApi.template}
            importXlsx={routingsApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('production.routing.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TRoutingSummary>
        data-testid="routings-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1100 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          {
            title: t('production.product'),
            fixed: 'left',
            width: 280,
            render: (_, r) => `${r.productCode} ${r.productName}`,
          },
          { title: t('production.version'), dataIndex: 'version', width: 80 },
          {
            title: t('production.statusLabel'),
            dataIndex: 'status',
            width: 80,
            render: (s: DefinitionStatus) => <Tag color={STATUS_COLOR[s]}>{t(`production.status.${s}`)}</Tag>,
          },
          {
            title: t('production.effectivePeriod'),
            width: 210,
            render: (_, r) => `${r.effectiveFrom} ~ ${r.effectiveTo ?? t('production.openEnded')}`,
          },
          {
            title: t('production.routing.operationCount'),
            dataIndex: 'operationCount',
            align: 'right',
            width: 80,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 240,
            render: (_, r) => (
              <Space size={0} wrap>
                <Button
                  size="small"
                  type="link"
                  icon={canManage && r.status === 'draft' ? <EditOutlined /> : <EyeOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => open.mutate(r.id)}
                  data-testid={`routing-open-${r.productCode}-${r.version}`}
                />
                {canManage &&
                  DEFINITION_TRANSITIONS[r.status].map((status) => (
                    <Popconfirm
                      key={status}
                      title={t('production.confirmTransition', {
                        product: r.productCode,
                        version: r.version,
                        status: t(`production.status.${status}`),
                      })}
                      onConfirm={() => move.mutate({ id: r.id, status })}
                    >
                      <Button size="small" type="link" danger={status === 'obsolete'}>
                        {t(`production.action.${status}`)}
                      </Button>
                    </Popconfirm>
                  ))}
                {canManage && (
                  <CopyVersionButton
                    icon={<CopyOutlined />}
                    onCopy={(version) => routingsApi.copy(r.id, version)}
                    onCopied={() => void invalidate()}
                  />
                )}
                {canManage && r.status === 'draft' && (
                  <Popconfirm
                    title={t('common.confirmDelete', { name: `${r.productCode} ${r.version}` })}
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
                )}
              </Space>
            ),
          },
        ]}
      />
      <RoutingDrawer
        open={editing !== null}
        routing={editing?.routing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void invalidate();
        }}
      />
    </PageCard>
  );
}

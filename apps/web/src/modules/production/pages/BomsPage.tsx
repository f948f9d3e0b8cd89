import { useState } from 'react';
import { App, Button, DatePicker, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import {
  ApartmentOutlined,
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  DEFINITION_STATUSES,
  DEFINITION_TRANSITIONS,
  type DefinitionStatus,
  type TBom,
  type TBomSummary,
} from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { bomsApi, type BomFilters } from '../api/production-api.ts';
import { productionKeys, searchMaterials, useBoms, useInvalidate } from '../hooks/use-production-queries.ts';
import { BomDrawer } from '../components/BomDrawer.tsx';
import { ExplosionDrawer } from '../components/ExplosionDrawer.tsx';
import { CopyVersionButton } from '../components/CopyVersionButton.tsx';
import { STATUS_COLOR } from '../lib/status.ts';

/** 物料清单: BOM versions per product, their lifecycle, the explosion, and Excel. */
export function BomsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('production.bom.manage');
  const { query, setFilter, setPage } = useListQueryState<BomFilters>({});
  const list = useBoms(query);
  const invalidate = useInvalidate(productionKeys.boms);
  const [editing, setEditing] = useState<{ bom?: TBom } | null>(null);
  const [exploding, setExploding] = useState<TBomSummary | null>(null);
  const done = () => {
    void message.success(t('common.saved'));
    void invalidate();
  };
  const open = useMutation({
    mutationFn: (id: string) => bomsApi.get(id),
    onSuccess: (bom) => setEditing({ bom }),
    onError: (e) => notifyError(e),
  });
  const move = useMutation({
    mutationFn: (o: { id: string; status: DefinitionStatus }) => bomsApi.transition(o.id, o.status),
    onSuccess: done,
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => bomsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('production.bom.title')}
      testId="boms-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('production.search')}
            aria-label={t('production.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 260 }}
            data-testid="bom-search"
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
          <DatePicker
            placeholder={t('production.effectiveOn')}
            onChange={(d) => setFilter('effectiveOn', d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="boms"
            canImport={canManage}
            exportXlsx={() => bomsApi.exportXlsx(query)}
            downloadTemplate={bomsApi.template}
            importXlsx={bomsApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="bom-create"
            >
              {t('production.bom.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TBomSummary>
        data-testid="boms-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1200 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          {
            title: t('production.product'),
            fixed: 'left',
            width: 280,
            render: (_, b) => `${b.productCode} ${b.productName}`,
          },
          {
            title: t('material.typeLabel'),
            dataIndex: 'productType',
            width: 90,
            render: (v: string) => t(`material.type.${v}`),
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
            render: (_, b) => `${b.effectiveFrom} ~ ${b.effectiveTo ?? t('production.openEnded')}`,
          },
          {
            title: t('production.bom.baseQuantity'),
            align: 'right',
            width: 100,
            render: (_, b) => `${b.baseQuantity} ${b.productUnitCode}`,
          },
          { title: t('production.bom.lineCount'), dataIndex: 'lineCount', align: 'right', width: 70 },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 300,
            render: (_, b) => (
              <Space size={0} wrap>
                <Button
                  size="small"
                  type="link"
                  icon={<ApartmentOutlined />}
                  onClick={() => setExploding(b)}
                  data-testid={`bom-explode-${b.productCode}-${b.version}`}
                >
                  {t('production.bom.explode')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  icon={canManage && b.status === 'draft' ? <EditOutlined /> : <EyeOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => open.mutate(b.id)}
                  data-testid={`bom-open-${b.productCode}-${b.version}`}
                />
                {canManage &&
                  DEFINITION_TRANSITIONS[b.status].map((status) => (
                    <Popconfirm
                      key={status}
                      title={t('production.confirmTransition', {
                        product: b.productCode,
                        version: b.version,
                        status: t(`production.status.${status}`),
                      })}
                      onConfirm={() => move.mutate({ id: b.id, status })}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger={status === 'obsolete'}
                        data-testid={`bom-${status}`}
                      >
                        {t(`production.action.${status}`)}
                      </Button>
                    </Popconfirm>
                  ))}
                {canManage && (
                  <CopyVersionButton
                    icon={<CopyOutlined />}
                    onCopy={(version) => bomsApi.copy(b.id, version)}
                    onCopied={() => void invalidate()}
                  />
                )}
                {canManage && b.status === 'draft' && (
                  <Popconfirm
                    title={t('common.confirmDelete', { name: `${b.productCode} ${b.version}` })}
                    onConfirm={() => remove.mutate(b.id)}
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
      <BomDrawer
        open={editing !== null}
        bom={editing?.bom}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void invalidate();
        }}
      />
      <ExplosionDrawer bom={exploding} onClose={() => setExploding(null)} />
    </PageCard>
  );
}

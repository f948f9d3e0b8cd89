import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LOT_ORIGINS, LOT_STATUSES, type TLot } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { searchMaterials } from '../../production/hooks/use-production-queries.ts';
import { lotKeys, lotsApi, type LotFilters } from '../api/lots-api.ts';
import { LOT_STATUS_COLOR, LotDrawer } from '../components/LotDrawer.tsx';
import { ReceiveLotModal } from '../components/ReceiveLotModal.tsx';

/** 批次: received and produced lots — search, filters, receipt, Excel, and each lot's moves. */
export function LotsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canManage = useCan('inventory.lot.manage');
  const { query, setFilter, setPage } = useListQueryState<LotFilters>({});
  const list = useQuery({
    queryKey: [...lotKeys.all, 'list', query],
    queryFn: ({ signal }) => lotsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const [receiving, setReceiving] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const invalidate = () => client.invalidateQueries({ queryKey: lotKeys.all });

  return (
    <PageCard
      title={t('lots.title')}
      testId="lots-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('lots.search')}
            aria-label={t('lots.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 260 }}
            data-testid="lot-search"
          />
          <RemoteSelect
            queryKey={['production', 'material-options']}
            search={searchMaterials}
            placeholder={t('lots.material')}
            value={query.materialId}
            onChange={(v) => setFilter('materialId', v ?? undefined)}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            placeholder={t('lots.originLabel')}
            style={{ width: 130 }}
            value={query.origin}
            onChange={(v) => setFilter('origin', v)}
            options={LOT_ORIGINS.map((o) => ({ value: o, label: t(`lots.origin.${o}`) }))}
          />
          <Select
            allowClear
            placeholder={t('lots.statusLabel')}
            style={{ width: 130 }}
            value={query.status}
            onChange={(v) => setFilter('status', v)}
            options={LOT_STATUSES.map((s) => ({ value: s, label: t(`lots.status.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('lots.inStock')}
            style={{ width: 120 }}
            value={query.inStock}
            onChange={(v) => setFilter('inStock', v)}
            options={[
              { value: 'true', label: t('lots.inStockYes') },
              { value: 'false', label: t('lots.inStockNo') },
            ]}
          />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="lots"
            canImport={canManage}
            exportXlsx={() => lotsApi.exportXlsx(query)}
            downloadTemplate={lotsApi.template}
            importXlsx={lotsApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setReceiving(true)}
              data-testid="lot-receive"
            >
              {t('lots.receive')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TLot>
        data-testid="lots-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1200 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: t('lots.empty') }}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          {
            title: t('lots.lotNumber'),
            fixed: 'left',
            width: 190,
            render: (_, l) => (
              <Button
                type="link"
                size="small"
                onClick={() => setOpenId(l.id)}
                data-testid={`lot-open-${l.lotNumber}`}
              >
                {l.lotNumber}
              </Button>
            ),
          },
          { title: t('lots.material'), width: 220, render: (_, l) => `${l.materialCode} ${l.materialName}` },
          {
            title: t('lots.onHand'),
            width: 120,
            align: 'right',
            render: (_, l) => `${l.quantity} ${l.unitCode}`,
          },
          {
            title: t('lots.originLabel'),
            width: 100,
            render: (_, l) => (
              <Tag color={l.origin === 'produced' ? 'purple' : 'blue'}>{t(`lots.origin.${l.origin}`)}</Tag>
            ),
          },
          {
            title: `${t('lots.supplier')} / ${t('lots.workOrder')}`,
            width: 200,
            render: (_, l) =>
              l.workOrderId ? (
                <Link to={`/production/work-orders/${l.workOrderId}`}>{l.workOrderNumber}</Link>
              ) : (
                [l.supplier, l.supplierLot].filter(Boolean).join(' · ') || '—'
              ),
          },
          { title: t('lots.originAt'), width: 160, render: (_, l) => formatDateTime(l.originAt) },
          {
            title: t('lots.statusLabel'),
            width: 100,
            render: (_, l) => <Tag color={LOT_STATUS_COLOR[l.status]}>{t(`lots.status.${l.status}`)}</Tag>,
          },
          { title: t('lots.serialCount'), dataIndex: 'serialCount', width: 90, align: 'right' },
          {
            title: t('common.actions'),
            width: 90,
            render: (_, l) => (
              <Link
                to={`/production/genealogy?lotId=${l.id}&direction=${l.origin === 'produced' ? 'backward' : 'forward'}`}
              >
                {t('lots.trace')}
              </Link>
            ),
          },
        ]}
      />
      <ReceiveLotModal
        open={receiving}
        onClose={() => setReceiving(false)}
        onReceived={() => {
          setReceiving(false);
          void invalidate();
        }}
      />
      <LotDrawer
        lotId={openId}
        canManage={canManage}
        onClose={() => setOpenId(null)}
        onChanged={() => void invalidate()}
      />
    </PageCard>
  );
}

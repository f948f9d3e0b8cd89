import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Popconfirm, Row, Select, Space, Statistic, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TEconomicMonth } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../../shared/hooks/use-list-query-state.ts';
import { economicsApi, type EconomicsFilters } from '../api/ledgers-api.ts';
import {
  ledgerKeys,
  useEconomicMonths,
  useEconomicsSummary,
  useInvalidateLedger,
} from '../hooks/use-ledger-queries.ts';
import { usePlantOptions } from '../hooks/use-ledger-options.ts';
import { EconomicMonthDrawer } from '../components/EconomicMonthDrawer.tsx';

const thisYear = () => dayjs().year();

/** 经济指标: a site's monthly output value, value added and product output, the intensity denominators. */
export function EconomicsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('energy.economics.manage');
  const { sites } = usePlantOptions();
  const { query, setFilter, setPage } = useListQueryState<EconomicsFilters>({});
  const list = useEconomicMonths(query);
  const invalidate = useInvalidateLedger(ledgerKeys.economics);
  const [editing, setEditing] = useState<{ month?: TEconomicMonth } | null>(null);

  // the totals cover the filtered range; with no range, the chosen year (or this one)
  const year = query.year ?? thisYear();
  const summary = useEconomicsSummary({
    from: query.from ?? `${year}-01`,
    to: query.to ?? `${year}-12`,
    siteIds: query.siteId,
  });
  const remove = useMutation({
    mutationFn: (m: TEconomicMonth) => economicsApi.delete(m.siteId, m.month),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const years = Array.from({ length: 8 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: y }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={t('menu.energyEconomics')}
        testId="economics-page"
        filters={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('ledgers.economics.site')}
              options={sites}
              style={{ width: 240 }}
              value={query.siteId}
              onChange={(v) => setFilter('siteId', v)}
            />
            <Select
              allowClear
              placeholder={t('ledgers.economics.year')}
              options={years}
              style={{ width: 120 }}
              value={query.year}
              onChange={(v) => setFilter('year', v)}
            />
            <DatePicker.RangePicker
              picker="month"
              aria-label={t('ledgers.economics.range')}
              onChange={(range) => {
                setFilter('from', range?.[0]?.format('YYYY-MM'));
                setFilter('to', range?.[1]?.format('YYYY-MM'));
              }}
            />
          </Space>
        }
        extra={
          <Space wrap>
            <ExcelImportExport
              testIdPrefix="economics"
              canImport={canManage}
              exportXlsx={() => economicsApi.exportXlsx(query)}
              downloadTemplate={economicsApi.template}
              importXlsx={economicsApi.importXlsx}
              onImported={() => void invalidate()}
            />
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({})}
                data-testid="economics-create"
              >
                {t('ledgers.economics.create')}
              </Button>
            )}
          </Space>
        }
      >
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('ledgers.economics.grossOutputValueShort')}
                value={summary.data?.grossOutputValue ?? '—'}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('ledgers.economics.valueAdded')} value={summary.data?.valueAdded ?? '—'} />
            </Card>
          </Col>
          <Col xs={12} md={4}>
            <Card size="small">
              <Statistic
                title={t('ledgers.economics.monthsReported')}
                value={summary.data?.monthsReported ?? '—'}
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card
              size="small"
              title={`${t('ledgers.economics.products')} ${summary.data?.from ?? ''} ~ ${summary.data?.to ?? ''}`}
            >
              {(summary.data?.products ?? []).map((p) => (
                <div key={p.materialId}>
                  {p.materialName}: {p.quantity} {p.unitCode}
                </div>
              ))}
            </Card>
          </Col>
        </Row>
        <Table<TEconomicMonth>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
          expandable={{
            rowExpandable: (m) => m.products.length > 0,
            expandedRowRender: (m) => (
              <Table
                size="small"
                rowKey="materialId"
                pagination={false}
                dataSource={m.products}
                columns={[
                  {
                    title: t('ledgers.economics.product'),
                    render: (_, p) => `${p.materialCode} ${p.materialName}`,
                  },
                  { title: t('ledgers.economics.quantity'), dataIndex: 'quantity', align: 'right' },
                  {
                    title: t('ledgers.economics.qualifiedQuantity'),
                    dataIndex: 'qualifiedQuantity',
                    align: 'right',
                    render: (v: string | null) => v ?? '—',
                  },
                  { title: t('ledgers.economics.unit'), dataIndex: 'unitCode' },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('ledgers.economics.site'), render: (_, m) => `${m.siteCode} ${m.siteName}` },
            { title: t('ledgers.economics.month'), dataIndex: 'month' },
            {
              title: t('ledgers.economics.grossOutputValueShort'),
              dataIndex: 'grossOutputValue',
              align: 'right',
            },
            { title: t('ledgers.economics.valueAdded'), dataIndex: 'valueAdded', align: 'right' },
            {
              title: t('ledgers.economics.products'),
              render: (_, m) =>
                m.products.length
                  ? m.products.map((p) => `${p.materialCode} ${p.quantity}`).join('、')
                  : t('ledgers.economics.noProducts'),
              ellipsis: true,
            },
            { title: t('ledgers.economics.updatedBy'), dataIndex: 'updatedBy' },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, m: TEconomicMonth) => (
                      <Space>
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing({ month: m })}
                        />
                        <Popconfirm
                          title={t('ledgers.economics.deleteConfirm', { site: m.siteCode, month: m.month })}
                          onConfirm={() => remove.mutate(m)}
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
      </PageCard>
      <EconomicMonthDrawer
        open={editing !== null}
        month={editing?.month}
        onClose={() => setEditing(null)}
        onSaved={() => void invalidate()}
      />
    </Space>
  );
}

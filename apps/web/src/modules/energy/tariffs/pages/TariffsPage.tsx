import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ENERGY_MEDIA, type TTariffPlan } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../../shared/hooks/use-list-query-state.ts';
import { tariffsApi, type TariffFilters } from '../api/tariffs-api.ts';
import { PeriodBar } from '../components/PeriodBar.tsx';
import { TariffPlanModal } from '../components/TariffPlanModal.tsx';
import { CostCalculator } from '../components/CostCalculator.tsx';

/** 电价与费用: the tariff plans and the cost calculator. */
export function TariffsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('plans');
  return (
    <PageCard title={t('tariff.title')} testId="tariffs-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'plans', label: t('tariff.tabPlans'), children: <PlanList /> },
          { key: 'calculator', label: t('tariff.tabCalculator'), children: <CostCalculator /> },
        ]}
      />
    </PageCard>
  );
}

function PlanList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('energy.tariff.manage');
  const { query, setFilter, setPage } = useListQueryState<TariffFilters>({});
  const list = useQuery({
    queryKey: ['energy', 'tariffs', 'list', query],
    queryFn: ({ signal }) => tariffsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => void client.invalidateQueries({ queryKey: ['energy', 'tariffs'] });
  const [editing, setEditing] = useState<{ plan?: TTariffPlan } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => tariffsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('tariff.searchPlaceholder')}
            aria-label={t('tariff.searchPlaceholder')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 240 }}
            data-testid="tariff-search"
          />
          <Select
            allowClear
            placeholder={t('tariff.medium')}
            style={{ width: 150 }}
            value={query.medium}
            onChange={(v) => setFilter('medium', v)}
            options={ENERGY_MEDIA.map((m) => ({ value: m, label: t(`energy.medium.${m}`) }))}
          />
          <Input
            type="date"
            aria-label={t('tariff.onDate')}
            title={t('tariff.onDate')}
            style={{ width: 160 }}
            onChange={(e) => setFilter('on', e.target.value || undefined)}
          />
        </Space>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void tariffsApi.exportXlsx(query).catch(notifyError)}
            data-testid="tariffs-export"
          >
            {t('excel.export')}
          </Button>
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="tariff-create"
            >
              {t('tariff.create')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<TTariffPlan>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        expandable={{
          rowExpandable: (p) => p.pricing === 'tou',
          expandedRowRender: (p) => (
            <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }}>
              {p.seasons.map((s) => (
                <div key={s.name}>
                  <div style={{ marginBottom: 4 }}>
                    {s.name}（{s.months.map((m) => t('tariff.month', { month: m })).join('、')}）
                  </div>
                  <PeriodBar schedule={s.schedule} label={t('tariff.barLabel', { season: s.name })} />
                </div>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('tariff.medium'), dataIndex: 'medium', render: (m: string) => t(`energy.medium.${m}`) },
          {
            title: t('tariff.validity'),
            key: 'validity',
            render: (_: unknown, p) => `${p.validFrom} – ${p.validTo ?? t('tariff.openEnd')}`,
          },
          {
            title: t('tariff.pricing'),
            key: 'pricing',
            render: (_: unknown, p) =>
              p.pricing === 'flat' ? (
                `${t('tariff.pricingFlat')} ${p.flatPrice} ¥/${p.unit}`
              ) : (
                <Space size={4} wrap>
                  {Object.entries(p.prices).map(([period, price]) => (
                    <Tag key={period}>
                      {t(`tariff.periodName.${period}`)} {price}
                    </Tag>
                  ))}
                  {p.seasons.flatMap((s) =>
                    Object.entries(s.prices ?? {}).map(([period, price]) => (
                      <Tag key={`${s.name}-${period}`} color="blue">
                        {s.name} · {t(`tariff.periodName.${period}`)} {price}
                      </Tag>
                    )),
                  )}
                </Space>
              ),
          },
          {
            title: t('tariff.basicCharge'),
            key: 'basic',
            render: (_: unknown, p) =>
              !p.basicCharge
                ? '—'
                : p.basicCharge.basis === 'demand'
                  ? `${p.basicCharge.pricePerKwMonth} ¥/kW·月`
                  : `${p.basicCharge.pricePerKvaMonth} ¥/kVA·月 × ${p.basicCharge.capacityKva} kVA`,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, row: TTariffPlan) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing({ plan: row })}
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
      <TariffPlanModal
        open={editing !== null}
        plan={editing?.plan}
        onClose={() => setEditing(null)}
        onSaved={invalidate}
      />
    </>
  );
}

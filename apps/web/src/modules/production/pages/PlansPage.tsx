import { useState } from 'react';
import { App, Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  PLAN_STATUSES,
  PLAN_TRANSITIONS,
  type PlanStatus,
  type TPlan,
  type TPlanExplosion,
  type TPlanSummary,
} from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { plansApi, type PlanFilters } from '../api/work-orders-api.ts';
import { useInvalidate } from '../hooks/use-production-queries.ts';
import { usePlans, workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { PlanDrawer } from '../components/PlanDrawer.tsx';
import { PLAN_COLOR, WORK_ORDER_COLOR } from '../lib/work-order-status.ts';

/** 生产计划: plans of a site for a period, confirmed, then exploded into work orders. */
export function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('production.plan.manage');
  const canExplode = useCan('production.workorder.manage');
  const { query, setFilter, setPage } = useListQueryState<PlanFilters>({});
  const list = usePlans(query);
  const invalidate = useInvalidate(workOrderKeys.plans);
  const invalidateOrders = useInvalidate(workOrderKeys.workOrders);
  const [editing, setEditing] = useState<{ plan?: TPlan } | null>(null);
  const [result, setResult] = useState<TPlanExplosion | null>(null);
  const open = useMutation({
    mutationFn: (id: string) => plansApi.get(id),
    onSuccess: (plan) => setEditing({ plan }),
    onError: (e) => notifyError(e),
  });
  const move = useMutation({
    mutationFn: (o: { id: string; status: PlanStatus }) => plansApi.transition(o.id, o.status),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const explode = useMutation({
    mutationFn: (id: string) => plansApi.explode(id),
    onSuccess: (r) => {
      setResult(r);
      void invalidate();
      void invalidateOrders();
    },
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => plansApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={t('workOrders.plan.title')}
      testId="plans-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('workOrders.plan.search')}
            aria-label={t('workOrders.plan.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('production.statusLabel')}
            options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`workOrders.plan.status.${s}`) }))}
            style={{ width: 130 }}
            value={query.status}
            onChange={(v) => setFilter('status', v)}
          />
        </Space>
      }
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="plan-create"
          >
            {t('workOrders.plan.create')}
          </Button>
        )
      }
    >
      <Table<TPlanSummary>
        data-testid="plans-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1000 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('workOrders.plan.code'), dataIndex: 'code', width: 150, fixed: 'left' },
          { title: t('workOrders.plan.site'), width: 180, render: (_, r) => `${r.siteCode} ${r.siteName}` },
          {
            title: t('workOrders.plan.period'),
            width: 210,
            render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}`,
          },
          {
            title: t('production.statusLabel'),
            dataIndex: 'status',
            width: 90,
            render: (s: PlanStatus) => <Tag color={PLAN_COLOR[s]}>{t(`workOrders.plan.status.${s}`)}</Tag>,
          },
          { title: t('workOrders.plan.lineCount'), dataIndex: 'lineCount', align: 'right', width: 70 },
          {
            title: t('workOrders.plan.exploded'),
            width: 90,
            align: 'right',
            render: (_, r) => `${r.explodedCount} / ${r.lineCount}`,
          },
          { title: t('production.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 300,
            render: (_, r) => (
              <Space size={0} wrap>
                <Button
                  size="small"
                  type="link"
                  icon={canManage && r.status === 'draft' ? <EditOutlined /> : <EyeOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => open.mutate(r.id)}
                  data-testid={`plan-open-${r.code}`}
                />
                {canManage &&
                  PLAN_TRANSITIONS[r.status].map((status) => (
                    <Popconfirm
                      key={status}
                      title={t('workOrders.plan.confirmTransition', {
                        code: r.code,
                        status: t(`workOrders.plan.status.${status}`),
                      })}
                      onConfirm={() => move.mutate({ id: r.id, status })}
                    >
                      <Button size="small" type="link">
                        {t(`workOrders.plan.action.${status}`)}
                      </Button>
                    </Popconfirm>
                  ))}
                {canExplode && r.status === 'confirmed' && (
                  <Popconfirm
                    title={t('workOrders.plan.confirmExplode', { code: r.code })}
                    onConfirm={() => explode.mutate(r.id)}
                  >
                    <Button
                      size="small"
                      type="link"
                      icon={<ApartmentOutlined />}
                      loading={explode.isPending && explode.variables === r.id}
                      data-testid={`plan-explode-${r.code}`}
                    >
                      {t('workOrders.plan.explode')}
                    </Button>
                  </Popconfirm>
                )}
                {canManage && r.status === 'draft' && (
                  <Popconfirm
                    title={t('common.confirmDelete', { name: r.code })}
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
      <PlanDrawer
        open={editing !== null}
        plan={editing?.plan}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void invalidate();
        }}
      />
      <Modal
        open={result !== null}
        title={`${t('workOrders.plan.explodeResult')} · ${result?.plan.code ?? ''}`}
        onCancel={() => setResult(null)}
        footer={null}
        width={900}
        data-testid="plan-explosion"
      >
        {result && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>
              {result.created.length
                ? t('workOrders.plan.createdCount', { count: result.created.length })
                : t('workOrders.plan.nothingNew')}
            </Typography.Text>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={result.workOrders}
              columns={[
                {
                  title: t('workOrders.number'),
                  render: (_, w) => <Link to={`/production/work-orders/${w.id}`}>{w.number}</Link>,
                },
                { title: t('workOrders.product'), render: (_, w) => `${w.productCode} ${w.productName}` },
                {
                  title: t('workOrders.quantity'),
                  align: 'right',
                  render: (_, w) => `${w.quantity} ${w.unitCode}`,
                },
                { title: t('workOrders.parent'), dataIndex: 'parentNumber' },
                {
                  title: t('workOrders.statusLabel'),
                  render: (_, w) => (
                    <Tag color={WORK_ORDER_COLOR[w.status]}>{t(`workOrders.status.${w.status}`)}</Tag>
                  ),
                },
              ]}
            />
            <Typography.Text strong>{t('workOrders.plan.requirements')}</Typography.Text>
            <Table
              size="small"
              rowKey="materialId"
              pagination={false}
              dataSource={result.requirements}
              columns={[
                {
                  title: t('workOrders.material.material'),
                  render: (_, m) => `${m.materialCode} ${m.materialName}`,
                },
                {
                  title: t('workOrders.material.quantity'),
                  align: 'right',
                  render: (_, m) => `${m.grossQuantity} ${m.unitCode}`,
                },
              ]}
            />
          </Space>
        )}
      </Modal>
    </PageCard>
  );
}

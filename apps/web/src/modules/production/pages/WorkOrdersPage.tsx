import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { WORK_ORDER_STATUSES, type TWorkOrderSummary } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { workOrdersApi, type WorkOrderFilters } from '../api/work-orders-api.ts';
import { searchMaterials } from '../hooks/use-production-queries.ts';
import { useWorkOrders } from '../hooks/use-work-order-queries.ts';
import { WORK_ORDER_COLOR } from '../lib/work-order-status.ts';

const SORT_OF: Record<string, NonNullable<WorkOrderFilters['sort']>> = {
  number: 'number',
  product: 'product',
  dueDate: 'dueDate',
  priority: 'priority',
  status: 'status',
};

/** 工单: search, filters, sort and paging on the server; Excel export with the same filters. */
export function WorkOrdersPage() {
  const { t } = useTranslation();
  const canManage = useCan('production.workorder.manage');
  const { query, setFilter, setPage } = useListQueryState<WorkOrderFilters>({
    sort: 'number',
    order: 'desc',
  });
  const list = useWorkOrders(query);
  const [isCreating, setCreating] = useState(false);
  const sortOrder = (key: string) =>
    query.sort === SORT_OF[key] ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  return (
    <PageCard
      title={t('workOrders.title')}
      testId="work-orders-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('workOrders.search')}
            aria-label={t('workOrders.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 240 }}
            data-testid="wo-search"
          />
          <Select
            allowClear
            placeholder={t('workOrders.statusLabel')}
            options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`workOrders.status.${s}`) }))}
            style={{ width: 130 }}
            value={query.status}
            onChange={(v) => setFilter('status', v)}
            data-testid="wo-status-filter"
          />
          <RemoteSelect
            queryKey={['production', 'material-options']}
            search={searchMaterials}
            placeholder={t('workOrders.product')}
            value={query.productId}
            onChange={(v) => setFilter('productId', v ?? undefined)}
            style={{ width: 240 }}
          />
          <DatePicker.RangePicker
            placeholder={[t('workOrders.dueRange'), t('workOrders.dueRange')]}
            onChange={(v) => {
              setFilter('dueFrom', v?.[0]?.format('YYYY-MM-DD'));
              setFilter('dueTo', v?.[1]?.format('YYYY-MM-DD'));
            }}
          />
          <Select
            allowClear
            placeholder={t('workOrders.priority')}
            options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((p) => ({ value: p, label: `P${p}` }))}
            style={{ width: 100 }}
            value={query.priority}
            onChange={(v) => setFilter('priority', v)}
          />
        </Space>
      }
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void workOrdersApi.exportXlsx(query)}>
            {t('workOrders.export')}
          </Button>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('workOrders.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TWorkOrderSummary>
        data-testid="work-orders-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1200 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = s?.order ? SORT_OF[String(s.columnKey)] : undefined;
          setFilter('sort', key ?? 'number');
          setFilter('order', s?.order === 'ascend' ? 'asc' : 'desc');
        }}
        columns={[
          {
            title: t('workOrders.number'),
            key: 'number',
            fixed: 'left',
            width: 170,
            sorter: true,
            sortOrder: sortOrder('number'),
            render: (_, r) => (
              <Link to={`/production/work-orders/${r.id}`} data-testid={`wo-link-${r.number}`}>
                {r.number}
              </Link>
            ),
          },
          {
            title: t('workOrders.product'),
            key: 'product',
            width: 240,
            sorter: true,
            sortOrder: sortOrder('product'),
            render: (_, r) => `${r.productCode} ${r.productName}`,
          },
          {
            title: t('workOrders.quantity'),
            align: 'right',
            width: 110,
            render: (_, r) => `${r.quantity} ${r.unitCode}`,
          },
          {
            title: t('workOrders.statusLabel'),
            key: 'status',
            width: 100,
            sorter: true,
            sortOrder: sortOrder('status'),
            render: (_, r) => (
              <Tag color={WORK_ORDER_COLOR[r.status]} data-testid={`wo-status-${r.number}`}>
                {t(`workOrders.status.${r.status}`)}
              </Tag>
            ),
          },
          {
            title: t('workOrders.priority'),
            key: 'priority',
            width: 90,
            sorter: true,
            sortOrder: sortOrder('priority'),
            render: (_, r) => `P${r.priority}`,
          },
          {
            title: t('workOrders.dueDate'),
            key: 'dueDate',
            dataIndex: 'dueDate',
            width: 120,
            sorter: true,
            sortOrder: sortOrder('dueDate'),
          },
          { title: t('workOrders.bomVersion'), dataIndex: 'bomVersion', width: 90 },
          { title: t('workOrders.routingVersion'), dataIndex: 'routingVersion', width: 90 },
          { title: t('workOrders.planLabel'), dataIndex: 'planCode', width: 120 },
          { title: t('workOrders.parent'), dataIndex: 'parentNumber', width: 170 },
        ]}
      />
      <CreateWorkOrderModal open={isCreating} onClose={() => setCreating(false)} />
    </PageCard>
  );
}

interface CreateValues {
  productId?: string;
  quantity?: string;
  dueDate?: Dayjs | null;
  priority?: number;
}

function CreateWorkOrderModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      workOrdersApi.create({
        productId: v.productId!,
        quantity: (v.quantity ?? '').trim(),
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        priority: v.priority ?? 5,
      }),
    onSuccess: (w) => {
      void message.success(t('common.saved'));
      props.onClose();
      void navigate(`/production/work-orders/${w.id}`);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('workOrders.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ priority: 5 }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="productId" label={t('workOrders.product')} rules={[{ required: true }]}>
          <RemoteSelect queryKey={['production', 'material-options']} search={searchMaterials} />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('workOrders.quantity')}
          rules={[
            { required: true },
            { pattern: /^\d{1,12}(\.\d{1,6})?$/, message: t('ledgers.nonNegative') },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('workOrders.dueDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="priority" label={t('workOrders.priority')}>
          <InputNumber min={1} max={9} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

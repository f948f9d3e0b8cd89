import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { TCreatePlantLayout, TPlantLayout } from '@greenmes/contracts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { useDebouncedValue } from '../../../../shared/hooks/use-debounced-value.ts';
import { tablePagination, useListQueryState } from '../../../../shared/hooks/use-list-query-state.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { formatDateTime } from '../../../../shared/lib/format.ts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { plantLayoutsApi } from '../api/plant-layouts-api.ts';
import { plantLayoutKeys, usePlantLayouts, usePlantModel } from '../hooks/use-plant-layouts.ts';

/** 平面布局: floor plans of sites and workshops with equipment markers. */
export function PlantLayoutsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = useCan('visualization.layout.manage');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const { query, setPage } = useListQueryState({});
  const layouts = usePlantLayouts({ ...query, q: q || undefined });
  // a new layout, or renaming / moving one
  const [editing, setEditing] = useState<{ item?: TPlantLayout } | null>(null);
  const model = usePlantModel({ enabled: editing !== null });
  const [form] = Form.useForm<TCreatePlantLayout>();

  const save = useMutation({
    mutationFn: (v: TCreatePlantLayout) =>
      editing?.item
        ? plantLayoutsApi.update(editing.item.id, { ...v, version: editing.item.version })
        : plantLayoutsApi.create(v),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: plantLayoutKeys.all });
      const isNew = !editing?.item;
      setEditing(null);
      if (isNew) void navigate(`/plant/layouts/${saved.id}/edit`);
      else void message.success(t('common.saved'));
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => plantLayoutsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void client.invalidateQueries({ queryKey: plantLayoutKeys.all });
    },
    onError: (e) => notifyError(e),
  });
  const nodeOptions = (model.data?.nodes ?? [])
    .filter((n) => n.kind === 'site' || n.kind === 'area')
    .map((n) => ({ value: n.id, label: `${n.name} (${n.code})` }));

  return (
    <PageCard
      title={t('plantLayout.title')}
      testId="plant-layouts-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="plant-layout-create"
            onClick={() => {
              form.resetFields();
              setEditing({});
            }}
          >
            {t('plantLayout.create')}
          </Button>
        )
      }
      filters={
        <Input.Search
          allowClear
          style={{ maxWidth: 320 }}
          placeholder={t('plantLayout.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1, query.pageSize);
          }}
        />
      }
    >
      <Table<TPlantLayout>
        size="small"
        rowKey="id"
        loading={layouts.isFetching}
        dataSource={layouts.data?.items}
        data-testid="plant-layouts-table"
        locale={{ emptyText: t('plantLayout.empty') }}
        pagination={tablePagination({
          page: query.page,
          pageSize: query.pageSize,
          total: layouts.data?.total,
          onChange: setPage,
          t,
        })}
        columns={[
          {
            title: t('plantLayout.name'),
            render: (_, l) => (
              <Link to={`/plant/layouts/${l.id}`} data-testid={`plant-layout-link-${l.name}`}>
                {l.name}
              </Link>
            ),
          },
          { title: t('plantLayout.node'), dataIndex: 'nodeName' },
          {
            title: t('plantLayout.background'),
            width: 160,
            render: (_, l) =>
              l.backgroundType ? (
                <Tag>{`${l.backgroundType.replace('image/', '').replace('+xml', '').toUpperCase()} ${l.width}×${l.height}`}</Tag>
              ) : (
                <Tag color="orange">{t('plantLayout.noBackgroundShort')}</Tag>
              ),
          },
          { title: t('plantLayout.markerCount'), dataIndex: 'markerCount', width: 110, align: 'right' },
          { title: t('plantLayout.updatedAt'), width: 170, render: (_, l) => formatDateTime(l.updatedAt) },
          {
            title: t('common.actions'),
            width: 140,
            render: (_, l) => (
              <Space size={0}>
                <Link to={`/plant/layouts/${l.id}`}>
                  <Button
                    size="small"
                    type="link"
                    icon={<EyeOutlined />}
                    aria-label={t('plantLayout.view')}
                  />
                </Link>
                {canManage && (
                  <>
                    <Link to={`/plant/layouts/${l.id}/edit`}>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('plantLayout.edit')}
                        data-testid={`plant-layout-edit-${l.name}`}
                      />
                    </Link>
                    <Button
                      size="small"
                      type="link"
                      icon={<FormOutlined />}
                      aria-label={t('plantLayout.rename')}
                      data-testid={`plant-layout-rename-${l.name}`}
                      onClick={() => {
                        form.setFieldsValue({ name: l.name, nodeId: l.nodeId });
                        setEditing({ item: l });
                      }}
                    />
                    <Popconfirm
                      title={t('common.confirmDelete', { name: l.name })}
                      onConfirm={() => remove.mutate(l.id)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                      />
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.item ? t('plantLayout.rename') : t('plantLayout.create')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'plant-layout-create-ok' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('plantLayout.name')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="plant-layout-name" />
          </Form.Item>
          <Form.Item
            name="nodeId"
            label={t('plantLayout.node')}
            extra={t('plantLayout.nodeHelp')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={model.isLoading}
              options={nodeOptions}
              data-testid="plant-layout-node"
            />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}

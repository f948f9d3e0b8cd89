import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MATERIAL_TYPES, type TMaterial } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import {
  booleanFilterOptions,
  tablePagination,
  useListQueryState,
} from '../../../shared/hooks/use-list-query-state.ts';
import { materialsApi, type MaterialFilters } from '../api/materials-api.ts';
import { useInvalidateModeling, useMaterialList } from '../hooks/use-modeling-queries.ts';
import { MaterialFormModal } from '../components/MaterialFormModal.tsx';

export function MaterialsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const canManage = useCan('modeling.material.manage');
  const { query, setFilter, setPage } = useListQueryState<MaterialFilters>({});
  const list = useMaterialList(query);
  const [editing, setEditing] = useState<{ material?: TMaterial } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => materialsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const typeOptions = MATERIAL_TYPES.map((value) => ({ value, label: t(`material.type.${value}`) }));

  return (
    <PageCard
      title={t('menu.materials')}
      testId="materials-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('material.searchPlaceholder')}
            aria-label={t('material.searchPlaceholder')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 240 }}
            data-testid="material-search"
          />
          <Select
            allowClear
            placeholder={t('material.typeLabel')}
            options={typeOptions}
            style={{ width: 150 }}
            value={query.type}
            onChange={(v) => setFilter('type', v)}
          />
          <Input.Search
            allowClear
            placeholder={t('material.category')}
            aria-label={t('material.category')}
            onSearch={(c) => setFilter('category', c || undefined)}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            placeholder={t('common.active')}
            options={booleanFilterOptions(t)}
            style={{ width: 120 }}
            value={query.isActive}
            onChange={(v) => setFilter('isActive', v)}
          />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="materials"
            canImport={canManage}
            exportXlsx={() => materialsApi.exportXlsx(query)}
            downloadTemplate={materialsApi.template}
            importXlsx={materialsApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="material-create"
            >
              {t('material.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TMaterial>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('material.typeLabel'),
            dataIndex: 'type',
            render: (v: string) => t(`material.type.${v}`),
          },
          {
            title: t('material.specification'),
            dataIndex: 'specification',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('material.unit'), dataIndex: 'unitCode' },
          { title: t('material.category'), dataIndex: 'category', render: (v: string | null) => v ?? '—' },
          {
            title: t('material.serialTracked'),
            dataIndex: 'isSerialTracked',
            render: (v: boolean) => (v ? <Tag color="purple">{t('material.serialTracked')}</Tag> : '—'),
          },
          {
            title: t('common.status'),
            dataIndex: 'isActive',
            render: (v: boolean) =>
              v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, row: TMaterial) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing({ material: row })}
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
      <MaterialFormModal
        open={editing !== null}
        material={editing?.material}
        onClose={() => setEditing(null)}
      />
    </PageCard>
  );
}

import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UNIT_DIMENSIONS, type TUnit } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { unitsApi } from '../api/units-api.ts';
import { useInvalidateModeling, useUnits } from '../hooks/use-modeling-queries.ts';
import { UnitFormModal } from '../components/UnitFormModal.tsx';
import { UnitConverter } from '../components/UnitConverter.tsx';

export function UnitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const canManage = useCan('modeling.unit.manage');
  const units = useUnits();
  const [dimension, setDimension] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ unit?: TUnit } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => unitsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const rows = (units.data ?? []).filter((u) => !dimension || u.dimension === dimension);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <UnitConverter units={units.data ?? []} />
      <PageCard
        title={t('menu.units')}
        testId="units-page"
        filters={
          <Select
            allowClear
            placeholder={t('unit.dimensionLabel')}
            style={{ width: 180 }}
            value={dimension}
            onChange={setDimension}
            options={UNIT_DIMENSIONS.map((d) => ({ value: d, label: t(`unit.dimension.${d}`) }))}
          />
        }
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="unit-create"
            >
              {t('unit.create')}
            </Button>
          )
        }
      >
        <Table<TUnit>
          rowKey="id"
          loading={units.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('common.code'), dataIndex: 'code' },
            { title: t('common.name'), dataIndex: 'name' },
            {
              title: t('unit.dimensionLabel'),
              dataIndex: 'dimension',
              render: (d: string) => t(`unit.dimension.${d}`),
            },
            { title: t('unit.baseFactor'), dataIndex: 'baseFactor', align: 'right' },
            {
              title: t('unit.isBase'),
              dataIndex: 'isBase',
              render: (v: boolean) => (v ? <Tag color="green">{t('unit.base')}</Tag> : null),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, row: TUnit) => (
                      <Space>
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing({ unit: row })}
                        />
                        <Popconfirm
                          title={t('common.confirmDelete', { name: row.code })}
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
      </PageCard>
      <UnitFormModal open={editing !== null} unit={editing?.unit} onClose={() => setEditing(null)} />
    </Space>
  );
}

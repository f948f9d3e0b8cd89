import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TProductEnergy } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { productsApi } from '../api/products-api.ts';
import { useInvalidateProducts, useProductEnergyList } from '../hooks/use-products-queries.ts';
import { ProductEnergyDrawer } from './ProductEnergyDrawer.tsx';
import { ProductName } from './ProductReportTable.tsx';

/** The settings tab: each product's production nodes with weights, and its limit value. */
export function ProductSettingsView() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('energy.economics.manage');
  const list = useProductEnergyList();
  const invalidate = useInvalidateProducts();
  const [editing, setEditing] = useState<{ product?: TProductEnergy } | null>(null);
  const remove = useMutation({
    mutationFn: (p: TProductEnergy) => productsApi.delete(p.materialId),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const add = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="product-add">
      {t('energyProducts.settings.add')}
    </Button>
  );

  return (
    <div data-testid="product-settings">
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 900 }}>
          {t('energyProducts.settings.help')}
        </Typography.Paragraph>
        {canManage && add}
      </Space>
      {list.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(list.error, t)}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<TProductEnergy>
        rowKey="materialId"
        size="middle"
        data-testid="product-settings-table"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) =>
          ({ 'data-testid': `product-settings-row-${r.materialCode}` }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: list.isError ? ' ' : <Empty description={t('energyProducts.settings.empty')} />,
        }}
        columns={[
          {
            key: 'product',
            title: t('energyProducts.settings.product'),
            render: (_, r) => <ProductName name={r.materialName} code={r.materialCode} />,
          },
          { key: 'unit', title: t('energyProducts.settings.unit'), dataIndex: 'unit' },
          {
            key: 'nodes',
            title: t('energyProducts.settings.nodes'),
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.nodes.map((n) => (
                  <Tooltip key={n.nodeId} title={n.nodeCode}>
                    <Tag data-testid={`product-node-${r.materialCode}-${n.nodeCode}`}>
                      {`${n.nodeName} × ${n.weight}`}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            key: 'limit',
            title: t('energyProducts.settings.limit'),
            align: 'right',
            render: (_, r) =>
              r.limitKgcePerUnit === null
                ? '—'
                : `${formatNumber(Number(r.limitKgcePerUnit), i18n.language, 6)}（${t(`energyProducts.${r.limitValueKind}`)}）`,
          },
          {
            key: 'standard',
            title: t('energyProducts.settings.standard'),
            dataIndex: 'limitStandard',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'note',
            title: t('energyProducts.settings.note'),
            dataIndex: 'note',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'updatedAt',
            title: t('energyProducts.settings.updatedAt'),
            dataIndex: 'updatedAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, r: TProductEnergy) => (
                    <Space>
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing({ product: r })}
                        data-testid={`product-edit-${r.materialCode}`}
                      />
                      <Popconfirm
                        title={t('energyProducts.settings.deleteConfirm', { product: r.materialName })}
                        onConfirm={() => remove.mutate(r)}
                      >
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          data-testid={`product-delete-${r.materialCode}`}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ProductEnergyDrawer
        open={editing !== null}
        product={editing?.product}
        configured={list.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => void invalidate()}
      />
    </div>
  );
}

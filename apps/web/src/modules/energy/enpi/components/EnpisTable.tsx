import { App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, LineChartOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TEnpi } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { enpiApi } from '../api/enpi-api.ts';
import { useInvalidateEnpis } from '../hooks/use-enpi-queries.ts';

/** The EnPIs with what each measures and from which baseline; view, edit and delete per row. */
export function EnpisTable(props: {
  rows: TEnpi[];
  loading: boolean;
  productName: (materialId: string) => string | undefined;
  onEdit: (enpi: TEnpi) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateEnpis();
  const canManage = useCan('energy.meter.manage');
  const remove = useMutation({
    mutationFn: (enpi: TEnpi) => enpiApi.remove(enpi.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Table<TEnpi>
      rowKey="id"
      size="middle"
      data-testid="enpis-table"
      loading={props.loading}
      dataSource={props.rows}
      pagination={false}
      scroll={{ x: 960 }}
      locale={{ emptyText: <Empty description={t('enpi.empty')} /> }}
      columns={[
        {
          title: t('common.code'),
          dataIndex: 'code',
          width: 160,
          render: (code: string, e) => (
            <Link to={`/energy/enpis/${e.id}`} data-testid={`enpi-open-${code}`}>
              {code}
            </Link>
          ),
        },
        { title: t('common.name'), dataIndex: 'name' },
        { title: t('enpi.meter'), dataIndex: 'meterCode', width: 140 },
        {
          title: t('enpi.driver'),
          dataIndex: 'driver',
          render: (driver: TEnpi['driver'], e) => (
            <Space size={4} wrap>
              <Tag color={driver === 'product_output' ? 'blue' : 'green'}>
                {t(`enpi.driverName.${driver}`)}
              </Tag>
              {e.materialId && (props.productName(e.materialId) ?? null)}
              {Object.keys(e.degreeDays ?? {}).length > 0 && <Tag>+ {t('enpi.driverShort.degree_days')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('enpi.baseline'),
          key: 'baseline',
          width: 170,
          render: (_, e) => `${e.baselineFrom} ~ ${e.baselineTo}`,
        },
        { title: t('enpi.marginPct'), dataIndex: 'marginPct', width: 100, render: (v: number) => `${v}%` },
        {
          key: 'actions',
          title: t('common.actions'),
          fixed: 'right',
          width: 130,
          render: (_, e) => (
            <Space size={0}>
              <Tooltip title={t('enpi.detail')}>
                <Link to={`/energy/enpis/${e.id}`}>
                  <Button type="text" icon={<LineChartOutlined />} aria-label={t('enpi.detail')} />
                </Link>
              </Tooltip>
              {canManage && (
                <Tooltip title={t('common.edit')}>
                  <Button
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => props.onEdit(e)}
                    data-testid={`enpi-edit-${e.code}`}
                  />
                </Tooltip>
              )}
              {canManage && (
                <Popconfirm
                  title={t('enpi.deleteConfirm', { code: e.code })}
                  onConfirm={() => remove.mutate(e)}
                >
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    data-testid={`enpi-delete-${e.code}`}
                  />
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

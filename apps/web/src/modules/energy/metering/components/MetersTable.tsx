import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TableProps } from 'antd';
import type { TMeter } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { unitLabel } from '../../lib/energy-format.ts';
import { meteringApi } from '../api/metering-api.ts';
import { useInvalidateMetering } from '../hooks/use-metering-queries.ts';
import type { MeterTreeRow } from '../lib/metering-lib.ts';

const LEVEL_COLORS = { 1: 'red', 2: 'orange', 3: 'blue' } as Record<number, string>;
const SOURCE_COLORS = { telemetry: 'cyan', manual: 'gold', formula: 'purple' } as const;

/** Meters as a tree (by parent) or a flat page; actions per row. */
export function MetersTable(props: {
  rows: MeterTreeRow[];
  loading: boolean;
  pagination: TableProps<MeterTreeRow>['pagination'];
  onEdit: (meter: TMeter) => void;
  onRecords: (meter: TMeter) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateMetering();
  const mediumLabel = useMediumLabel();
  const canManage = useCan('energy.meter.manage');
  const remove = useMutation({
    mutationFn: (meter: TMeter) => meteringApi.remove(meter.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    // 409: sub-meters, formulas that use it or stored records; the message names which
    onError: (error) => notifyError(error, t('metering.deleteFailed')),
  });

  return (
    <Table<MeterTreeRow>
      // defaultExpandAllRows acts on the first rows only: remount once the meters have arrived
      key={props.rows.length > 0 ? 'rows' : 'empty'}
      rowKey="id"
      size="middle"
      data-testid="meters-table"
      loading={props.loading}
      dataSource={props.rows}
      pagination={props.pagination}
      expandable={{ defaultExpandAllRows: true }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('metering.noMeters') }}
      columns={[
        { title: t('common.code'), dataIndex: 'code', width: 180 },
        { title: t('common.name'), dataIndex: 'name' },
        { title: t('metering.medium'), dataIndex: 'medium', render: (m: string) => mediumLabel(m) },
        { title: t('metering.unit'), dataIndex: 'unit', width: 90, render: (u: string) => unitLabel(u) },
        {
          title: t('metering.level'),
          dataIndex: 'level',
          width: 90,
          render: (level: number) => (
            <Tooltip title={t(`metering.levelName.${level}`)}>
              <Tag color={LEVEL_COLORS[level]}>{t('metering.levelShort', { level })}</Tag>
            </Tooltip>
          ),
        },
        {
          title: t('metering.sourceLabel'),
          dataIndex: 'source',
          render: (source: TMeter['source'], m) => (
            <Space orientation="vertical" size={0}>
              <Tag color={SOURCE_COLORS[source]}>{t(`metering.source.${source}`)}</Tag>
              {source === 'telemetry' && m.metricLabel && (
                <Typography.Text type="secondary">
                  {m.metricLabel}
                  {m.multiplier !== 1 && ` × ${m.multiplier}`}
                </Typography.Text>
              )}
              {source === 'formula' && <Typography.Text code>{m.formula}</Typography.Text>}
              {source === 'manual' && m.multiplier !== 1 && (
                <Typography.Text type="secondary">× {m.multiplier}</Typography.Text>
              )}
            </Space>
          ),
        },
        { title: t('metering.node'), dataIndex: 'nodeName', render: (v: string | null) => v ?? '—' },
        {
          title: t('metering.isEnabled'),
          dataIndex: 'isEnabled',
          width: 80,
          render: (v: boolean) =>
            v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
        },
        {
          key: 'actions',
          fixed: 'right',
          width: 130,
          render: (_, m) => (
            <Space size={0}>
              {m.source === 'manual' && (
                <Tooltip title={t('metering.records')}>
                  <Button
                    type="text"
                    icon={<FileTextOutlined />}
                    aria-label={t('metering.records')}
                    onClick={() => props.onRecords(m)}
                    data-testid={`meter-records-${m.code}`}
                  />
                </Tooltip>
              )}
              {canManage && (
                <Tooltip title={t('common.edit')}>
                  <Button
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => props.onEdit(m)}
                    data-testid={`meter-edit-${m.code}`}
                  />
                </Tooltip>
              )}
              {canManage && (
                <Popconfirm
                  title={t('metering.deleteConfirm', { code: m.code })}
                  onConfirm={() => remove.mutate(m)}
                >
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    data-testid={`meter-delete-${m.code}`}
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

import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TMetricDefinition, TUpdateMetricDefinition } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { formatNumber } from '../lib/format-value.ts';
import type { MetricRow } from './metric-row.ts';
import { MetricFormModal } from './MetricFormModal.tsx';

export interface MetricsTableProps {
  rows: MetricRow[];
  loading?: boolean;
  canEdit: boolean;
  onCreate: (definition: TMetricDefinition) => Promise<unknown>;
  onUpdate: (row: MetricRow, definition: TUpdateMetricDefinition) => Promise<unknown>;
  onDelete: (row: MetricRow) => Promise<unknown>;
  testId?: string;
}

/**
 * The metric definitions of a profile or a device. Writes go through the callbacks, so the same table
 * edits a list held in a form (before the profile exists) and one saved on the server.
 * Rows inherited from a device's profile are read-only here: they are edited on the profile.
 */
export function MetricsTable(props: MetricsTableProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState<{ metric?: MetricRow } | null>(null);

  const submit = async (definition: TMetricDefinition) => {
    const metric = editing?.metric;
    if (!metric) return props.onCreate(definition);
    // the key identifies the metric in payloads and cannot change
    const { key: _key, ...update } = definition;
    return props.onUpdate(metric, update);
  };
  const remove = async (row: MetricRow) => {
    try {
      await props.onDelete(row);
      void message.success(t('common.deleted'));
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      {props.canEdit && (
        <div style={{ marginBottom: 12, textAlign: 'right' }}>
          <Button icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="metric-create">
            {t('metric.create')}
          </Button>
        </div>
      )}
      <Table<MetricRow>
        rowKey="id"
        size="small"
        data-testid={props.testId ?? 'metrics-table'}
        loading={props.loading}
        dataSource={props.rows}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('metric.empty') }}
        columns={[
          {
            title: t('metric.key'),
            dataIndex: 'key',
            render: (key: string, row) => (
              <Space size={4}>
                <Typography.Text code>{key}</Typography.Text>
                {row.profileMetricId && <Tag color="blue">{t('metric.fromProfile')}</Tag>}
              </Space>
            ),
          },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('metric.unit'), dataIndex: 'unitCode', render: (u: string | null) => u ?? '—' },
          {
            title: t('metric.valueTypeLabel'),
            dataIndex: 'valueType',
            render: (v: string) => t(`telemetry.valueType.${v}`),
          },
          {
            title: t('metric.kindLabel'),
            dataIndex: 'kind',
            render: (v: string) => t(`telemetry.metricKind.${v}`),
          },
          {
            title: t('metric.energyMedium'),
            dataIndex: 'energyMedium',
            render: (m: string | null) => (m ? t(`energyMedium.${m}`, { defaultValue: m }) : '—'),
          },
          {
            title: t('metric.scaleOffset'),
            key: 'scale',
            render: (_: unknown, row) =>
              row.scale === 1 && row.offset === 0
                ? '—'
                : `× ${formatNumber(row.scale)} ${row.offset < 0 ? '−' : '+'} ${formatNumber(Math.abs(row.offset))}`,
          },
          {
            title: t('metric.details'),
            key: 'details',
            render: (_: unknown, row) =>
              row.states?.length ? (
                <Space size={2} wrap>
                  {row.states.map((s, i) => (
                    <Tag key={s}>{`${i}: ${s}`}</Tag>
                  ))}
                </Space>
              ) : row.counterMax !== null ? (
                `${t('metric.counterMax')}: ${formatNumber(row.counterMax)}`
              ) : (
                '—'
              ),
          },
          ...(props.canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  fixed: 'right' as const,
                  render: (_: unknown, row: MetricRow) =>
                    row.profileMetricId ? (
                      <Tooltip title={t('metric.editOnProfile')}>
                        <Button size="small" type="link" icon={<EditOutlined />} disabled />
                      </Tooltip>
                    ) : (
                      <Space>
                        <Button
                          size="small"
                          type="link"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing({ metric: row })}
                        />
                        <Popconfirm
                          title={t('metric.confirmDelete', { key: row.key })}
                          onConfirm={() => remove(row)}
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
      <MetricFormModal
        open={editing !== null}
        metric={editing?.metric}
        takenKeys={props.rows.map((r) => r.key)}
        onSubmit={submit}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

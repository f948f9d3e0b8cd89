import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { TMeter, TMeterRecord } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { ExcelImportExport } from '../../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tablePagination } from '../../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../../shared/lib/format.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { meteringApi } from '../api/metering-api.ts';
import { useInvalidateMetering, useMeterRecords } from '../hooks/use-metering-queries.ts';
import { toIso } from '../lib/metering-lib.ts';
import { RecordFormModal } from './RecordFormModal.tsx';

/** The readings and consumption records of a manual meter: filtered by date, added and deleted here. */
export function MeterRecordsDrawer(props: { meter: TMeter | null; onClose: () => void }) {
  const { meter } = props;
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateMetering();
  const canManage = useCan('energy.reading.manage');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [isAdding, setAdding] = useState(false);
  const from = range ? toIso(range[0].startOf('day')) : undefined;
  const to = range ? toIso(range[1].add(1, 'day').startOf('day')) : undefined;
  const records = useMeterRecords(meter?.id ?? null, { ...paging, from, to });
  const remove = useMutation({
    mutationFn: (record: TMeterRecord) => meteringApi.removeRecord(record.meterId, record.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (error) => notifyError(error),
  });
  const unit = meter ? unitLabel(meter.unit) : '';

  return (
    <Drawer
      open={meter !== null}
      onClose={props.onClose}
      size={880}
      title={meter && t('metering.recordsOf', { code: meter.code, name: meter.name })}
      destroyOnHidden
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="record-add"
          >
            {t('metering.addRecord')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('metering.recordsHelp')}
        </Typography.Paragraph>
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="records"
            canImport={canManage && meter?.source === 'manual'}
            exportXlsx={() => meteringApi.exportRecordsXlsx({ meterId: meter?.id, from, to })}
            downloadTemplate={meteringApi.recordsTemplate}
            importXlsx={meteringApi.importRecordsXlsx}
            onImported={() => void invalidate()}
          />
          <Typography.Text type="secondary">{t('metering.recordsExcelHelp')}</Typography.Text>
        </Space>
        <DatePicker.RangePicker
          value={range}
          onChange={(next) => {
            setRange(next?.[0] && next[1] ? [next[0], next[1]] : null);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          data-testid="records-range"
        />
        <Table<TMeterRecord>
          rowKey="id"
          size="small"
          data-testid="records-table"
          loading={records.isFetching}
          dataSource={records.data?.items ?? []}
          pagination={tablePagination({
            ...paging,
            total: records.data?.total,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
            t,
          })}
          columns={[
            {
              title: t('metering.recordKind'),
              dataIndex: 'kind',
              width: 100,
              render: (kind: TMeterRecord['kind']) => (
                <Tag color={kind === 'reading' ? 'blue' : 'green'}>{t(`metering.recordKinds.${kind}`)}</Tag>
              ),
            },
            {
              title: t('metering.recordTime'),
              render: (_, r) =>
                r.periodEnd
                  ? `${formatDateTime(r.ts)} – ${formatDateTime(r.periodEnd)}`
                  : formatDateTime(r.ts),
            },
            {
              title: t('metering.value'),
              dataIndex: 'value',
              align: 'right',
              render: (v: number) => `${formatNumber(v, i18n.language)} ${unit}`,
            },
            {
              title: t('metering.documentNo'),
              dataIndex: 'documentNo',
              render: (v: string | null) => v ?? '—',
            },
            { title: t('metering.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            {
              title: t('metering.createdBy'),
              dataIndex: 'createdBy',
              render: (v: string | null) => v ?? '—',
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    width: 60,
                    render: (_: unknown, r: TMeterRecord) => (
                      <Popconfirm
                        title={t('metering.deleteRecordConfirm')}
                        onConfirm={() => remove.mutate(r)}
                      >
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          data-testid={`record-delete-${r.id}`}
                        />
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
      {meter && <RecordFormModal meter={meter} open={isAdding} onClose={() => setAdding(false)} />}
    </Drawer>
  );
}

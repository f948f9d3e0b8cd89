import { App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCarbonSource } from '@greenmes/contracts';
import { isApiError } from '../../../../api/api-error.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { carbonSourcesApi } from '../api/carbon-sources-api.ts';
import { useInvalidateCarbonSources } from '../hooks/use-carbon-sources.ts';

export const KIND_COLORS: Record<TCarbonSource['kind'], string> = {
  process: 'orange',
  biomass: 'green',
  recovered_co2: 'cyan',
  exported_electricity: 'blue',
  exported_heat: 'magenta',
};

export function SourcesTable(props: { sources: TCarbonSource[]; loading: boolean; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateCarbonSources();

  const remove = useMutation({
    mutationFn: (source: TCarbonSource) => carbonSourcesApi.remove(source.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (error, source) => {
      // a source with months of activity stays: say why, with the count the server found
      if (isApiError(error) && error.status === 409)
        modal.warning({
          title: t('common.requestFailed'),
          content: t('carbonSources.inUse', {
            code: source.code,
            count: Number(error.params.count ?? 0),
          }),
        });
      else notifyError(error);
    },
  });

  return (
    <Table<TCarbonSource>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.sources}
      pagination={false}
      data-testid="carbon-sources-table"
      locale={{ emptyText: t('carbonSources.empty') }}
      columns={[
        { title: t('common.code'), dataIndex: 'code', width: 140 },
        { title: t('common.name'), dataIndex: 'name' },
        {
          title: t('carbonSources.kind'),
          dataIndex: 'kind',
          width: 140,
          render: (kind: TCarbonSource['kind']) => (
            <Tag color={KIND_COLORS[kind]}>{t(`carbonSources.kinds.${kind}`)}</Tag>
          ),
        },
        { title: t('carbonSources.unit'), dataIndex: 'unit', width: 110 },
        {
          title: t('carbonSources.factor'),
          dataIndex: 'emissionFactor',
          width: 170,
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : formatNumber(v, i18n.language, 6)),
        },
        {
          title: t('carbonSources.factorSource'),
          dataIndex: 'factorSource',
          render: (v: string | null, s) => (
            <>
              {v ?? '—'}
              {s.note && (
                <>
                  <br />
                  <Typography.Text type="secondary">{s.note}</Typography.Text>
                </>
              )}
            </>
          ),
        },
        ...(props.canManage
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 80,
                render: (_: unknown, s: TCarbonSource) => (
                  <Popconfirm
                    title={t('common.confirmDelete', { name: s.name })}
                    onConfirm={() => remove.mutate(s)}
                  >
                    <Button
                      type="link"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      data-testid={`carbon-source-delete-${s.code}`}
                    />
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

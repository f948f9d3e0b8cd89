import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFactor } from '@greenmes/contracts';
import { formatNumber } from '../lib/energy-format.ts';

export function FactorTable(props: { factors: TFactor[]; loading: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const f = (key: string) => t(`energy.factors.${key}`);
  return (
    <Table<TFactor>
      size="small"
      rowKey="key"
      loading={props.loading}
      dataSource={props.factors}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: f('empty') }}
      data-testid={props.testId}
      columns={[
        {
          title: f('name'),
          dataIndex: 'name',
          render: (name: string, row) => (
            <>
              {name}
              {row.toConfirm && (
                <Tooltip title={f('toConfirmHelp')}>
                  <Tag color="orange" style={{ marginLeft: 8 }} data-testid="factor-to-confirm">
                    {f('toConfirm')}
                  </Tag>
                </Tooltip>
              )}
            </>
          ),
        },
        {
          title: f('value'),
          dataIndex: 'value',
          align: 'right',
          // the library's own precision: 0.5703 must read 0.5703, not 0.57
          render: (v: number) => formatNumber(v, i18n.language, 6),
        },
        { title: f('unit'), dataIndex: 'unit' },
        // only combustion factors carry parameters; an empty column elsewhere is noise
        ...(props.factors.some((row) => row.params)
          ? [
              {
                title: f('params'),
                dataIndex: 'params',
                render: (params: TFactor['params']) =>
                  params
                    ? Object.entries(params)
                        .map(
                          ([k, v]) =>
                            `${t(`energy.factors.paramNames.${k}`, { defaultValue: k })} ${formatNumber(v, i18n.language, 6)}`,
                        )
                        .join('；')
                    : '—',
              },
            ]
          : []),
        { title: f('source'), dataIndex: 'source' },
        {
          title: f('edition'),
          render: (_, row) =>
            row.year !== null && String(row.year) !== row.edition
              ? `${row.edition} / ${row.year}`
              : row.edition,
        },
        { title: f('note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

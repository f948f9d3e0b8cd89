import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TStockMove } from '@greenmes/contracts';
import { formatDateTime } from '../../../shared/lib/format.ts';

const KIND_COLOR: Record<TStockMove['kind'], string> = {
  receipt: 'green',
  issue: 'blue',
  return: 'cyan',
  output: 'purple',
  backflush: 'orange',
  adjustment: 'default',
};

/** Stock moves of a lot or a work order, oldest first. */
export function LotMovesTable(props: {
  moves: TStockMove[] | undefined;
  loading?: boolean;
  showLot?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<TStockMove>
      size="small"
      rowKey="id"
      pagination={false}
      loading={props.loading}
      dataSource={props.moves}
      scroll={{ x: 1100 }}
      data-testid="lot-moves"
      columns={[
        { title: t('lots.move.time'), width: 160, render: (_, m) => formatDateTime(m.movedAt) },
        {
          title: t('lots.move.kindLabel'),
          width: 100,
          render: (_, m) => <Tag color={KIND_COLOR[m.kind]}>{t(`lots.move.kind.${m.kind}`)}</Tag>,
        },
        ...(props.showLot
          ? [
              {
                title: t('lots.lotNumber'),
                width: 220,
                render: (_: unknown, m: TStockMove) => `${m.lotNumber} (${m.materialCode})`,
              },
            ]
          : []),
        { title: t('lots.quantity'), dataIndex: 'quantity', align: 'right', width: 100 },
        {
          title: t('lots.move.fromTo'),
          width: 160,
          render: (_, m) => `${t(`lots.move.place.${m.fromPlace}`)} → ${t(`lots.move.place.${m.toPlace}`)}`,
        },
        {
          title: t('lots.workOrder'),
          width: 160,
          render: (_, m) =>
            m.workOrderId ? (
              <Link to={`/production/work-orders/${m.workOrderId}`}>{m.workOrderNumber}</Link>
            ) : (
              '—'
            ),
        },
        { title: t('lots.move.by'), dataIndex: 'movedByName', width: 120 },
        {
          title: t('lots.move.reason'),
          dataIndex: 'reason',
          width: 160,
          render: (v: string | null) => v ?? '',
        },
      ]}
    />
  );
}

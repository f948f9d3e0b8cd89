import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TProductReport } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';

type BalanceRow = TProductReport['balance'][number];

/** Where the boundary's energy went, per medium: so the allocation can be checked to add up. */
export function EnergyBalanceCard(props: { balance: BalanceRow[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const num = (v: number) => formatNumber(v, i18n.language, 2);
  return (
    <Card size="small" title={t('energyProducts.balance.title')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('energyProducts.balance.help')}
      </Typography.Paragraph>
      <Table<BalanceRow>
        rowKey="medium"
        size="small"
        pagination={false}
        loading={props.loading}
        data-testid="product-balance"
        dataSource={props.balance}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'medium',
            title: t('energyProducts.balance.medium'),
            render: (_, b) => mediumLabel(b.medium),
          },
          { key: 'unit', title: t('energyProducts.balance.unit'), render: (_, b) => unitLabel(b.unit) },
          {
            key: 'boundary',
            title: t('energyProducts.balance.boundary'),
            dataIndex: 'boundary',
            align: 'right',
            render: num,
          },
          {
            key: 'nodes',
            title: t('energyProducts.balance.nodes'),
            dataIndex: 'nodes',
            align: 'right',
            render: num,
          },
          {
            key: 'toProducts',
            title: t('energyProducts.balance.toProducts'),
            dataIndex: 'toProducts',
            align: 'right',
            render: num,
          },
          {
            key: 'unallocated',
            title: t('energyProducts.balance.unallocated'),
            dataIndex: 'unallocated',
            align: 'right',
            render: (v: number) =>
              v > 0 ? <Typography.Text type="warning">{num(v)}</Typography.Text> : num(v),
          },
        ]}
      />
    </Card>
  );
}

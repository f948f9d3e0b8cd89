import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnergyCostReport } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';

export type CostMeter = TEnergyCostReport['meters'][number];

/** Money arrives as decimal strings; shown with two decimals and grouping, never summed here. */
const money = (value: string | null | undefined, lang: string) =>
  value === null || value === undefined ? '—' : formatNumber(Number(value), lang, 2);
const percent = (share: number | undefined, lang: string) =>
  share === undefined ? '—' : `${formatNumber(share * 100, lang, 1)}%`;

export function CostTable(props: { meters: CostMeter[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const mediumLabel = useMediumLabel();
  return (
    <Table<CostMeter>
      rowKey="meterId"
      size="small"
      loading={props.loading}
      dataSource={props.meters}
      pagination={false}
      scroll={{ x: 1500 }}
      data-testid="energy-cost-table"
      locale={{ emptyText: t('energyCost.empty') }}
      columns={[
        { title: t('energyCost.meterCode'), dataIndex: 'code', width: 120, fixed: 'left' },
        { title: t('energyCost.meterName'), dataIndex: 'name', width: 160 },
        {
          title: t('energyCost.level'),
          dataIndex: 'level',
          width: 70,
          render: (level: number) => t('energyCost.levelValue', { level }),
        },
        {
          title: t('energyCost.area'),
          dataIndex: 'nodeName',
          width: 120,
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t('energyCost.medium'),
          dataIndex: 'medium',
          width: 90,
          render: (m: string) => mediumLabel(m),
        },
        {
          title: t('energyCost.quantity'),
          key: 'quantity',
          width: 130,
          align: 'right',
          render: (_, m) =>
            m.cost ? `${formatNumber(m.cost.totalQuantity, lang, 2)} ${unitLabel(m.cost.unit)}` : '—',
        },
        {
          title: t('energyCost.energyCost'),
          key: 'energyCost',
          width: 130,
          align: 'right',
          render: (_, m) => money(m.cost?.energyCost, lang),
        },
        {
          title: t('energyCost.basicCost'),
          key: 'basicCost',
          width: 120,
          align: 'right',
          render: (_, m) => money(m.cost?.basicCost, lang),
        },
        {
          title: t('energyCost.total'),
          key: 'totalCost',
          width: 120,
          align: 'right',
          render: (_, m) => (
            <Typography.Text strong data-testid={`energy-cost-total-${m.code}`}>
              {money(m.cost?.totalCost, lang)}
            </Typography.Text>
          ),
        },
        {
          title: t('energyCost.averagePrice'),
          key: 'averagePrice',
          width: 120,
          align: 'right',
          render: (_, m) => (m.cost?.averagePrice ? formatNumber(Number(m.cost.averagePrice), lang, 4) : '—'),
        },
        {
          title: t('energyCost.peakShare'),
          key: 'peakShare',
          width: 90,
          align: 'right',
          render: (_, m) => (m.medium === 'electricity' ? percent(m.cost?.peakShare, lang) : '—'),
        },
        {
          title: t('energyCost.valleyShare'),
          key: 'valleyShare',
          width: 90,
          align: 'right',
          render: (_, m) => (m.medium === 'electricity' ? percent(m.cost?.valleyShare, lang) : '—'),
        },
        {
          title: t('energyCost.maxDemand'),
          key: 'maxDemand',
          width: 110,
          align: 'right',
          render: (_, m) => (m.cost?.maxDemand ? formatNumber(m.cost.maxDemand.kw, lang, 1) : '—'),
        },
        {
          title: t('energyCost.note'),
          key: 'note',
          width: 220,
          render: (_, m) => {
            const uncosted = m.cost && m.cost.uncosted.quantity > 0 ? m.cost : null;
            return (
              <Typography.Text
                type={m.cost ? 'secondary' : 'warning'}
                data-testid={`energy-cost-note-${m.code}`}
              >
                {m.note}
                {uncosted && (
                  <>
                    {m.note ? '；' : ''}
                    {t('energyCost.uncosted', {
                      quantity: formatNumber(uncosted.uncosted.quantity, lang, 2),
                      unit: unitLabel(uncosted.unit),
                    })}
                  </>
                )}
              </Typography.Text>
            );
          },
        },
      ]}
    />
  );
}

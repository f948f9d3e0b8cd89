import type { HTMLAttributes } from 'react';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TGhgInventory } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { QualityShare } from './QualityShare.tsx';

type Row = TGhgInventory['dataQuality'][number];

const FACTOR_COLORS: Record<Row['factor'], string> = {
  measured: 'green',
  default: 'blue',
  'default-to-confirm': 'orange',
};

/** Each input line of the inventory: where its activity data came from and what kind of factor it used. */
export function DataQualityTable(props: { rows: Row[] }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  return (
    <Table<Row>
      rowKey={(r) => `${r.medium}:${r.line}`}
      size="small"
      pagination={false}
      dataSource={props.rows}
      data-testid="inventory-data-quality"
      scroll={{ x: 'max-content' }}
      onRow={(r) => ({ 'data-testid': `data-quality-${r.medium}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('energyReports.medium'), dataIndex: 'medium', render: (m: string) => mediumLabel(m) },
        { title: t('energyReports.meters'), dataIndex: 'line' },
        {
          title: t('energyReports.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (v: number, r) => `${formatNumber(v, i18n.language, 3)} ${unitLabel(r.unit)}`,
        },
        {
          title: t('energyReports.dataOrigin'),
          key: 'quality',
          render: (_, r) => <QualityShare quality={r.quality} />,
        },
        {
          title: t('energyReports.ghg.factorKind'),
          dataIndex: 'factor',
          render: (f: Row['factor']) => (
            <Tag color={FACTOR_COLORS[f]} data-testid={`factor-kind-${f}`}>
              {t(`energyReports.ghg.factor.${f}`)}
            </Tag>
          ),
        },
        { title: t('energyReports.ghg.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

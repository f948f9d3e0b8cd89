import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TGhgInventory } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';

type Row = TGhgInventory['totals']['combustion'][number];

/** Fossil fuel combustion per GB/T 32151: activity data × NCV × carbon content × oxidation × 44/12. */
export function CombustionTable(props: { rows: Row[] }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const lang = i18n.language;
  return (
    <Table<Row>
      rowKey="fuel"
      size="small"
      pagination={false}
      dataSource={props.rows}
      data-testid="inventory-combustion"
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('energyReports.ghg.noCombustion') }}
      columns={[
        { title: t('energyReports.ghg.fuel'), dataIndex: 'fuel', render: (m: string) => mediumLabel(m) },
        {
          title: t('energyReports.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (v: number, r) => `${formatNumber(v, lang, 3)} ${unitLabel(r.unit)}`,
        },
        {
          title: t('energyReports.ghg.ncv'),
          dataIndex: 'ncvGjPerUnit',
          align: 'right',
          render: (v: number, r) => `${formatNumber(v, lang, 3)} GJ/${unitLabel(r.ncvUnit)}`,
        },
        {
          title: t('energyReports.ghg.carbonContent'),
          dataIndex: 'carbonContentTcPerGj',
          align: 'right',
          render: (v: number) => `${formatNumber(v, lang, 5)} tC/GJ`,
        },
        {
          title: t('energyReports.ghg.oxidation'),
          dataIndex: 'oxidationRate',
          align: 'right',
          render: (v: number) => `${formatNumber(v * 100, lang, 1)}%`,
        },
        {
          title: 'tCO₂',
          dataIndex: 'tco2',
          align: 'right',
          render: (v: number) => formatNumber(v, lang, 3),
        },
        { title: t('energyReports.factorSource'), dataIndex: 'factorSource' },
      ]}
    />
  );
}

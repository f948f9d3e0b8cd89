import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnergyOverview } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { sharePercent } from '../lib/report-period.ts';
import { QualityShare } from './QualityShare.tsx';

type Row = TEnergyOverview['byMedium'][number];

/** Boundary consumption per medium: physical quantity, tce both ways, share, coefficient and data origin. */
export function MediumTable(props: { overview: TEnergyOverview; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const lang = i18n.language;
  const total = props.overview.totalTceEquivalent;
  return (
    <Table<Row>
      rowKey="medium"
      size="small"
      pagination={false}
      loading={props.loading}
      dataSource={props.overview.byMedium}
      data-testid="overview-media"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('energyReports.medium'), dataIndex: 'medium', render: (m: string) => mediumLabel(m) },
        {
          title: t('energyReports.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (v: number, r) => `${formatNumber(v, lang, 2)} ${unitLabel(r.unit)}`,
        },
        {
          title: t('energyReports.tceEquivalent'),
          dataIndex: 'tceEquivalent',
          align: 'right',
          render: (v: number | null) => formatNumber(v, lang, 4),
        },
        {
          title: t('energyReports.tceEqual'),
          dataIndex: 'tceEqual',
          align: 'right',
          render: (v: number | null) => formatNumber(v, lang, 4),
        },
        {
          title: t('energyReports.share'),
          key: 'share',
          align: 'right',
          render: (_, r) => {
            const share = sharePercent(r.tceEquivalent, total);
            return share === null ? '—' : `${formatNumber(share, lang, 1)}%`;
          },
        },
        {
          title: t('energyReports.coefficient'),
          dataIndex: 'kgcePerUnit',
          align: 'right',
          render: (v: number | null, r) =>
            v === null
              ? t('energyReports.noCoefficient')
              : `${formatNumber(v, lang, 4)} kgce/${unitLabel(r.unit)}`,
        },
        {
          title: t('energyReports.factorSource'),
          dataIndex: 'factorSource',
          render: (v: string | null) => v ?? '—',
        },
        { title: t('energyReports.meters'), dataIndex: 'meters', render: (m: string[]) => m.join(', ') },
        {
          title: t('energyReports.dataOrigin'),
          key: 'quality',
          render: (_, r) => <QualityShare quality={r.quality} />,
        },
      ]}
    />
  );
}

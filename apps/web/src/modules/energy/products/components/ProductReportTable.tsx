import type { HTMLAttributes } from 'react';
import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TProductReport } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';

export type ProductRow = TProductReport['products'][number];
type MediumRow = ProductRow['media'][number];

/** Name above code, the way the product lists show a material. */
export function ProductName(props: { name: string; code: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{props.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.code}
      </Typography.Text>
    </Space>
  );
}

/** The per-medium allocation of one product: what its nodes measured (direct) and its share of the remainder. */
function MediaAllocation(props: { media: MediumRow[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const num = (digits: number) => (v: number) => formatNumber(v, i18n.language, digits);
  return (
    <Table<MediumRow>
      rowKey="medium"
      size="small"
      pagination={false}
      data-testid={props.testId}
      dataSource={props.media}
      title={() => t('energyProducts.report.media')}
      columns={[
        { key: 'medium', title: t('energyProducts.report.medium'), render: (_, m) => mediumLabel(m.medium) },
        { key: 'unit', title: t('energyProducts.report.unit'), render: (_, m) => unitLabel(m.unit) },
        {
          key: 'direct',
          title: t('energyProducts.report.direct'),
          dataIndex: 'direct',
          align: 'right',
          render: num(2),
        },
        {
          key: 'auxiliary',
          title: t('energyProducts.report.auxiliary'),
          dataIndex: 'auxiliary',
          align: 'right',
          render: num(2),
        },
        {
          key: 'quantity',
          title: t('energyProducts.report.quantity'),
          align: 'right',
          render: (_, m) => formatNumber(m.direct + m.auxiliary, i18n.language, 2),
        },
        {
          key: 'tceEquivalent',
          title: `tce（${t('energyProducts.equivalent')}）`,
          dataIndex: 'tceEquivalent',
          align: 'right',
          render: num(4),
        },
        {
          key: 'tceEqual',
          title: `tce（${t('energyProducts.equal')}）`,
          dataIndex: 'tceEqual',
          align: 'right',
          render: num(4),
        },
      ]}
    />
  );
}

/** One row per product with its allocated energy, unit consumption against the limit, carbon and cost. */
export function ProductReportTable(props: {
  products: ProductRow[];
  loading: boolean;
  onOpenSettings?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canOpenLedger = useCan('energy.economics.read');
  const num = (digits: number) => (v: number | null) => formatNumber(v, lang, digits);
  const money = (v: string | null, digits: number) =>
    v === null ? '—' : formatNumber(Number(v), lang, digits);

  return (
    <Table<ProductRow>
      rowKey="materialId"
      size="middle"
      bordered
      data-testid="product-report-table"
      loading={props.loading}
      dataSource={props.products}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(r) =>
        ({ 'data-testid': `product-report-row-${r.materialCode}` }) as HTMLAttributes<HTMLElement>
      }
      expandable={{
        rowExpandable: (r) => r.media.length > 0,
        expandedRowRender: (r) => (
          <MediaAllocation media={r.media} testId={`product-report-media-${r.materialCode}`} />
        ),
      }}
      locale={{
        emptyText: (
          <Empty
            data-testid="product-report-empty"
            description={
              <Space orientation="vertical" size={4}>
                <span>{t('energyProducts.report.empty')}</span>
                <Space split="·">
                  {props.onOpenSettings && (
                    <Button type="link" size="small" onClick={props.onOpenSettings}>
                      {t('energyProducts.tabSettings')}
                    </Button>
                  )}
                  {canOpenLedger && (
                    <Link to="/energy/economics">{t('energyProducts.report.emptyOutput')}</Link>
                  )}
                </Space>
              </Space>
            }
          />
        ),
      }}
      columns={[
        {
          key: 'product',
          title: t('energyProducts.report.product'),
          fixed: 'left',
          render: (_, r) => <ProductName name={r.materialName} code={r.materialCode} />,
        },
        {
          key: 'output',
          title: t('energyProducts.report.output'),
          align: 'right',
          render: (_, r) => `${formatNumber(r.output, lang, 2)} ${r.unit}`,
        },
        {
          key: 'qualified',
          title: t('energyProducts.report.qualified'),
          align: 'right',
          render: (_, r) => `${formatNumber(r.qualifiedOutput, lang, 2)} ${r.unit}`,
        },
        {
          key: 'tce',
          title: t('energyProducts.report.tce'),
          children: [
            {
              key: 'tceEquivalent',
              title: t('energyProducts.equivalent'),
              dataIndex: 'tceEquivalent',
              align: 'right',
              render: num(4),
            },
            {
              key: 'tceEqual',
              title: t('energyProducts.equal'),
              dataIndex: 'tceEqual',
              align: 'right',
              render: num(4),
            },
          ],
        },
        {
          key: 'unitKgce',
          title: t('energyProducts.report.unitKgce'),
          children: [
            {
              key: 'unitEquivalent',
              title: t('energyProducts.equivalent'),
              dataIndex: 'unitKgceEquivalent',
              align: 'right',
              render: num(3),
            },
            {
              key: 'unitEqual',
              title: t('energyProducts.equal'),
              dataIndex: 'unitKgceEqual',
              align: 'right',
              render: num(3),
            },
            {
              key: 'limit',
              title: t('energyProducts.report.limit'),
              render: (_, r) =>
                r.limit === null ? (
                  <Typography.Text type="secondary">{t('energyProducts.report.noLimit')}</Typography.Text>
                ) : (
                  <Tooltip title={r.limit.standard}>
                    <Space size={4} data-testid={`product-report-limit-${r.materialCode}`}>
                      <span>
                        {`≤ ${formatNumber(r.limit.kgcePerUnit, lang, 3)}（${t(`energyProducts.${r.limit.valueKind}`)}）`}
                      </span>
                      {r.limit.meets !== null && (
                        <Tag color={r.limit.meets ? 'green' : 'red'}>
                          {r.limit.meets
                            ? t('energyProducts.report.meets')
                            : t('energyProducts.report.exceeds')}
                        </Tag>
                      )}
                    </Space>
                  </Tooltip>
                ),
            },
          ],
        },
        {
          key: 'carbon',
          title: t('energyProducts.report.carbon'),
          children: [
            {
              key: 'scope1',
              title: t('energyProducts.report.scope1'),
              align: 'right',
              render: (_, r) => formatNumber(r.carbon.scope1Tco2, lang, 3),
            },
            {
              key: 'scope2',
              title: t('energyProducts.report.scope2'),
              align: 'right',
              render: (_, r) => formatNumber(r.carbon.scope2Tco2, lang, 3),
            },
            {
              key: 'total',
              title: t('energyProducts.report.total'),
              align: 'right',
              render: (_, r) => formatNumber(r.carbon.totalTco2, lang, 3),
            },
          ],
        },
        {
          key: 'unitCarbon',
          title: t('energyProducts.report.unitCarbon'),
          align: 'right',
          render: (_, r) => formatNumber(r.carbon.unitKgco2, lang, 3),
        },
        {
          key: 'cost',
          title: t('energyProducts.report.cost'),
          align: 'right',
          render: (_, r) => money(r.cost, 2),
        },
        {
          key: 'unitCost',
          title: t('energyProducts.report.unitCost'),
          align: 'right',
          render: (_, r) => money(r.unitCost, 4),
        },
        {
          key: 'notes',
          title: t('energyProducts.report.notes'),
          // a fixed width lets the server's notes wrap instead of widening the table
          width: 320,
          render: (_, r) =>
            r.notes.length === 0 ? (
              '—'
            ) : (
              <Space orientation="vertical" size={0}>
                {r.notes.map((n) => (
                  <Typography.Text key={n} type="warning" style={{ fontSize: 12 }}>
                    {n}
                  </Typography.Text>
                ))}
              </Space>
            ),
        },
      ]}
    />
  );
}

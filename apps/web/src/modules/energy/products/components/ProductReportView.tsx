import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';
import { useProductReport } from '../hooks/use-products-queries.ts';
import { defaultMonthRange, monthRangeQuery, type MonthRange } from '../lib/month-range.ts';
import { EnergyBalanceCard } from './EnergyBalanceCard.tsx';
import { ProductReportTable } from './ProductReportTable.tsx';
import { ReportBasis } from './ReportBasis.tsx';
import { UnitConsumptionChart } from './UnitConsumptionChart.tsx';

/** The report tab: whole months picked in the enterprise's time zone, then table, chart, balance and basis. */
export function ProductReportView(props: { onOpenSettings?: () => void }) {
  const { t } = useTranslation();
  const timeZone = useEnterpriseTimeZone();
  const [range, setRange] = useState<MonthRange>(() => defaultMonthRange());
  const query = useMemo(() => monthRangeQuery(range, timeZone), [range, timeZone]);
  const report = useProductReport(query);
  const data = report.data;

  return (
    <div data-testid="product-report">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('energyProducts.months')}</span>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={range}
          onChange={(next) => {
            if (next?.[0] && next[1]) setRange([next[0].startOf('month'), next[1].startOf('month')]);
          }}
          data-testid="product-report-months"
        />
        {data && (
          <Typography.Text type="secondary" data-testid="product-report-period">
            {t('energyProducts.monthsHelp', { from: data.months.from, to: data.months.to })}
          </Typography.Text>
        )}
      </Space>
      {report.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('energyProducts.loadFailed')}
          description={errorMessage(report.error, t)}
          action={
            <Button size="small" onClick={() => void report.refetch()}>
              {t('common.retry')}
            </Button>
          }
          data-testid="product-report-error"
        />
      )}
      {report.isLoading && <Skeleton active />}
      {data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {data.notes.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('energyProducts.basis.notes')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {data.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              }
              data-testid="product-report-notes"
            />
          )}
          <Card size="small" title={t('energyProducts.report.tableTitle')}>
            <ProductReportTable
              products={data.products}
              loading={report.isFetching}
              onOpenSettings={props.onOpenSettings}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('energyProducts.chart.title')} style={{ height: '100%' }}>
                <UnitConsumptionChart products={data.products} loading={report.isFetching} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <EnergyBalanceCard balance={data.balance} loading={report.isFetching} />
            </Col>
          </Row>
          <ReportBasis basis={data.basis} />
        </Space>
      )}
    </div>
  );
}

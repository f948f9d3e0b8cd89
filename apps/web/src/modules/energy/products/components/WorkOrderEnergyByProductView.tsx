import { useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Descriptions, Empty, Skeleton, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import type { TWorkOrderEnergyByProduct } from '@greenmes/contracts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { workOrderEnergyApi } from '../../../production/api/work-order-energy-api.ts';
import {
  EnergyBasisCard,
  WorkCenterBalanceTable,
} from '../../../production/components/WorkOrderEnergyTab.tsx';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { mediaText, wallClock } from '../../lib/energy-figures.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { instantIn } from '../../reports/lib/report-period.ts';

type Product = TWorkOrderEnergyByProduct['products'][number];

/** 工单能耗: the energy the operations of the orders worked in a period took, by product, per good unit; idle apart. */
export function WorkOrderEnergyByProductView() {
  const { t, i18n } = useTranslation();
  const timeZone = useEnterpriseTimeZone();
  const mediumLabel = useMediumLabel();
  const num = (v: number | null | undefined, digits = 4) => formatNumber(v, i18n.language, digits);
  // whole days of the enterprise's time zone, the last one included; this month by default
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().startOf('month'),
    dayjs().startOf('day'),
  ]);
  const query = useMemo(
    () => ({
      from: instantIn(range[0].startOf('day'), timeZone),
      to: instantIn(range[1].startOf('day').add(1, 'day'), timeZone),
    }),
    [range, timeZone],
  );
  const report = useQuery({
    queryKey: ['energy', 'products', 'work-orders', query],
    queryFn: ({ signal }) => workOrderEnergyApi.byProduct(query, signal),
  });
  const data = report.data;
  return (
    <div data-testid="wo-energy-by-product">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('workOrderEnergy.byProduct.period')}</span>
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(next) => {
            if (next?.[0] && next[1]) setRange([next[0], next[1]]);
          }}
          data-testid="wo-energy-by-product-range"
        />
        {data && (
          <Typography.Text type="secondary">
            {t('workOrderEnergy.byProduct.periodHelp', {
              from: wallClock(data.from, timeZone),
              to: wallClock(data.to, timeZone),
            })}
          </Typography.Text>
        )}
      </Space>
      {report.isError && (
        <Alert
          type="error"
          showIcon
          title={t('workOrderEnergy.loadFailed')}
          description={errorMessage(report.error, t)}
        />
      )}
      {report.isLoading && <Skeleton active />}
      {data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {data.notes.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('workOrderEnergy.notes')}
              description={data.notes.join('; ')}
            />
          )}
          <Table<Product>
            size="small"
            rowKey="productId"
            pagination={false}
            loading={report.isFetching}
            dataSource={data.products}
            data-testid="wo-energy-by-product-table"
            locale={{ emptyText: <Empty description={t('workOrderEnergy.byProduct.empty')} /> }}
            scroll={{ x: 1100 }}
            columns={[
              {
                title: t('workOrderEnergy.byProduct.product'),
                width: 180,
                render: (_, p) => `${p.productCode} ${p.productName}`,
              },
              {
                title: t('workOrderEnergy.byProduct.goodQuantity'),
                align: 'right',
                width: 100,
                render: (_, p) => `${p.goodQuantity} ${p.unitCode}`,
              },
              {
                title: t('workOrderEnergy.energy'),
                width: 180,
                render: (_, p) => (
                  <span data-testid={`wo-energy-${p.productCode}-media`}>
                    {mediaText(p.energy.media, mediumLabel, i18n.language)}
                  </span>
                ),
              },
              {
                title: t('workOrderEnergy.tceEquivalent'),
                align: 'right',
                width: 110,
                render: (_, p) => num(p.energy.tceEquivalent, 6),
              },
              {
                title: t('workOrderEnergy.tco2'),
                align: 'right',
                width: 110,
                render: (_, p) => num(p.energy.totalTco2, 6),
              },
              {
                title: t('workOrderEnergy.perUnitKgce'),
                align: 'right',
                width: 120,
                render: (_, p) => (
                  <span data-testid={`wo-energy-${p.productCode}-unit-kgce`}>
                    {num(p.energy.perGoodUnit?.kgceEquivalent)}
                  </span>
                ),
              },
              {
                title: t('workOrderEnergy.perUnitKgco2'),
                align: 'right',
                width: 110,
                render: (_, p) => (
                  <span data-testid={`wo-energy-${p.productCode}-unit-kgco2`}>
                    {num(p.energy.perGoodUnit?.kgco2)}
                  </span>
                ),
              },
              {
                title: t('workOrderEnergy.byProduct.orders'),
                render: (_, p) =>
                  p.orders.map((o) => (
                    <Link
                      key={o.workOrderId}
                      to={`/production/work-orders/${o.workOrderId}`}
                      style={{ marginRight: 8 }}
                    >
                      {o.number}
                    </Link>
                  )),
              },
            ]}
          />
          <Card size="small" title={t('workOrderEnergy.byProduct.idleTotal')}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('workOrderEnergy.idle')}>
                <span data-testid="wo-energy-idle">
                  {mediaText(data.idle.media, mediumLabel, i18n.language)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('workOrderEnergy.idleTce')}>
                {num(data.idle.tceEquivalent, 6)}
              </Descriptions.Item>
              <Descriptions.Item label={t('workOrderEnergy.idleTco2')}>
                {num(data.idle.totalTco2, 6)}
              </Descriptions.Item>
            </Descriptions>
            <WorkCenterBalanceTable
              workCenters={data.workCenters}
              allocatedLabel={t('workOrderEnergy.toOrders')}
              testId="wo-energy-by-product-work-centers"
            />
          </Card>
          <EnergyBasisCard basis={data.basis} />
        </Space>
      )}
    </div>
  );
}

import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEnergyBasis, TOperationEnergy, TWorkCenterBalance } from '@greenmes/contracts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { useMediumLabel } from '../../energy/hooks/use-energy-options.ts';
import { mediaText, wallClock } from '../../energy/lib/energy-figures.ts';
import { useEnterpriseTimeZone } from '../../energy/hooks/use-enterprise-time-zone.ts';
import { formatNumber, unitLabel } from '../../energy/lib/energy-format.ts';
import { workOrderEnergyApi } from '../api/work-order-energy-api.ts';

/** 能耗与碳排: each operation's share of its work center's metered energy, the order's total, idle apart. */
export function WorkOrderEnergyTab(props: { workOrderId: string }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const timeZone = useEnterpriseTimeZone();
  const num = (v: number | null | undefined, digits = 4) => formatNumber(v, i18n.language, digits);
  const energy = useQuery({
    queryKey: ['production', 'work-orders', 'energy', props.workOrderId],
    queryFn: ({ signal }) => workOrderEnergyApi.get(props.workOrderId, signal),
  });
  if (energy.isPending) return <Skeleton active />;
  if (energy.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('workOrderEnergy.loadFailed')}
        description={errorMessage(energy.error, t)}
        action={
          <Button size="small" onClick={() => void energy.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  const e = energy.data;
  const perUnit = e.total.perGoodUnit;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="woe-tab">
      {e.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('workOrderEnergy.notes')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {e.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          }
          data-testid="woe-notes"
        />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} title={t('workOrderEnergy.total')}>
        <Descriptions.Item label={t('workOrderEnergy.period')}>
          <span data-testid="woe-period">
            {wallClock(e.from, timeZone)} – {wallClock(e.to, timeZone)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.goodQuantity')}>
          <span data-testid="woe-good">
            {e.goodQuantity} {e.unitCode}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.energy')}>
          <span data-testid="woe-total-media">{mediaText(e.total.media, mediumLabel, i18n.language)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.tceEquivalent')}>
          <span data-testid="woe-total-tce">{num(e.total.tceEquivalent, 6)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.tceEqual')}>
          {num(e.total.tceEqual, 6)}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.tco2')}>
          <span data-testid="woe-total-tco2">{num(e.total.totalTco2, 6)}</span>
          <Typography.Text type="secondary">
            {' '}
            ({t('workOrderEnergy.scope1')} {num(e.total.scope1Tco2, 6)} · {t('workOrderEnergy.scope2')}{' '}
            {num(e.total.scope2Tco2, 6)})
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.perUnitKgce')}>
          <span data-testid="woe-unit-kgce">{num(perUnit?.kgceEquivalent)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.perUnitKgceEqual')}>
          {num(perUnit?.kgceEqual)}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrderEnergy.perUnitKgco2')}>
          <span data-testid="woe-unit-kgco2">{num(perUnit?.kgco2)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table<TOperationEnergy>
        size="small"
        rowKey="operationId"
        pagination={false}
        scroll={{ x: 1100 }}
        dataSource={e.operations}
        data-testid="woe-operations"
        columns={[
          {
            title: t('workOrderEnergy.operation'),
            width: 150,
            render: (_, o) => `${o.seqNo} ${o.code} ${o.name}`,
          },
          {
            title: t('workOrderEnergy.workCenter'),
            width: 150,
            render: (_, o) => `${o.workCenterCode} ${o.workCenterName}`,
          },
          {
            title: t('workOrderEnergy.runningHours'),
            align: 'right',
            width: 100,
            render: (_, o) => (
              <span title={`${t('workOrderEnergy.unmeteredHours')}: ${num(o.unmeteredRunningHours, 2)}`}>
                {num(o.runningHours, 2)}
              </span>
            ),
          },
          {
            title: t('workOrderEnergy.energy'),
            width: 180,
            render: (_, o) => (
              <span data-testid={`woe-op-${o.seqNo}-media`}>
                {mediaText(o.energy.media, mediumLabel, i18n.language)}
              </span>
            ),
          },
          {
            title: t('workOrderEnergy.tceEquivalent'),
            align: 'right',
            width: 110,
            render: (_, o) => (
              <span data-testid={`woe-op-${o.seqNo}-tce`}>{num(o.energy.tceEquivalent, 6)}</span>
            ),
          },
          {
            title: t('workOrderEnergy.tceEqual'),
            align: 'right',
            width: 110,
            render: (_, o) => num(o.energy.tceEqual, 6),
          },
          {
            title: t('workOrderEnergy.tco2'),
            align: 'right',
            width: 110,
            render: (_, o) => (
              <span data-testid={`woe-op-${o.seqNo}-tco2`}>{num(o.energy.totalTco2, 6)}</span>
            ),
          },
          {
            title: t('workOrderEnergy.goodQuantity'),
            align: 'right',
            width: 90,
            dataIndex: 'goodQuantity',
          },
          {
            title: t('workOrderEnergy.perUnitKgce'),
            align: 'right',
            width: 120,
            render: (_, o) => num(o.energy.perGoodUnit?.kgceEquivalent),
          },
          {
            title: t('workOrderEnergy.perUnitKgco2'),
            align: 'right',
            width: 110,
            render: (_, o) => num(o.energy.perGoodUnit?.kgco2),
          },
        ]}
      />
      <Card size="small" title={t('workOrderEnergy.idleTitle')}>
        <WorkCenterBalanceTable workCenters={e.workCenters} showOtherOrders testId="woe-work-centers" />
      </Card>
      <EnergyBasisCard basis={e.basis} />
    </Space>
  );
}

/** Per work center and medium: metered = allocated + other orders + idle, with the idle energy's tce and tCO₂. */
export function WorkCenterBalanceTable(props: {
  workCenters: TWorkCenterBalance[];
  showOtherOrders?: boolean;
  /** the allocated column's title: to this order, or to the period's orders */
  allocatedLabel?: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const num = (v: number | null | undefined, digits = 4) => formatNumber(v, i18n.language, digits);
  const rows = props.workCenters.flatMap((wc) =>
    (wc.media.length ? wc.media : [null]).map((m, i) => ({
      wc,
      m,
      key: `${wc.workCenterId}-${m?.medium ?? i}`,
    })),
  );
  const qty = (v: number | undefined, unit: string | undefined) =>
    v === undefined ? '—' : `${num(v, 3)} ${unitLabel(unit ?? '')}`;
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid={props.testId}
      columns={[
        {
          title: t('workOrderEnergy.workCenter'),
          render: (_, r) => `${r.wc.workCenterCode} ${r.wc.workCenterName}`,
        },
        {
          title: t('workOrderEnergy.meters'),
          render: (_, r) =>
            r.wc.meters.length
              ? r.wc.meters
                  .map((m) => `${m.code}${m.equipmentCode ? ` (${m.equipmentCode})` : ''}`)
                  .join('、')
              : t('workOrderEnergy.noMeters'),
        },
        { title: t('energyProducts.report.medium'), render: (_, r) => mediumLabel(r.m?.medium) },
        {
          title: t('workOrderEnergy.metered'),
          align: 'right',
          render: (_, r) => qty(r.m?.metered, r.m?.unit),
        },
        {
          title: props.allocatedLabel ?? t('workOrderEnergy.thisOrder'),
          align: 'right',
          render: (_, r) => qty(r.m?.allocated, r.m?.unit),
        },
        ...(props.showOtherOrders
          ? [
              {
                title: t('workOrderEnergy.otherOrders'),
                align: 'right' as const,
                render: (_: unknown, r: (typeof rows)[number]) => qty(r.m?.otherOrders, r.m?.unit),
              },
            ]
          : []),
        {
          title: t('workOrderEnergy.idle'),
          align: 'right',
          render: (_, r) => (
            <span data-testid={`idle-${r.wc.workCenterCode}-${r.m?.medium ?? 'none'}`}>
              {qty(r.m?.idle, r.m?.unit)}
            </span>
          ),
        },
        {
          title: t('workOrderEnergy.idleTce'),
          align: 'right',
          render: (_, r) => num(r.wc.idle.media.find((x) => x.medium === r.m?.medium)?.tceEquivalent, 6),
        },
        {
          title: t('workOrderEnergy.idleTco2'),
          align: 'right',
          render: (_, r) => num(r.wc.idle.totalTco2, 6),
        },
      ]}
    />
  );
}

/** The method, the interval, each year's factors with their sources and the tce coefficients used. */
export function EnergyBasisCard(props: { basis: TEnergyBasis }) {
  const { t } = useTranslation();
  const mediumLabel = useMediumLabel();
  const b = props.basis;
  return (
    <Card size="small" title={t('workOrderEnergy.basisTitle')} data-testid="woe-basis">
      <Typography.Paragraph>
        <Typography.Text strong>{t('workOrderEnergy.method')}: </Typography.Text>
        {b.method}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('workOrderEnergy.interval', { interval: b.interval, timezone: b.timezone })}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 18 }}>
        {b.years.map((y) => (
          <li key={y.year} data-testid={`woe-basis-${y.year}`}>
            <Typography.Text strong>{t('workOrderEnergy.factorsOfYear', { year: y.year })}: </Typography.Text>
            {t('workOrderEnergy.grid', { value: y.gridEmissionFactorTco2PerMWh })} ({y.gridFactorSource});{' '}
            {t('workOrderEnergy.equalValue', { value: y.electricityEqualValueKgcePerKwh })} (
            {y.equalValueSource}); {t('workOrderEnergy.heat', { value: y.heatEmissionFactorTco2PerGj })} (
            {y.heatFactorSource})
          </li>
        ))}
        {b.coefficients.map((c) => (
          <li key={c.medium}>
            <Typography.Text strong>
              {t('workOrderEnergy.coefficients')} · {mediumLabel(c.medium)} ({unitLabel(c.unit)}):{' '}
            </Typography.Text>
            {c.sources.join('; ')}
          </li>
        ))}
      </ul>
    </Card>
  );
}

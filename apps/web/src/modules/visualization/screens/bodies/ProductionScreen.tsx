import { useMemo } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TProductionScreen } from '@greenmes/contracts';
import { KpiCard } from '../../widgets/KpiCard.tsx';
import { WidgetChart, type WidgetChartOption } from '../../widgets/WidgetChart.tsx';
import styles from '../big-screen.module.css';
import { ScreenBody } from '../ScreenBody.tsx';
import { ScreenPanel } from '../ScreenPanel.tsx';
import { DARK_TEXT, rankingOption, timeSeriesOption } from '../screen-charts.ts';
import { useScreenFormat } from '../screen-format.ts';
import { useScreenData } from '../use-screen-data.ts';

function wipOption(s: TProductionScreen, labels: { waiting: string; inProcess: string }): WidgetChartOption {
  const centers = s.wip.workCenters;
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 110, right: 16, top: 30, bottom: 8 },
    legend: { top: 0, textStyle: { color: DARK_TEXT, fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: { color: DARK_TEXT }, splitLine: { lineStyle: { color: '#1d2b45' } } },
    yAxis: {
      type: 'category',
      data: centers.map((c) => c.name),
      axisLabel: { color: DARK_TEXT, fontSize: 14 },
    },
    series: [
      {
        name: labels.waiting,
        type: 'bar',
        stack: 'wip',
        data: centers.map((c) => c.waiting),
        itemStyle: { color: '#faad14' },
      },
      {
        name: labels.inProcess,
        type: 'bar',
        stack: 'wip',
        data: centers.map((c) => c.inProcess),
        itemStyle: { color: '#36cfc9' },
      },
    ],
  };
}

/** Output vs plan and attainment today, output per hour, WIP by work center, open orders, scrap, Andon. */
export function ProductionScreen() {
  const { t } = useTranslation();
  const query = useScreenData<TProductionScreen>('production', { refetchOnProduction: true });
  const s = query.data;
  const f = useScreenFormat(s?.periods.timezone);
  const hourly = useMemo(
    () =>
      s
        ? timeSeriesOption({
            series: [{ name: t('screens.production.good'), type: 'bar', data: s.hourly, color: '#1677ff' }],
            unit: '',
            label: f.hour,
          })
        : {},
    [s, f, t],
  );
  const wip = useMemo(
    () => (s ? wipOption(s, { waiting: t('wip.waiting'), inProcess: t('wip.inProcess') }) : {}),
    [s, t],
  );
  const scrap = useMemo(
    () =>
      s
        ? rankingOption(
            s.scrapReasons.map((r) => ({
              name: r.name || t('screens.production.noReason'),
              value: r.quantity,
            })),
            (v) => f.num(v),
          )
        : {},
    [s, f, t],
  );
  return (
    <ScreenBody
      screenKey="production"
      hasData={Boolean(s)}
      error={query.error}
      style={{ gridTemplateColumns: '1fr 1fr 1fr', gridTemplateRows: '128px 1fr 1fr' }}
    >
      {() => (
        <>
          <div className={styles.kpis} style={{ gridColumn: '1 / 4' }}>
            <KpiCard title={t('screens.production.good')} value={s!.today.goodQty} />
            <KpiCard title={t('screens.production.planned')} value={s!.today.plannedQty} />
            <KpiCard
              title={t('screens.production.attainment')}
              value={s!.today.attainment === null ? null : s!.today.attainment * 100}
              unit="%"
              precision={1}
            />
            <KpiCard title={t('screens.production.scrap')} value={s!.today.scrapQty} />
            <KpiCard title={t('screens.production.wipOrders')} value={s!.wip.orders} precision={0} />
            <KpiCard title={t('screens.production.andon')} value={s!.andon.unresolved} precision={0} />
          </div>
          <ScreenPanel title={t('screens.production.hourly')} style={{ gridColumn: '1 / 3' }}>
            <WidgetChart option={hourly} height="100%" testId="screen-production-hourly" />
          </ScreenPanel>
          <ScreenPanel title={t('screens.production.wip')}>
            {s!.wip.workCenters.length === 0 ? (
              <div className={styles.muted}>{t('screens.production.noWip')}</div>
            ) : (
              <WidgetChart option={wip} height="100%" testId="screen-production-wip" />
            )}
          </ScreenPanel>
          <ScreenPanel
            title={t('screens.production.orders', { count: s!.openOrders })}
            testId="screen-production-orders"
          >
            {s!.orders.length === 0 ? (
              <div className={styles.muted}>{t('screens.production.noOrders')}</div>
            ) : (
              <table className={styles.list}>
                <tbody>
                  {s!.orders.slice(0, 8).map((o) => (
                    <tr key={o.id} data-testid={`screen-order-${o.number}`}>
                      <td>{o.number}</td>
                      <td>{o.productName}</td>
                      <td style={{ width: '34%' }}>
                        <div className={styles.bar}>
                          <div className={styles.barFill} style={{ width: `${o.progress * 100}%` }} />
                        </div>
                      </td>
                      <td>
                        {f.num(o.goodQty)} / {f.num(o.quantity)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </ScreenPanel>
          <ScreenPanel title={t('screens.production.scrapReasons')}>
            {s!.scrapReasons.length === 0 ? (
              <div className={styles.muted}>{t('screens.production.noScrap')}</div>
            ) : (
              <WidgetChart option={scrap} height="100%" testId="screen-production-scrap" />
            )}
          </ScreenPanel>
          <ScreenPanel title={t('screens.production.andonList')}>
            {s!.andon.items.length === 0 ? (
              <div className={styles.muted}>{t('screens.production.noAndon')}</div>
            ) : (
              <table className={styles.list}>
                <tbody>
                  {s!.andon.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Tag color={e.isStopping ? 'red' : 'orange'}>{t(`andon.kind.${e.kind}`)}</Tag>
                      </td>
                      <td>{e.workCenterName}</td>
                      <td>{e.description}</td>
                      <td className={styles.muted}>{f.time(Date.parse(e.raisedAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </ScreenPanel>
        </>
      )}
    </ScreenBody>
  );
}

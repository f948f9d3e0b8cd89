import { useMemo } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TSummaryScreen } from '@greenmes/contracts';
import { KpiCard } from '../../widgets/KpiCard.tsx';
import { WidgetChart } from '../../widgets/WidgetChart.tsx';
import styles from '../big-screen.module.css';
import { ScreenBody } from '../ScreenBody.tsx';
import { ScreenPanel } from '../ScreenPanel.tsx';
import { gaugeOption, timeSeriesOption } from '../screen-charts.ts';
import { useScreenFormat } from '../screen-format.ts';
import { useScreenData } from '../use-screen-data.ts';

/** The headline of every screen: output and attainment, equipment, energy, carbon, open alarms. */
export function SummaryScreen() {
  const { t } = useTranslation();
  const query = useScreenData<TSummaryScreen>('summary', { refetchOnProduction: true });
  const s = query.data;
  const f = useScreenFormat(s?.periods.timezone);
  const energy = useMemo(
    () =>
      s
        ? timeSeriesOption({
            series: [
              { name: t('screens.energy.dailyTce'), type: 'line', data: s.energy.trend, color: '#36cfc9' },
            ],
            unit: 'tce',
            label: f.day,
          })
        : {},
    [s, f, t],
  );
  const carbon = useMemo(
    () =>
      s
        ? timeSeriesOption({
            series: [
              {
                name: t('screens.carbon.total'),
                type: 'bar',
                data: s.carbon.months.map((m) => [m.start, m.totalTco2]),
                color: '#1677ff',
              },
            ],
            unit: 'tCO₂',
            label: f.month,
          })
        : {},
    [s, f, t],
  );
  const attainment = useMemo(
    () => gaugeOption(t('screens.production.attainment'), s?.production.attainment ?? null),
    [s, t],
  );
  const running = useMemo(
    () => gaugeOption(t('screens.equipment.running'), s?.equipment.runningShare ?? null),
    [s, t],
  );
  return (
    <ScreenBody
      screenKey="summary"
      hasData={Boolean(s)}
      error={query.error}
      style={{ gridTemplateColumns: '1fr 1fr 1fr', gridTemplateRows: '128px 1fr 1fr' }}
    >
      {() => (
        <>
          <div className={styles.kpis} style={{ gridColumn: '1 / 4' }}>
            <KpiCard title={t('screens.production.good')} value={s!.production.goodQty} />
            <KpiCard
              title={t('screens.production.openOrders')}
              value={s!.production.openOrders}
              precision={0}
            />
            <KpiCard
              title={t('screens.equipment.openAlarms')}
              value={s!.equipment.openAlarms}
              precision={0}
            />
            <KpiCard
              title={t('screens.energy.todayTce')}
              value={s!.energy.todayTce}
              unit="tce"
              precision={3}
            />
            <KpiCard
              title={t('screens.energy.monthTce')}
              value={s!.energy.monthTce}
              unit="tce"
              precision={3}
            />
            <KpiCard
              title={t('screens.energy.monthCost')}
              value={s!.energy.monthCost === null ? null : Number(s!.energy.monthCost)}
              unit={t('screens.yuan')}
            />
            <KpiCard
              title={t('screens.carbon.yearTotal')}
              value={s!.carbon.yearTco2}
              unit="tCO₂"
              precision={3}
            />
          </div>
          <ScreenPanel title={t('screens.production.attainment')}>
            <WidgetChart option={attainment} height="100%" testId="screen-summary-attainment" />
          </ScreenPanel>
          <ScreenPanel title={t('screens.equipment.runningShare')}>
            <WidgetChart option={running} height="100%" testId="screen-summary-running" />
          </ScreenPanel>
          <ScreenPanel title={t('screens.equipment.alarms')}>
            {s!.alarms.length === 0 ? (
              <div className={styles.muted}>{t('screens.equipment.noAlarms')}</div>
            ) : (
              <table className={styles.list}>
                <tbody>
                  {s!.alarms.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Tag>{t(`alarm.severity.${a.severity}`)}</Tag>
                      </td>
                      <td>{a.deviceName ?? '—'}</td>
                      <td>{a.message ?? a.ruleName}</td>
                      <td className={styles.muted}>{f.time(Date.parse(a.raisedAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </ScreenPanel>
          <ScreenPanel title={t('screens.energy.trend')} style={{ gridColumn: '1 / 3' }}>
            <WidgetChart option={energy} height="100%" testId="screen-summary-energy" />
          </ScreenPanel>
          <ScreenPanel title={t('screens.carbon.byMonth')}>
            <WidgetChart option={carbon} height="100%" testId="screen-summary-carbon" />
          </ScreenPanel>
        </>
      )}
    </ScreenBody>
  );
}

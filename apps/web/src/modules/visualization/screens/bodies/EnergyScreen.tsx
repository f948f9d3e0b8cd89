import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEnergyScreen } from '@greenmes/contracts';
import { useMediumLabel } from '../../widgets/use-medium-label.ts';
import { useLiveValues } from '../../../telemetry/hooks/use-live-values.ts';
import { unitLabel } from '../../../energy/lib/energy-number-format.ts';
import { EnergyFlowView } from '../../widgets/EnergySankey.tsx';
import { KpiCard } from '../../widgets/KpiCard.tsx';
import { WidgetChart } from '../../widgets/WidgetChart.tsx';
import styles from '../big-screen.module.css';
import { ScreenBody } from '../ScreenBody.tsx';
import { ScreenPanel } from '../ScreenPanel.tsx';
import { rankingOption, ringOption, timeSeriesOption } from '../screen-charts.ts';
import { useScreenFormat } from '../screen-format.ts';
import { useScreenData } from '../use-screen-data.ts';

const PERIOD_COLORS: Record<string, string> = {
  sharp: '#ff4d4f',
  peak: '#fa8c16',
  flat: '#fadb14',
  valley: '#52c41a',
  deep_valley: '#13c2c2',
};

/** Today and this month by medium in tce, the month's trend, the time-of-use split, cost, top areas, flow. */
export function EnergyScreen() {
  const { t } = useTranslation();
  const mediumLabel = useMediumLabel();
  const query = useScreenData<TEnergyScreen>('energy', { refetchOnProduction: false });
  const s = query.data;
  const f = useScreenFormat(s?.periods.timezone);
  // the incomers' load follows their meters over the socket; the aggregate's poll covers a dropped socket
  const loads = useMemo(() => (s?.loads ?? []).slice(0, 3), [s]);
  const ids = useMemo(() => loads.map((l) => l.metricId).sort((a, b) => a - b), [loads]);
  const live = useLiveValues(ids.length ? { kind: 'metrics', ids } : null);
  const loadOf = (l: TEnergyScreen['loads'][number]) => {
    const pushed = live.values.get(l.metricId);
    return pushed && (l.ts === null || pushed.ts >= Date.parse(l.ts)) ? pushed.value : l.value;
  };
  const trend = useMemo(
    () =>
      s
        ? timeSeriesOption({
            series: [{ name: t('screens.energy.dailyTce'), type: 'bar', data: s.trend, color: '#36cfc9' }],
            unit: 'tce',
            label: f.day,
          })
        : {},
    [s, f, t],
  );
  const periods = useMemo(
    () =>
      ringOption(
        (s?.electricityByPeriod ?? []).map((p) => ({
          name: t(`tariff.periodName.${p.period}`),
          value: Math.round(p.quantity * 100) / 100,
          color: PERIOD_COLORS[p.period],
        })),
      ),
    [s, t],
  );
  const top = useMemo(
    () =>
      rankingOption(
        (s?.topConsumers ?? []).map((c) => ({ name: c.name, value: c.tce })),
        (v) => `${f.num(v, 3)} tce`,
      ),
    [s, f],
  );
  return (
    <ScreenBody
      screenKey="energy"
      hasData={Boolean(s)}
      error={query.error}
      style={{ gridTemplateColumns: '1fr 1fr 1fr', gridTemplateRows: '128px 1fr 1.15fr' }}
    >
      {() => (
        <>
          <div className={styles.kpis} style={{ gridColumn: '1 / 4' }}>
            <KpiCard title={t('screens.energy.todayTce')} value={s!.today.tce} unit="tce" precision={3} />
            <KpiCard
              title={t('screens.energy.monthTce')}
              value={s!.month.tce}
              unit="tce"
              previous={s!.month.previousTce}
              precision={3}
            />
            <KpiCard
              title={t('screens.energy.monthCost')}
              value={s!.monthCost === null ? null : Number(s!.monthCost)}
              unit={t('screens.yuan')}
            />
            <KpiCard
              title={t('screens.energy.peakShare')}
              value={
                s!.electricityByPeriod.length
                  ? s!.electricityByPeriod
                      .filter((p) => p.period === 'sharp' || p.period === 'peak')
                      .reduce((a, p) => a + p.share, 0) * 100
                  : null
              }
              unit="%"
              precision={1}
            />
            {loads.map((l) => (
              <div key={l.metricId} data-testid={`screen-load-${l.meterCode}`}>
                <KpiCard
                  title={t('screens.energy.load', { meter: l.meterName })}
                  value={loadOf(l)}
                  unit={l.unitCode ?? undefined}
                />
              </div>
            ))}
          </div>
          <ScreenPanel title={t('screens.energy.byMedium')} testId="screen-energy-media">
            {s!.month.byMedium.length === 0 ? (
              <div className={styles.muted}>{t('screens.energy.noMeters')}</div>
            ) : (
              <table className={styles.list}>
                <thead>
                  <tr className={styles.muted}>
                    <td />
                    <td>{t('screens.energy.today')}</td>
                    <td>{t('screens.energy.month')}</td>
                  </tr>
                </thead>
                <tbody>
                  {s!.month.byMedium.map((m) => {
                    const today = s!.today.byMedium.find((x) => x.medium === m.medium);
                    return (
                      <tr key={m.medium} data-testid={`screen-energy-medium-${m.medium}`}>
                        <td>{mediumLabel(m.medium)}</td>
                        <td>
                          {f.num(today?.quantity ?? 0)} {unitLabel(m.unit)}
                        </td>
                        <td>
                          {f.num(m.quantity)} {unitLabel(m.unit)} · {f.num(m.tceEquivalent, 3)} tce
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </ScreenPanel>
          <ScreenPanel title={t('screens.energy.trend')}>
            <WidgetChart option={trend} height="100%" testId="screen-energy-trend" />
          </ScreenPanel>
          <ScreenPanel title={t('screens.energy.periods')}>
            {s!.electricityByPeriod.length === 0 ? (
              <div className={styles.muted}>{t('screens.energy.noTariff')}</div>
            ) : (
              <WidgetChart option={periods} height="100%" testId="screen-energy-periods" />
            )}
          </ScreenPanel>
          <ScreenPanel title={t('screens.energy.flow')} style={{ gridColumn: '1 / 3' }}>
            <EnergyFlowView flow={s!.flow} height={440} isDark />
          </ScreenPanel>
          <ScreenPanel title={t('screens.energy.topConsumers')}>
            {s!.topConsumers.length === 0 ? (
              <div className={styles.muted}>{t('screens.energy.noAreas')}</div>
            ) : (
              <WidgetChart option={top} height="100%" testId="screen-energy-top" />
            )}
          </ScreenPanel>
        </>
      )}
    </ScreenBody>
  );
}

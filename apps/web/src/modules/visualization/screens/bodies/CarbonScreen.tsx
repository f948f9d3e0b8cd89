import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCarbonScreen } from '@greenmes/contracts';
import { useLiveValues } from '../../../telemetry/hooks/use-live-values.ts';
import { KpiCard } from '../../widgets/KpiCard.tsx';
import { WidgetChart, type WidgetChartOption } from '../../widgets/WidgetChart.tsx';
import styles from '../big-screen.module.css';
import { ScreenBody } from '../ScreenBody.tsx';
import { ScreenPanel } from '../ScreenPanel.tsx';
import { DARK_TEXT, ringOption } from '../screen-charts.ts';
import { useScreenFormat } from '../screen-format.ts';
import { useScreenData } from '../use-screen-data.ts';

function monthsOption(
  s: TCarbonScreen,
  label: (ms: number) => string,
  names: { scope1: string; scope2: string },
): WidgetChartOption {
  const axis = {
    axisLabel: { color: DARK_TEXT, fontSize: 14 },
    splitLine: { lineStyle: { color: '#1d2b45' } },
  };
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 64, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { color: DARK_TEXT, fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.months.map((m) => label(m.start)), ...axis },
    yAxis: { type: 'value', name: 'tCO₂', nameTextStyle: { color: DARK_TEXT }, ...axis },
    series: [
      {
        name: names.scope1,
        type: 'bar',
        stack: 'co2',
        data: s.months.map((m) => m.scope1Tco2),
        itemStyle: { color: '#fa8c16' },
      },
      {
        name: names.scope2,
        type: 'bar',
        stack: 'co2',
        data: s.months.map((m) => m.scope2Tco2),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };
}

/** The year's emissions by scope and month, intensity, and the environmental monitors live against their limits. */
export function CarbonScreen() {
  const { t } = useTranslation();
  const query = useScreenData<TCarbonScreen>('carbon', { refetchOnProduction: false });
  const s = query.data;
  const f = useScreenFormat(s?.periods.timezone);
  const ids = useMemo(() => (s?.pollutants ?? []).map((p) => p.metricId).sort((a, b) => a - b), [s]);
  // the monitors' values follow the devices over the socket; the aggregate's poll covers a dropped socket
  const live = useLiveValues(ids.length ? { kind: 'metrics', ids } : null);
  const names = useMemo(
    () => ({ scope1: t('screens.carbon.scope1'), scope2: t('screens.carbon.scope2') }),
    [t],
  );
  const months = useMemo(() => (s ? monthsOption(s, f.month, names) : {}), [s, f, names]);
  const scopes = useMemo(
    () =>
      ringOption([
        { name: names.scope1, value: Math.round((s?.year.scope1Tco2 ?? 0) * 1000) / 1000, color: '#fa8c16' },
        { name: names.scope2, value: Math.round((s?.year.scope2Tco2 ?? 0) * 1000) / 1000, color: '#1677ff' },
      ]),
    [s, names],
  );
  return (
    <ScreenBody
      screenKey="carbon"
      hasData={Boolean(s)}
      error={query.error}
      style={{ gridTemplateColumns: '1.3fr 1fr', gridTemplateRows: '128px 1fr 1fr' }}
    >
      {() => (
        <>
          <div className={styles.kpis} style={{ gridColumn: '1 / 3' }}>
            <KpiCard
              title={t('screens.carbon.yearTotal')}
              value={s!.year.totalTco2}
              unit="tCO₂"
              precision={3}
            />
            <KpiCard
              title={t('screens.carbon.scope1')}
              value={s!.year.scope1Tco2}
              unit="tCO₂"
              precision={3}
            />
            <KpiCard
              title={t('screens.carbon.scope2')}
              value={s!.year.scope2Tco2}
              unit="tCO₂"
              precision={3}
            />
            <KpiCard
              title={t('screens.carbon.intensity')}
              value={s!.year.perOutputValueTco2}
              unit={t('screens.carbon.intensityUnit')}
              precision={3}
            />
          </div>
          <ScreenPanel title={t('screens.carbon.byMonth')}>
            <WidgetChart option={months} height="100%" testId="screen-carbon-months" />
          </ScreenPanel>
          <ScreenPanel title={t('screens.carbon.byScope')}>
            <WidgetChart option={scopes} height="100%" testId="screen-carbon-scopes" />
          </ScreenPanel>
          <ScreenPanel
            title={t('screens.carbon.pollutants')}
            style={{ gridColumn: '1 / 3' }}
            testId="screen-pollutants"
          >
            {s!.pollutants.length === 0 ? (
              <div className={styles.muted}>{t('screens.carbon.noMonitors')}</div>
            ) : (
              <div className={styles.tiles}>
                {s!.pollutants.map((p) => {
                  const pushed = live.values.get(p.metricId);
                  const isNewer = pushed && (p.ts === null || pushed.ts >= Date.parse(p.ts));
                  const value = isNewer ? pushed.value : p.value;
                  const isOver = value !== null && p.limit !== null && value > p.limit;
                  return (
                    <div key={p.metricId} className={styles.tile}>
                      <div className={styles.muted}>
                        {p.deviceCode} · {p.name}
                      </div>
                      <div
                        className={isOver ? styles.over : undefined}
                        data-testid={`screen-pollutant-${p.deviceCode}-${p.key}`}
                        data-over={isOver}
                      >
                        <span className={styles.big} style={{ fontSize: 30, color: 'inherit' }}>
                          {f.num(value)}
                        </span>{' '}
                        {p.unitCode ?? ''}
                      </div>
                      {p.limit === null ? (
                        <div className={styles.muted}>{t('screens.carbon.noLimit')}</div>
                      ) : (
                        <div>
                          <div className={styles.bar}>
                            <div
                              className={styles.barFill}
                              style={{
                                width: `${Math.min(100, ((value ?? 0) / p.limit) * 100)}%`,
                                background: isOver ? '#ff4d4f' : undefined,
                              }}
                            />
                          </div>
                          <div className={styles.muted}>
                            {t('screens.carbon.limit', { limit: f.num(p.limit) })}
                          </div>
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
            )}
          </ScreenPanel>
        </>
      )}
    </ScreenBody>
  );
}

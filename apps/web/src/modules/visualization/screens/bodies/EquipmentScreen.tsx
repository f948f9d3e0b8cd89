import { useEffect, useMemo, type CSSProperties } from 'react';
import { Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEquipmentScreen } from '@greenmes/contracts';
import { EquipmentStatusGrid } from '../../widgets/EquipmentStatusGrid.tsx';
import { KpiCard } from '../../widgets/KpiCard.tsx';
import { WidgetChart } from '../../widgets/WidgetChart.tsx';
import { OTHER_FILL, STATE_FILL } from '../../widgets/equipment-grid-layout.ts';
import { equipmentGridKey } from '../../widgets/use-equipment-grid.ts';
import styles from '../big-screen.module.css';
import { ScreenBody } from '../ScreenBody.tsx';
import { ScreenPanel } from '../ScreenPanel.tsx';
import { gaugeOption, ringOption } from '../screen-charts.ts';
import { useScreenFormat } from '../screen-format.ts';
import { useScreenData } from '../use-screen-data.ts';

const SEVERITY_COLORS: Record<string, string> = {
  critical: 'magenta',
  major: 'red',
  minor: 'orange',
  warning: 'gold',
  info: 'blue',
};

/** Today's best and worst work centers by OEE on one line; why OEE is "—" when none has the data. */
function OeeRanking({ oee }: { oee: TEquipmentScreen['oee'] }) {
  const { t } = useTranslation();
  const line: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
  if (!oee)
    return (
      <div className={styles.muted} style={line} title={t('screens.equipment.oeeNote')}>
        {t('screens.equipment.oeeNote')}
      </div>
    );
  const names = (rows: NonNullable<TEquipmentScreen['oee']>['top']) =>
    rows.map((r) => `${r.name} ${(r.oee * 100).toFixed(1)}%`).join(' · ');
  return (
    <div style={line} title={t('screens.equipment.oeeToday', { count: oee.workCenters })}>
      <span className={styles.muted}>{t('screens.equipment.oeeTop')}: </span>
      <span data-testid="screen-oee-top">{names(oee.top)}</span>
      {oee.bottom.length > 0 && (
        <>
          <span className={styles.muted}> ｜ {t('screens.equipment.oeeBottom')}: </span>
          <span data-testid="screen-oee-bottom">{names(oee.bottom)}</span>
        </>
      )}
    </div>
  );
}

/** The status grid of every machine, machines per state, the running share, today's OEE, open alarms. */
export function EquipmentScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useScreenData<TEquipmentScreen>('equipment', { refetchOnProduction: false });
  const s = query.data;
  const f = useScreenFormat(s?.periods.timezone);
  // the aggregate carries the grid: hand it to the grid widget instead of fetching it twice
  const siteId = query.siteId ?? undefined;
  useEffect(() => {
    if (s && !queryClient.getQueryData(equipmentGridKey(siteId)))
      queryClient.setQueryData(equipmentGridKey(siteId), s.grid);
  }, [s, queryClient, siteId]);
  const stateLabel = (state: string) => (state in STATE_FILL ? t(`screens.equipmentState.${state}`) : state);
  const ring = useMemo(
    () =>
      s
        ? ringOption(
            s.byState.map((b) => ({
              name: stateLabel(b.state),
              value: b.count,
              color: STATE_FILL[b.state] ?? OTHER_FILL,
            })),
          )
        : {},
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, t],
  );
  const gauge = useMemo(() => gaugeOption(t('screens.equipment.running'), s?.runningShare ?? null), [s, t]);
  return (
    <ScreenBody
      screenKey="equipment"
      hasData={Boolean(s)}
      error={query.error}
      style={{ gridTemplateColumns: '1.6fr 1fr', gridTemplateRows: '128px 1fr 1fr' }}
    >
      {() => (
        <>
          <div className={styles.kpis} style={{ gridColumn: '1 / 3' }}>
            <KpiCard title={t('screens.equipment.total')} value={s!.grid.items.length} precision={0} />
            <KpiCard
              title={t('screens.equipment.runningShare')}
              value={s!.runningShare === null ? null : s!.runningShare * 100}
              unit="%"
              precision={1}
            />
            <KpiCard title={t('screens.equipment.openAlarms')} value={s!.alarms.open} precision={0} />
            <KpiCard
              title={t('screens.equipment.unacknowledged')}
              value={s!.alarms.unacknowledged}
              precision={0}
            />
            <div data-testid="screen-oee">
              <KpiCard
                title={t('screens.equipment.oee')}
                value={s!.oee === null ? null : s!.oee.value * 100}
                unit="%"
                precision={1}
              />
            </div>
          </div>
          <ScreenPanel title={t('screens.equipment.grid')} style={{ gridRow: '2 / 4' }}>
            <EquipmentStatusGrid height={740} siteId={siteId} />
          </ScreenPanel>
          <ScreenPanel title={t('screens.equipment.byState')}>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', height: 'calc(100% - 24px)' }}>
              <WidgetChart option={gauge} height="100%" testId="screen-equipment-gauge" />
              <WidgetChart option={ring} height="100%" testId="screen-equipment-states" />
            </div>
            <OeeRanking oee={s!.oee} />
          </ScreenPanel>
          <ScreenPanel title={t('screens.equipment.alarms')} testId="screen-equipment-alarms">
            {s!.alarms.items.length === 0 ? (
              <div className={styles.muted}>{t('screens.equipment.noAlarms')}</div>
            ) : (
              <table className={styles.list}>
                <tbody>
                  {s!.alarms.items.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Tag color={SEVERITY_COLORS[a.severity]}>{t(`alarm.severity.${a.severity}`)}</Tag>
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
        </>
      )}
    </ScreenBody>
  );
}

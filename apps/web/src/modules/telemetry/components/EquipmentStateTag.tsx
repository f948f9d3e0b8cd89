import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEquipmentState } from '@greenmes/contracts';
import { formatDateTime, formatFromNow } from '../../../shared/lib/format.ts';

const STATE_COLORS: Record<string, string> = {
  running: 'green',
  idle: 'blue',
  setup: 'orange',
  down: 'red',
};
const KNOWN_STATES = new Set(Object.keys(STATE_COLORS));

/**
 * A machine's running state as its controller last reported it; grey "—" when nothing reports one.
 * A state from a controller that has gone offline is faded: it may no longer be true.
 */
export function EquipmentStateTag({ state }: { state: TEquipmentState | undefined }) {
  const { t } = useTranslation();
  if (!state || state.state === null || state.ts === null)
    return (
      <Tooltip title={state?.metricId ? t('equipmentLive.noDataYet') : t('equipmentLive.noStateMetric')}>
        <Tag data-testid="equipment-state" data-state="">
          —
        </Tag>
      </Tooltip>
    );
  const isStale = state.connectivity !== null && state.connectivity !== 'online';
  const label = KNOWN_STATES.has(state.state) ? t(`equipmentLive.state.${state.state}`) : state.state;
  const since = t('equipmentLive.reported', {
    device: state.deviceCode,
    time: formatFromNow(state.ts),
    at: formatDateTime(state.ts),
  });
  return (
    <Tooltip title={isStale ? `${since} · ${t(`telemetry.connectivity.${state.connectivity!}`)}` : since}>
      <Tag
        color={STATE_COLORS[state.state] ?? 'default'}
        style={isStale ? { opacity: 0.5, borderStyle: 'dashed' } : undefined}
        data-testid="equipment-state"
        data-state={state.state}
        data-stale={isStale}
      >
        {label}
      </Tag>
    </Tooltip>
  );
}

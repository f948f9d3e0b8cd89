import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTariffRange } from '@greenmes/contracts';
import { daySegments, PERIOD_COLORS } from '../lib/periods.ts';

const TICKS = [0, 6, 12, 18, 24];

/** The 24 hours of a season as coloured period blocks; gaps show as the empty track. */
export function PeriodBar(props: {
  schedule: Array<Partial<TTariffRange> | undefined>;
  label: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const height = props.height ?? 22;
  return (
    <div role="img" aria-label={props.label} data-testid="period-bar">
      <div
        style={{ position: 'relative', height, background: '#f0f0f0', borderRadius: 4, overflow: 'hidden' }}
      >
        {daySegments(props.schedule).map((s) => (
          <Tooltip
            key={`${s.start}-${s.period}`}
            title={`${t(`tariff.periodName.${s.period}`)} ${s.start}–${s.end}`}
          >
            <div
              style={{
                position: 'absolute',
                left: `${s.left}%`,
                width: `${s.width}%`,
                top: 0,
                bottom: 0,
                background: PERIOD_COLORS[s.period],
                borderRight: '1px solid #fff',
                color: s.period === 'flat' ? '#614700' : '#fff',
                fontSize: 11,
                lineHeight: `${height}px`,
                textAlign: 'center',
                whiteSpace: 'nowrap',
                overflow: 'hidden',
              }}
            >
              {s.width >= 4 ? t(`tariff.periodName.${s.period}`) : ''}
            </div>
          </Tooltip>
        ))}
      </div>
      <div style={{ position: 'relative', height: 14, fontSize: 10, color: '#8c8c8c' }}>
        {TICKS.map((h) => (
          <span
            key={h}
            style={{
              position: 'absolute',
              left: `${(h / 24) * 100}%`,
              transform: h === 0 ? undefined : h === 24 ? 'translateX(-100%)' : 'translateX(-50%)',
            }}
          >
            {`${h}:00`}
          </span>
        ))}
      </div>
    </div>
  );
}

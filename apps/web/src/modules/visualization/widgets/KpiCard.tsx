import { Card, Statistic, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../energy/lib/energy-number-format.ts';

/** Change against the previous figure, as a share; null when there is nothing to compare with. */
export function changeOf(value: number | null, previous: number | null | undefined): number | null {
  if (value === null || previous === null || previous === undefined || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

/**
 * One figure with its unit and, when a previous figure is given, the change against it (▲ / ▼ and %).
 * A missing figure shows "—", never 0. Follows the surrounding antd theme (light pages, dark screens).
 */
export function KpiCard(props: {
  title: string;
  value: number | null;
  unit?: string;
  previous?: number | null;
  precision?: number;
}) {
  const { t, i18n } = useTranslation();
  const precision = props.precision ?? 2;
  const change = changeOf(props.value, props.previous);
  return (
    <Card size="small" data-testid="kpi-card" style={{ height: '100%' }}>
      <Statistic
        title={props.title}
        value={props.value === null ? '—' : formatNumber(props.value, i18n.language, precision)}
        suffix={props.value === null ? undefined : props.unit}
        valueRender={(node) => <span data-testid="kpi-value">{node}</span>}
      />
      {props.previous !== undefined && (
        <Typography.Text type="secondary" data-testid="kpi-change" data-change={change ?? ''}>
          {change === null ? (
            t('screens.kpi.noPrevious')
          ) : (
            <span>
              {change > 0 ? <ArrowUpOutlined /> : change < 0 ? <ArrowDownOutlined /> : null}{' '}
              {t('screens.kpi.change', { value: formatNumber(Math.abs(change) * 100, i18n.language, 1) })}
            </span>
          )}
        </Typography.Text>
      )}
    </Card>
  );
}

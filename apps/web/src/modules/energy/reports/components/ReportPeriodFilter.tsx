import { DatePicker, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  REPORT_GRANULARITIES,
  REPORT_PRESETS,
  reportGranularity,
  reportRange,
  type ReportGranularity,
  type ReportPeriod,
  type ReportPreset,
} from '../lib/report-period.ts';

/**
 * A preset period or a custom range of whole days (the end exclusive), and the bucket size of the trend;
 * pages without a trend (energy cost) hide the bucket size.
 */
export function ReportPeriodFilter(props: {
  value: ReportPeriod;
  onChange: (period: ReportPeriod) => void;
  showGranularity?: boolean;
}) {
  const { t } = useTranslation();
  const { preset, range, granularity } = props.value;
  const withRange = (next: ReportPreset, nextRange: ReportPeriod['range']) =>
    props.onChange({ preset: next, range: nextRange, granularity: reportGranularity(nextRange) });
  return (
    <Space wrap>
      <Segmented<ReportPreset>
        value={preset}
        onChange={(next) => withRange(next, next === 'custom' ? range : reportRange(next))}
        options={REPORT_PRESETS.map((p) => ({ value: p, label: t(`energyReports.period.${p}`) }))}
        data-testid="report-period"
      />
      {preset === 'custom' && (
        <DatePicker.RangePicker
          allowClear={false}
          // the picker shows the last day included; the period runs to the start of the next day
          value={[range[0], range[1].subtract(1, 'day')]}
          onChange={(next) => {
            if (next?.[0] && next[1])
              withRange('custom', [next[0].startOf('day'), next[1].startOf('day').add(1, 'day')]);
          }}
          data-testid="report-range"
        />
      )}
      {props.showGranularity !== false && (
        <Select<ReportGranularity>
          value={granularity}
          onChange={(g) => props.onChange({ ...props.value, granularity: g })}
          options={REPORT_GRANULARITIES.map((g) => ({
            value: g,
            label: t(`energyReports.granularity.${g}`),
          }))}
          style={{ width: 100 }}
          aria-label={t('energyReports.granularityLabel')}
          data-testid="report-granularity"
        />
      )}
    </Space>
  );
}

import { DatePicker, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERIOD_PRESETS, presetRange, type Period, type PeriodPreset } from '../lib/metering-lib.ts';

/** A preset period (today, this month …) or a custom range of whole days; the end is exclusive. */
export function PeriodPicker(props: { value: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const { preset, range } = props.value;
  return (
    <Space wrap>
      <Segmented<PeriodPreset>
        value={preset}
        onChange={(next) =>
          props.onChange({ preset: next, range: next === 'custom' ? range : presetRange(next) })
        }
        options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`metering.period.${p}`) }))}
        data-testid="period-preset"
      />
      {preset === 'custom' && (
        <DatePicker.RangePicker
          allowClear={false}
          // the picker shows the last day included; the period runs to the start of the next day
          value={[range[0], range[1].subtract(1, 'day')]}
          onChange={(next) => {
            if (next?.[0] && next[1])
              props.onChange({
                preset: 'custom',
                range: [next[0].startOf('day'), next[1].startOf('day').add(1, 'day')],
              });
          }}
          data-testid="period-range"
        />
      )}
    </Space>
  );
}

import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A calendar year as a number; the tables' queries and the server speak years, not dates. */
export function YearPicker(props: {
  value: number | undefined;
  onChange: (year: number) => void;
  ariaLabel: string;
  testId: string;
}) {
  return (
    <DatePicker
      picker="year"
      allowClear={false}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      value={props.value === undefined ? null : dayjs(`${props.value}-01-01`)}
      onChange={(d: dayjs.Dayjs | null) => d && props.onChange(d.year())}
      style={{ width: 120 }}
    />
  );
}

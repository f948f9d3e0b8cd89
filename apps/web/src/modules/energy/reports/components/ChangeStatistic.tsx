import { Statistic } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/energy-format.ts';

/** More energy is the bad direction: a rise is red, a fall green (the reverse of a sales dashboard). */
const RISE = '#cf1322';
const FALL = '#3f8600';

export function ChangeStatistic(props: { title: string; percent: number | null; testId: string }) {
  const { t, i18n } = useTranslation();
  const { percent } = props;
  if (percent === null)
    return (
      <Statistic title={props.title} value={t('energyReports.noComparison')} data-testid={props.testId} />
    );
  return (
    <Statistic
      title={props.title}
      value={formatNumber(Math.abs(percent), i18n.language, 1)}
      suffix="%"
      prefix={percent > 0 ? <ArrowUpOutlined /> : percent < 0 ? <ArrowDownOutlined /> : null}
      styles={{ content: { color: percent > 0 ? RISE : percent < 0 ? FALL : undefined } }}
      data-testid={props.testId}
    />
  );
}

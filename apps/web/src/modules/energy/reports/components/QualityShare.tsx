import { Progress, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/energy-format.ts';

/** How much of a quantity was read from counters, the rest entered by hand (readings, invoices). */
export function QualityShare(props: { quality: { metered: number; manual: number } }) {
  const { t, i18n } = useTranslation();
  const { metered, manual } = props.quality;
  const whole = metered + manual;
  if (whole === 0) return <>—</>;
  const percent = (metered / whole) * 100;
  return (
    <Tooltip
      title={t('energyReports.qualityTip', {
        metered: formatNumber(percent, i18n.language, 1),
        manual: formatNumber(100 - percent, i18n.language, 1),
      })}
    >
      <Progress
        percent={Math.round(percent)}
        size="small"
        format={() => t('energyReports.meteredShort', { percent: formatNumber(percent, i18n.language, 0) })}
        style={{ minWidth: 120, margin: 0 }}
      />
    </Tooltip>
  );
}

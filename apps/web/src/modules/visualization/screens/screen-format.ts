import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../energy/lib/energy-number-format.ts';

/** Numbers and bucket labels of a screen, in the user's language and the tenant's time zone. */
export function useScreenFormat(timeZone: string | undefined) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const part = (options: Intl.DateTimeFormatOptions) => {
      const f = new Intl.DateTimeFormat(language, { timeZone, ...options });
      return (ms: number) => f.format(new Date(ms));
    };
    return {
      num: (value: number | null | undefined, digits = 2) => formatNumber(value ?? null, language, digits),
      pct: (share: number | null | undefined) =>
        share === null || share === undefined ? '—' : `${formatNumber(share * 100, language, 1)}%`,
      hour: part({ hour: '2-digit', hourCycle: 'h23' }),
      day: part({ day: 'numeric' }),
      month: part({ month: 'short' }),
      time: part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
  }, [language, timeZone]);
}

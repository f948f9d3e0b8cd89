import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ENERGY_MEDIA, ENERGY_UNITS, type EnergyMedium } from '@greenmes/contracts';
import { unitLabel } from '../lib/energy-format.ts';

/** Select options for energy media in the user's language; the code stays searchable too. */
export function useMediumOptions(media: readonly EnergyMedium[] = ENERGY_MEDIA) {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => media.map((m) => ({ value: m, label: t(`energy.medium.${m}`), title: m })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels change with the language
    [media, t, i18n.language],
  );
}

export const UNIT_OPTIONS = ENERGY_UNITS.map((u) => ({ value: u, label: unitLabel(u) }));

/** "原煤" for a medium code, the code itself for anything the catalogue does not know. */
export function useMediumLabel() {
  const { t } = useTranslation();
  return (medium: string | null | undefined) =>
    medium ? t(`energy.medium.${medium}`, { defaultValue: medium }) : '—';
}

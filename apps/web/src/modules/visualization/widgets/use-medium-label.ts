import { useTranslation } from 'react-i18next';

/**
 * "原煤" for a medium code, the code itself for anything the catalogue does not know. The same as the energy
 * module's useMediumLabel, kept here without its contract imports so that the big screens stay free of zod.
 */
export function useMediumLabel() {
  const { t } = useTranslation();
  return (medium: string | null | undefined) =>
    medium ? t(`energy.medium.${medium}`, { defaultValue: medium }) : '—';
}

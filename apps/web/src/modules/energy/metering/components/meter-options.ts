import type { TFunction } from 'i18next';
import { METER_SOURCES, type EnergyMedium } from '@greenmes/contracts';
import type { RemoteOption } from '../../../../shared/components/RemoteSelect.tsx';
import { meteringApi } from '../api/metering-api.ts';

export const LEVELS = [1, 2, 3] as const;
export const levelOptions = (t: TFunction) =>
  LEVELS.map((value) => ({ value, label: t(`metering.levelName.${value}`) }));
export const sourceOptions = (t: TFunction) =>
  METER_SOURCES.map((value) => ({ value, label: t(`metering.source.${value}`) }));

/** Meters that may be a parent: same medium, a smaller level number (the server checks it too). */
export function parentOptionSource(medium: EnergyMedium | undefined, level: number | undefined) {
  return {
    queryKey: ['energy', 'metering', 'options', 'parents', medium ?? '', level ?? 0] as const,
    search: async (q: string, signal: AbortSignal): Promise<RemoteOption[]> => {
      const page = await meteringApi.list({ q: q || undefined, medium, pageSize: 50 }, signal);
      return page.items
        .filter((m) => level === undefined || m.level < level)
        .map((m) => ({ value: m.id, label: `${m.code} · ${m.name}` }));
    },
  };
}

/** Every meter, for the consumption page's picker. */
export const meterOptionSource = {
  queryKey: ['energy', 'metering', 'options', 'all'] as const,
  search: async (q: string, signal: AbortSignal): Promise<RemoteOption[]> =>
    (await meteringApi.list({ q: q || undefined, pageSize: 50 }, signal)).items.map((m) => ({
      value: m.id,
      label: `${m.code} · ${m.name}`,
    })),
};

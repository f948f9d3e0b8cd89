import type { TFunction } from 'i18next';
import { AGGREGATES, CONNECTIVITY, METRIC_KINDS, METRIC_VALUE_TYPES, RESOLUTIONS } from '@greenmes/contracts';
import type { RemoteOption } from '../../../shared/components/RemoteSelect.tsx';
import { equipmentApi } from '../../modeling/api/equipment-api.ts';
import { devicesApi } from '../api/devices-api.ts';
import { gatewaysApi } from '../api/gateways-api.ts';
import { profilesApi } from '../api/profiles-api.ts';

export const valueTypeOptions = (t: TFunction) =>
  METRIC_VALUE_TYPES.map((value) => ({ value, label: t(`telemetry.valueType.${value}`) }));
export const metricKindOptions = (t: TFunction) =>
  METRIC_KINDS.map((value) => ({ value, label: t(`telemetry.metricKind.${value}`) }));
export const connectivityOptions = (t: TFunction) =>
  CONNECTIVITY.map((value) => ({ value, label: t(`telemetry.connectivity.${value}`) }));
export const resolutionOptions = (t: TFunction) =>
  (['auto', ...RESOLUTIONS] as const).map((value) => ({ value, label: t(`telemetry.resolution.${value}`) }));
export const aggregateOptions = (t: TFunction) =>
  AGGREGATES.map((value) => ({ value, label: t(`telemetry.aggregate.${value}`) }));

const OPTION_PAGE = 50;
const codeAndName = (row: { id: string; code: string; name: string }): RemoteOption => ({
  value: row.id,
  label: `${row.code} · ${row.name}`,
});

/** Option sources for RemoteSelect; keys live under 'telemetry' so a write refreshes them too. */
export const optionSources = {
  gateways: {
    queryKey: ['telemetry', 'options', 'gateways'] as const,
    search: async (q: string, signal: AbortSignal) =>
      (await gatewaysApi.list({ q: q || undefined, pageSize: OPTION_PAGE }, signal)).items.map(codeAndName),
  },
  profiles: {
    queryKey: ['telemetry', 'options', 'profiles'] as const,
    search: async (q: string, signal: AbortSignal) =>
      (await profilesApi.list({ q: q || undefined, pageSize: OPTION_PAGE }, signal)).items.map(codeAndName),
  },
  devices: {
    queryKey: ['telemetry', 'options', 'devices'] as const,
    search: async (q: string, signal: AbortSignal) =>
      (await devicesApi.list({ q: q || undefined, pageSize: OPTION_PAGE }, signal)).items.map(codeAndName),
  },
  equipment: {
    queryKey: ['modeling', 'options', 'equipment'] as const,
    search: async (q: string, signal: AbortSignal) =>
      (await equipmentApi.list({ q: q || undefined, pageSize: OPTION_PAGE }, signal)).items.map(codeAndName),
  },
};

/** The current value's label from the row itself, for a select whose first page may not hold it. */
export function selectedOption(
  id: string | null,
  code: string | null,
  name?: string | null,
): RemoteOption | null {
  if (!id) return null;
  return { value: id, label: name ? `${code ?? ''} · ${name}` : (code ?? id) };
}

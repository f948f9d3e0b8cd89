import { ENERGY_MEDIA, type EnergyMedium, type EnergyUnit } from '@greenmes/contracts';

/** Carriers that are not burnt on site: no combustion line for them in a GHG inventory. */
const NOT_FUELS = new Set<EnergyMedium>([
  'electricity',
  'steam',
  'hot_water',
  'heat',
  'new_water',
  'compressed_air',
]);
export const FUELS = ENERGY_MEDIA.filter((m) => !NOT_FUELS.has(m));

const GASES = new Set<EnergyMedium>(['blast_furnace_gas', 'converter_gas', 'refinery_dry_gas']);

/** The unit a new row starts with once its medium is chosen; the user may change it. */
export function defaultUnit(medium: EnergyMedium): EnergyUnit {
  if (medium === 'electricity') return 'kWh';
  if (medium === 'heat') return 'GJ';
  if (medium === 'natural_gas' || medium === 'coke_oven_gas' || medium === 'new_water') return 'm3';
  if (medium === 'compressed_air') return 'm3';
  if (GASES.has(medium)) return '10^4Nm3';
  return 't';
}

const UNIT_LABELS: Partial<Record<EnergyUnit, string>> = { m3: 'm³', '10^4Nm3': '10⁴ Nm³' };
export const unitLabel = (unit: string) => UNIT_LABELS[unit as EnergyUnit] ?? unit;

/** Results keep the engine's precision; the page shows up to `digits` decimals with grouping. */
export function formatNumber(value: number | null | undefined, language: string, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** Form values arrive with `null` for cleared inputs; the contract wants the key left out. */
export function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as T;
}

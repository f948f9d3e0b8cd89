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

// the display helpers live apart so that the big screens can use them without pulling in the contracts
export { formatNumber, unitLabel } from './energy-number-format.ts';

/** Form values arrive with `null` for cleared inputs; the contract wants the key left out. */
export function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as T;
}

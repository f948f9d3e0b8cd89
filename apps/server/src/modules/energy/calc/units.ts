import type { EnergyUnit } from '@greenmes/contracts';

/** What a unit measures, and its size in that dimension's base unit (kg, m³, kWh, MJ). */
const UNITS: Record<EnergyUnit, { dim: Dimension; base: number }> = {
  kg: { dim: 'mass', base: 1 },
  t: { dim: 'mass', base: 1_000 },
  m3: { dim: 'volume', base: 1 },
  '10^4Nm3': { dim: 'volume', base: 10_000 },
  kWh: { dim: 'electricity', base: 1 },
  MWh: { dim: 'electricity', base: 1_000 },
  MJ: { dim: 'heat', base: 1 },
  GJ: { dim: 'heat', base: 1_000 },
};
export type Dimension = 'mass' | 'volume' | 'electricity' | 'heat';

export const dimensionOf = (unit: EnergyUnit): Dimension => UNITS[unit].dim;
export const unitsOf = (dim: Dimension) =>
  (Object.keys(UNITS) as EnergyUnit[]).filter((u) => UNITS[u].dim === dim);

/** How many `to` one `from` is; null when they measure different things (never silently mixed). */
export function unitRatio(from: EnergyUnit, to: EnergyUnit): number | null {
  const a = UNITS[from];
  const b = UNITS[to];
  return a.dim === b.dim ? a.base / b.base : null;
}

import type { TCarbonActivity, TCarbonSource } from '@greenmes/contracts';

/** The twelve months of a year as YYYY-MM. */
export const yearMonths = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** `${sourceId}|${month}` → quantity */
export const activityKey = (sourceId: string, month: string) => `${sourceId}|${month}`;

export function activityMap(activity: TCarbonActivity[]): Map<string, number> {
  return new Map(activity.map((a) => [activityKey(a.sourceId, a.month), a.quantity]));
}

/** A source's quantity over the given months; null when none of them has an entry. */
export function sourceTotal(entries: Map<string, number>, sourceId: string, months: string[]): number | null {
  let total: number | null = null;
  for (const month of months) {
    const q = entries.get(activityKey(sourceId, month));
    if (q !== undefined) total = (total ?? 0) + q;
  }
  return total;
}

/**
 * The month's tCO₂ that the sources add directly: process (+) and biomass (reported apart) at their factors,
 * recovered CO₂ as entered (−). Exports are converted in the inventory with the year's grid and heat factors,
 * so they are left out here rather than guessed.
 */
export function monthTco2(options: {
  sources: TCarbonSource[];
  entries: Map<string, number>;
  month: string;
}): { process: number; biomass: number; recovered: number } {
  const out = { process: 0, biomass: 0, recovered: 0 };
  for (const s of options.sources) {
    const q = options.entries.get(activityKey(s.id, options.month));
    if (q === undefined) continue;
    if (s.kind === 'process') out.process += q * (s.emissionFactor ?? 0);
    else if (s.kind === 'biomass') out.biomass += q * (s.emissionFactor ?? 0);
    else if (s.kind === 'recovered_co2') out.recovered += q;
  }
  return out;
}

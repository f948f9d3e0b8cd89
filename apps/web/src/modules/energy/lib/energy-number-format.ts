/*
 * Number and unit display for energy figures, kept free of @greenmes/contracts: the big screens import these,
 * and any value import from the contracts pulls zod (~47 KiB gzip) into every screen's download.
 */

const UNIT_LABELS: Readonly<Record<string, string>> = { m3: 'm³', '10^4Nm3': '10⁴ Nm³' };
export const unitLabel = (unit: string) => UNIT_LABELS[unit] ?? unit;

/** Results keep the engine's precision; the page shows up to `digits` decimals with grouping. */
export function formatNumber(value: number | null | undefined, language: string, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

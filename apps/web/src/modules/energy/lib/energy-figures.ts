import type { TEnergyOfMedium } from '@greenmes/contracts';
import { formatNumber, unitLabel } from './energy-format.ts';

/** "27 kWh · 3.5 m³": a figure's media in their physical units, for a table cell. */
export function mediaText(
  media: readonly TEnergyOfMedium[],
  mediumLabel: (medium: string) => string,
  language: string,
): string {
  if (media.length === 0) return '—';
  return media
    .map((m) => `${mediumLabel(m.medium)} ${formatNumber(m.quantity, language, 3)} ${unitLabel(m.unit)}`)
    .join(' · ');
}

/** An instant as the enterprise's wall clock, "YYYY-MM-DD HH:mm" (the browser's zone may differ). */
export function wallClock(instant: string | null, timeZone: string): string {
  if (!instant) return '—';
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

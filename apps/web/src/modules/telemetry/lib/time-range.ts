import type { Resolution } from '@greenmes/contracts';

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const HOUR = 3_600_000;
const PRESET_MS: Record<RangePreset, number> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

export interface TimeRange {
  /** epoch ms */
  from: number;
  to: number;
}

export function presetRange(preset: RangePreset, now = Date.now()): TimeRange {
  return { from: now - PRESET_MS[preset], to: now };
}

/**
 * The resolution a file export uses when the chart is on "auto": the finest one whose row count
 * stays sensible (a 30-day raw export of a 1 s metric would be 2.6 million rows).
 */
export function exportResolution(range: TimeRange): Resolution {
  const span = range.to - range.from;
  if (span <= 6 * HOUR) return 'raw';
  if (span <= 7 * 24 * HOUR) return '1m';
  if (span <= 400 * 24 * HOUR) return '1h';
  return '1d';
}

/** A zoom window narrower than this is not worth another request (and the server has no finer detail). */
export const MIN_ZOOM_SPAN_MS = 10_000;

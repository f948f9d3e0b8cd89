import dayjs, { type Dayjs } from 'dayjs';
import type { EnergyMedium, EnergyUnit, TConsumptionResult, TMeter } from '@greenmes/contracts';
import { defaultUnit } from '../../lib/energy-format.ts';

/** The units the server accepts for a medium: those measuring what its library unit measures. */
const UNITS_BY_DIMENSION: EnergyUnit[][] = [
  ['kg', 't'],
  ['m3', '10^4Nm3'],
  ['kWh', 'MWh'],
  ['MJ', 'GJ'],
];
export function unitsForMedium(medium: EnergyMedium): EnergyUnit[] {
  const base = defaultUnit(medium);
  return UNITS_BY_DIMENSION.find((units) => units.includes(base)) ?? [base];
}

export type MeterTreeRow = TMeter & { children?: MeterTreeRow[] };

/** Meters nested under their parent; a meter whose parent is filtered out becomes a root. */
export function toMeterTree(meters: TMeter[]): MeterTreeRow[] {
  const byId = new Map<string, MeterTreeRow>(meters.map((m) => [m.id, { ...m }]));
  const roots: MeterTreeRow[] = [];
  for (const row of byId.values()) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

export const PERIOD_PRESETS = ['today', 'thisMonth', 'lastMonth', 'thisYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type Granularity = TConsumptionResult['granularity'];
export interface Period {
  preset: PeriodPreset;
  /** [start, end) in local time; end is exclusive */
  range: [Dayjs, Dayjs];
}

export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now = dayjs()): [Dayjs, Dayjs] {
  switch (preset) {
    case 'today':
      return [now.startOf('day'), now.startOf('day').add(1, 'day')];
    case 'thisMonth':
      return [now.startOf('month'), now.startOf('month').add(1, 'month')];
    case 'lastMonth':
      return [now.startOf('month').subtract(1, 'month'), now.startOf('month')];
    case 'thisYear':
      return [now.startOf('year'), now.startOf('year').add(1, 'year')];
  }
}

/** The bucket a period reads best in: hours for a day, days for a month, months for a year. */
export function defaultGranularity(range: [Dayjs, Dayjs]): Granularity {
  const days = range[1].diff(range[0], 'day', true);
  if (days <= 2) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 3 * 366) return 'month';
  return 'year';
}

/** A bucket's label on the axis and in the CSV. */
export function bucketLabel(ms: number, granularity: Granularity): string {
  const format = {
    hour: 'MM-DD HH:00',
    day: 'YYYY-MM-DD',
    month: 'YYYY-MM',
    year: 'YYYY',
    shift: 'MM-DD HH:mm',
  }[granularity];
  return dayjs(ms).format(format);
}

export const toIso = (value: Dayjs) => value.toDate().toISOString();

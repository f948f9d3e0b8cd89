import type { TMetric, TMetricDefinition, TProfileMetric } from '@greenmes/contracts';

/** What the metrics table shows: a profile's metric, a device's metric, or one not saved yet. */
export type MetricRow = Omit<TProfileMetric, 'id'> & {
  id: string | number;
  /** set on a device metric that comes from its profile */
  profileMetricId?: TMetric['profileMetricId'];
};

/** A definition the user added before the profile or device exists; its key is its id. */
export function definitionToRow(def: TMetricDefinition, index: number): MetricRow {
  return {
    id: def.key,
    key: def.key,
    name: def.name,
    unitCode: def.unitCode ?? null,
    valueType: def.valueType,
    kind: def.kind,
    energyMedium: def.energyMedium ?? null,
    scale: def.scale,
    offset: def.offset,
    counterMax: def.counterMax ?? null,
    states: def.states ?? null,
    sortOrder: def.sortOrder ?? index,
  };
}

import type { TWidget, TWidgetBinding, WidgetType } from '@greenmes/contracts';
import { GRID_COLUMNS, WIDGET_BINDINGS } from '@greenmes/contracts';

// metrics are chosen in the drawer: a new metric chart starts with none (and cannot be saved so)
const METRICS: TWidgetBinding = {
  source: 'metrics',
  metricIds: [],
  agg: 'avg',
  timeRange: { kind: 'relative', last: '24h' },
};

/** A new widget's size on the 12-column grid, and the binding it starts with (to be completed in its drawer). */
const DEFAULTS: Record<WidgetType, { w: number; h: number; binding?: TWidgetBinding }> = {
  line: { w: 6, h: 6, binding: METRICS },
  bar: {
    w: 6,
    h: 6,
    binding: { source: 'query', query: 'energy.byMedium', timeRange: { kind: 'relative', last: '7d' } },
  },
  area: { w: 6, h: 6, binding: METRICS },
  pie: {
    w: 4,
    h: 6,
    binding: { source: 'query', query: 'energy.byMedium', timeRange: { kind: 'relative', last: '7d' } },
  },
  gauge: { w: 3, h: 5, binding: { source: 'kpi', kpi: 'alarms.open' } },
  kpi: { w: 3, h: 3, binding: { source: 'kpi', kpi: 'alarms.open' } },
  table: { w: 6, h: 6, binding: { source: 'query', query: 'andon.unresolved' } },
  heatmap: { w: 6, h: 6, binding: { ...METRICS, timeRange: { kind: 'relative', last: '7d' } } },
  sankey: {
    w: 6,
    h: 7,
    binding: { source: 'query', query: 'energy.flow', timeRange: { kind: 'relative', last: '7d' } },
  },
  alarms: { w: 6, h: 6, binding: { source: 'query', query: 'alarms.open' } },
  'equipment-status': { w: 6, h: 6 },
  text: { w: 4, h: 2 },
  image: { w: 3, h: 4 },
  'plant-layout': { w: 6, h: 8 },
};

/** Types whose binding cannot be guessed: they need their drawer before they can be saved. */
export const needsConfig = (w: TWidget) =>
  (WIDGET_BINDINGS[w.type] !== undefined && !w.binding) ||
  (w.binding?.source === 'metrics' && w.binding.metricIds.length === 0) ||
  (w.type === 'text' && !w.options.text) ||
  (w.type === 'image' && !w.options.imageSrc) ||
  (w.type === 'plant-layout' && !w.options.layoutId);

/** A widget of `type` placed below everything on the grid. */
export function newWidget(type: WidgetType, existing: TWidget[]): TWidget {
  const d = DEFAULTS[type];
  const bottom = existing.reduce((y, w) => Math.max(y, w.layout.y + w.layout.h), 0);
  const taken = new Set(existing.map((w) => w.id));
  let n = existing.length + 1;
  while (taken.has(`${type}-${n}`)) n++;
  return {
    id: `${type}-${n}`,
    type,
    title: '',
    layout: { x: 0, y: bottom, w: Math.min(d.w, GRID_COLUMNS), h: d.h },
    ...(d.binding ? { binding: d.binding } : {}),
    options: {},
  };
}

export const isMetricChart = (type: WidgetType) => type === 'line' || type === 'bar' || type === 'area';

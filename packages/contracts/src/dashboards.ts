import { z } from 'zod';
import { ZId, ZPageQuery, ZTimestamp } from './common.ts';
import { ZEquipmentState, ZPoint } from './telemetry.ts';

// ---- dashboards: a grid of widgets, each bound to metrics, a KPI or a named query ----
export const WIDGET_TYPES = [
  'line',
  'bar',
  'area',
  'pie',
  'gauge',
  'kpi',
  'table',
  'heatmap',
  'sankey',
  'alarms',
  'equipment-status',
  'text',
  'image',
  'plant-layout',
] as const;
export const ZWidgetType = z.enum(WIDGET_TYPES);
export type WidgetType = z.infer<typeof ZWidgetType>;

export const GRID_COLUMNS = 12;
export const MAX_WIDGETS = 40;
/** an uploaded image travels inside the dashboard as a data URL; larger ones belong on a server */
export const MAX_IMAGE_DATA_URL_CHARS = 300_000;

export const RELATIVE_RANGES = ['1h', '6h', '24h', '7d', '30d'] as const;
export const ZTimeRange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('relative'), last: z.enum(RELATIVE_RANGES) }).strict(),
  z
    .object({
      kind: z.literal('absolute'),
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
    })
    .strict()
    .refine((r) => Date.parse(r.from) < Date.parse(r.to), { path: ['to'], message: 'must be after from' }),
]);
export type TTimeRange = z.infer<typeof ZTimeRange>;

/** what the rollups answer per bucket (telemetry's aggregates, the ones a chart reads sensibly) */
export const WIDGET_AGGREGATES = ['avg', 'min', 'max', 'sum', 'last'] as const;
export const ZWidgetAggregate = z.enum(WIDGET_AGGREGATES);

/** KPIs computed by existing services: alarms, Andon and the metered energy boundary (today, local time). */
export const DASHBOARD_KPIS = [
  'alarms.open',
  'alarms.unacknowledged',
  'andon.unresolved',
  'energy.today.tce',
  'energy.today.electricityKwh',
] as const;
export const ZDashboardKpi = z.enum(DASHBOARD_KPIS);
export type DashboardKpi = z.infer<typeof ZDashboardKpi>;

/** Named queries backed by existing services (no user SQL). */
export const DASHBOARD_QUERIES = [
  'alarms.open',
  'andon.unresolved',
  'energy.byMedium',
  'energy.byArea',
  'energy.flow',
] as const;
export const ZDashboardQuery = z.enum(DASHBOARD_QUERIES);
export type DashboardQuery = z.infer<typeof ZDashboardQuery>;

export const ZWidgetBinding = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('metrics'),
      metricIds: z.array(z.number().int().positive()).min(1).max(8),
      agg: ZWidgetAggregate.default('avg'),
      timeRange: ZTimeRange,
    })
    .strict(),
  z.object({ source: z.literal('kpi'), kpi: ZDashboardKpi }).strict(),
  z.object({ source: z.literal('query'), query: ZDashboardQuery, timeRange: ZTimeRange.optional() }).strict(),
]);
export type TWidgetBinding = z.infer<typeof ZWidgetBinding>;
export type BindingSource = TWidgetBinding['source'];

/** Which bindings each widget type renders; types without an entry take none. */
export const WIDGET_BINDINGS: Partial<
  Record<WidgetType, { sources: BindingSource[]; queries?: DashboardQuery[] }>
> = {
  line: { sources: ['metrics'] },
  bar: { sources: ['metrics', 'query'], queries: ['energy.byMedium', 'energy.byArea'] },
  area: { sources: ['metrics'] },
  pie: { sources: ['query'], queries: ['energy.byMedium', 'energy.byArea'] },
  gauge: { sources: ['metrics', 'kpi'] },
  kpi: { sources: ['metrics', 'kpi'] },
  table: {
    sources: ['query'],
    queries: ['alarms.open', 'andon.unresolved', 'energy.byMedium', 'energy.byArea'],
  },
  heatmap: { sources: ['metrics'] },
  sankey: { sources: ['query'], queries: ['energy.flow'] },
  alarms: { sources: ['query'], queries: ['alarms.open'] },
};

const ZImageSrc = z
  .string()
  .max(MAX_IMAGE_DATA_URL_CHARS, `an uploaded image may take at most ${MAX_IMAGE_DATA_URL_CHARS} characters`)
  .refine(
    (s) =>
      /^https?:\/\/\S+$/.test(s) ||
      /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(s),
    'an http(s) URL or an image data URL',
  );

export const ZWidgetOptions = z
  .object({
    /** text widget: plain text (no HTML), line breaks kept */
    text: z.string().max(5000).optional(),
    imageSrc: ZImageSrc.optional(),
    /** equipment status grid: one site */
    siteId: ZId.optional(),
    /** plant layout widget */
    layoutId: ZId.optional(),
    unit: z.string().max(20).optional(),
    precision: z.number().int().min(0).max(6).optional(),
    /** gauge scale */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();
export type TWidgetOptions = z.infer<typeof ZWidgetOptions>;

export const ZWidgetLayout = z
  .object({
    x: z
      .number()
      .int()
      .min(0)
      .max(GRID_COLUMNS - 1),
    y: z.number().int().min(0).max(1000),
    w: z.number().int().min(1).max(GRID_COLUMNS),
    h: z.number().int().min(1).max(40),
  })
  .strict()
  .refine((l) => l.x + l.w <= GRID_COLUMNS, {
    path: ['w'],
    message: `x + w must not exceed ${GRID_COLUMNS}`,
  });

export const ZWidget = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (at most 40)'),
    type: ZWidgetType,
    title: z.string().trim().max(100).default(''),
    layout: ZWidgetLayout,
    binding: ZWidgetBinding.optional(),
    options: ZWidgetOptions.default({}),
  })
  .strict()
  .superRefine((w, ctx) => {
    const allowed = WIDGET_BINDINGS[w.type];
    if (!allowed && w.binding)
      ctx.addIssue({ code: 'custom', path: ['binding'], message: `a ${w.type} widget takes no binding` });
    if (allowed && !w.binding)
      ctx.addIssue({ code: 'custom', path: ['binding'], message: `a ${w.type} widget needs a binding` });
    if (allowed && w.binding) {
      if (!allowed.sources.includes(w.binding.source))
        ctx.addIssue({
          code: 'custom',
          path: ['binding', 'source'],
          message: `a ${w.type} widget binds to ${allowed.sources.join(' or ')}`,
        });
      else if (w.binding.source === 'query' && !allowed.queries?.includes(w.binding.query))
        ctx.addIssue({
          code: 'custom',
          path: ['binding', 'query'],
          message: `a ${w.type} widget shows ${allowed.queries?.join(', ')}`,
        });
      if (w.type === 'heatmap' && w.binding.source === 'metrics' && w.binding.metricIds.length !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['binding', 'metricIds'],
          message: 'a heatmap shows one metric',
        });
    }
    if (w.type === 'text' && !w.options.text)
      ctx.addIssue({ code: 'custom', path: ['options', 'text'], message: 'a text widget needs its text' });
    if (w.type === 'image' && !w.options.imageSrc)
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'imageSrc'],
        message: 'an image widget needs an image',
      });
    if (w.type === 'plant-layout' && !w.options.layoutId)
      ctx.addIssue({ code: 'custom', path: ['options', 'layoutId'], message: 'choose a plant layout' });
  });
export type TWidget = z.infer<typeof ZWidget>;
export type TWidgetInput = z.input<typeof ZWidget>;

export const ZWidgetList = z
  .array(ZWidget)
  .max(MAX_WIDGETS)
  .superRefine((widgets, ctx) => {
    const seen = new Set<string>();
    widgets.forEach((w, i) => {
      if (seen.has(w.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate widget id ${w.id}` });
      seen.add(w.id);
    });
  });

export const ZSaveDashboard = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).nullable().optional(),
    widgets: ZWidgetList,
    sharedRoleIds: z.array(ZId).max(50).default([]),
    /** on update: the version read; a stale one is refused (409) */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type TSaveDashboard = z.input<typeof ZSaveDashboard>;

export const ZDashboardSummary = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  sharedRoleIds: z.array(ZId),
  widgetCount: z.number().int(),
  version: z.number().int(),
  /** the caller may edit, share, delete it and manage its TV links */
  canManage: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TDashboardSummary = z.infer<typeof ZDashboardSummary>;
export const ZDashboard = ZDashboardSummary.extend({ widgets: z.array(ZWidget) });
export type TDashboard = z.infer<typeof ZDashboard>;
export const ZDashboardQueryParams = ZPageQuery;
export const ZDashboardPage = z.object({
  items: z.array(ZDashboardSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** The export file: what a dashboard is, without who owns it or whom it is shared with. */
export const DASHBOARD_FILE_FORMAT = 'greenmes.dashboard';
export const DASHBOARD_FILE_VERSION = 1;
export const ZDashboardFile = z
  .object({
    format: z.literal(DASHBOARD_FILE_FORMAT),
    formatVersion: z.literal(DASHBOARD_FILE_VERSION),
    exportedAt: ZTimestamp.optional(),
    dashboard: z
      .object({
        name: z.string().trim().min(1).max(100),
        description: z.string().trim().max(500).nullable().optional(),
        widgets: ZWidgetList,
      })
      .strict(),
  })
  .strict();
export type TDashboardFile = z.infer<typeof ZDashboardFile>;

// ---- widget data ----
export const ZWidgetData = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('series'),
    from: ZTimestamp,
    to: ZTimestamp,
    resolution: z.string(),
    agg: ZWidgetAggregate,
    series: z.array(
      z.object({
        metricId: z.number().int(),
        name: z.string(),
        unitCode: z.string().nullable(),
        sourcePoints: z.number().int(),
        points: z.array(ZPoint),
      }),
    ),
  }),
  z.object({
    kind: z.literal('value'),
    value: z.number().nullable(),
    /** the value before (the previous bucket of a metric), for the trend; null when there is none */
    previous: z.number().nullable(),
    unit: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('rows'),
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  }),
  z.object({
    kind: z.literal('heatmap'),
    unitCode: z.string().nullable(),
    /** local dates, oldest first */
    days: z.array(z.string()),
    /** [day index, hour 0–23, value] */
    cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number().nullable()])),
  }),
  z.object({ kind: z.literal('range'), from: ZTimestamp, to: ZTimestamp }),
  /** a plant layout widget: the running state of each equipment on its layout, and of nothing else */
  z.object({ kind: z.literal('equipment-states'), layoutId: ZId, states: z.array(ZEquipmentState) }),
  z.object({ kind: z.literal('none') }),
]);
export type TWidgetData = z.infer<typeof ZWidgetData>;
export const ZWidgetDataParams = z.object({ id: ZId, widgetId: z.string().max(40) }).strict();
export const ZPreviewWidget = z.object({ widget: ZWidget }).strict();

// ---- TV links ----
export const ZCreateTvLink = z
  .object({
    label: z.string().trim().min(1).max(100),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type TCreateTvLink = z.infer<typeof ZCreateTvLink>;
export const ZTvLink = z.object({
  id: ZId,
  dashboardId: ZId,
  label: z.string(),
  prefix: z.string(),
  createdByName: z.string().nullable(),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
  lastUsedAt: ZTimestamp.nullable(),
});
export type TTvLink = z.infer<typeof ZTvLink>;
/** the plain token, shown once */
export const ZCreatedTvLink = z.object({ link: ZTvLink, token: z.string() });
export type TCreatedTvLink = z.infer<typeof ZCreatedTvLink>;
export const ZTvLinkParams = z.object({ id: ZId, linkId: ZId }).strict();

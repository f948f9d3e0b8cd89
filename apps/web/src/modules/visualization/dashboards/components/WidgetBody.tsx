import { useMemo } from 'react';
import { Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TWidget, TWidgetData } from '@greenmes/contracts';
import { formatDateTime } from '../../../../shared/lib/format.ts';
import { formatNumber } from '../../../telemetry/lib/format-value.ts';
import { EnergySankey } from '../../widgets/EnergySankey.tsx';
import { EquipmentStatusGrid } from '../../widgets/EquipmentStatusGrid.tsx';
import { KpiCard } from '../../widgets/KpiCard.tsx';
import { PlantLayoutView } from '../../plant/PlantLayoutView.tsx';
import { WidgetChart } from '../../widgets/WidgetChart.tsx';

const SEVERITY_COLOR: Record<string, string> = {
  critical: 'red',
  major: 'volcano',
  minor: 'orange',
  warning: 'gold',
  info: 'blue',
};
const axisValue = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—');

/** What a widget draws from its data; static widgets (text, image, shared views) need none. */
export function WidgetBody(props: {
  widget: TWidget;
  data: TWidgetData | undefined;
  height: number;
  isDark: boolean;
  /** the saved dashboard shown (null in the builder): widgets that fetch their own data read it by id */
  dashboardId?: string | null;
  /** on a TV link: no view opens what its token may not read */
  isTv?: boolean;
}) {
  const { widget, data, height, isDark } = props;
  const { t } = useTranslation();
  const option = useMemo(() => chartOption(widget, data, t, isDark), [widget, data, t, isDark]);
  const o = widget.options;

  switch (widget.type) {
    case 'text':
      return (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', margin: 0, color: isDark ? '#d9e2ec' : undefined }}
          data-testid="widget-text"
        >
          {o.text}
        </Typography.Paragraph>
      );
    case 'image':
      return o.imageSrc ? (
        <img
          src={o.imageSrc}
          alt={widget.title}
          style={{ width: '100%', height: '100%', objectFit: 'contain' }}
        />
      ) : null;
    case 'equipment-status':
      return <EquipmentStatusGrid height={height} siteId={o.siteId} />;
    case 'plant-layout':
      return o.layoutId ? (
        <PlantLayoutView
          layoutId={o.layoutId}
          height={height}
          widget={props.dashboardId ? { dashboardId: props.dashboardId, widgetId: widget.id } : undefined}
          isTv={props.isTv}
        />
      ) : null;
    case 'sankey':
      return data?.kind === 'range' ? <EnergySankey height={height} from={data.from} to={data.to} /> : null;
    case 'kpi':
      return data?.kind === 'value' ? (
        <KpiCard
          title={
            widget.title ||
            (widget.binding?.source === 'kpi'
              ? t(`dashboards.kpis.${widget.binding.kpi}`)
              : t(`dashboards.types.${widget.type}`))
          }
          value={data.value}
          unit={o.unit ?? data.unit ?? undefined}
          previous={data.previous}
          precision={o.precision}
        />
      ) : null;
    case 'table':
    case 'alarms':
      if (data?.kind !== 'rows') return null;
      if (!data.rows.length)
        return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noRows')} />;
      return (
        <Table
          size="small"
          rowKey={(r) => String(r.id ?? r.name ?? JSON.stringify(r))}
          dataSource={data.rows}
          pagination={false}
          scroll={{ y: Math.max(60, height - 40) }}
          columns={data.columns.map((key) => ({
            key,
            dataIndex: key,
            title: t(`dashboards.columns.${key}`),
            render: (v: string | number | null) =>
              key === 'raisedAt' ? (
                formatDateTime(v as string)
              ) : key === 'severity' ? (
                <Tag color={SEVERITY_COLOR[String(v)]}>{t(`dashboards.severity.${String(v)}`)}</Tag>
              ) : typeof v === 'number' ? (
                formatNumber(v)
              ) : (
                (v ?? '—')
              ),
          }))}
        />
      );
    default:
      if (!option) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noData')} />;
      return <WidgetChart option={option} height="100%" testId={`widget-chart-${widget.id}`} />;
  }
}

type T = (key: string, o?: Record<string, unknown>) => string;

function chartOption(
  widget: TWidget,
  data: TWidgetData | undefined,
  t: T,
  isDark: boolean,
): Record<string, unknown> | null {
  if (!data) return null;
  const base = {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: isDark ? { color: '#d9e2ec' } : {},
  };
  // the TV is dark: faint grid lines and light legend text
  const splitLine = { lineStyle: { color: isDark ? '#22313f' : '#e8e8e8' } };
  const legendText = isDark ? { color: '#d9e2ec' } : {};
  if (data.kind === 'series') {
    if (!data.series.some((s) => s.points.length)) return null;
    const type = widget.type === 'bar' ? 'bar' : 'line';
    return {
      ...base,
      grid: { top: 28, left: 8, right: 16, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll', textStyle: legendText },
      tooltip: { trigger: 'axis', valueFormatter: axisValue },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true, splitLine },
      series: data.series.map((s) => ({
        name: s.unitCode ? `${s.name} (${s.unitCode})` : s.name,
        type,
        showSymbol: false,
        sampling: 'lttb',
        ...(widget.type === 'area' ? { areaStyle: { opacity: 0.25 } } : {}),
        data: s.points,
      })),
    };
  }
  if (data.kind === 'value' && widget.type === 'gauge') {
    const min = widget.options.min ?? 0;
    const max = widget.options.max ?? Math.max(100, Math.ceil((data.value ?? 0) * 1.2));
    return {
      ...base,
      series: [
        {
          type: 'gauge',
          min,
          max,
          progress: { show: true },
          detail: {
            valueAnimation: false,
            formatter: (v: number) => `${formatNumber(v)}${data.unit ? ` ${data.unit}` : ''}`,
            fontSize: 18,
          },
          data: [{ value: data.value ?? 0 }],
        },
      ],
    };
  }
  if (data.kind === 'rows') {
    const isMedia = widget.binding?.source === 'query' && widget.binding.query === 'energy.byMedium';
    const items = data.rows.map((r) => ({
      name: isMedia ? t(`energy.medium.${String(r.name)}`, { defaultValue: String(r.name) }) : String(r.name),
      value: Number(r.value ?? 0),
    }));
    if (!items.length) return null;
    if (widget.type === 'pie')
      return {
        ...base,
        tooltip: { trigger: 'item', valueFormatter: axisValue },
        legend: { bottom: 0, type: 'scroll', textStyle: legendText },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: items }],
      };
    return {
      ...base,
      grid: { top: 16, left: 8, right: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: axisValue },
      xAxis: { type: 'category', data: items.map((i) => i.name) },
      yAxis: { type: 'value', name: 'tce', splitLine },
      series: [{ type: 'bar', data: items.map((i) => i.value) }],
    };
  }
  if (data.kind === 'heatmap') {
    const values = data.cells.flatMap((c) => (c[2] === null ? [] : [c[2]]));
    if (!values.length) return null;
    return {
      ...base,
      grid: { top: 8, left: 8, right: 8, bottom: 48, containLabel: true },
      tooltip: { valueFormatter: axisValue },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h)) },
      yAxis: { type: 'category', data: data.days },
      visualMap: {
        min: Math.min(...values),
        max: Math.max(...values),
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        calculable: true,
      },
      series: [{ type: 'heatmap', data: data.cells.map(([d, h, v]) => [h, d, v]) }],
    };
  }
  return null;
}

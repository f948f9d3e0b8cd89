import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSchedule, TScheduleBar } from '@greenmes/contracts';
import { useEChart } from '../../../shared/hooks/use-echart.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';

const GRID = { left: 170, right: 24, top: 16, bottom: 56 };
const ROW_HEIGHT = 44;
const SNAP = 5 * 60_000;

export const BAR_COLORS = {
  late: '#ff4d4f',
  pinned: '#722ed1',
  shifted: '#52c41a',
  started: '#faad14',
  normal: '#1677ff',
};
export const colorOf = (b: TScheduleBar) =>
  b.isLate
    ? BAR_COLORS.late
    : b.isPinned
      ? BAR_COLORS.pinned
      : b.isShifted
        ? BAR_COLORS.shifted
        : b.status === 'in_progress' || b.status === 'paused'
          ? BAR_COLORS.started
          : BAR_COLORS.normal;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface RenderApi {
  value: (i: number) => number;
  coord: (v: [number, number]) => [number, number];
  size: (v: [number, number]) => [number, number];
  style: () => Record<string, unknown>;
}
interface RenderParams {
  coordSys: Rect;
  dataIndex: number;
}

/** Sub-lanes of each row: a bar takes the first lane free at its start (greedy interval partitioning). */
function lanes(bars: TScheduleBar[], rows: TSchedule['workCenters']) {
  const laneOf = new Map<string, number>();
  const lanesOf = new Map(rows.map((w) => [w.id, 1]));
  const ends = new Map<string, number[]>();
  for (const b of [...bars].sort((x, y) => Date.parse(x.start) - Date.parse(y.start))) {
    const free = ends.get(b.workCenterId) ?? [];
    let lane = free.findIndex((end) => end <= Date.parse(b.start));
    if (lane < 0) lane = free.push(0) - 1;
    free[lane] = Date.parse(b.end);
    ends.set(b.workCenterId, free);
    laneOf.set(b.operationId, lane);
    lanesOf.set(b.workCenterId, Math.max(lanesOf.get(b.workCenterId)!, free.length));
  }
  return { laneOf, lanesOf };
}

/**
 * The Gantt: work centers as rows, shifts shaded (breaks lighter), operations as bars coloured by
 * state; wheel or slider to zoom, tooltips on bars. With `canDrag`, dragging a bar along the time axis
 * calls `onMove` with the new start (5-minute steps) and a click calls `onSelect`.
 */
export function ScheduleGantt(props: {
  schedule: TSchedule;
  canDrag: boolean;
  onMove: (bar: TScheduleBar, start: number) => void;
  onSelect: (bar: TScheduleBar) => void;
}) {
  const { t } = useTranslation();
  const { containerRef, chartRef, isReady } = useEChart(() => import('../lib/schedule-echarts.ts'));
  const latest = useRef(props);
  latest.current = props;
  const { schedule } = props;
  const rows = schedule.workCenters;

  useEffect(() => {
    const chart = chartRef.current;
    if (!isReady || !chart) return;
    void import('../lib/schedule-echarts.ts').then(({ echarts }) => {
      const rowOf = new Map(rows.map((w, i) => [w.id, i]));
      const clip = (r: Rect, cs: Rect) => echarts.graphic.clipRectByRect(r, cs);
      const bands = schedule.shifts.flatMap((s, i) => [
        [Date.parse(s.start), Date.parse(s.end), i % 2],
        ...s.breaks.map((b) => [Date.parse(b.start), Date.parse(b.end), 2]),
      ]);
      const bars = schedule.bars.filter((b) => rowOf.has(b.workCenterId));
      const row = (b: TScheduleBar) => rowOf.get(b.workCenterId)!;
      const { laneOf, lanesOf } = lanes(bars, rows);
      chart.setOption(
        {
          animation: false,
          grid: GRID,
          tooltip: { trigger: 'item', confine: true },
          xAxis: {
            type: 'time',
            min: Date.parse(schedule.from),
            max: Date.parse(schedule.to),
            splitLine: { show: false },
          },
          yAxis: {
            type: 'category',
            inverse: true,
            data: rows.map((w) => `${w.code} ${w.name}${w.capacity > 1 ? ` ×${w.capacity}` : ''}`),
            splitLine: { show: true },
            axisLabel: { width: GRID.left - 12, overflow: 'truncate' },
          },
          dataZoom: [
            { type: 'slider', xAxisIndex: 0, filterMode: 'weakFilter', height: 18, bottom: 10 },
            // the mouse drags bars, so the inside zoom only zooms (wheel) and never pans
            { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter', moveOnMouseMove: false },
          ],
          series: [
            {
              type: 'custom',
              name: 'shifts',
              silent: true,
              tooltip: { show: false },
              encode: { x: [0, 1] },
              data: bands,
              renderItem: (params: RenderParams, api: RenderApi) => {
                const a = api.coord([api.value(0), 0]);
                const b = api.coord([api.value(1), 0]);
                const cs = params.coordSys;
                const shape = clip({ x: a[0], y: cs.y, width: b[0] - a[0], height: cs.height }, cs);
                const kind = api.value(2);
                const fill =
                  kind === 2
                    ? 'rgba(255,255,255,0.9)'
                    : kind === 1
                      ? 'rgba(22,119,255,0.10)'
                      : 'rgba(22,119,255,0.05)';
                return shape && { type: 'rect', shape, style: { fill } };
              },
            },
            {
              type: 'custom',
              name: 'operations',
              encode: { x: [1, 2], y: 0 },
              data: bars.map((b, i) => ({
                value: [
                  row(b),
                  Date.parse(b.start),
                  Date.parse(b.end),
                  i,
                  laneOf.get(b.operationId)!,
                  lanesOf.get(b.workCenterId)!,
                ],
                itemStyle: { color: colorOf(b) },
              })),
              tooltip: {
                formatter: (p: { dataIndex: number }) => {
                  const b = bars[p.dataIndex]!;
                  const flags = [
                    b.isLate && t('scheduling.bar.late'),
                    b.isPinned && t('scheduling.bar.pinned'),
                    b.isFlexible && t('scheduling.bar.flexible'),
                    b.isShifted && t('scheduling.bar.shifted'),
                  ].filter(Boolean);
                  return [
                    `<b>${b.workOrderNumber}</b> · ${b.seqNo} ${b.operationName}`,
                    `${t('scheduling.bar.product')}: ${b.productCode} ${b.productName}`,
                    `${t('scheduling.bar.start')}: ${formatDateTime(b.start)}`,
                    `${t('scheduling.bar.end')}: ${formatDateTime(b.end)}`,
                    `${t('scheduling.bar.due')}: ${b.dueDate ?? '—'}`,
                    `${t('scheduling.bar.status')}: ${t(`workOrders.op.status.${b.status}`)}`,
                    flags.join(' · '),
                  ]
                    .filter(Boolean)
                    .join('<br/>');
                },
              },
              renderItem: (params: RenderParams, api: RenderApi) => {
                const y = api.value(0);
                const s = api.coord([api.value(1), y]);
                const e = api.coord([api.value(2), y]);
                // parallel operations of a work center with capacity > 1 share its row in sub-lanes
                const band = api.size([0, 1])[1] * 0.76;
                const h = band / api.value(5);
                const top = s[1] - band / 2 + api.value(4) * h;
                const shape = clip(
                  { x: s[0], y: top + 1, width: Math.max(e[0] - s[0], 3), height: h - 2 },
                  params.coordSys,
                );
                if (!shape) return null;
                const b = bars[params.dataIndex]!;
                return {
                  type: 'rect',
                  shape,
                  style: api.style(),
                  textContent: {
                    style: {
                      text: shape.width > 48 ? b.workOrderNumber.replace(/^WO-/, '') : '',
                      fill: '#fff',
                      fontSize: 11,
                      width: Math.max(0, shape.width - 6),
                      overflow: 'truncate',
                    },
                  },
                  textConfig: { position: 'insideLeft' },
                };
              },
            },
          ],
        },
        { notMerge: true },
      );
    });
  }, [isReady, chartRef, schedule, rows, t]);

  // drag: mousedown on a bar, a dashed ghost follows the mouse, mouseup moves it (or, unmoved, selects it)
  useEffect(() => {
    const chart = chartRef.current;
    if (!isReady || !chart) return;
    let drag: { bar: TScheduleBar; x0: number; dx: number } | null = null;
    const barsNow = () => {
      const rowIds = new Set(latest.current.schedule.workCenters.map((w) => w.id));
      return latest.current.schedule.bars.filter((b) => rowIds.has(b.workCenterId));
    };
    const px = (v: number, axis: 'x' | 'y') =>
      chart.convertToPixel(axis === 'x' ? { xAxisIndex: 0 } : { yAxisIndex: 0 }, v) as unknown as number;
    const ghost = (bar: TScheduleBar, dx: number) => {
      const rows = latest.current.schedule.workCenters;
      const band = (chart.getHeight() - GRID.top - GRID.bottom) / Math.max(1, rows.length);
      const x = px(Date.parse(bar.start), 'x') + dx;
      const width = Math.max(3, px(Date.parse(bar.end), 'x') - px(Date.parse(bar.start), 'x'));
      const y = px(
        rows.findIndex((w) => w.id === bar.workCenterId),
        'y',
      );
      chart.setOption({
        graphic: [
          {
            id: 'ghost',
            type: 'rect',
            z: 100,
            silent: true,
            shape: { x, y: y - band * 0.3, width, height: band * 0.6 },
            style: { fill: 'rgba(0,0,0,0.12)', stroke: '#000', lineDash: [4, 4] },
          },
        ],
      });
    };
    const onDown = (p: { seriesIndex?: number; dataIndex: number; event?: { offsetX: number } }) => {
      if (p.seriesIndex !== 1 || !p.event) return;
      const bar = barsNow()[p.dataIndex];
      if (bar) drag = { bar, x0: p.event.offsetX, dx: 0 };
    };
    const zr = chart.getZr();
    const onMoveMouse = (e: { offsetX: number }) => {
      if (!drag || !latest.current.canDrag) return;
      drag.dx = e.offsetX - drag.x0;
      if (Math.abs(drag.dx) > 3) ghost(drag.bar, drag.dx);
    };
    const onUp = () => {
      if (!drag) return;
      const { bar, dx } = drag;
      drag = null;
      chart.setOption({ graphic: [{ id: 'ghost', $action: 'remove' }] });
      if (!latest.current.canDrag) return;
      if (Math.abs(dx) <= 3) {
        latest.current.onSelect(bar);
        return;
      }
      const t = chart.convertFromPixel(
        { xAxisIndex: 0 },
        px(Date.parse(bar.start), 'x') + dx,
      ) as unknown as number;
      latest.current.onMove(bar, Math.round(t / SNAP) * SNAP);
    };
    chart.on('mousedown', onDown as never);
    zr.on('mousemove', onMoveMouse);
    zr.on('mouseup', onUp);
    zr.on('globalout', onUp);
    return () => {
      chart.off('mousedown', onDown as never);
      zr.off('mousemove', onMoveMouse);
      zr.off('mouseup', onUp);
      zr.off('globalout', onUp);
    };
  }, [isReady, chartRef]);

  return (
    <div
      ref={containerRef}
      data-testid="schedule-gantt"
      data-bars={schedule.bars.length}
      data-rows={rows.map((w) => w.code).join(',')}
      style={{ width: '100%', height: GRID.top + GRID.bottom + Math.max(1, rows.length) * ROW_HEIGHT }}
    />
  );
}

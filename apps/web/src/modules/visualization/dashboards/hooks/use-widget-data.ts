import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLiveServerMessage, TWidget, TWidgetData } from '@greenmes/contracts';
import { useLiveSubscription } from '../../../../shared/hooks/use-live-subscription.ts';
import { dashboardsApi } from '../api/dashboards-api.ts';
import { needsConfig } from '../lib/widget-catalogue.ts';

/** while pushed values arrive, still refetch now and then: coarse buckets and KPIs' trends are not pushed */
const LIVE_REFRESH_MS = 60_000;

const RELATIVE_MS = {
  '1h': 3_600_000,
  '6h': 21_600_000,
  '24h': 86_400_000,
  '7d': 604_800_000,
  '30d': 2_592_000_000,
};

/**
 * What a widget shows: a saved widget reads its data by dashboard and widget id (what a TV link may call),
 * an unsaved one in the builder is previewed. With `live`, metric widgets take pushed values from the
 * live WebSocket and the alarm list refetches on each alarm change (then data refreshes every minute at
 * most often); otherwise, and while the socket is down, every `refreshMs`.
 */
export function useWidgetData(o: {
  widget: TWidget;
  dashboardId: string | null;
  live: boolean;
  refreshMs: number;
}) {
  const { widget, dashboardId } = o;
  const queryClient = useQueryClient();
  const isLiveRef = useRef(false);
  const binding = widget.binding;
  const bindingKey = JSON.stringify(binding ?? null);
  const queryKey = dashboardId
    ? ['dashboards', 'widget', dashboardId, widget.id, bindingKey]
    : ['dashboards', 'preview', widget.type, bindingKey];
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      dashboardId
        ? dashboardsApi.widgetData(dashboardId, widget.id, signal)
        : dashboardsApi.previewWidget(widget),
    enabled: !!binding && !needsConfig(widget),
    refetchInterval: () => (isLiveRef.current ? Math.max(o.refreshMs, LIVE_REFRESH_MS) : o.refreshMs),
    retry: false,
  });

  const metricIds = binding?.source === 'metrics' && widget.type !== 'heatmap' ? binding.metricIds : null;
  const isAlarmList = binding?.source === 'query' && binding.query === 'alarms.open';
  const target = !o.live
    ? null
    : metricIds
      ? ({ kind: 'metrics', ids: metricIds } as const)
      : isAlarmList
        ? ({ kind: 'alarms' } as const)
        : null;
  const span =
    binding?.source === 'metrics' && binding.timeRange.kind === 'relative'
      ? RELATIVE_MS[binding.timeRange.last]
      : null;

  const { isLive } = useLiveSubscription({
    target,
    maxRate: 2,
    onMessage: (message: TLiveServerMessage) => {
      if (message.type === 'alarm') {
        void queryClient.invalidateQueries({ queryKey });
        return;
      }
      if (message.type !== 'values') return;
      queryClient.setQueryData<TWidgetData>(queryKey, (data) =>
        data ? withLiveValues(data, message.values, span) : data,
      );
    },
  });
  useEffect(() => {
    isLiveRef.current = isLive;
  }, [isLive]);
  return { ...query, isLive };
}

type LiveValue = { metricId: number; ts: number; value: number | null };

/** Pushed values appended to a series (older points sliding out of a relative range), or the figure replaced. */
function withLiveValues(data: TWidgetData, values: LiveValue[], span: number | null): TWidgetData {
  if (data.kind === 'value') {
    const latest = values.at(-1);
    return latest && latest.value !== null ? { ...data, previous: data.value, value: latest.value } : data;
  }
  // live samples extend raw and minute series; coarser buckets wait for the next refetch
  if (data.kind !== 'series' || (data.resolution !== 'raw' && data.resolution !== '1m')) return data;
  const now = Date.now();
  return {
    ...data,
    series: data.series.map((s) => {
      const last = s.points.at(-1)?.[0] ?? 0;
      const added = values
        .filter((v) => v.metricId === s.metricId && v.ts > last)
        .map((v): [number, number | null] => [v.ts, v.value]);
      if (!added.length) return s;
      const points = [...s.points, ...added];
      // never more than the server's cap of 2,000 points per series
      return { ...s, points: (span ? points.filter((p) => p[0] >= now - span) : points).slice(-2000) };
    }),
  };
}

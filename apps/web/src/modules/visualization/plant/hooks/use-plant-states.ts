import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { MAX_EQUIPMENT_STATES, type TEquipmentState, type TLiveServerMessage } from '@greenmes/contracts';
import { isApiError } from '../../../../api/api-error.ts';
import { api } from '../../../../api/client.ts';
import { useLiveSubscription } from '../../../../shared/hooks/use-live-subscription.ts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { dashboardsApi } from '../../dashboards/api/dashboards-api.ts';

export interface PlantState {
  state: string | null;
  /** epoch ms; null when nothing reported */
  ts: number | null;
  /** the reporting controller is offline: the state may no longer be true */
  isStale: boolean;
}

const POLL_MS = 5_000;
/** while live, still refetch now and then: connectivity (offline → stale) is not pushed */
const LIVE_REFRESH_MS = 60_000;
const PARALLEL_BATCHES = 4;

const toPlantState = (row: TEquipmentState): PlantState => ({
  state: row.state,
  ts: row.ts === null ? null : Date.parse(row.ts),
  isStale: row.connectivity !== null && row.connectivity !== 'online',
});

async function fetchStates(ids: string[], signal: AbortSignal): Promise<Map<string, PlantState>> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_EQUIPMENT_STATES)
    batches.push(ids.slice(i, i + MAX_EQUIPMENT_STATES));
  const out = new Map<string, PlantState>();
  // a few batches at a time: 5,000 equipment are 25 requests, not 25 at once
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    const answers = await Promise.all(
      batches
        .slice(i, i + PARALLEL_BATCHES)
        .map((batch) =>
          api.get<TEquipmentState[]>(
            '/telemetry/equipment-states',
            { equipmentIds: batch.join(',') },
            signal,
          ),
        ),
    );
    for (const row of answers.flat()) out.set(row.equipmentId, toPlantState(row));
  }
  return out;
}

/** A saved plant-layout widget's states come with its widget data: what a TV link may read. */
export interface PlantWidgetRef {
  dashboardId: string;
  widgetId: string;
}

async function fetchWidgetStates(ref: PlantWidgetRef, signal: AbortSignal): Promise<Map<string, PlantState>> {
  const data = await dashboardsApi.widgetData(ref.dashboardId, ref.widgetId, signal);
  if (data.kind !== 'equipment-states') return new Map();
  return new Map(data.states.map((row) => [row.equipmentId, toPlantState(row)]));
}

/**
 * The running state of many pieces of equipment (a plant view's markers): fetched in batches of 200, then
 * kept current by the `equipment-states` live subscription (of the layout's markers only when `layoutId` is
 * given, else of every machine in scope); while that is not live, polled every 5 s.
 * Without telemetry.data.read there are no states: everything shows as "no data".
 */
export function usePlantStates(equipmentIds: string[], layoutId?: string) {
  const canRead = useCan('telemetry.data.read');
  const ids = useMemo(() => [...new Set(equipmentIds)].sort(), [equipmentIds]);
  return useLiveStates({
    ids,
    canRead,
    layoutId,
    queryKey: ['plant-states', ids],
    fetch: (signal) => fetchStates(ids, signal),
  });
}

/**
 * The same for a plant-layout widget of a saved dashboard, through its widget data: a TV link cannot ask who
 * it is (/auth/me) or read other equipment's states, so the server answers for the layout's equipment and
 * decides the permission; a refusal (403) shows as "no permission" like a missing one above. The live
 * subscription names the layout: a TV link may follow no other machine.
 */
export function usePlantWidgetStates(equipmentIds: string[], widget: PlantWidgetRef & { layoutId: string }) {
  const ids = useMemo(() => [...new Set(equipmentIds)].sort(), [equipmentIds]);
  const [isRefused, setIsRefused] = useState(false);
  const { dashboardId, widgetId } = widget;
  return useLiveStates({
    ids,
    canRead: !isRefused,
    layoutId: widget.layoutId,
    queryKey: ['dashboards', 'widget', dashboardId, widgetId, 'plant-states', ids],
    fetch: async (signal) => {
      try {
        return await fetchWidgetStates({ dashboardId, widgetId }, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 403) setIsRefused(true);
        throw error;
      }
    },
  });
}

function useLiveStates(o: {
  ids: string[];
  canRead: boolean;
  layoutId: string | undefined;
  queryKey: readonly unknown[];
  fetch: (signal: AbortSignal) => Promise<Map<string, PlantState>>;
}) {
  const { ids, canRead, layoutId } = o;
  const shown = useMemo(() => new Set(ids), [ids]);
  const [pushed, setPushed] = useState<ReadonlyMap<string, PlantState>>(() => new Map());
  const onMessage = useCallback(
    (message: TLiveServerMessage) => {
      if (message.type !== 'equipment-states' || message.states.length === 0) return;
      setPushed((prev) => {
        const next = new Map(prev);
        // without a layout the stream speaks of all equipment in scope: keep only what this view shows
        for (const s of message.states) {
          if (!shown.has(s.equipmentId)) continue;
          const known = next.get(s.equipmentId);
          if (!known || (known.ts ?? 0) <= s.ts)
            next.set(s.equipmentId, { state: s.state, ts: s.ts, isStale: false });
        }
        return next;
      });
    },
    [shown],
  );
  const { isLive } = useLiveSubscription({
    target: canRead && ids.length ? { kind: 'equipment-states', ...(layoutId && { layoutId }) } : null,
    maxRate: 2,
    onMessage,
  });
  const fetched = useQuery({
    queryKey: o.queryKey,
    queryFn: ({ signal }) => o.fetch(signal),
    enabled: canRead && ids.length > 0,
    refetchInterval: isLive ? LIVE_REFRESH_MS : POLL_MS,
  });
  // a push older than the last fetch is history: drop it so the map does not grow past the plant
  useEffect(() => {
    if (!fetched.data) return;
    setPushed((prev) => {
      let changed = false;
      const next = new Map(prev);
      for (const [id, p] of prev) {
        const f = fetched.data.get(id);
        if (!f || (f.ts !== null && p.ts !== null && f.ts >= p.ts)) {
          next.delete(id);
          changed = true;
        }
      }
      return changed ? next : prev;
    });
  }, [fetched.data]);

  const states = useMemo(() => {
    const out = new Map<string, PlantState>(fetched.data ?? []);
    for (const [id, p] of pushed) {
      const f = out.get(id);
      if (!f || f.ts === null || (p.ts !== null && p.ts >= f.ts)) out.set(id, p);
    }
    return out;
  }, [fetched.data, pushed]);
  return { states, isLive, isLoading: fetched.isLoading, canRead };
}

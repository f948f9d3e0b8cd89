import { useMemo, useRef, useState } from 'react';
import { Alert, Empty, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { EquipmentLiveDrawer } from '../../telemetry/index.ts';
import { MarkerPopover } from './components/MarkerPopover.tsx';
import { PlantLayoutCanvas, type CanvasMarker } from './components/PlantLayoutCanvas.tsx';
import { StateLegend } from './components/StateLegend.tsx';
import { usePlantLayout } from './hooks/use-plant-layouts.ts';
import {
  usePlantStates,
  usePlantWidgetStates,
  type PlantState,
  type PlantWidgetRef,
} from './hooks/use-plant-states.ts';

const LEGEND_HEIGHT = 32;

interface LiveStates {
  states: ReadonlyMap<string, PlantState>;
  isLive: boolean;
  canRead: boolean;
}

/**
 * A plant layout as people watch it: the floor plan with each equipment coloured by its live running
 * state; a click opens the equipment's live data (on a TV, `isTv`, a read-only popover of its state: the
 * link may call nothing else). Also a dashboard widget: a saved one (`widget`) reads its states through
 * its widget data, which is what a TV link may call.
 */
export function PlantLayoutView(props: {
  layoutId: string;
  height: number;
  widget?: PlantWidgetRef;
  isTv?: boolean;
}) {
  return props.widget ? (
    <WidgetStatesView {...props} widget={props.widget} />
  ) : (
    <OwnStatesView layoutId={props.layoutId} height={props.height} />
  );
}

function OwnStatesView({ layoutId, height }: { layoutId: string; height: number }) {
  const layout = usePlantLayout(layoutId);
  const ids = useMemo(() => layout.data?.markers.map((m) => m.equipmentId) ?? [], [layout.data]);
  const live = usePlantStates(ids, layoutId);
  return <LayoutWithStates layoutId={layoutId} height={height} layout={layout} live={live} />;
}

function WidgetStatesView(props: {
  layoutId: string;
  height: number;
  widget: PlantWidgetRef;
  isTv?: boolean;
}) {
  const { layoutId, height } = props;
  const layout = usePlantLayout(layoutId);
  const ids = useMemo(() => layout.data?.markers.map((m) => m.equipmentId) ?? [], [layout.data]);
  const live = usePlantWidgetStates(ids, { ...props.widget, layoutId });
  return (
    <LayoutWithStates layoutId={layoutId} height={height} layout={layout} live={live} isTv={props.isTv} />
  );
}

function LayoutWithStates(props: {
  layoutId: string;
  height: number;
  layout: ReturnType<typeof usePlantLayout>;
  live: LiveStates;
  isTv?: boolean;
}) {
  const { layoutId, height, layout, live } = props;
  const { t } = useTranslation();
  const canvasBox = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState<{ marker: CanvasMarker; x: number; y: number } | null>(null);
  const onMarkerClick = (marker: CanvasMarker, at: { clientX: number; clientY: number }) => {
    const box = canvasBox.current!.getBoundingClientRect();
    setOpened({ marker, x: at.clientX - box.left, y: at.clientY - box.top });
  };

  if (layout.isLoading)
    return (
      <Flex style={{ height }} align="center" justify="center">
        <Spin />
      </Flex>
    );
  if (layout.error || !layout.data)
    return <Alert type="error" showIcon title={errorMessage(layout.error, t)} style={{ height }} />;
  const data = layout.data;
  if (!data.backgroundType && data.markers.length === 0)
    return (
      <Flex style={{ height }} align="center" justify="center" data-testid="plant-layout-empty">
        <Empty description={t('plantLayout.emptyLayout', { name: data.name })} />
      </Flex>
    );
  return (
    <div data-testid="plant-layout-view" data-layout-id={layoutId}>
      <div style={{ height: LEGEND_HEIGHT }}>
        <StateLegend isLive={live.isLive} canRead={live.canRead} />
      </div>
      <div ref={canvasBox} style={{ position: 'relative' }}>
        <PlantLayoutCanvas
          layout={data}
          markers={data.markers}
          states={live.states}
          height={Math.max(120, height - LEGEND_HEIGHT)}
          onMarkerClick={onMarkerClick}
        />
        {props.isTv && opened && (
          <MarkerPopover
            key={opened.marker.equipmentId}
            marker={opened.marker}
            state={live.states.get(opened.marker.equipmentId)}
            x={opened.x}
            y={opened.y}
            onClose={() => setOpened(null)}
          />
        )}
      </div>
      {!props.isTv && (
        <EquipmentLiveDrawer
          equipment={
            opened && {
              id: opened.marker.equipmentId,
              code: opened.marker.equipmentCode,
              name: opened.marker.equipmentName,
            }
          }
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  );
}

import { useMemo, useState } from 'react';
import { Alert, Empty, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { EquipmentLiveDrawer } from '../../telemetry/index.ts';
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
 * state; a click opens the equipment's live data. Also a dashboard widget: a saved one (`widget`) reads
 * its states through its widget data, which is what a TV link may call.
 */
export function PlantLayoutView(props: { layoutId: string; height: number; widget?: PlantWidgetRef }) {
  return props.widget ? (
    <WidgetStatesView {...props} widget={props.widget} />
  ) : (
    <OwnStatesView layoutId={props.layoutId} height={props.height} />
  );
}

function OwnStatesView({ layoutId, height }: { layoutId: string; height: number }) {
  const layout = usePlantLayout(layoutId);
  const ids = useMemo(() => layout.data?.markers.map((m) => m.equipmentId) ?? [], [layout.data]);
  return <LayoutWithStates layoutId={layoutId} height={height} layout={layout} live={usePlantStates(ids)} />;
}

function WidgetStatesView(props: { layoutId: string; height: number; widget: PlantWidgetRef }) {
  const layout = usePlantLayout(props.layoutId);
  const ids = useMemo(() => layout.data?.markers.map((m) => m.equipmentId) ?? [], [layout.data]);
  const live = usePlantWidgetStates(ids, props.widget);
  return <LayoutWithStates layoutId={props.layoutId} height={props.height} layout={layout} live={live} />;
}

function LayoutWithStates(props: {
  layoutId: string;
  height: number;
  layout: ReturnType<typeof usePlantLayout>;
  live: LiveStates;
}) {
  const { layoutId, height, layout, live } = props;
  const { t } = useTranslation();
  const [opened, setOpened] = useState<CanvasMarker | null>(null);

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
      <PlantLayoutCanvas
        layout={data}
        markers={data.markers}
        states={live.states}
        height={Math.max(120, height - LEGEND_HEIGHT)}
        onMarkerClick={setOpened}
      />
      <EquipmentLiveDrawer
        equipment={
          opened && { id: opened.equipmentId, code: opened.equipmentCode, name: opened.equipmentName }
        }
        onClose={() => setOpened(null)}
      />
    </div>
  );
}

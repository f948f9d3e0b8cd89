import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Empty, Flex, Result, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { EquipmentLiveDrawer } from '../../../telemetry/index.ts';
import { stateLabel } from '../components/PlantLayoutCanvas.tsx';
import { StateLegend } from '../components/StateLegend.tsx';
import { usePlantModel } from '../hooks/use-plant-layouts.ts';
import { usePlantStates } from '../hooks/use-plant-states.ts';
import { hasWebGl, PlantScene, type PlantEquipment } from '../three/plant-scene.ts';

/** the page's chrome above the scene */
const CHROME_HEIGHT = 230;

/**
 * 三维工厂: the factory model as a 3D plant — workshops as halls, lines as rows, equipment sized by type and
 * coloured by its live state. Orbit, zoom and pan with the mouse; hover names a machine, a click opens it.
 * A lazily loaded page: three.js is in this chunk only.
 */
export function Plant3DPage() {
  const { t } = useTranslation();
  const model = usePlantModel();
  const equipment = useMemo(() => model.data?.equipment ?? [], [model.data]);
  const ids = useMemo(() => equipment.map((e) => e.id), [equipment]);
  const live = usePlantStates(ids);
  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<PlantScene | null>(null);
  const [isWebGl] = useState(hasWebGl);
  const [sceneError, setSceneError] = useState<string | null>(null);
  const [isRendered, setRendered] = useState(false);
  const [hover, setHover] = useState<{ equipment: PlantEquipment; x: number; y: number } | null>(null);
  const [opened, setOpened] = useState<PlantEquipment | null>(null);
  // the latest states for a scene built later; a built scene recolours in place
  const statesRef = useRef(live.states);
  useEffect(() => {
    statesRef.current = live.states;
    sceneRef.current?.setStates(live.states);
  }, [live.states]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container || !model.data || !isWebGl || model.data.equipment.length === 0) return;
    let scene: PlantScene;
    try {
      scene = new PlantScene(container, model.data, {
        onHover: (e, at) => setHover(e ? { equipment: e, ...at } : null),
        onSelect: setOpened,
        onRendered: () => setRendered(true),
      });
    } catch (err) {
      setSceneError((err as Error).message);
      return;
    }
    scene.setStates(statesRef.current);
    sceneRef.current = scene;
    return () => {
      sceneRef.current = null;
      setRendered(false);
      scene.dispose();
    };
  }, [model.data, isWebGl]);

  if (!isWebGl || sceneError)
    return (
      <PageCard title={t('plant3d.title')} testId="plant-3d-page">
        <Result
          status="warning"
          title={t('plant3d.noWebGl')}
          subTitle={sceneError ?? t('plant3d.noWebGlHelp')}
          data-testid="plant-3d-no-webgl"
        />
      </PageCard>
    );
  return (
    <PageCard
      title={t('plant3d.title')}
      testId="plant-3d-page"
      extra={
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          style={{ width: 280 }}
          placeholder={t('plant3d.locate')}
          disabled={!isRendered}
          options={equipment.map((e) => ({ value: e.id, label: `${e.code} ${e.name}` }))}
          onChange={(id?: string) => {
            if (id) sceneRef.current?.focus(id);
          }}
          data-testid="plant-3d-locate"
        />
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Flex justify="space-between" wrap>
          <StateLegend isLive={live.isLive} canRead={live.canRead} />
          <Typography.Text type="secondary">{t('plant3d.help', { count: equipment.length })}</Typography.Text>
        </Flex>
        {model.error ? (
          <Alert type="error" showIcon title={errorMessage(model.error, t)} />
        ) : model.isLoading ? (
          <Flex style={{ height: 400 }} align="center" justify="center">
            <Spin />
          </Flex>
        ) : equipment.length === 0 ? (
          <Empty description={t('plant3d.empty')} data-testid="plant-3d-empty" />
        ) : (
          <div
            ref={containerRef}
            data-testid="plant-3d"
            data-ready={isRendered}
            data-equipment-count={equipment.length}
            style={{ position: 'relative', height: `calc(100vh - ${CHROME_HEIGHT}px)`, minHeight: 400 }}
          >
            {!isRendered && (
              <Flex style={{ position: 'absolute', inset: 0 }} align="center" justify="center">
                <Spin />
              </Flex>
            )}
            {hover && (
              <div
                data-testid="plant-3d-tooltip"
                style={{
                  position: 'absolute',
                  left: hover.x + 14,
                  top: hover.y + 14,
                  padding: '4px 8px',
                  background: 'rgba(0,0,0,0.75)',
                  color: '#fff',
                  borderRadius: 4,
                  pointerEvents: 'none',
                  fontSize: 12,
                  whiteSpace: 'nowrap',
                }}
              >
                {hover.equipment.code} · {hover.equipment.name} ·{' '}
                {stateLabel(t, live.states.get(hover.equipment.id)?.state)}
              </div>
            )}
          </div>
        )}
      </Space>
      <EquipmentLiveDrawer equipment={opened} onClose={() => setOpened(null)} />
    </PageCard>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Input, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { TPlantLayoutDetail, TPlantModel } from '@greenmes/contracts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { plantLayoutsApi } from '../api/plant-layouts-api.ts';
import { PlantLayoutCanvas, type CanvasMarker } from '../components/PlantLayoutCanvas.tsx';
import { EquipmentPicker } from '../components/EquipmentPicker.tsx';
import { plantLayoutKeys, usePlantLayout, usePlantModel } from '../hooks/use-plant-layouts.ts';

const CANVAS_HEIGHT = 620;

/** The equipment under a node (its subtree), which is what a layout of that node can show. */
function equipmentUnder(model: TPlantModel, nodeId: string) {
  const inTree = new Set([nodeId]);
  // nodes come parents first in no guaranteed order: repeat until nothing is added
  for (let added = true; added;) {
    added = false;
    for (const n of model.nodes)
      if (n.parentId && inTree.has(n.parentId) && !inTree.has(n.id)) {
        inTree.add(n.id);
        added = true;
      }
  }
  return model.equipment.filter((e) => inTree.has(e.nodeId));
}

/** Editing a layout: upload the plan, drag equipment onto it, move or remove markers, save all at once. */
export function PlantLayoutEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const layout = usePlantLayout(id);
  const model = usePlantModel();
  if (layout.isLoading || model.isLoading)
    return (
      <Flex style={{ height: 320 }} align="center" justify="center">
        <Spin />
      </Flex>
    );
  if (layout.error || model.error || !layout.data || !model.data)
    return <Alert type="error" showIcon title={errorMessage(layout.error ?? model.error, t)} />;
  return <Editor key={layout.data.id} initial={layout.data} model={model.data} />;
}

function Editor({ initial, model }: { initial: TPlantLayoutDetail; model: TPlantModel }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const [layout, setLayout] = useState(initial);
  const [markers, setMarkers] = useState<CanvasMarker[]>(initial.markers);
  const [isDirty, setDirty] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pickedId, setPickedId] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const candidates = useMemo(() => equipmentUnder(model, layout.nodeId), [model, layout.nodeId]);
  const candidateById = useMemo(() => new Map(candidates.map((e) => [e.id, e])), [candidates]);
  const placed = useMemo(() => new Set(markers.map((m) => m.equipmentId)), [markers]);
  const selected = markers.find((m) => m.equipmentId === selectedId);

  const accept = (saved: TPlantLayoutDetail) => {
    setLayout(saved);
    client.setQueryData(plantLayoutKeys.detail(saved.id), saved);
    void client.invalidateQueries({ queryKey: ['plant-layouts', 'list'] });
  };
  const change = (next: (prev: CanvasMarker[]) => CanvasMarker[]) => {
    setMarkers(next);
    setDirty(true);
  };
  const place = (equipmentId: string, x: number, y: number) => {
    const e = candidateById.get(equipmentId);
    if (!e) return;
    change((prev) => [
      ...prev.filter((m) => m.equipmentId !== equipmentId),
      { equipmentId, x, y, label: null, equipmentCode: e.code, equipmentName: e.name },
    ]);
    setSelectedId(equipmentId);
    setPickedId(null);
  };
  const removeSelected = () => {
    if (!selectedId) return;
    change((prev) => prev.filter((m) => m.equipmentId !== selectedId));
    setSelectedId(null);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (!typing && (e.key === 'Delete' || e.key === 'Backspace')) removeSelected();
      if (e.key === 'Escape') setPickedId(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const upload = useMutation({
    mutationFn: (file: File) => plantLayoutsApi.uploadBackground(layout.id, layout.version, file),
    onSuccess: (saved) => {
      accept(saved);
      void message.success(t('plantLayout.uploaded'));
    },
    onError: (e) => notifyError(e),
  });
  const save = useMutation({
    mutationFn: () =>
      plantLayoutsApi.saveMarkers(layout.id, {
        version: layout.version,
        markers: markers.map((m) => ({ equipmentId: m.equipmentId, x: m.x, y: m.y, label: m.label })),
      }),
    onSuccess: (saved) => {
      accept(saved);
      setMarkers(saved.markers);
      setDirty(false);
      void message.success(t('common.saved'));
    },
    onError: (e) => notifyError(e),
  });

  return (
    <PageCard
      title={`${t('plantLayout.edit')} · ${layout.name}`}
      testId="plant-layout-editor"
      extra={
        <Space>
          <Link to={`/plant/layouts/${layout.id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('plantLayout.view')}</Button>
          </Link>
          <input
            ref={fileInput}
            type="file"
            accept=".png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml"
            style={{ display: 'none' }}
            data-testid="plant-layout-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
              e.target.value = '';
            }}
          />
          <Button
            icon={<UploadOutlined />}
            loading={upload.isPending}
            onClick={() => fileInput.current?.click()}
            data-testid="plant-layout-upload"
          >
            {layout.backgroundType ? t('plantLayout.replaceBackground') : t('plantLayout.uploadBackground')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!isDirty}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="plant-layout-save"
          >
            {t('plantLayout.save')}
          </Button>
        </Space>
      }
    >
      <Flex gap={16} align="flex-start">
        <div style={{ flex: 1, minWidth: 0, border: '1px solid #f0f0f0' }}>
          <PlantLayoutCanvas
            layout={layout}
            markers={markers}
            height={CANVAS_HEIGHT}
            editing={{
              selectedId,
              pickedId,
              onSelect: setSelectedId,
              onPlace: place,
              onMove: (equipmentId, x, y) =>
                change((prev) => prev.map((m) => (m.equipmentId === equipmentId ? { ...m, x, y } : m))),
            }}
          />
          <Typography.Text type="secondary">
            {pickedId ? t('plantLayout.clickToPlace') : t('plantLayout.editHelp')}
          </Typography.Text>
        </div>
        <div style={{ width: 300 }}>
          {selected ? (
            <Space
              orientation="vertical"
              style={{ width: '100%', marginBottom: 16 }}
              data-testid="plant-marker-panel"
            >
              <Typography.Text strong>
                {selected.equipmentCode} · {selected.equipmentName}
              </Typography.Text>
              <Input
                placeholder={t('plantLayout.markerLabel')}
                maxLength={100}
                value={selected.label ?? ''}
                onChange={(e) => {
                  const label = e.target.value || null;
                  change((prev) =>
                    prev.map((m) => (m.equipmentId === selected.equipmentId ? { ...m, label } : m)),
                  );
                }}
              />
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={removeSelected}
                data-testid="plant-marker-remove"
              >
                {t('plantLayout.removeMarker')}
              </Button>
            </Space>
          ) : null}
          {candidates.length === 0 ? (
            <Empty description={t('plantLayout.noEquipment')} />
          ) : (
            <EquipmentPicker
              equipment={candidates}
              placed={placed}
              pickedId={pickedId}
              onPick={(id) => setPickedId((prev) => (prev === id ? null : id))}
            />
          )}
        </div>
      </Flex>
    </PageCard>
  );
}

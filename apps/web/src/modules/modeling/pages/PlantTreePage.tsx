import { useState } from 'react';
import { App, Button, Card, Col, Empty, Result, Row, Skeleton } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEquipment, TMovePlantNode, TPlantNode } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { plantApi } from '../api/plant-api.ts';
import { useInvalidateModeling, usePlantTree } from '../hooks/use-modeling-queries.ts';
import { childKindOf, dropTarget, equipmentKey, nodeKey, parseKey } from '../lib/plant-tree-model.ts';
import { PlantTreePanel } from '../components/PlantTreePanel.tsx';
import { PlantNodeDetail } from '../components/PlantNodeDetail.tsx';
import { EquipmentDetail } from '../components/EquipmentDetail.tsx';
import { PlantNodeCreateModal, type PlantNodeCreateTarget } from '../components/PlantNodeCreateModal.tsx';
import { EquipmentFormDrawer } from '../components/EquipmentFormDrawer.tsx';
import { errorMessage } from '../../../shared/lib/error-message.ts';

export function PlantTreePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const canManagePlant = useCan('modeling.plant.manage');
  const canManageEquipment = useCan('modeling.equipment.manage');
  const tree = usePlantTree();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [createTarget, setCreateTarget] = useState<PlantNodeCreateTarget | null>(null);
  const [equipmentDrawer, setEquipmentDrawer] = useState<{ equipment?: TEquipment; nodeId?: string } | null>(
    null,
  );

  const move = useMutation({
    mutationFn: ({ id, body }: { id: string; body: TMovePlantNode }) => plantApi.moveNode(id, body),
    onSuccess: () => {
      void message.success(t('plant.moved'));
      void invalidate();
    },
    onError: (error) => {
      notifyError(error, t('plant.moveFailed'));
      void invalidate(); // put the tree back where the server says it is
    },
  });

  if (tree.isLoading) return <Skeleton active />;
  if (tree.isError)
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(tree.error, t)} />;
  const data = tree.data ?? { nodes: [], equipment: [] };
  const selected = selectedKey ? parseKey(selectedKey) : null;
  const selectedNode = selected?.type === 'node' ? data.nodes.find((n) => n.id === selected.id) : undefined;
  const selectedEquipment =
    selected?.type === 'equipment' ? data.equipment.find((e) => e.id === selected.id) : undefined;
  const nodeName = (id: string | undefined) => data.nodes.find((n) => n.id === id)?.name;

  const moveWithin = (node: TPlantNode, position: number) =>
    move.mutate({ id: node.id, body: { parentId: node.parentId, position } });

  return (
    <Row gutter={16}>
      <Col xs={24} md={9} xl={7}>
        <Card
          title={t('menu.plant')}
          size="small"
          extra={
            canManagePlant && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setCreateTarget({ parent: null, kind: 'site' })}
                data-testid="plant-add-site"
              >
                {t('plant.addSite')}
              </Button>
            )
          }
        >
          <PlantTreePanel
            tree={data}
            selectedKey={selectedKey}
            onSelect={setSelectedKey}
            canManage={canManagePlant}
            onMove={({ dragged, target, placement }) =>
              move.mutate({
                id: dragged.id,
                body: dropTarget({ nodes: data.nodes, dragged, target, placement }),
              })
            }
          />
        </Card>
      </Col>
      <Col xs={24} md={15} xl={17}>
        {selectedNode ? (
          <PlantNodeDetail
            node={selectedNode}
            tree={data}
            canManagePlant={canManagePlant}
            canManageEquipment={canManageEquipment}
            onSelect={setSelectedKey}
            onMove={(position) => moveWithin(selectedNode, position)}
            onCreateChild={() => {
              const kind = childKindOf(selectedNode.kind);
              if (kind) setCreateTarget({ parent: selectedNode, kind });
            }}
            onCreateEquipment={() => setEquipmentDrawer({ nodeId: selectedNode.id })}
          />
        ) : selectedEquipment ? (
          <EquipmentDetail
            id={selectedEquipment.id}
            nodeName={nodeName(selectedEquipment.nodeId)}
            canManage={canManageEquipment}
            onEdit={(equipment) => setEquipmentDrawer({ equipment })}
            onDeleted={() => setSelectedKey(nodeKey(selectedEquipment.nodeId))}
          />
        ) : (
          <Card>
            <Empty description={data.nodes.length ? t('plant.selectHint') : t('plant.empty')} />
          </Card>
        )}
      </Col>
      <PlantNodeCreateModal
        target={createTarget}
        onClose={() => setCreateTarget(null)}
        onCreated={(node) => setSelectedKey(nodeKey(node.id))}
      />
      <EquipmentFormDrawer
        open={equipmentDrawer !== null}
        equipment={equipmentDrawer?.equipment}
        defaultNodeId={equipmentDrawer?.nodeId}
        onClose={() => setEquipmentDrawer(null)}
        onSaved={(equipment) => setSelectedKey(equipmentKey(equipment.id))}
      />
    </Row>
  );
}

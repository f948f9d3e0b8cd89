import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TPlantNode, TPlantTree, TUpdatePlantNode } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { plantApi } from '../api/plant-api.ts';
import { useInvalidateModeling } from '../hooks/use-modeling-queries.ts';
import { childKindOf, equipmentKey, nodeKey, siblingsOf } from '../lib/plant-tree-model.ts';
import { EquipmentIcon, PLANT_KIND_ICON } from './plant-icons.tsx';

export interface PlantNodeDetailProps {
  node: TPlantNode;
  tree: TPlantTree;
  canManagePlant: boolean;
  canManageEquipment: boolean;
  onSelect: (key: string | null) => void;
  onCreateChild: () => void;
  onCreateEquipment: () => void;
  onMove: (position: number) => void;
}

export function PlantNodeDetail(props: PlantNodeDetailProps) {
  const { node, tree, canManagePlant, canManageEquipment, onSelect } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const [form] = Form.useForm<TUpdatePlantNode>();

  useEffect(() => {
    form.setFieldsValue({ code: node.code, name: node.name, description: node.description ?? '' });
  }, [form, node]);

  const update = useMutation({
    mutationFn: (body: TUpdatePlantNode) => plantApi.updateNode(node.id, body),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  const remove = useMutation({
    mutationFn: () => plantApi.deleteNode(node.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      onSelect(node.parentId ? nodeKey(node.parentId) : null);
      void invalidate();
    },
    onError: (error) => notifyError(error, t('plant.deleteFailed')),
  });

  const children = siblingsOf(tree.nodes, node.id);
  const equipment = tree.equipment.filter((e) => e.nodeId === node.id);
  const siblings = siblingsOf(tree.nodes, node.parentId);
  const index = siblings.findIndex((s) => s.id === node.id);
  const childKind = childKindOf(node.kind);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="plant-node-detail">
      <Card
        title={
          <Space>
            {PLANT_KIND_ICON[node.kind]}
            <span data-testid="plant-node-title">{node.name}</span>
            <Tag>{t(`plant.kind.${node.kind}`)}</Tag>
          </Space>
        }
        extra={
          canManagePlant && (
            <Space wrap>
              <Tooltip title={t('plant.moveUp')}>
                <Button
                  icon={<ArrowUpOutlined />}
                  disabled={index <= 0}
                  onClick={() => props.onMove(index - 1)}
                  aria-label={t('plant.moveUp')}
                />
              </Tooltip>
              <Tooltip title={t('plant.moveDown')}>
                <Button
                  icon={<ArrowDownOutlined />}
                  disabled={index < 0 || index >= siblings.length - 1}
                  onClick={() => props.onMove(index + 1)}
                  aria-label={t('plant.moveDown')}
                />
              </Tooltip>
              <Popconfirm
                title={t('plant.confirmDelete', { name: node.name })}
                onConfirm={() => remove.mutate()}
              >
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  loading={remove.isPending}
                  data-testid="plant-node-delete"
                >
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Form
          form={form}
          layout="vertical"
          disabled={!canManagePlant}
          onFinish={(values) => update.mutate(values)}
        >
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input style={{ width: 280 }} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('common.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {canManagePlant && (
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={update.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>

      {childKind && (
        <Card
          size="small"
          title={t('plant.children', { kind: t(`plant.kind.${childKind}`) })}
          extra={
            canManagePlant && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={props.onCreateChild}
                data-testid="plant-add-child"
              >
                {t('plant.addChild', { kind: t(`plant.kind.${childKind}`) })}
              </Button>
            )
          }
        >
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={children}
            onRow={(row) => ({ onClick: () => onSelect(nodeKey(row.id)), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('common.code'), dataIndex: 'code' },
              {
                title: t('common.name'),
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Space>
                    {PLANT_KIND_ICON[row.kind]}
                    {name}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}

      <Card
        size="small"
        title={t('plant.equipmentHere')}
        extra={
          canManageEquipment && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={props.onCreateEquipment}
              data-testid="plant-add-equipment"
            >
              {t('equipment.create')}
            </Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={equipment}
          onRow={(row) => ({ onClick: () => onSelect(equipmentKey(row.id)), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('common.code'), dataIndex: 'code' },
            {
              title: t('common.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space>
                  <EquipmentIcon status={row.status} />
                  {name}
                </Space>
              ),
            },
            {
              title: t('equipment.statusLabel'),
              dataIndex: 'status',
              render: (s: string) => t(`equipment.status.${s}`),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

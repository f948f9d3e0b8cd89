import { useEffect, useMemo, useState, type Key } from 'react';
import { Empty, Input, Tree, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { TreeDataNode, TreeProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPlantNode, TPlantTree } from '@greenmes/contracts';
import {
  allNodeKeys,
  buildPlantTree,
  canPlaceUnder,
  filterPlantTree,
  parseKey,
  type PlantTreeItem,
} from '../lib/plant-tree-model.ts';
import { EquipmentIcon, PLANT_KIND_ICON } from './plant-icons.tsx';

type DataNode = TreeDataNode & { item: PlantTreeItem };

function highlight(text: string, term: string) {
  const index = term ? text.toLowerCase().indexOf(term.toLowerCase()) : -1;
  if (index < 0) return text;
  return (
    <>
      {text.slice(0, index)}
      <Typography.Text mark>{text.slice(index, index + term.length)}</Typography.Text>
      {text.slice(index + term.length)}
    </>
  );
}

function toDataNodes(items: PlantTreeItem[], term: string): DataNode[] {
  return items.map((item) => {
    const { code, name } = item.type === 'node' ? item.node : item.equipment;
    return {
      key: item.key,
      item,
      isLeaf: item.type === 'equipment',
      icon:
        item.type === 'node' ? (
          PLANT_KIND_ICON[item.node.kind]
        ) : (
          <EquipmentIcon status={item.equipment.status} />
        ),
      title: (
        <span data-testid={`tree-item-${code}`}>
          {highlight(name, term)}{' '}
          <Typography.Text type="secondary">({highlight(code, term)})</Typography.Text>
        </span>
      ),
      children: toDataNodes(item.children, term),
    };
  });
}

export interface PlantTreePanelProps {
  tree: TPlantTree;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  canManage: boolean;
  onMove: (options: {
    dragged: TPlantNode;
    target: TPlantNode;
    placement: 'inside' | 'before' | 'after';
  }) => void;
}

export function PlantTreePanel({ tree, selectedKey, onSelect, canManage, onMove }: PlantTreePanelProps) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [expandedKeys, setExpandedKeys] = useState<Key[] | null>(null);
  const items = useMemo(() => buildPlantTree(tree), [tree]);
  const filtered = useMemo(() => filterPlantTree(items, term), [items, term]);
  const data = useMemo(() => toDataNodes(filtered.items, term.trim()), [filtered.items, term]);
  const isSearching = term.trim() !== '';
  const nodeById = useMemo(() => new Map(tree.nodes.map((n) => [n.id, n])), [tree.nodes]);

  // a node created or picked elsewhere (detail panel, search) must not stay hidden in a collapsed branch
  useEffect(() => {
    if (!selectedKey) return;
    const { type, id } = parseKey(selectedKey);
    const ancestors: string[] = [];
    let parentId =
      type === 'node' ? nodeById.get(id)?.parentId : tree.equipment.find((e) => e.id === id)?.nodeId;
    while (parentId) {
      ancestors.push(`n:${parentId}`);
      parentId = nodeById.get(parentId)?.parentId;
    }
    setExpandedKeys((prev) => (prev === null ? prev : [...new Set([...prev, ...ancestors])]));
  }, [selectedKey, nodeById, tree.equipment]);

  const allowDrop: TreeProps<DataNode>['allowDrop'] = ({ dragNode, dropNode, dropPosition }) => {
    const dragged = dragNode.item;
    const target = dropNode.item;
    if (dragged.type !== 'node' || target.type !== 'node') return false;
    if (dropPosition === 0) return canPlaceUnder(dragged.node.kind, target.node.kind);
    const parent = target.node.parentId ? nodeById.get(target.node.parentId) : undefined;
    return canPlaceUnder(dragged.node.kind, parent?.kind ?? null);
  };

  const onDrop: TreeProps<DataNode>['onDrop'] = (info) => {
    const dragged = info.dragNode.item;
    const target = info.node.item;
    if (dragged.type !== 'node' || target.type !== 'node') return;
    const relative = info.dropPosition - Number(info.node.pos.split('-').pop());
    const placement = !info.dropToGap ? 'inside' : relative < 0 ? 'before' : 'after';
    onMove({ dragged: dragged.node, target: target.node, placement });
  };

  return (
    <div data-testid="plant-tree-panel">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('plant.searchPlaceholder')}
        aria-label={t('plant.searchPlaceholder')}
        data-testid="plant-tree-search"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {data.length === 0 ? (
        <Empty description={isSearching ? t('plant.noMatch') : t('plant.empty')} />
      ) : (
        <Tree<DataNode>
          data-testid="plant-tree"
          showIcon
          blockNode
          treeData={data}
          selectedKeys={selectedKey ? [selectedKey] : []}
          expandedKeys={isSearching ? filtered.expandedKeys : (expandedKeys ?? allNodeKeys(items))}
          onExpand={(keys) => {
            if (!isSearching) setExpandedKeys(keys);
          }}
          onSelect={(keys) => {
            const key = keys[0];
            if (typeof key === 'string') onSelect(key);
          }}
          // positions in a filtered tree do not match the real siblings, so no dragging while searching
          draggable={
            canManage && !isSearching
              ? { icon: false, nodeDraggable: (n) => parseKey(String(n.key)).type === 'node' }
              : false
          }
          allowDrop={allowDrop}
          onDrop={onDrop}
        />
      )}
    </div>
  );
}

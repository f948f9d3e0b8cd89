import {
  PLANT_NODE_KINDS,
  PLANT_NODE_PARENT,
  type PlantNodeKind,
  type TPlantNode,
  type TPlantTree,
} from '@greenmes/contracts';

export type PlantEquipmentLeaf = TPlantTree['equipment'][number];

export type PlantTreeItem =
  | { type: 'node'; key: string; node: TPlantNode; children: PlantTreeItem[] }
  | { type: 'equipment'; key: string; equipment: PlantEquipmentLeaf; children: [] };

export const nodeKey = (id: string) => `n:${id}`;
export const equipmentKey = (id: string) => `e:${id}`;

export function parseKey(key: string): { type: 'node' | 'equipment'; id: string } {
  return { type: key.startsWith('e:') ? 'equipment' : 'node', id: key.slice(2) };
}

/** The kind a new child of `parent` gets (null parent = a new site); null when nothing may go below. */
export function childKindOf(parent: PlantNodeKind | null): PlantNodeKind | null {
  return PLANT_NODE_KINDS.find((kind) => PLANT_NODE_PARENT[kind] === parent) ?? null;
}

const bySortOrder = (a: TPlantNode, b: TPlantNode) =>
  a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

export function siblingsOf(nodes: TPlantNode[], parentId: string | null): TPlantNode[] {
  return nodes.filter((n) => n.parentId === parentId).sort(bySortOrder);
}

/** Builds the nested tree; equipment hangs under its node after the child nodes. */
export function buildPlantTree(tree: TPlantTree): PlantTreeItem[] {
  const childrenOf = new Map<string | null, TPlantNode[]>();
  for (const node of tree.nodes) {
    const list = childrenOf.get(node.parentId) ?? [];
    list.push(node);
    childrenOf.set(node.parentId, list);
  }
  const equipmentOf = new Map<string, PlantEquipmentLeaf[]>();
  for (const eq of tree.equipment) {
    const list = equipmentOf.get(eq.nodeId) ?? [];
    list.push(eq);
    equipmentOf.set(eq.nodeId, list);
  }
  const build = (parentId: string | null): PlantTreeItem[] =>
    (childrenOf.get(parentId) ?? []).sort(bySortOrder).map((node) => ({
      type: 'node',
      key: nodeKey(node.id),
      node,
      children: [
        ...build(node.id),
        ...(equipmentOf.get(node.id) ?? [])
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((equipment): PlantTreeItem => ({
            type: 'equipment',
            key: equipmentKey(equipment.id),
            equipment,
            children: [],
          })),
      ],
    }));
  return build(null);
}

function matches(item: PlantTreeItem, term: string): boolean {
  const { code, name } = item.type === 'node' ? item.node : item.equipment;
  return code.toLowerCase().includes(term) || name.toLowerCase().includes(term);
}

/**
 * Keeps the items whose code or name contains `term`, with their ancestors so they stay reachable.
 * Returns the pruned tree and the keys to expand (every ancestor of a match).
 */
export function filterPlantTree(
  items: PlantTreeItem[],
  rawTerm: string,
): { items: PlantTreeItem[]; expandedKeys: string[] } {
  const term = rawTerm.trim().toLowerCase();
  if (!term) return { items, expandedKeys: [] };
  const expandedKeys: string[] = [];
  const walk = (list: PlantTreeItem[]): PlantTreeItem[] =>
    list.flatMap((item) => {
      const children = walk(item.children);
      if (children.length > 0) {
        expandedKeys.push(item.key);
        return [{ ...item, children } as PlantTreeItem];
      }
      return matches(item, term) ? [{ ...item, children: [] } as PlantTreeItem] : [];
    });
  return { items: walk(items), expandedKeys };
}

export function allNodeKeys(items: PlantTreeItem[]): string[] {
  return items.flatMap((item) => (item.type === 'node' ? [item.key, ...allNodeKeys(item.children)] : []));
}

/**
 * Where a node lands after a drop, in the server's terms: the new parent and the 0-based position
 * among that parent's children once the dragged node has left its old place.
 */
export function dropTarget(options: {
  nodes: TPlantNode[];
  dragged: TPlantNode;
  target: TPlantNode;
  placement: 'inside' | 'before' | 'after';
}): { parentId: string | null; position: number } {
  const { nodes, dragged, target, placement } = options;
  if (placement === 'inside') return { parentId: target.id, position: 0 };
  const siblings = siblingsOf(nodes, target.parentId).filter((n) => n.id !== dragged.id);
  const index = siblings.findIndex((n) => n.id === target.id);
  return { parentId: target.parentId, position: placement === 'before' ? index : index + 1 };
}

/** ISA-95 order: only an area under a site, a line under an area, a work center under a line. */
export function canPlaceUnder(kind: PlantNodeKind, parentKind: PlantNodeKind | null): boolean {
  return PLANT_NODE_PARENT[kind] === parentKind;
}

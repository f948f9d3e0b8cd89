import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { PlantNodeKind, TPlantNode } from '@greenmes/contracts';
import { useTranslation } from 'react-i18next';
import { usePlantTree } from '../hooks/use-modeling-queries.ts';
import { PLANT_KIND_ICON } from './plant-icons.tsx';
import { errorMessage } from '../../../shared/lib/error-message.ts';

interface TreeSelectNode {
  value: string;
  title: string;
  icon: React.ReactNode;
  children: TreeSelectNode[];
}

function toOptions(
  nodes: TPlantNode[],
  kinds: readonly PlantNodeKind[] | undefined,
  parentId: string | null,
): TreeSelectNode[] {
  return nodes
    .filter((n) => n.parentId === parentId && (!kinds || kinds.includes(n.kind)))
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((n) => ({
      value: n.id,
      title: `${n.name} (${n.code})`,
      icon: PLANT_KIND_ICON[n.kind],
      children: toOptions(nodes, kinds, n.id),
    }));
}

export interface PlantNodeTreeSelectProps {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  /** Limit the choices, e.g. sites and areas for a user's data scope. */
  kinds?: readonly PlantNodeKind[];
  multiple?: boolean;
  disabled?: boolean;
  placeholder?: string;
  'data-testid'?: string;
}

/** Picks plant nodes from the factory model (also used by the platform module for data scopes). */
export function PlantNodeTreeSelect({
  value,
  onChange,
  kinds,
  multiple,
  disabled,
  placeholder,
  ...rest
}: PlantNodeTreeSelectProps) {
  const { t } = useTranslation();
  const tree = usePlantTree();
  const options = useMemo(() => toOptions(tree.data?.nodes ?? [], kinds, null), [tree.data, kinds]);
  return (
    <TreeSelect
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(next: string | string[] | undefined) => onChange?.(next ?? null)}
      treeData={options}
      treeIcon
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      multiple={multiple}
      treeCheckable={multiple}
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      allowClear
      disabled={disabled}
      loading={tree.isLoading}
      placeholder={placeholder ?? t('plant.selectNode')}
      notFoundContent={tree.isError ? errorMessage(tree.error, t) : undefined}
      style={{ width: '100%' }}
    />
  );
}

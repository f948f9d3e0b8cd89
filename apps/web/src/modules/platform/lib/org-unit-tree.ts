import type { TOrgUnit } from '@greenmes/contracts';

export interface OrgUnitTreeNode {
  key: string;
  value: string;
  title: string;
  unit: TOrgUnit;
  isLeaf?: boolean;
  children: OrgUnitTreeNode[];
}

export function sortedChildren(units: TOrgUnit[], parentId: string | null): TOrgUnit[] {
  return units
    .filter((u) => u.parentId === parentId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}

/** Flat org units (parentId + sortOrder) → nested nodes usable by antd Tree and TreeSelect. */
export function buildOrgUnitTree(units: TOrgUnit[], parentId: string | null = null): OrgUnitTreeNode[] {
  return sortedChildren(units, parentId).map((unit) => ({
    key: unit.id,
    value: unit.id,
    title: unit.name,
    unit,
    children: buildOrgUnitTree(units, unit.id),
  }));
}

/** Ids of a unit and everything below it: a unit cannot move under its own descendant. */
export function descendantIds(units: TOrgUnit[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && result.has(u.parentId) && !result.has(u.id)) {
        result.add(u.id);
        grew = true;
      }
    }
  }
  return result;
}

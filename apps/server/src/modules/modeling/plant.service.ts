import { randomUUID } from 'node:crypto';
import {
  PLANT_NODE_PARENT,
  type TCreatePlantNode,
  type TMovePlantNode,
  type TPlantNode,
  type TPlantTree,
  type TUpdatePlantNode,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { assertWritable, isAllowed, isVisible, scopeOf } from './data-scope.ts';
import * as repo from './modeling.repository.ts';

const ENTITY = 'plant node';

export const toPlantNode = (n: repo.PlantNodeRow): TPlantNode => ({
  id: n.id,
  parentId: n.parentId,
  kind: n.kind,
  code: n.code,
  name: n.name,
  description: n.description,
  sortOrder: n.sortOrder,
  createdAt: n.createdAt.toISOString(),
  updatedAt: n.updatedAt.toISOString(),
});

/** The nodes plus the caller's scope over them; every plant operation starts here. */
export async function loadPlant(ctx: Ctx) {
  const nodes = await repo.allPlantNodes(ctx.tx);
  return { nodes, scope: scopeOf(ctx, nodes) };
}

export async function getTree(ctx: Ctx): Promise<TPlantTree> {
  const { nodes, scope } = await loadPlant(ctx);
  const equipment = await repo.equipmentLeaves(ctx.tx);
  return {
    nodes: nodes.filter((n) => isVisible(scope, n.id)).map(toPlantNode),
    equipment: equipment.filter((e) => isAllowed(scope, e.nodeId)),
  };
}

export async function getNode({ ctx, id }: { ctx: Ctx; id: string }): Promise<TPlantNode> {
  const { nodes, scope } = await loadPlant(ctx);
  const node = nodes.find((n) => n.id === id);
  if (!node || !isVisible(scope, id)) throw notFound(ENTITY);
  return toPlantNode(node);
}

function assertParentKind(kind: TCreatePlantNode['kind'], parent: repo.PlantNodeRow | undefined): void {
  const expected = PLANT_NODE_PARENT[kind];
  if ((parent?.kind ?? null) !== expected)
    throw new AppError('BAD_HIERARCHY', {
      reason: expected
        ? `A ${kind.replace('_', ' ')} must be placed under a ${expected.replace('_', ' ')}${parent ? `, not under a ${parent.kind.replace('_', ' ')}` : ''}`
        : 'A site is a top-level node and has no parent',
    });
}

export async function createNode({ ctx, input }: { ctx: Ctx; input: TCreatePlantNode }): Promise<TPlantNode> {
  const { nodes, scope } = await loadPlant(ctx);
  const parent = input.parentId ? nodes.find((n) => n.id === input.parentId) : undefined;
  if (input.parentId) {
    if (!parent || !isVisible(scope, input.parentId)) throw notFound('parent node');
    assertWritable(scope, input.parentId, 'parent node');
  } else if (scope.allowed !== null) throw new AppError('OUTSIDE_DATA_SCOPE', { entity: 'site' });
  assertParentKind(input.kind, parent);
  if (await repo.codeTaken(ctx.tx, 'plant_nodes', input.code))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  const siblings = nodes.filter((n) => n.parentId === (input.parentId ?? null));
  const id = randomUUID();
  await repo.insertPlantNode(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    id,
    parentId: input.parentId,
    kind: input.kind,
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    sortOrder: input.sortOrder ?? siblings.reduce((max, s) => Math.max(max, s.sortOrder + 1), 0),
  });
  const created = await getNode({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'plant_node', entityId: id, after: created });
  return created;
}

export async function updateNode({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdatePlantNode;
}): Promise<TPlantNode> {
  const { scope } = await loadPlant(ctx);
  const before = await getNode({ ctx, id });
  assertWritable(scope, id, ENTITY);
  if (
    input.code &&
    input.code !== before.code &&
    (await repo.codeTaken(ctx.tx, 'plant_nodes', input.code, id))
  )
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  await repo.updatePlantNode(ctx.tx, id, {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
  });
  const after = await getNode({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'plant_node', entityId: id, before, after });
  return after;
}

/** Moves a node under another parent (same kind rules as creation) and/or reorders it among its siblings. */
export async function moveNode({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TMovePlantNode;
}): Promise<TPlantNode> {
  const { nodes, scope } = await loadPlant(ctx);
  const node = nodes.find((n) => n.id === id);
  if (!node || !isVisible(scope, id)) throw notFound(ENTITY);
  assertWritable(scope, id, ENTITY);
  const parent = input.parentId ? nodes.find((n) => n.id === input.parentId) : undefined;
  if (input.parentId) {
    if (!parent || !isVisible(scope, input.parentId)) throw notFound('parent node');
    assertWritable(scope, input.parentId, 'parent node');
  }
  assertParentKind(node.kind, parent);
  const before = toPlantNode(node);
  const siblings = nodes.filter((n) => n.parentId === input.parentId && n.id !== id);
  siblings.splice(Math.min(input.position, siblings.length), 0, node);
  for (const [index, sibling] of siblings.entries()) {
    const parentChanged = sibling.id === id && node.parentId !== input.parentId;
    if (sibling.sortOrder !== index || parentChanged)
      await repo.updatePlantNode(ctx.tx, sibling.id, {
        sortOrder: index,
        ...(parentChanged && { parentId: input.parentId }),
      });
  }
  const after = await getNode({ ctx, id });
  await recordAudit(ctx, { action: 'move', entityType: 'plant_node', entityId: id, before, after });
  return after;
}

export async function deleteNode({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const { nodes, scope } = await loadPlant(ctx);
  const before = await getNode({ ctx, id });
  assertWritable(scope, id, ENTITY);
  const children = nodes.filter((n) => n.parentId === id).length;
  if (children)
    throw new AppError('HAS_CHILDREN', {
      entity: ENTITY,
      code: before.code,
      count: children,
      children: 'child nodes',
    });
  const equipmentCount = await repo.countEquipmentAt(ctx.tx, id);
  if (equipmentCount)
    throw new AppError('HAS_CHILDREN', {
      entity: ENTITY,
      code: before.code,
      count: equipmentCount,
      children: 'pieces of equipment',
    });
  const scopedUsers = await repo.countUsersScopedTo(ctx.tx, id);
  if (scopedUsers)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: scopedUsers,
      users: "users' data scopes",
    });
  await repo.deletePlantNode(ctx.tx, id);
  await recordAudit(ctx, { action: 'delete', entityType: 'plant_node', entityId: id, before });
}

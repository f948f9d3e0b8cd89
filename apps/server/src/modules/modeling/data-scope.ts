import type { Ctx } from '../../platform/auth/actor.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

export interface NodeLink {
  id: string;
  parentId: string | null;
}

/**
 * A user's data scope over the plant tree. `allowed` holds the scoped nodes and everything below
 * them (null = unrestricted); `visible` adds their ancestors, shown read-only for context.
 */
export interface Scope {
  allowed: Set<string> | null;
  visible: Set<string> | null;
}

export function descendantsOf(nodes: NodeLink[], rootIds: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of nodes)
    if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out = new Set<string>();
  const stack = [...rootIds];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export function scopeOf(ctx: Ctx, nodes: NodeLink[]): Scope {
  const roots = ctx.actor.dataScopeNodeIds;
  if (roots === null) return { allowed: null, visible: null };
  const allowed = descendantsOf(
    nodes,
    roots.filter((id) => nodes.some((n) => n.id === id)),
  );
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const visible = new Set(allowed);
  for (const id of allowed) for (let p = parent.get(id) ?? null; p; p = parent.get(p) ?? null) visible.add(p);
  return { allowed, visible };
}

export const isAllowed = (scope: Scope, nodeId: string) =>
  scope.allowed === null || scope.allowed.has(nodeId);
export const isVisible = (scope: Scope, nodeId: string) =>
  scope.visible === null || scope.visible.has(nodeId);

/** Invisible → 404 (its existence is not revealed); visible but outside the scope → 403. */
export function assertWritable(scope: Scope, nodeId: string, entity: string): void {
  if (!isVisible(scope, nodeId)) throw notFound(entity);
  if (!isAllowed(scope, nodeId)) throw new AppError('OUTSIDE_DATA_SCOPE', { entity });
}

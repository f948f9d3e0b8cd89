import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';

/** product → components, over every draft and active BOM version (obsolete ones no longer count). */
export type BomGraph = Map<string, Set<string>>;

export async function loadBomGraph(ctx: Ctx, o: { exceptBomIds?: string[] } = {}): Promise<BomGraph> {
  const rows = await queryRows<{ product: string; component: string }>(
    ctx.tx,
    sql`SELECT DISTINCT b.product_id AS product, l.component_id AS component
        FROM production_boms b JOIN production_bom_lines l ON l.tenant_id = b.tenant_id AND l.bom_id = b.id
        WHERE b.status <> 'obsolete' AND NOT (b.id = ANY(${sql.param(o.exceptBomIds ?? [])}::uuid[]))`,
  );
  const graph: BomGraph = new Map();
  for (const r of rows) addEdge(graph, r.product, r.component);
  return graph;
}

export function addEdge(graph: BomGraph, from: string, to: string) {
  const set = graph.get(from) ?? new Set<string>();
  set.add(to);
  graph.set(from, set);
}

/**
 * A path of material ids from `from` to `to` through the graph (both ends included), or null. Adding
 * the edge to → from closes a cycle exactly when this finds one.
 */
export function findPath(graph: BomGraph, from: string, to: string): string[] | null {
  const seen = new Set<string>();
  const walk = (at: string, path: string[]): string[] | null => {
    if (at === to) return [...path, at];
    if (seen.has(at)) return null;
    seen.add(at);
    for (const next of graph.get(at) ?? []) {
      const found = walk(next, [...path, at]);
      if (found) return found;
    }
    return null;
  };
  return walk(from, []);
}

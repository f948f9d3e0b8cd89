import type { EnergyMedium } from '@greenmes/contracts';
import { sum } from '../calc/engine.ts';

/** An amount of one medium: physical quantity in the medium's base unit and tce (equivalent value). */
export interface Amount {
  quantity: number;
  tce: number;
}
export type MediaAmounts = Map<EnergyMedium, Amount>;

export interface ProductInput {
  id: string;
  /** output over the period, in the product's unit: energy goes to everything made, good or not */
  output: number;
  nodes: Array<{ nodeId: string; weight: number }>;
}

export interface ProductAllocation {
  direct: MediaAmounts;
  auxiliary: MediaAmounts;
}

export interface AllocationResult {
  products: Map<string, ProductAllocation>;
  /** per medium: metered at product nodes that made nothing in the period, and the remainder nobody took */
  unallocated: MediaAmounts;
  /** per medium: the boundary minus the product nodes (auxiliary and attached systems, losses); ≥ 0 */
  remainder: MediaAmounts;
  /** per medium: what the product nodes measured in total */
  nodes: MediaAmounts;
}

const add = (into: MediaAmounts, medium: EnergyMedium, a: Amount, share = 1) => {
  const x = into.get(medium) ?? { quantity: 0, tce: 0 };
  into.set(medium, { quantity: x.quantity + a.quantity * share, tce: x.tce + a.tce * share });
};
export const tceOfAmounts = (m: MediaAmounts) => sum([...m.values()].map((a) => a.tce));

/**
 * GB/T 2589 allocation of the boundary's energy to products:
 * 1. each production node's metered energy is shared among the products made there by output × weight;
 * 2. the boundary's remainder per medium (auxiliary and attached production systems, losses) is shared among
 *    the products in proportion to the tce they received directly.
 * What cannot be allocated (a node with no output, a remainder with no product to take it) is returned as
 * unallocated, so that products + unallocated = boundary for every medium (when the nodes do not exceed it).
 */
export function allocateEnergy(o: {
  boundary: MediaAmounts;
  nodeEnergy: Map<string, MediaAmounts>;
  products: ProductInput[];
}): AllocationResult {
  const products = new Map<string, ProductAllocation>(
    o.products.map((p) => [p.id, { direct: new Map(), auxiliary: new Map() }]),
  );
  const unallocated: MediaAmounts = new Map();
  const nodes: MediaAmounts = new Map();
  for (const [nodeId, media] of o.nodeEnergy) {
    const takers = o.products.flatMap((p) =>
      p.nodes.filter((n) => n.nodeId === nodeId && p.output > 0).map((n) => ({ p, w: p.output * n.weight })),
    );
    const weights = sum(takers.map((t) => t.w));
    for (const [medium, a] of media) {
      add(nodes, medium, a);
      if (weights <= 0) add(unallocated, medium, a);
      else for (const t of takers) add(products.get(t.p.id)!.direct, medium, a, t.w / weights);
    }
  }
  const remainder: MediaAmounts = new Map();
  for (const [medium, b] of o.boundary) {
    const n = nodes.get(medium) ?? { quantity: 0, tce: 0 };
    remainder.set(medium, {
      quantity: Math.max(0, b.quantity - n.quantity),
      tce: Math.max(0, b.tce - n.tce),
    });
  }
  const directTce = new Map([...products].map(([id, a]) => [id, tceOfAmounts(a.direct)]));
  const allDirect = sum([...directTce.values()]);
  for (const [medium, r] of remainder) {
    if (allDirect <= 0) add(unallocated, medium, r);
    else for (const [id, a] of products) add(a.auxiliary, medium, r, directTce.get(id)! / allDirect);
  }
  return { products, unallocated, remainder, nodes };
}

/**
 * The meters that measure a node: enabled, non-formula meters placed inside it (`inside`, from
 * `meterPlacement`), keeping only the topmost where one feeds another, so nothing is counted twice.
 */
export function nodeMeters<M extends { id: string; parent_id: string | null }>(
  meters: M[],
  inside: (m: M) => boolean,
): M[] {
  const ids = new Set(meters.filter(inside).map((m) => m.id));
  const parentOf = new Map(meters.map((m) => [m.id, m.parent_id]));
  const hasAncestorInside = (m: M) => {
    const seen = new Set<string>();
    for (let p = m.parent_id; p !== null && !seen.has(p); p = parentOf.get(p) ?? null) {
      if (ids.has(p)) return true;
      seen.add(p);
    }
    return false;
  };
  return meters.filter((m) => ids.has(m.id) && !hasAncestorInside(m));
}

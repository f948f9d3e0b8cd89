import { add, parseDecimal, toDecimal, ZERO, type Rational } from './rational.ts';

export interface FifoSource {
  id: string;
  /** what the source can give, a non-negative decimal string */
  available: string;
}

export interface FifoAllocation {
  id: string;
  quantity: string;
}

const lt = (a: Rational, b: Rational) => a.n * b.d < b.n * a.d;
const sub = (a: Rational, b: Rational) => add(a, { n: -b.n, d: b.d });

/**
 * Takes `demand` from the sources in the order given (oldest first): each source gives all it has
 * until what is left of the demand is smaller. Exact fractions, so the allocations plus the shortfall
 * are the demand exactly and no source gives more than it has. Sources with nothing are skipped.
 */
export function allocateFifo(o: { demand: string; sources: FifoSource[] }): {
  allocations: FifoAllocation[];
  shortfall: string;
} {
  let left = parseDecimal(o.demand);
  if (left.n < 0n) throw new RangeError(`negative demand: ${o.demand}`);
  const allocations: FifoAllocation[] = [];
  for (const s of o.sources) {
    if (left.n === 0n) break;
    const has = parseDecimal(s.available);
    if (has.n <= 0n) continue;
    const take = lt(has, left) ? has : left;
    allocations.push({ id: s.id, quantity: toDecimal(take) });
    left = sub(left, take);
  }
  return { allocations, shortfall: toDecimal(left.n > 0n ? left : ZERO) };
}

/** a − b, exact, as a decimal string of 6 digits at most. */
export const minus = (a: string, b: string) => toDecimal(sub(parseDecimal(a), parseDecimal(b)));
export const plus = (a: string, b: string) => toDecimal(add(parseDecimal(a), parseDecimal(b)));
/** a < b */
export const less = (a: string, b: string) => lt(parseDecimal(a), parseDecimal(b));
export const isPositive = (a: string) => parseDecimal(a).n > 0n;

import { add, parseDecimal, toDecimal, ZERO, type Rational } from './rational.ts';

/** One operation of an order as WIP needs it, in seq order; quantities are decimal strings. */
export interface WipOperationInput {
  status: 'pending' | 'ready' | 'in_progress' | 'paused' | 'done';
  good: string;
  scrap: string;
  /** with explicit transfers: what came in from the previous operation, and what went on to the next */
  transferredIn: string;
  transferredOut: string;
}

export interface WipOperationQuantities {
  arrived: string;
  waiting: string;
  inProcess: string;
  done: string;
  overReported: string;
}

const sub = (a: Rational, b: Rational) => add(a, { n: -b.n, d: b.d });
const positive = (r: Rational) => (r.n > 0n ? r : ZERO);

/**
 * WIP of one order's operations. What arrives at an operation is the order's quantity at the first one,
 * else the previous operation's good output (automatic transfer) or what was transferred in (explicit).
 * What arrived and is not reported yet (good + scrap) waits, or is in process while the operation runs or
 * is paused. Good output stays "done" where it is only when nothing takes it further: at the last
 * operation, or until transferred with explicit transfers. So for consistent reports,
 * Σ (waiting + inProcess + done) = released − Σ scrap exactly; anything reported beyond what arrived
 * (a previous operation reporting late) is `overReported`, never a negative WIP.
 */
export function orderWip(o: {
  released: string;
  explicitTransfers: boolean;
  operations: readonly WipOperationInput[];
}): WipOperationQuantities[] {
  return o.operations.map((op, i) => {
    const prev = o.operations[i - 1];
    const arrived =
      i === 0
        ? parseDecimal(o.released)
        : o.explicitTransfers
          ? parseDecimal(op.transferredIn)
          : parseDecimal(prev!.good);
    const reported = add(parseDecimal(op.good), parseDecimal(op.scrap));
    const open = sub(arrived, reported);
    const isRunning = op.status === 'in_progress' || op.status === 'paused';
    const isLast = i === o.operations.length - 1;
    const done = isLast
      ? parseDecimal(op.good)
      : o.explicitTransfers
        ? positive(sub(parseDecimal(op.good), parseDecimal(op.transferredOut)))
        : ZERO;
    return {
      arrived: toDecimal(arrived),
      waiting: toDecimal(isRunning ? ZERO : positive(open)),
      inProcess: toDecimal(isRunning ? positive(open) : ZERO),
      done: toDecimal(done),
      overReported: toDecimal(positive({ n: -open.n, d: open.d })),
    };
  });
}

/** Sum of decimal strings, exactly. */
export const sumDecimals = (values: readonly string[]) =>
  toDecimal(values.reduce<Rational>((acc, v) => add(acc, parseDecimal(v)), ZERO));

import { WORK_ORDER_MOVES, type WorkOrderAction, type WorkOrderStatus } from '@greenmes/contracts';
import { AppError } from '../../platform/http/errors.ts';
import { add, div, eq, mul, parseDecimal, toDecimal, type Rational } from './rational.ts';

/** Where `action` leads from `status` (resume: back to the status before the hold); else 409 naming both. */
export function nextStatus(o: {
  status: WorkOrderStatus;
  heldFromStatus: WorkOrderStatus | null;
  action: WorkOrderAction;
  number: string;
}): WorkOrderStatus {
  const move = WORK_ORDER_MOVES[o.action];
  const to = move.to === 'previous' ? (o.heldFromStatus ?? 'released') : move.to;
  if (!move.from.includes(o.status))
    throw new AppError('CONFLICT', {
      reason: `work order ${o.number} is ${o.status} and cannot become ${to} (${o.action})`,
      from: o.status,
      to,
    });
  return to;
}

const SCALE = 6;
const neg = (r: Rational): Rational => ({ n: -r.n, d: r.d });

/**
 * Shares of `whole` in the ratio `parts` (decimal strings summing to `total`), each rounded to 6
 * digits except the first, which takes the remainder: the shares add up to `whole` exactly, and a
 * share whose exact value has ≤ 6 digits (an operation's planned quantity, say) is that value.
 */
export function proportionalShares(whole: string, parts: string[], total: string): string[] {
  const w = parseDecimal(whole);
  const t = parseDecimal(total);
  const rest = parts.slice(1).map((p) => toDecimal(div(mul(w, parseDecimal(p)), t), SCALE));
  const first = rest.reduce<Rational>((acc, r) => add(acc, neg(parseDecimal(r))), w);
  return [toDecimal(first, SCALE), ...rest];
}

/** The split's two quantities must be positive and add up to the order's quantity exactly. */
export function assertSplit(quantity: string, parts: string[], number: string) {
  const sum = parts.reduce<Rational>((acc, p) => add(acc, parseDecimal(p)), { n: 0n, d: 1n });
  if (!eq(sum, parseDecimal(quantity)))
    throw new AppError('VALIDATION', {}, [
      {
        path: 'body.quantities',
        message: `${parts.join(' + ')} = ${toDecimal(sum, SCALE)}, not the quantity ${quantity} of ${number}`,
      },
    ]);
}

export const sumDecimals = (values: string[]) =>
  toDecimal(
    values.reduce<Rational>((acc, v) => add(acc, parseDecimal(v)), { n: 0n, d: 1n }),
    SCALE,
  );

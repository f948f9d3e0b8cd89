import type { JobReportKind, WorkOrderStatus } from '@greenmes/contracts';
import { AppError } from '../../platform/http/errors.ts';
import { add, mul, parseDecimal, toDecimal, ZERO, type Rational } from './rational.ts';

export type OperationStatus = 'pending' | 'ready' | 'in_progress' | 'paused' | 'done';

/** Orders on the shop floor; every other status refuses reports. */
export const REPORTABLE_ORDER: WorkOrderStatus[] = ['released', 'in_progress'];

/**
 * Where a report takes the operation, from where. Start also from in_progress: a second worker
 * joins the operation. Quantities are counted while running or paused (counted at the pause).
 */
const MOVES: Record<JobReportKind, { from: OperationStatus[]; to: OperationStatus | null }> = {
  start: { from: ['pending', 'ready', 'in_progress'], to: 'in_progress' },
  pause: { from: ['in_progress'], to: 'paused' },
  resume: { from: ['paused'], to: 'in_progress' },
  quantity: { from: ['in_progress', 'paused'], to: null },
  finish: { from: ['in_progress', 'paused'], to: 'done' },
};

export function assertOrderReportable(o: { number: string; status: WorkOrderStatus }) {
  if (!REPORTABLE_ORDER.includes(o.status))
    throw new AppError('CONFLICT', {
      reason: `work order ${o.number} is ${o.status}: job reports need a released or in-progress order`,
      status: o.status,
    });
}

/** The operation's status after `kind`; 409 naming the operation's status otherwise. */
export function nextOperationStatus(o: {
  status: OperationStatus;
  kind: JobReportKind;
  seqNo: number;
}): OperationStatus {
  const move = MOVES[o.kind];
  if (!move.from.includes(o.status))
    throw new AppError('CONFLICT', {
      reason: `operation ${o.seqNo} is ${o.status} and cannot take a ${o.kind} report`,
      status: o.status,
      kind: o.kind,
    });
  return move.to ?? o.status;
}

const sum = (values: string[]) => values.reduce<Rational>((acc, v) => add(acc, parseDecimal(v)), ZERO);
const le = (a: Rational, b: Rational) => a.n * b.d <= b.n * a.d;

/**
 * Good + scrap over the planned quantity (plus the tolerance, in percent) is refused, naming the
 * field that brought it over: goodQty when it carries any, else scrapQty. Exact fractions throughout.
 */
export function assertWithinPlanned(o: {
  planned: string;
  good: string;
  scrap: string;
  addGood: string;
  addScrap: string;
  tolerancePercent: number;
}) {
  const tolerance = parseDecimal(o.tolerancePercent.toFixed(6));
  const limit = mul(parseDecimal(o.planned), add({ n: 1n, d: 1n }, mul(tolerance, { n: 1n, d: 100n })));
  const total = sum([o.good, o.scrap, o.addGood, o.addScrap]);
  if (le(total, limit)) return;
  const field = parseDecimal(o.addGood).n > 0n ? 'goodQty' : 'scrapQty';
  throw new AppError('VALIDATION', {}, [
    {
      path: `body.${field}`,
      message:
        `good + scrap would be ${toDecimal(total)}, over the planned ${o.planned}` +
        (o.tolerancePercent > 0 ? ` + ${o.tolerancePercent} % (${toDecimal(limit)})` : ''),
    },
  ]);
}

/** Scrap needs its reason code; a quantity report needs some quantity. */
export function assertQuantities(o: {
  kind: JobReportKind;
  good: string;
  scrap: string;
  rework: string;
  scrapReasonCode: string | undefined;
}) {
  if (parseDecimal(o.scrap).n > 0n && !o.scrapReasonCode)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.scrapReasonCode', message: 'scrap needs a reason code' },
    ]);
  if (o.kind === 'quantity' && sum([o.good, o.scrap, o.rework]).n === 0n)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.goodQty', message: 'report a good, scrap or rework quantity' },
    ]);
}

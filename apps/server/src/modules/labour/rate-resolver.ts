import { RATE_MATCHES, type RateMatch, type TRateCandidate } from '@greenmes/contracts';

/**
 * Which wage rate applies, purely. A piece rate is keyed by operation code, product (null = any) and
 * grade (null = any) and is in effect from its first to its last day, inclusive (open-ended without a
 * last day). Periods of one key never overlap (the service refuses it), so on any day each key has at
 * most one rate, and the most specific key valid that day wins:
 * product + operation + grade > product + operation > operation + grade > operation.
 */
export interface PieceRateKey {
  operationCode: string;
  productId: string | null;
  gradeId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface RateQuery {
  operationCode: string;
  productId?: string | null;
  gradeId?: string | null;
  /** YYYY-MM-DD */
  date: string;
}

/** The level a rate is keyed at. */
export function matchOf(r: Pick<PieceRateKey, 'productId' | 'gradeId'>): RateMatch {
  if (r.productId) return r.gradeId ? 'product_operation_grade' : 'product_operation';
  return r.gradeId ? 'operation_grade' : 'operation';
}

/** YYYY-MM-DD strings compare as dates. */
export const isInEffect = (r: { effectiveFrom: string; effectiveTo: string | null }, date: string) =>
  r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo);

/** Two inclusive periods share at least one day. */
export const periodsOverlap = (
  a: { effectiveFrom: string; effectiveTo: string | null },
  b: { effectiveFrom: string; effectiveTo: string | null },
) => a.effectiveFrom <= (b.effectiveTo ?? '9999-12-31') && b.effectiveFrom <= (a.effectiveTo ?? '9999-12-31');

/** Does the rate's key cover the query (its product and grade are the query's or "any")? */
function covers(r: PieceRateKey, q: RateQuery): boolean {
  return (
    r.operationCode === q.operationCode &&
    (r.productId === null || r.productId === (q.productId ?? null)) &&
    (r.gradeId === null || r.gradeId === (q.gradeId ?? null))
  );
}

const rank = (m: RateMatch) => RATE_MATCHES.indexOf(m);

/** The piece rate that applies to the query, with the level it matched at; null when none does. */
export function rateFor<R extends PieceRateKey>(
  o: RateQuery & { rates: readonly R[] },
): { rate: R; match: RateMatch } | null {
  let best: { rate: R; match: RateMatch } | null = null;
  for (const rate of o.rates) {
    if (!covers(rate, o) || !isInEffect(rate, o.date)) continue;
    const match = matchOf(rate);
    if (!best || rank(match) < rank(best.match)) best = { rate, match };
  }
  return best;
}

/** Every rate of the operation code with the reason it does or does not apply: the "why" for people. */
export function explainRates<R extends PieceRateKey>(
  o: RateQuery & { rates: readonly R[] },
): Array<{ rate: R; match: RateMatch; verdict: TRateCandidate['verdict'] }> {
  const chosen = rateFor(o);
  return o.rates
    .filter((r) => r.operationCode === o.operationCode)
    .map((rate) => {
      const match = matchOf(rate);
      const verdict: TRateCandidate['verdict'] =
        rate === chosen?.rate
          ? 'applies'
          : rate.productId !== null && rate.productId !== (o.productId ?? null)
            ? 'other_product'
            : rate.gradeId !== null && rate.gradeId !== (o.gradeId ?? null)
              ? 'other_grade'
              : !isInEffect(rate, o.date)
                ? 'not_in_effect'
                : 'less_specific';
      return { rate, match, verdict };
    })
    .sort(
      (a, b) => rank(a.match) - rank(b.match) || b.rate.effectiveFrom.localeCompare(a.rate.effectiveFrom),
    );
}

/** The grade's hourly rate in effect on the date (periods of one grade never overlap). */
export function timeRateFor<
  R extends { gradeId: string; effectiveFrom: string; effectiveTo: string | null },
>(o: { rates: readonly R[]; gradeId: string; date: string }): R | null {
  return o.rates.find((r) => r.gradeId === o.gradeId && isInEffect(r, o.date)) ?? null;
}

/** A numeric(…, 4) read from the database without its trailing zeros: "12.5000" → "12.5". */
export const money = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RATE_MATCHES } from '@greenmes/contracts';
import {
  explainRates,
  isInEffect,
  matchOf,
  money,
  periodsOverlap,
  rateFor,
  timeRateFor,
  type PieceRateKey,
} from './rate-resolver.ts';

type Rate = PieceRateKey & { id: string };
const rate = (id: string, o: Partial<Rate>): Rate => ({
  id,
  operationCode: 'TURN',
  productId: null,
  gradeId: null,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  ...o,
});

// TURN: a general rate all year, a 中级 (G2) rate from March, SF-VB's rate for the first half and SF-VB + G2
// from 15 June to the end of July.
const RATES: Rate[] = [
  rate('op', {}),
  rate('op+g2', { gradeId: 'G2', effectiveFrom: '2026-03-01' }),
  rate('vb', { productId: 'VB', effectiveTo: '2026-06-30' }),
  rate('vb+g2', { productId: 'VB', gradeId: 'G2', effectiveFrom: '2026-06-15', effectiveTo: '2026-07-31' }),
  rate('mill', { operationCode: 'MILL' }),
];
const pick = (q: { productId?: string; gradeId?: string; date: string; operationCode?: string }) =>
  rateFor({ rates: RATES, operationCode: 'TURN', ...q })?.rate.id ?? null;

describe('rateFor: the most specific key in effect on the day', () => {
  it('hand-worked cases', () => {
    // February: no grade rate yet; SF-VB has its own
    expect(pick({ productId: 'VB', gradeId: 'G2', date: '2026-02-10' })).toBe('vb');
    expect(pick({ productId: 'VD', gradeId: 'G2', date: '2026-02-10' })).toBe('op');
    // March: the G2 rate starts on its first day, but product + operation beats operation + grade
    expect(pick({ productId: 'VD', gradeId: 'G2', date: '2026-02-28' })).toBe('op');
    expect(pick({ productId: 'VD', gradeId: 'G2', date: '2026-03-01' })).toBe('op+g2');
    expect(pick({ productId: 'VB', gradeId: 'G2', date: '2026-03-01' })).toBe('vb');
    // a worker without a grade, or of another grade, never gets a grade's rate
    expect(pick({ productId: 'VD', date: '2026-03-01' })).toBe('op');
    expect(pick({ productId: 'VD', gradeId: 'G3', date: '2026-03-01' })).toBe('op');
    // 15 June – 31 July: all three key levels are in effect for SF-VB + G2 (until 30 June)
    expect(pick({ productId: 'VB', gradeId: 'G2', date: '2026-06-14' })).toBe('vb');
    expect(pick({ productId: 'VB', gradeId: 'G2', date: '2026-06-15' })).toBe('vb+g2');
    expect(pick({ productId: 'VB', gradeId: 'G3', date: '2026-06-30' })).toBe('vb');
    // SF-VB's rate ends on 30 June (inclusive): from 1 July a G3 falls back to the operation's rate
    expect(pick({ productId: 'VB', gradeId: 'G3', date: '2026-07-01' })).toBe('op');
    expect(pick({ productId: 'VB', gradeId: 'G2', date: '2026-07-31' })).toBe('vb+g2');
    expect(pick({ productId: 'VB', gradeId: 'G2', date: '2026-08-01' })).toBe('op+g2');
    // before anything starts, and another operation
    expect(pick({ date: '2025-12-31' })).toBeNull();
    expect(pick({ operationCode: 'MILL', productId: 'VB', date: '2026-05-01' })).toBe('mill');
    expect(pick({ operationCode: 'PAINT', date: '2026-05-01' })).toBeNull();
  });

  it('says why each candidate does or does not apply', () => {
    const why = explainRates({
      rates: RATES,
      operationCode: 'TURN',
      productId: 'VB',
      gradeId: 'G3',
      date: '2026-07-01',
    });
    expect(why.map((c) => [c.rate.id, c.match, c.verdict])).toEqual([
      ['vb+g2', 'product_operation_grade', 'other_grade'],
      ['vb', 'product_operation', 'not_in_effect'],
      ['op+g2', 'operation_grade', 'other_grade'],
      ['op', 'operation', 'applies'],
    ]);
    const mid = explainRates({
      rates: RATES,
      operationCode: 'TURN',
      productId: 'VB',
      gradeId: 'G2',
      date: '2026-06-20',
    });
    expect(mid.map((c) => c.verdict)).toEqual(['applies', 'less_specific', 'less_specific', 'less_specific']);
  });

  it('periods are inclusive days, open-ended without an end', () => {
    const r = { effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31' };
    expect([isInEffect(r, '2026-02-28'), isInEffect(r, '2026-03-01'), isInEffect(r, '2026-03-31')]).toEqual([
      false,
      true,
      true,
    ]);
    expect(isInEffect(r, '2026-04-01')).toBe(false);
    expect(isInEffect({ effectiveFrom: '2026-03-01', effectiveTo: null }, '2099-12-31')).toBe(true);
    expect(periodsOverlap(r, { effectiveFrom: '2026-03-31', effectiveTo: null })).toBe(true);
    expect(periodsOverlap(r, { effectiveFrom: '2026-04-01', effectiveTo: null })).toBe(false);
    expect(periodsOverlap({ effectiveFrom: '2026-01-01', effectiveTo: null }, r)).toBe(true);
  });

  it('time rates by grade and day; money without trailing zeros', () => {
    const t = [
      { id: 'a', gradeId: 'G1', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' },
      { id: 'b', gradeId: 'G1', effectiveFrom: '2026-01-01', effectiveTo: null },
      { id: 'c', gradeId: 'G2', effectiveFrom: '2025-01-01', effectiveTo: null },
    ];
    expect(timeRateFor({ rates: t, gradeId: 'G1', date: '2025-12-31' })?.id).toBe('a');
    expect(timeRateFor({ rates: t, gradeId: 'G1', date: '2026-01-01' })?.id).toBe('b');
    expect(timeRateFor({ rates: t, gradeId: 'G3', date: '2026-01-01' })).toBeNull();
    expect([money('12.5000'), money('3.0000'), money('0.0050'), money('7')]).toEqual([
      '12.5',
      '3',
      '0.005',
      '7',
    ]);
  });
});

// ---- properties: random non-overlapping rate sets against a brute-force reading of the rule ----
const DAY0 = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

/** Per key, consecutive non-overlapping periods (gaps allowed), some open-ended at the end. */
const arbRates = fc
  .array(
    fc.record({
      productId: fc.constantFrom(null, 'P1', 'P2'),
      gradeId: fc.constantFrom(null, 'G1', 'G2'),
      cuts: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 }),
      isOpen: fc.boolean(),
    }),
    { maxLength: 9 },
  )
  .map((keys) => {
    const seen = new Set<string>();
    const out: Rate[] = [];
    for (const k of keys) {
      const key = `${k.productId}|${k.gradeId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const cuts = [...new Set(k.cuts)].sort((a, b) => a - b);
      cuts.forEach((from, i) => {
        const last = i === cuts.length - 1;
        const to = last ? (k.isOpen ? null : from + 5) : cuts[i + 1]! - 1;
        if (to !== null && to < from) return;
        out.push(
          rate(`${key}#${i}`, {
            productId: k.productId,
            gradeId: k.gradeId,
            effectiveFrom: day(from),
            effectiveTo: to === null ? null : day(to),
          }),
        );
      });
    }
    return out;
  });
const arbQuery = fc.record({
  productId: fc.constantFrom(undefined, 'P1', 'P2', 'P3'),
  gradeId: fc.constantFrom(undefined, 'G1', 'G2', 'G3'),
  date: fc.integer({ min: -2, max: 80 }).map(day),
});

describe('rateFor properties', () => {
  it('the chosen rate covers the query, is in effect, and nothing in effect is more specific', () => {
    fc.assert(
      fc.property(arbRates, arbQuery, (rates, q) => {
        const chosen = rateFor({ rates, operationCode: 'TURN', ...q });
        const applicable = rates.filter(
          (r) =>
            isInEffect(r, q.date) &&
            (r.productId === null || r.productId === (q.productId ?? null)) &&
            (r.gradeId === null || r.gradeId === (q.gradeId ?? null)),
        );
        if (applicable.length === 0) return chosen === null;
        const best = Math.min(...applicable.map((r) => RATE_MATCHES.indexOf(matchOf(r))));
        // one rate per key per day, so the best level holds exactly one candidate
        const atBest = applicable.filter((r) => RATE_MATCHES.indexOf(matchOf(r)) === best);
        return atBest.length === 1 && chosen?.rate === atBest[0];
      }),
    );
  });

  it('exactly one candidate applies when a rate is chosen, and the order of the rates does not matter', () => {
    fc.assert(
      fc.property(arbRates, arbQuery, (rates, q) => {
        const chosen = rateFor({ rates, operationCode: 'TURN', ...q });
        const reversed = rateFor({ rates: [...rates].reverse(), operationCode: 'TURN', ...q });
        const applies = explainRates({ rates, operationCode: 'TURN', ...q }).filter(
          (c) => c.verdict === 'applies',
        );
        return chosen?.rate === reversed?.rate && applies.length === (chosen ? 1 : 0);
      }),
    );
  });
});

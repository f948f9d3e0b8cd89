// Split arithmetic and lifecycle moves, pure: shares add up to the whole exactly for any split, and a
// share whose exact value fits 6 digits (the operations' planned quantities) is that value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES } from '@greenmes/contracts';
import { add, div, eq, mul, parseDecimal, toDecimal } from './rational.ts';
import { assertSplit, nextStatus, proportionalShares, sumDecimals } from './work-order-rules.ts';

/** a decimal with up to 6 fraction digits, > 0, as the API takes them */
const micro = (max: number) =>
  fc.integer({ min: 1, max }).map((n) => toDecimal({ n: BigInt(n), d: 1_000_000n }));

describe('split shares', () => {
  it('the two parts of any line add up to the line exactly', () => {
    fc.assert(
      fc.property(micro(10 ** 12), micro(10 ** 12), micro(10 ** 13), (q1, q2, line) => {
        const total = sumDecimals([q1, q2]);
        const [keep, give] = proportionalShares(line, [q1, q2], total);
        expect(eq(add(parseDecimal(keep!), parseDecimal(give!)), parseDecimal(line))).toBe(true);
        expect(keep!.startsWith('-')).toBe(false);
        // each part within half a unit of the 6th digit of its exact proportion (the kept one: a unit)
        const exactGive = div(mul(parseDecimal(line), parseDecimal(q2)), parseDecimal(total));
        const error = add(parseDecimal(give!), { n: -exactGive.n, d: exactGive.d });
        expect(Math.abs(Number(error.n) / Number(error.d))).toBeLessThanOrEqual(0.0000005);
      }),
      { numRuns: 500 },
    );
  });

  it("operations' planned quantities (the order's quantity) become the split quantities exactly", () => {
    fc.assert(
      fc.property(micro(10 ** 12), micro(10 ** 12), (q1, q2) => {
        const total = sumDecimals([q1, q2]);
        assertSplit(total, [q1, q2], 'WO');
        const [keep, give] = proportionalShares(total, [q1, q2], total);
        expect([parseDecimal(keep!), parseDecimal(give!)]).toEqual([parseDecimal(q1), parseDecimal(q2)]);
      }),
      { numRuns: 500 },
    );
  });

  it('worked by hand: 10 bolts split 1 : 2 → 3.333333 + 6.666667', () => {
    expect(proportionalShares('10', ['1', '2'], '3')).toEqual(['3.333333', '6.666667']);
    expect(proportionalShares('120', ['7', '3'], '10')).toEqual(['84', '36']);
  });

  it('refuses parts that do not add up, naming the sum', () => {
    expect(() => assertSplit('10', ['3', '6.999999'], 'WO-1')).toThrowError();
    try {
      assertSplit('10', ['3', '6.999999'], 'WO-1');
    } catch (e) {
      expect((e as { details: Array<{ message: string }> }).details[0]!.message).toBe(
        '3 + 6.999999 = 9.999999, not the quantity 10 of WO-1',
      );
    }
  });
});

describe('lifecycle moves', () => {
  it('every action from every status: a status or a 409 naming from and to', () => {
    const legal: string[] = [];
    for (const status of WORK_ORDER_STATUSES)
      for (const action of WORK_ORDER_ACTIONS)
        try {
          legal.push(
            `${status} ${action} → ${nextStatus({ status, heldFromStatus: status === 'on_hold' ? 'in_progress' : null, action, number: 'WO' })}`,
          );
        } catch (e) {
          expect((e as { params: { from: string } }).params.from).toBe(status);
        }
    expect(legal).toEqual([
      'draft release → released',
      'draft cancel → cancelled',
      'released start → in_progress',
      'released hold → on_hold',
      'released cancel → cancelled',
      'in_progress complete → completed',
      'in_progress hold → on_hold',
      'completed close → closed',
      'on_hold resume → in_progress',
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateFifo, less, minus, plus } from './fifo-allocation.ts';
import { add, parseDecimal, toDecimal, ZERO } from './rational.ts';

// decimals with up to 6 fraction digits, as the API accepts them
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([i, f]) => `${i}.${String(f).padStart(6, '0')}`);
const sum = (xs: string[]) => toDecimal(xs.reduce((s, x) => add(s, parseDecimal(x)), ZERO));

describe('allocateFifo', () => {
  it('takes the oldest lots first, the last one partly', () => {
    expect(
      allocateFifo({
        demand: '7.5',
        sources: [
          { id: 'a', available: '3' },
          { id: 'b', available: '0' },
          { id: 'c', available: '4' },
          { id: 'd', available: '9' },
        ],
      }),
    ).toEqual({
      allocations: [
        { id: 'a', quantity: '3' },
        { id: 'c', quantity: '4' },
        { id: 'd', quantity: '0.5' },
      ],
      shortfall: '0',
    });
  });

  it('reports what the sources could not give', () => {
    expect(allocateFifo({ demand: '10', sources: [{ id: 'a', available: '2.25' }] })).toEqual({
      allocations: [{ id: 'a', quantity: '2.25' }],
      shortfall: '7.75',
    });
    expect(allocateFifo({ demand: '0', sources: [{ id: 'a', available: '1' }] })).toEqual({
      allocations: [],
      shortfall: '0',
    });
  });

  it('allocations + shortfall = demand, no source overdrawn, earlier sources exhausted first', () => {
    fc.assert(
      fc.property(decimal, fc.array(decimal, { maxLength: 8 }), (demand, available) => {
        const sources = available.map((a, i) => ({ id: `s${i}`, available: a }));
        const { allocations, shortfall } = allocateFifo({ demand, sources });
        expect(sum([...allocations.map((a) => a.quantity), shortfall])).toBe(toDecimal(parseDecimal(demand)));
        for (const a of allocations) {
          const source = sources.find((s) => s.id === a.id)!;
          expect(less(source.available, a.quantity)).toBe(false);
          expect(less(a.quantity, '0.000001')).toBe(false);
        }
        // every source before the last one used gave all it had
        const lastUsed = allocations.length ? sources.findIndex((s) => s.id === allocations.at(-1)!.id) : -1;
        for (const s of sources.slice(0, Math.max(lastUsed, 0))) {
          const given = allocations.find((a) => a.id === s.id)?.quantity ?? '0';
          expect(minus(s.available, given)).toBe('0');
        }
        // a shortfall only when every source gave everything
        if (shortfall !== '0') expect(sum(allocations.map((a) => a.quantity))).toBe(sum(available));
      }),
    );
  });

  it('adds and subtracts decimals exactly', () => {
    expect(plus('0.1', '0.2')).toBe('0.3');
    expect(minus('1', '0.999999')).toBe('0.000001');
  });
});

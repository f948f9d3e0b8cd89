import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitOls, predict } from './regression.ts';

describe('OLS for energy baselines', () => {
  it('hand-worked: y = 2 + 3x exactly, and a noisy line', () => {
    const exact = fitOls([[1], [2], [3], [4]], [5, 8, 11, 14]);
    expect(exact).toMatchObject({
      intercept: expect.closeTo(2, 12),
      coefficients: [expect.closeTo(3, 12)],
      r2: 1,
      n: 4,
    });
    // x = 1..5, y = 2, 4, 5, 4, 5: slope 0.6, intercept 2.2, R² = 0.6
    const noisy = fitOls([[1], [2], [3], [4], [5]], [2, 4, 5, 4, 5]);
    expect(noisy).toMatchObject({
      intercept: expect.closeTo(2.2, 12),
      coefficients: [expect.closeTo(0.6, 12)],
    });
    expect('r2' in noisy && noisy.r2).toBeCloseTo(0.6, 12);
  });

  it('two drivers (production and degree days)', () => {
    const xs = [
      [100, 10],
      [120, 30],
      [90, 50],
      [150, 0],
      [110, 20],
    ];
    const y = xs.map(([p, d]) => 500 + 4 * p! + 7 * d!);
    const fit = fitOls(xs, y);
    expect(fit).toMatchObject({
      intercept: expect.closeTo(500, 8),
      coefficients: [expect.closeTo(4, 10), expect.closeTo(7, 10)],
    });
  });

  it('refuses too few points and a constant driver', () => {
    expect(fitOls([[1], [2]], [1, 2])).toMatchObject({ error: expect.stringContaining('at least 3') });
    expect(fitOls([[5], [5], [5], [5]], [1, 2, 3, 4])).toMatchObject({
      error: expect.stringContaining('does not vary'),
    });
  });

  it('property: any exact line is recovered and predicts its own points', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 24 }),
        (a, b, xs) => {
          const fit = fitOls(
            xs.map((x) => [x]),
            xs.map((x) => a + b * x),
          );
          if ('error' in fit) throw new Error(fit.error);
          for (const x of xs) expect(predict(fit, [x])).toBeCloseTo(a + b * x, 4);
        },
      ),
    );
  });
});

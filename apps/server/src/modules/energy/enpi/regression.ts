/**
 * Ordinary least squares of y on one or more drivers with an intercept (ISO 50001 / ISO 50006 energy
 * baselines: consumption = a + b·production [+ c·degree days]). Solved by the normal equations with partial
 * pivoting; a singular system (a constant driver, too few points) is reported, never fitted.
 */
export interface Fit {
  intercept: number;
  coefficients: number[];
  r2: number;
  n: number;
}

export function fitOls(xs: number[][], y: number[], drivers = xs[0]?.length ?? 1): Fit | { error: string } {
  const n = y.length;
  const k = drivers + 1;
  if (n < k + 1)
    return { error: `${n} points: at least ${k + 1} are needed for ${k - 1} driver(s) and an intercept` };
  // XᵀX and Xᵀy with a leading column of ones
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let r = 0; r < n; r++) {
    const row = [1, ...xs[r]!];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i]![j]! += row[i]! * row[j]!;
      a[i]![k]! += row[i]! * y[r]!;
    }
  }
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12 * Math.max(1, Math.abs(a[0]![0]!)))
      return {
        error: 'a driver does not vary over the baseline (or drivers are collinear): no model can be fitted',
      };
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= k; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  const beta = a.map((row, i) => row[k]! / row[i]!);
  const predict = (x: number[]) => beta[0]! + x.reduce((s, v, i) => s + v * beta[i + 1]!, 0);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssRes = y.reduce((s, v, r) => s + (v - predict(xs[r]!)) ** 2, 0);
  return { intercept: beta[0]!, coefficients: beta.slice(1), r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot, n };
}

export const predict = (fit: Fit, x: number[]) =>
  fit.intercept + x.reduce((s, v, i) => s + v * fit.coefficients[i]!, 0);

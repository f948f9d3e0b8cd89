/**
 * Exact fractions of bigints for BOM arithmetic. Quantities travel as decimal strings; dividing by a
 * base quantity of 3 or a unit factor of 0.001 must not pick up binary-float error across levels, so
 * every step is a fraction and only the result is rounded (half away from zero) to `scale` digits.
 */
export interface Rational {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

function norm(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

/** "12.5" / "-0.001" / "3" → a fraction; throws on anything else. */
export function parseDecimal(v: string): Rational {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new RangeError(`not a decimal: ${v}`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac) * (m[1] ? -1n : 1n);
  return norm(n, 10n ** BigInt(frac.length));
}

export const add = (a: Rational, b: Rational) => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => norm(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => norm(a.n * b.d, a.d * b.n);
export const eq = (a: Rational, b: Rational) => a.n === b.n && a.d === b.d;

/** 1 + percent / 100 */
export const scrapFactor = (percent: string) => add(ONE, div(parseDecimal(percent), { n: 100n, d: 1n }));

/** Rounded half away from zero to `scale` fraction digits, trailing zeros dropped: "12.5", "0.333333". */
export function toDecimal(r: Rational, scale = 6): string {
  const p = 10n ** BigInt(scale);
  const neg = r.n < 0n;
  const abs = neg ? -r.n : r.n;
  const scaled = (abs * p * 2n + r.d) / (2n * r.d);
  const int = scaled / p;
  const frac = (scaled % p).toString().padStart(scale, '0').replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : `${int}`;
  return neg && scaled !== 0n ? `-${text}` : text;
}

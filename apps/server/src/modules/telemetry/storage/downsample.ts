import type { Aggregate, TSeriesQuery } from '@greenmes/contracts';

export type Point = [number, number | null];

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the points that shape the line, so a
 * week of 1-second data drawn with 1,000 points still shows its peaks. Null values (gaps, strings)
 * are kept only where they start a gap.
 */
export function lttb(points: Point[], threshold: number): Point[] {
  const data = points.filter((p): p is [number, number] => p[1] !== null);
  if (threshold >= data.length || threshold < 3)
    return data.length <= threshold ? data : data.slice(0, threshold);
  const out: Point[] = [data[0]!];
  const every = (data.length - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor(i * every) + 1;
    const end = Math.min(Math.floor((i + 1) * every) + 1, data.length - 1);
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, data.length);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += data[j]![0];
      avgY += data[j]![1];
    }
    const n = Math.max(nextEnd - nextStart, 1);
    avgX /= n;
    avgY /= n;
    const [ax, ay] = data[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (data[j]![1] - ay) - (ax - data[j]![0]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(data[best]!);
    a = best;
  }
  out.push(data[data.length - 1]!);
  return out;
}

/** Min and max of each of threshold/2 time buckets, in time order: no spike is ever lost. */
export function minMax(points: Point[], threshold: number): Point[] {
  const data = points.filter((p): p is [number, number] => p[1] !== null);
  if (data.length <= threshold) return data;
  const buckets = Math.max(1, Math.floor(threshold / 2));
  const first = data[0]![0];
  const span = data[data.length - 1]![0] - first + 1;
  const out: Point[] = [];
  let current = -1;
  let lo: [number, number] | null = null;
  let hi: [number, number] | null = null;
  const flush = () => {
    if (!lo || !hi) return;
    if (lo === hi) out.push(lo);
    else if (lo[0] < hi[0]) out.push(lo, hi);
    else out.push(hi, lo);
  };
  for (const p of data) {
    const b = Math.floor(((p[0] - first) / span) * buckets);
    if (b !== current) {
      flush();
      current = b;
      lo = hi = p;
    } else {
      if (p[1] < lo![1]) lo = p;
      if (p[1] > hi![1]) hi = p;
    }
  }
  flush();
  return out;
}

/** Partial aggregates of one time bucket: what the rollups store, what series are computed from. */
export interface Bucket {
  t: number;
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  first: number | null;
  firstTs: number;
  last: number | null;
  lastTs: number;
  delta: number | null;
}

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
/** Combines partial aggregates of the same bucket (a bucket split across stored and live parts). */
export function merge(into: Bucket, p: Bucket) {
  into.count += p.count;
  into.sum = add(into.sum, p.sum);
  into.min = into.min === null ? p.min : p.min === null ? into.min : Math.min(into.min, p.min);
  into.max = into.max === null ? p.max : p.max === null ? into.max : Math.max(into.max, p.max);
  if (p.firstTs < into.firstTs) [into.first, into.firstTs] = [p.first, p.firstTs];
  if (p.lastTs > into.lastTs) [into.last, into.lastTs] = [p.last, p.lastTs];
  into.delta = add(into.delta, p.delta);
}

/** Buckets in time order, those of the same time merged into one: for parts that did not come in order. */
export function mergeByTime(buckets: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of [...buckets].sort((x, y) => x.t - y.t)) {
    const last = out[out.length - 1];
    if (last?.t === b.t) merge(last, b);
    else out.push(b);
  }
  return out;
}

export function aggregateValue(b: Bucket, agg: Aggregate): number | null {
  switch (agg) {
    case 'avg':
      return b.sum === null || b.count === 0 ? null : b.sum / b.count;
    case 'count':
      return b.count;
    default:
      return b[agg];
  }
}

/** Aggregates whose value over a span is the merge of its buckets' values: summed, or an extreme that must survive. */
const MERGEABLE: ReadonlySet<Aggregate> = new Set(['min', 'max', 'sum', 'count', 'delta']);

/**
 * Merges neighbouring buckets into at most `limit` coarser ones of equal width (a whole number of
 * buckets, counted from the first): each merged value is the aggregate over its wider span, so a
 * maximum stays the maximum and sums and counter deltas still add up to the range's total.
 */
export function mergeBuckets(buckets: Bucket[], limit: number, bucketMs: number): Bucket[] {
  if (buckets.length <= limit) return buckets;
  const t0 = buckets[0]!.t;
  const span = Math.floor((buckets[buckets.length - 1]!.t - t0) / bucketMs) + 1;
  const width = Math.ceil(span / limit) * bucketMs;
  const out: Bucket[] = [];
  for (const b of buckets) {
    const t = t0 + Math.floor((b.t - t0) / width) * width;
    const last = out[out.length - 1];
    if (last?.t === t) merge(last, b);
    else out.push({ ...b, t });
  }
  return out;
}

/** At most `limit` points of a bucketed series, chosen as the aggregate and the downsampling mode promise. */
export function shownBuckets(
  buckets: Bucket[],
  {
    agg,
    limit,
    downsample,
    bucketMs,
  }: { agg: Aggregate; limit: number; downsample: TSeriesQuery['downsample']; bucketMs: number },
): Point[] {
  const points = (bs: Bucket[]) => bs.map((b): Point => [b.t, aggregateValue(b, agg)]);
  if (downsample === 'none' || buckets.length <= limit) return points(buckets);
  if (downsample === 'minmax') return minMax(points(buckets), limit);
  // LTTB would keep the shape of a max series but could drop its highest bucket, or most of a sum
  return MERGEABLE.has(agg) ? points(mergeBuckets(buckets, limit, bucketMs)) : lttb(points(buckets), limit);
}

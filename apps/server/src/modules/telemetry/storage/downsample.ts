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

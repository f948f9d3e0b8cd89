import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportByException } from './report-by-exception.ts';

const s = (ts: number, value: number | string | boolean, metric = 'kw') => ({
  device: 'D',
  metric,
  ts,
  value,
});

describe('report by exception', () => {
  it('reports the first value, then only moves beyond the deadband of the last reported value', () => {
    const rbe = new ReportByException([{ device: 'D', metric: 'kw', deadband: 0.5, keepAliveS: 0 }]);
    const reported = [10, 10.3, 10.5, 10.6, 9.9, 11.2].map((v, i) => rbe.offer(s(i + 1, v))?.value);
    // 10.3, 10.5: |Δ| ≤ 0.5 from 10; 10.6 > 0.5; 9.9: 0.7 from 10.6; 11.2: 1.3 from 9.9
    expect(reported).toEqual([10, undefined, undefined, 10.6, 9.9, 11.2]);
  });

  it('reports strings and booleans on change only', () => {
    const rbe = new ReportByException();
    const out = ['run', 'run', 'idle', true, true, false].map(
      (v, i) => rbe.offer(s(i + 1, v, 'mode'))?.value,
    );
    expect(out).toEqual(['run', undefined, 'idle', true, undefined, false]);
  });

  it('sends a keep-alive with the latest reading after keepAliveS without a report', () => {
    const rbe = new ReportByException([{ device: 'D', metric: 'kw', deadband: 1, keepAliveS: 60 }]);
    rbe.offer(s(0, 10));
    rbe.offer(s(30_000, 10.4));
    expect(rbe.due(59_999)).toEqual([]);
    expect(rbe.due(60_000)).toEqual([s(60_000, 10.4)]);
    expect(rbe.due(100_000)).toEqual([]);
    expect(rbe.due(120_000)).toEqual([s(120_000, 10.4)]);
  });

  it('a keep-alive (gateway clock) does not make later readings of a device with a slower clock look stale', () => {
    const rbe = new ReportByException([{ device: 'D', metric: 'kw', deadband: 0, keepAliveS: 10 }]);
    rbe.offer(s(0, 1));
    expect(rbe.due(10_500)).toEqual([s(10_500, 1)]);
    expect(rbe.offer(s(10_000, 2))).toEqual(s(10_000, 2)); // the device's clock is 1 s behind
  });

  it('property: every reading is within the deadband of the last reported value; every change beyond it is sent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, deadband) => {
          const rbe = new ReportByException([{ device: 'D', metric: 'kw', deadband, keepAliveS: 0 }]);
          let last: number | undefined;
          values.forEach((v, i) => {
            const out = rbe.offer(s(i + 1, v));
            if (out) last = out.value as number;
            else expect(Math.abs(v - last!)).toBeLessThanOrEqual(deadband === 0 ? 0 : deadband);
          });
          expect(last).toBeDefined();
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { toPayload } from './mqtt-uplink.ts';

const q = (seq: number, device: string, metric: string, ts: number, value: number) => ({
  seq,
  device,
  metric,
  ts,
  value,
});

describe('uplink payload', () => {
  it('groups one device and timestamp into one sample and flags the replayed ones historical', () => {
    const payload = toPayload(
      [q(1, 'A', 'kw', 10, 1), q(2, 'A', 'kwh', 10, 2), q(3, 'A', 'kw', 10, 3), q(4, 'A', 'kw', 11, 4)],
      4,
    );
    expect(payload.samples).toEqual([
      { device: 'A', ts: 10, values: { kw: 1, kwh: 2 }, historical: true },
      { device: 'A', ts: 10, values: { kw: 3 }, historical: true }, // same metric twice: never merged away
      { device: 'A', ts: 11, values: { kw: 4 }, historical: false },
    ]);
  });
});

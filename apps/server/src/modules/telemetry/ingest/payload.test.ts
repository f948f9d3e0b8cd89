import { describe, expect, it } from 'vitest';
import { parseMessage, validateSamples, type DeviceEntry, type Sender } from './payload.ts';

const NOW = Date.UTC(2026, 10, 22, 8, 0, 0);
const meter: DeviceEntry = {
  tenantId: 't1',
  id: 'd1',
  code: 'M-01',
  gatewayId: 'g1',
  isEnabled: true,
  metrics: new Map([
    ['kw', { id: 1, key: 'kw', valueType: 'number', kind: 'gauge', scale: 0.5, offset: 1, states: null }],
    ['on', { id: 2, key: 'on', valueType: 'boolean', kind: 'state', scale: 1, offset: 0, states: null }],
    [
      'mode',
      { id: 3, key: 'mode', valueType: 'state', kind: 'state', scale: 1, offset: 0, states: ['idle', 'run'] },
    ],
  ]),
};
const devices = new Map([['M-01', meter]]);
const asDevice: Sender = { tenantId: 't1', kind: 'device', id: 'd1', code: 'M-01' };
const asGateway: Sender = { tenantId: 't1', kind: 'gateway', id: 'g1', code: 'GW' };

function run(body: string, sender = asDevice) {
  const parsed = parseMessage(body);
  if (!parsed.ok) throw new Error(parsed.detail);
  return validateSamples({ samples: parsed.samples, sender, devices, nowMs: NOW });
}

describe('ingest payload', () => {
  it('accepts the single-sample form, applies scale and offset, converts booleans and state names', () => {
    const out = run(
      JSON.stringify({ ts: '2026-11-22T07:59:00Z', values: { kw: 10, on: true, mode: 'run' } }),
    );
    expect(out.rejected).toBe(0);
    expect(out.samples).toEqual([
      { tenantId: 't1', deviceId: 'd1', metricId: 1, ts: NOW - 60_000, value: 6, text: null },
      { tenantId: 't1', deviceId: 'd1', metricId: 2, ts: NOW - 60_000, value: 1, text: null },
      { tenantId: 't1', deviceId: 'd1', metricId: 3, ts: NOW - 60_000, value: 1, text: 'run' },
    ]);
  });

  it('defaults a missing ts to now and counts points per device', () => {
    const out = run(JSON.stringify([{ values: { kw: 1 } }, { values: { kw: 2, nope: 1 } }]));
    expect(out.samples.map((s) => s.ts)).toEqual([NOW, NOW]);
    expect(out.perDevice.get('d1')).toEqual({ accepted: 2, rejected: 1 });
  });

  it('rejects one value with a reason and keeps the others, NaN included', () => {
    const out = run(
      `{"samples":[{"ts":${NOW},"values":{"kw":NaN,"on":true}},{"ts":${NOW},"values":{"kw":-Infinity}}]}`,
    );
    expect(out.samples).toHaveLength(1);
    expect(out.rejections.map((r) => r.reason)).toEqual(['not_finite', 'not_finite']);
  });

  it('holds a gateway to its own devices and a device to itself', () => {
    expect(run(JSON.stringify({ samples: [{ values: { kw: 1 } }] }), asGateway).rejections[0]!.reason).toBe(
      'bad_payload',
    );
    expect(
      run(JSON.stringify({ samples: [{ device: 'M-01', values: { kw: 1 } }] }), asGateway).samples,
    ).toHaveLength(1);
    const other = { ...asGateway, id: 'g2' };
    expect(
      run(JSON.stringify({ samples: [{ device: 'M-01', values: { kw: 1 } }] }), other).rejections[0]!.reason,
    ).toBe('device_not_allowed');
    const otherDevice = { ...asDevice, code: 'M-02' };
    expect(
      run(JSON.stringify({ device: 'M-01', values: { kw: 1 } }), otherDevice).rejections[0]!.reason,
    ).toBe('device_not_allowed');
  });

  it('refuses shapes that are not a payload', () => {
    expect(parseMessage('{"foo": 1}').ok).toBe(false);
    expect(parseMessage('nope').ok).toBe(false);
    expect(parseMessage(Buffer.from('{"values":{}}')).ok).toBe(true);
  });

  it('rejects timestamps before 2000, without a zone, or too far ahead', () => {
    const out = run(
      JSON.stringify({
        samples: [
          { ts: 5, values: { kw: 1 } },
          { ts: '2026-11-22 07:00:00', values: { kw: 1 } },
          { ts: NOW + 3_600_000, values: { kw: 1 } },
          { ts: NOW + 60_000, values: { kw: 1 } },
        ],
      }),
    );
    expect(out.rejections.map((r) => r.reason)).toEqual([
      'bad_timestamp',
      'bad_timestamp',
      'future_timestamp',
    ]);
    expect(out.samples).toHaveLength(1);
  });
});

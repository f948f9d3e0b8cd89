import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TLiveServerMessage } from '@greenmes/contracts';
import { decodeValues, encodeValues, latestPerMetric, type LiveValue } from './live-digest.ts';
import {
  LiveSubscription,
  MAX_PENDING_ALARMS,
  MAX_PENDING_PRODUCTION,
  type LiveTarget,
  type ResolvedTarget,
  type SendResult,
} from './live-subscription.ts';

const DEVICE = '00000000-0000-4000-8000-000000000001';
const value = (metricId: number, ts: number, v = ts): LiveValue => ({
  metricId,
  deviceId: DEVICE,
  ts,
  value: v,
  text: null,
});

function makeSubscription(o: { maxRate?: number; metricIds?: number[]; kind?: 'metrics' | 'alarms' } = {}) {
  const sent: TLiveServerMessage[] = [];
  let result: SendResult = 'sent';
  const subscription = new LiveSubscription({
    id: 's1',
    target: o.kind === 'alarms' ? { kind: 'alarms' } : { kind: 'metrics', ids: o.metricIds ?? [1] },
    maxRate: o.maxRate ?? 4,
    resolved: { metricIds: new Set(o.metricIds ?? [1]), deviceIds: null },
    sink: {
      send(message) {
        if (result === 'sent') sent.push(message);
        return result;
      },
    },
    now: () => Date.now(),
  });
  return { subscription, sent, setResult: (r: SendResult) => (result = r) };
}

const pushedValues = (sent: TLiveServerMessage[]) =>
  sent.flatMap((m) => (m.type === 'values' ? m.values.map((v) => v.value) : []));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LiveSubscription', () => {
  it('pushes the first update at once, then at most maxRate a second, ending with the newest value', () => {
    const { subscription, sent } = makeSubscription({ maxRate: 4 });
    const start = Date.now();
    for (let i = 0; i < 200; i++) {
      subscription.offerValue(value(1, start + i, i));
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);
    // 200 updates over 2 s at 4/s: 8 slots plus the leading push
    expect(sent.length).toBeLessThanOrEqual(4 * 2 + 1);
    expect(sent.length).toBeGreaterThanOrEqual(4 * 2 - 1);
    expect(pushedValues(sent)[0]).toBe(0);
    expect(pushedValues(sent).at(-1)).toBe(199);
  });

  it('merges the metrics of one tick into one message and ignores metrics outside the target', () => {
    const { subscription, sent } = makeSubscription({ metricIds: [1, 2] });
    subscription.offerValue(value(1, 100));
    subscription.offerValue(value(2, 100));
    subscription.offerValue(value(3, 100));
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'values', id: 's1', values: [value(1, 100), value(2, 100)] }]);
  });

  it('never replaces a newer value with a late one', () => {
    const { subscription, sent } = makeSubscription();
    subscription.offerValue(value(1, 200));
    vi.advanceTimersByTime(1000);
    subscription.offerValue(value(1, 150)); // backfill from an edge queue
    subscription.offerValue(value(1, 200)); // replay
    vi.advanceTimersByTime(1000);
    subscription.offerValue(value(1, 300));
    subscription.offerValue(value(1, 250));
    vi.advanceTimersByTime(1000);
    expect(pushedValues(sent)).toEqual([200, 300]);
  });

  it('keeps coalescing while the socket is busy and sends the newest once it drains', () => {
    const { subscription, sent, setResult } = makeSubscription({ maxRate: 10 });
    setResult('busy');
    for (let i = 0; i < 50; i++) {
      subscription.offerValue(value(1, i));
      vi.advanceTimersByTime(100);
    }
    expect(sent).toHaveLength(0);
    setResult('sent');
    vi.advanceTimersByTime(100);
    expect(pushedValues(sent)).toEqual([49]);
  });

  it('streams alarm changes, latest per alarm, and asks for a reload after a storm', () => {
    const { subscription, sent } = makeSubscription({ kind: 'alarms' });
    subscription.offerAlarm({ id: 'a1', deviceId: DEVICE, state: 'active' });
    subscription.offerAlarm({ id: 'a1', deviceId: DEVICE, state: 'acknowledged' });
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      { type: 'alarm', id: 's1', alarm: { id: 'a1', deviceId: DEVICE, state: 'acknowledged' } },
    ]);

    for (let i = 0; i <= MAX_PENDING_ALARMS; i++) subscription.offerAlarm({ id: `b${i}`, deviceId: DEVICE });
    vi.advanceTimersByTime(1000);
    expect(sent.slice(1)).toEqual([
      expect.objectContaining({ type: 'error', id: 's1', code: 'LIVE_OVERFLOW' }),
    ]);
    subscription.offerAlarm({ id: 'c1', deviceId: DEVICE });
    vi.advanceTimersByTime(1000);
    expect(sent.at(-1)).toMatchObject({ type: 'alarm', alarm: { id: 'c1' } });
  });

  it('sends nothing after close', () => {
    const { subscription, sent } = makeSubscription();
    subscription.offerValue(value(1, 1));
    subscription.close();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(0);
  });
});

describe('live digest', () => {
  it('keeps the newest sample per metric and tenant, and survives the broker round trip', () => {
    const sample = (tenantId: string, metricId: number, ts: number) => ({
      tenantId,
      deviceId: DEVICE,
      metricId,
      ts,
      value: ts,
      text: null,
    });
    const digest = latestPerMetric([
      sample('A', 1, 3),
      sample('A', 1, 5),
      sample('A', 1, 4),
      sample('B', 1, 1),
    ]);
    expect(digest.get('A')).toEqual([value(1, 5)]);
    expect(digest.get('B')).toEqual([value(1, 1)]);
    const values = [value(1, 5), { ...value(2, 6), value: null, text: 'run' }];
    expect(decodeValues(Buffer.from(encodeValues(values)))).toEqual(values);
  });

  it('decodes garbage to nothing', () => {
    for (const payload of ['', 'null', '{"d":3}', '{"d":{"x":[["1",2]]}}', '[1,2]'])
      expect(decodeValues(Buffer.from(payload))).toEqual([]);
  });
});

describe('LiveSubscription: equipment states and production events', () => {
  const EQ1 = '00000000-0000-4000-8000-0000000000e1';
  const EQ2 = '00000000-0000-4000-8000-0000000000e2';
  const WC1 = '00000000-0000-4000-8000-0000000000c1';
  const WC2 = '00000000-0000-4000-8000-0000000000c2';

  function makeOf(target: LiveTarget, resolved: ResolvedTarget) {
    const sent: TLiveServerMessage[] = [];
    const subscription = new LiveSubscription({
      id: 's',
      target,
      maxRate: 1,
      resolved,
      sink: { send: (message) => (sent.push(message), 'sent') },
      now: () => Date.now(),
    });
    return { subscription, sent };
  }

  it('keeps the newest state per equipment across its controllers, never an older one', () => {
    const { subscription, sent } = makeOf(
      { kind: 'equipment-states' },
      {
        metricIds: new Set([1, 2, 3]),
        deviceIds: null,
        equipmentByMetric: new Map([
          [1, EQ1],
          [2, EQ1],
          [3, EQ2],
        ]),
      },
    );
    subscription.offerValue({ ...value(1, 100), text: 'run' });
    subscription.offerValue({ ...value(2, 90), text: 'idle' }); // the other controller, older
    subscription.offerValue({ ...value(3, 50), value: 2, text: null });
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      {
        type: 'equipment-states',
        id: 's',
        states: [
          { equipmentId: EQ1, state: 'run', ts: 100 },
          { equipmentId: EQ2, state: '2', ts: 50 },
        ],
      },
    ]);
    subscription.offerValue({ ...value(2, 99), text: 'idle' }); // older than what was pushed
    subscription.offerValue({ ...value(4, 200), text: 'run' }); // not a metric of the target
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(1);
  });

  it('coalesces production events per kind, order and operation and filters them by work center', () => {
    const { subscription, sent } = makeOf(
      { kind: 'production' },
      { metricIds: new Set(), deviceIds: null, workCenterIds: new Set([WC1]) },
    );
    const event = (at: number, operationId = 'op1') => ({
      kind: 'job-report' as const,
      workOrderId: 'wo1',
      operationId,
      workCenterId: null,
      at,
    });
    subscription.offerProduction(event(1), [WC1]);
    vi.advanceTimersByTime(1);
    subscription.offerProduction(event(2), [WC1]);
    subscription.offerProduction(event(3), [WC1]);
    subscription.offerProduction(event(4, 'op2'), [WC2]); // outside the scope
    subscription.offerProduction(event(5, 'op3'), null); // unknown work center: a scoped user does not see it
    vi.advanceTimersByTime(1001);
    expect(sent).toEqual([
      {
        type: 'production',
        id: 's',
        events: [{ kind: 'job-report', workOrderId: 'wo1', operationId: 'op1', at: 1 }],
      },
      {
        type: 'production',
        id: 's',
        events: [{ kind: 'job-report', workOrderId: 'wo1', operationId: 'op1', at: 3 }],
      },
    ]);
  });

  it('tells the client to reload past MAX_PENDING_PRODUCTION waiting events', () => {
    const { subscription, sent } = makeOf({ kind: 'production' }, { metricIds: new Set(), deviceIds: null });
    subscription.offerProduction(
      { kind: 'andon', workOrderId: null, operationId: null, workCenterId: null, at: 0 },
      null,
    );
    vi.advanceTimersByTime(1);
    for (let i = 0; i <= MAX_PENDING_PRODUCTION; i++)
      subscription.offerProduction(
        { kind: 'work-order', workOrderId: `wo${i}`, operationId: null, workCenterId: null, at: i },
        null,
      );
    vi.advanceTimersByTime(1001);
    expect(sent.map((m) => m.type)).toEqual(['production', 'error']);
    expect(sent[1]).toMatchObject({ code: 'LIVE_OVERFLOW' });
  });
});

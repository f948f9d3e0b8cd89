import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOB_REPORT_KINDS } from '@greenmes/contracts';
import { operationTimeline, totalMs, type TimelineEvent } from './operation-timeline.ts';

const H = 3_600_000;
const ev = (at: number, kind: TimelineEvent['kind'], workerId = 'a'): TimelineEvent => ({
  at,
  kind,
  workerId,
});

describe('operation timeline', () => {
  it('runs from start to pause and from resume to finish, for the worker too', () => {
    const t = operationTimeline(
      [ev(0, 'start'), ev(2 * H, 'pause'), ev(3 * H, 'resume'), ev(5 * H, 'finish')],
      9 * H,
    );
    expect(t.running).toEqual([
      { from: 0, to: 2 * H },
      { from: 3 * H, to: 5 * H },
    ]);
    expect(totalMs(t.byWorker.get('a')!)).toBe(4 * H);
  });

  it('counts a joining worker from their own start, and the paused crew again after a resume by one of them', () => {
    const t = operationTimeline(
      [
        ev(0, 'start', 'a'),
        ev(1 * H, 'start', 'b'),
        ev(2 * H, 'pause', 'b'),
        ev(4 * H, 'resume', 'a'),
        ev(6 * H, 'finish', 'a'),
      ],
      9 * H,
    );
    expect(totalMs(t.running)).toBe(4 * H);
    expect(totalMs(t.byWorker.get('a')!)).toBe(4 * H);
    expect(totalMs(t.byWorker.get('b')!)).toBe(3 * H);
  });

  it('closes a running operation at `until`, orders by time and ignores quantities and later events', () => {
    const t = operationTimeline([ev(5 * H, 'quantity'), ev(1 * H, 'start'), ev(20 * H, 'finish')], 10 * H);
    expect(t.running).toEqual([{ from: 1 * H, to: 10 * H }]);
  });

  it('never runs longer than the span it covers, and spans never overlap (any report sequence)', () => {
    const event = fc.record({
      at: fc.integer({ min: 0, max: 100 }),
      kind: fc.constantFrom(...JOB_REPORT_KINDS),
      workerId: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const t = operationTimeline(events, 100);
        for (let i = 1; i < t.running.length; i++)
          expect(t.running[i]!.from).toBeGreaterThanOrEqual(t.running[i - 1]!.to);
        expect(totalMs(t.running)).toBeLessThanOrEqual(100);
        // a worker only works while the operation runs
        for (const spans of t.byWorker.values())
          expect(totalMs(spans)).toBeLessThanOrEqual(totalMs(t.running));
      }),
    );
  });
});

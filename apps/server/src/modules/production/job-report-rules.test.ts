import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import { assertWithinPlanned, nextOperationStatus } from './job-report-rules.ts';

const within = (o: Partial<Parameters<typeof assertWithinPlanned>[0]>) => () =>
  assertWithinPlanned({
    planned: '10',
    good: '0',
    scrap: '0',
    addGood: '0',
    addScrap: '0',
    tolerancePercent: 0,
    ...o,
  });
const fieldOf = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).details?.[0]?.path;
  }
  return null;
};

describe('over-reporting', () => {
  it('allows good + scrap up to the planned quantity exactly, in decimals without float error', () => {
    expect(within({ planned: '0.3', good: '0.1', addGood: '0.2' })).not.toThrow();
    expect(fieldOf(within({ planned: '0.3', good: '0.1', addGood: '0.200001' }))).toBe('body.goodQty');
    expect(fieldOf(within({ planned: '1', good: '1', addScrap: '0.000001' }))).toBe('body.scrapQty');
  });
  it('adds the tolerance in percent of the planned quantity', () => {
    expect(within({ planned: '3', addGood: '3.3', tolerancePercent: 10 })).not.toThrow();
    expect(fieldOf(within({ planned: '3', addGood: '3.300001', tolerancePercent: 10 }))).toBe('body.goodQty');
    expect(within({ planned: '7', addGood: '7.1925', tolerancePercent: 2.75 })).not.toThrow();
  });
});

describe('operation status', () => {
  it('follows start → pause → resume → finish and refuses the rest with a 409', () => {
    expect(nextOperationStatus({ status: 'ready', kind: 'start', seqNo: 10 })).toBe('in_progress');
    expect(nextOperationStatus({ status: 'in_progress', kind: 'pause', seqNo: 10 })).toBe('paused');
    expect(nextOperationStatus({ status: 'paused', kind: 'quantity', seqNo: 10 })).toBe('paused');
    expect(nextOperationStatus({ status: 'paused', kind: 'finish', seqNo: 10 })).toBe('done');
    for (const [status, kind] of [
      ['done', 'start'],
      ['pending', 'quantity'],
      ['paused', 'pause'],
      ['in_progress', 'resume'],
      ['ready', 'finish'],
    ] as const)
      expect(() => nextOperationStatus({ status, kind, seqNo: 10 })).toThrow(AppError);
  });
});

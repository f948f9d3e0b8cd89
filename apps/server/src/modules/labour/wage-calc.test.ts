import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TPieceRate, TTimeRate } from '@greenmes/contracts';
import { operationTimeline } from '../production/operation-timeline.ts';
import { add, parseDecimal, toDecimal, ZERO } from '../production/rational.ts';
import { dayStart, nextDate, wageLines, type WageReport } from './wage-calc.ts';

const H = 3_600_000;
const stamp = { createdAt: '', updatedAt: '', description: null };
const piece = (o: Partial<TPieceRate>): TPieceRate => ({
  id: 'p',
  operationCode: 'TURN',
  productId: null,
  productCode: null,
  productName: null,
  gradeId: null,
  gradeCode: null,
  gradeName: null,
  rate: '1',
  scrapPolicy: 'none',
  scrapDeduction: null,
  scrapPayPercent: null,
  reworkRate: '0',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  ...stamp,
  ...o,
});
const hourly = (o: Partial<TTimeRate>): TTimeRate => ({
  id: 't',
  gradeId: 'g',
  gradeCode: 'G',
  gradeName: 'G',
  rate: '30',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  ...stamp,
  ...o,
});
let n = 0;
const report = (at: number, kind: WageReport['kind'], o: Partial<WageReport> = {}): WageReport => ({
  id: `r${n++}`,
  at,
  kind,
  workerId: 'w',
  workOrderId: 'wo',
  workOrderNumber: 'WO-1',
  operationId: 'op',
  operationCode: 'TURN',
  productId: 'prod',
  productCode: 'P',
  productName: 'P',
  goodQty: '0',
  scrapQty: '0',
  reworkQty: '0',
  ...o,
});
function compute(o: {
  reports: WageReport[];
  timezone?: string;
  from: string;
  to: string;
  pieceRates?: TPieceRate[];
  timeRates?: TTimeRate[];
}) {
  const timezone = o.timezone ?? 'Asia/Shanghai';
  const window = { from: dayStart(timezone, o.from), to: dayStart(timezone, nextDate(o.to)) };
  return wageLines({
    worker: { id: 'w', gradeId: 'g' },
    reports: o.reports,
    timelines: new Map([['op', operationTimeline(o.reports, window.to)]]),
    window,
    timezone,
    pieceRates: o.pieceRates ?? [piece({})],
    timeRates: o.timeRates ?? [hourly({})],
  });
}

describe('wage lines', () => {
  it('cuts hours at local midnight: a night shift in Berlin across the autumn DST change is 9 h, not 8', () => {
    // 2026-10-24 22:00 CEST (UTC+2) → 2026-10-25 06:00 CET (UTC+1): the clock goes back at 03:00
    const start = Date.parse('2026-10-24T20:00:00Z');
    const end = Date.parse('2026-10-25T05:00:00Z');
    const { lines, totals } = compute({
      timezone: 'Europe/Berlin',
      from: '2026-10-01',
      to: '2026-10-31',
      reports: [report(start, 'start'), report(end, 'finish')],
      timeRates: [
        hourly({ rate: '30', effectiveTo: '2026-10-24' }),
        hourly({ id: 't2', rate: '40', effectiveFrom: '2026-10-25' }),
      ],
    });
    expect(lines.map((l) => [l.workDate, l.hours, l.rate, l.amount])).toEqual([
      ['2026-10-24', '2', '30', '60.00'],
      ['2026-10-25', '7', '40', '280.00'],
    ]);
    expect(totals).toMatchObject({ hours: '9', totalAmount: '340.00' });
  });

  it('rounds each component to fen once: 1/3 h × 10 yuan is 3.33', () => {
    const { lines } = compute({
      from: '2026-03-01',
      to: '2026-03-31',
      reports: [
        report(Date.parse('2026-03-02T01:00:00Z'), 'start'),
        report(Date.parse('2026-03-02T01:20:00Z'), 'finish'),
      ],
      timeRates: [hourly({ rate: '10' })],
    });
    expect(lines.map((l) => [l.hours, l.amount])).toEqual([['0.3333', '3.33']]);
  });

  it("a sheet's totals are the sums of its lines, and nothing outside the window counts", () => {
    const at = fc.integer({ min: 0, max: 96 }).map((h) => Date.parse('2026-02-27T16:00:00Z') + h * H);
    const event = fc.record({
      at,
      kind: fc.constantFrom<WageReport['kind']>('start', 'pause', 'resume', 'quantity', 'finish'),
      good: fc.integer({ min: 0, max: 50 }),
      scrap: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        const reports = events.map((e) =>
          report(e.at, e.kind, { goodQty: String(e.good), scrapQty: String(e.scrap), reworkQty: '0.5' }),
        );
        const { lines, totals } = compute({
          from: '2026-03-01',
          to: '2026-03-02',
          reports,
          pieceRates: [
            piece({ rate: '1.25', scrapPolicy: 'deduct', scrapDeduction: '0.4', reworkRate: '0.3' }),
          ],
        });
        const sum = (k: 'amount' | 'hours') => lines.reduce((acc, l) => add(acc, parseDecimal(l[k])), ZERO);
        expect(toDecimal(sum('amount'), 2)).toBe(toDecimal(parseDecimal(totals.totalAmount), 2));
        for (const l of lines) {
          expect(['2026-03-01', '2026-03-02']).toContain(l.workDate);
          expect(toDecimal(parseDecimal(l.amount), 2)).toBe(
            toDecimal(
              [l.pieceAmount, l.scrapAmount, l.reworkAmount, l.timeAmount].reduce(
                (acc, v) => add(acc, parseDecimal(v)),
                ZERO,
              ),
              2,
            ),
          );
        }
        // two local days at most 48 h
        expect(Number(totals.hours)).toBeLessThanOrEqual(48);
      }),
    );
  });
});

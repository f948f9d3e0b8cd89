import type { TPieceRate, TTimeRate, TWageSheetLine, WageWarning } from '@greenmes/contracts';
import { localDate, zonedInstant } from '../calendars/shift-instances.ts';
import type { OperationTimeline } from '../production/operation-timeline.ts';
import { add, mul, parseDecimal, toDecimal, ZERO, type Rational } from '../production/rational.ts';
import { rateFor, timeRateFor } from './rate-resolver.ts';

/**
 * A worker's wage lines for a period, purely. Piece lines: each quantity or finish report of the worker in
 * the window, priced with the piece rate `rateFor` picks for (operation code, product, grade, the report's
 * local day) — good × rate, scrap by the rate's policy (none; deduct per unit; pay a % of the rate), rework ×
 * its rate. Time lines: the worker's spans of each operation's timeline, cut to the window and at local
 * midnights, × the grade's hourly rate of each day, so a rate that changes mid-period applies on each side.
 * Every component is exact (fractions) and rounded to fen once; a sheet's totals are the sums of its lines'.
 * Nothing is dropped: what no rate prices is a line with amount 0 and the reason.
 */

const HOUR_MS = 3_600_000n;
export type WageLine = Omit<TWageSheetLine, 'lineNo'>;

/** One job report as wages need it. `at` = occurred_at ?? reported_at, epoch ms. */
export interface WageReport {
  id: string;
  at: number;
  kind: 'start' | 'pause' | 'resume' | 'quantity' | 'finish';
  workerId: string;
  workOrderId: string;
  workOrderNumber: string;
  operationId: string;
  operationCode: string;
  productId: string;
  productCode: string;
  productName: string;
  goodQty: string;
  scrapQty: string;
  reworkQty: string;
}

export interface WageInput {
  worker: { id: string; gradeId: string | null };
  /** every report of the period's operations (other workers' too: they shape the crews) */
  reports: readonly WageReport[];
  /** per operation id */
  timelines: ReadonlyMap<string, OperationTimeline>;
  /** [from, to) in epoch ms: the period's first local midnight to the one after its last day */
  window: { from: number; to: number };
  timezone: string;
  pieceRates: readonly TPieceRate[];
  timeRates: readonly TTimeRate[];
}

const fen = (r: Rational) => toDecimal(r, 2);
const qty = (v: string) => toDecimal(parseDecimal(v), 6);
const pct = (v: string) => mul(parseDecimal(v), { n: 1n, d: 100n });
const period = (from: string, to: string | null) => `${from} – ${to ?? '…'}`;

export const nextDate = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The instant the local day `date` starts in `timezone`. */
export const dayStart = (timezone: string, date: string) => zonedInstant(timezone, date, 0);

const emptyLine = (kind: WageLine['kind'], r: Omit<WageReport, 'id' | 'at' | 'kind' | 'workerId'>) => ({
  kind,
  workOrderId: r.workOrderId,
  workOrderNumber: r.workOrderNumber,
  operationId: r.operationId,
  operationCode: r.operationCode,
  productId: r.productId,
  productCode: r.productCode,
  productName: r.productName,
  goodQty: '0',
  scrapQty: '0',
  reworkQty: '0',
  hours: '0',
  rateId: null,
  rate: null,
  rateMatch: null,
  rateBasis: null,
  scrapPolicy: null,
  scrapDeduction: null,
  scrapPayPercent: null,
  reworkRate: null,
  pieceAmount: '0.00',
  scrapAmount: '0.00',
  reworkAmount: '0.00',
  timeAmount: '0.00',
  amount: '0.00',
  warning: null as WageWarning | null,
});

function pieceLine(o: WageInput, r: WageReport): WageLine {
  const workDate = localDate(o.timezone, r.at);
  const line = {
    ...emptyLine('piece', r),
    workDate,
    jobReportId: r.id,
    goodQty: qty(r.goodQty),
    scrapQty: qty(r.scrapQty),
    reworkQty: qty(r.reworkQty),
  };
  const chosen = rateFor({
    operationCode: r.operationCode,
    productId: r.productId,
    gradeId: o.worker.gradeId,
    date: workDate,
    rates: o.pieceRates,
  });
  if (!chosen) return { ...line, warning: 'no_piece_rate' };
  const p = chosen.rate;
  const rate = parseDecimal(p.rate);
  const scrap = parseDecimal(r.scrapQty);
  const piece = mul(parseDecimal(r.goodQty), rate);
  const scrapAmount =
    p.scrapPolicy === 'deduct'
      ? mul(scrap, parseDecimal(`-${p.scrapDeduction ?? '0'}`))
      : p.scrapPolicy === 'pay_percent'
        ? mul(mul(scrap, rate), pct(p.scrapPayPercent ?? '0'))
        : ZERO;
  const rework = mul(parseDecimal(r.reworkQty), parseDecimal(p.reworkRate));
  const [pieceAmount, scrapFen, reworkAmount] = [fen(piece), fen(scrapAmount), fen(rework)];
  return {
    ...line,
    rateId: p.id,
    rate: p.rate,
    rateMatch: chosen.match,
    rateBasis: `${p.operationCode} · ${p.productCode ?? '*'} · ${p.gradeCode ?? '*'}, ${period(p.effectiveFrom, p.effectiveTo)}`,
    scrapPolicy: p.scrapPolicy,
    scrapDeduction: p.scrapDeduction,
    scrapPayPercent: p.scrapPayPercent,
    reworkRate: p.reworkRate,
    pieceAmount: money2(pieceAmount),
    scrapAmount: money2(scrapFen),
    reworkAmount: money2(reworkAmount),
    amount: money2(
      fen(add(add(parseDecimal(pieceAmount), parseDecimal(scrapFen)), parseDecimal(reworkAmount))),
    ),
  };
}

/** "12.5" → "12.50": amounts always show fen. */
export function money2(v: string): string {
  const [int, frac = ''] = v.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

/** Milliseconds of the worker per (operation, local day) inside the window. */
function workedMs(o: WageInput): Map<string, { operationId: string; date: string; ms: number }> {
  const out = new Map<string, { operationId: string; date: string; ms: number }>();
  for (const [operationId, timeline] of o.timelines) {
    for (const span of timeline.byWorker.get(o.worker.id) ?? []) {
      let cursor = Math.max(span.from, o.window.from);
      const end = Math.min(span.to, o.window.to);
      while (cursor < end) {
        const date = localDate(o.timezone, cursor);
        const upTo = Math.min(end, dayStart(o.timezone, nextDate(date)));
        const key = `${operationId}|${date}`;
        const slot = out.get(key) ?? { operationId, date, ms: 0 };
        slot.ms += upTo - cursor;
        out.set(key, slot);
        cursor = upTo;
      }
    }
  }
  return out;
}

function timeLines(o: WageInput): WageLine[] {
  const firstReport = new Map<string, WageReport>();
  for (const r of o.reports) if (!firstReport.has(r.operationId)) firstReport.set(r.operationId, r);
  return [...workedMs(o).values()].map(({ operationId, date, ms }) => {
    const hours: Rational = { n: BigInt(ms), d: HOUR_MS };
    const line = {
      ...emptyLine('time', firstReport.get(operationId)!),
      workDate: date,
      jobReportId: null,
      hours: toDecimal(hours, 4),
    };
    if (!o.worker.gradeId) return { ...line, warning: 'no_grade' as const };
    const t = timeRateFor({ rates: o.timeRates, gradeId: o.worker.gradeId, date });
    if (!t) return { ...line, warning: 'no_time_rate' as const };
    const amount = money2(fen(mul({ n: BigInt(ms), d: HOUR_MS }, parseDecimal(t.rate))));
    return {
      ...line,
      rateId: t.id,
      rate: t.rate,
      rateBasis: `${t.gradeCode}, ${period(t.effectiveFrom, t.effectiveTo)}`,
      timeAmount: amount,
      amount,
    };
  });
}

export interface WageTotals {
  goodQty: string;
  scrapQty: string;
  reworkQty: string;
  hours: string;
  pieceAmount: string;
  scrapAmount: string;
  reworkAmount: string;
  timeAmount: string;
  totalAmount: string;
  warningCount: number;
}

/** The worker's lines, by day (piece before time, then as reported), numbered from 1, and their sums. */
export function wageLines(o: WageInput): { lines: TWageSheetLine[]; totals: WageTotals } {
  const pieces = o.reports
    .filter(
      (r) =>
        r.workerId === o.worker.id &&
        (r.kind === 'quantity' || r.kind === 'finish') &&
        r.at >= o.window.from &&
        r.at < o.window.to &&
        (parseDecimal(r.goodQty).n > 0n ||
          parseDecimal(r.scrapQty).n > 0n ||
          parseDecimal(r.reworkQty).n > 0n),
    )
    .sort((a, b) => a.at - b.at)
    .map((r) => pieceLine(o, r));
  const times = timeLines(o).sort(
    (a, b) =>
      a.workDate.localeCompare(b.workDate) ||
      (a.workOrderNumber ?? '').localeCompare(b.workOrderNumber ?? ''),
  );
  const lines = [...pieces, ...times]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.workDate.localeCompare(b.l.workDate) || a.i - b.i)
    .map(({ l }, i) => ({ lineNo: i + 1, ...l }));
  const sum = (pick: (l: WageLine) => string) =>
    lines.reduce((acc, l) => add(acc, parseDecimal(pick(l))), ZERO);
  const hoursMs = [...workedMs(o).values()].reduce((acc, s) => acc + s.ms, 0);
  return {
    lines,
    totals: {
      goodQty: toDecimal(
        sum((l) => l.goodQty),
        6,
      ),
      scrapQty: toDecimal(
        sum((l) => l.scrapQty),
        6,
      ),
      reworkQty: toDecimal(
        sum((l) => l.reworkQty),
        6,
      ),
      hours: toDecimal({ n: BigInt(hoursMs), d: HOUR_MS }, 4),
      pieceAmount: money2(fen(sum((l) => l.pieceAmount))),
      scrapAmount: money2(fen(sum((l) => l.scrapAmount))),
      reworkAmount: money2(fen(sum((l) => l.reworkAmount))),
      timeAmount: money2(fen(sum((l) => l.timeAmount))),
      totalAmount: money2(fen(sum((l) => l.amount))),
      warningCount: lines.filter((l) => l.warning !== null).length,
    },
  };
}

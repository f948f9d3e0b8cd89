// Shift instances from calendars: worked examples in Asia/Shanghai and across both DST changes of
// Europe/Berlin, holidays and 调休 working days, calendar validity, the calendar checks, and properties
// (working minutes add up over any split of a range; instances never overlap).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shiftCalendarIssues, ZShiftDefinition, type TShiftDefinitionInput } from '@greenmes/contracts';
import {
  localDate,
  nominalNetMinutes,
  offsetAt,
  shiftInstances,
  workingMinutes,
  zonedInstant,
  type CalendarModel,
} from './shift-instances.ts';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const MON_SAT = [1, 2, 3, 4, 5, 6];
const shift = (s: TShiftDefinitionInput) => ZShiftDefinition.parse(s);
const THREE_SHIFTS = [
  shift({
    code: 'A',
    name: '早班',
    start: '08:00',
    end: '16:00',
    breaks: [{ start: '12:00', end: '12:30' }],
    weekdays: MON_SAT,
  }),
  shift({
    code: 'B',
    name: '中班',
    start: '16:00',
    end: '24:00',
    breaks: [{ start: '20:00', end: '20:30' }],
    weekdays: MON_SAT,
  }),
  shift({
    code: 'C',
    name: '夜班',
    start: '00:00',
    end: '08:00',
    breaks: [{ start: '04:00', end: '04:30' }],
    weekdays: MON_SAT,
  }),
];
const calendar = (o: Partial<CalendarModel> = {}): CalendarModel => ({
  id: 'cal',
  validFrom: '2026-01-01',
  validTo: null,
  shifts: THREE_SHIFTS,
  days: [],
  ...o,
});
const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

describe('time zones', () => {
  it('offsets and local dates', () => {
    expect(offsetAt(SH, ms('2026-07-01T00:00:00Z'))).toBe(8 * 3600_000);
    expect(offsetAt(BERLIN, ms('2026-01-15T12:00:00Z'))).toBe(3600_000);
    expect(offsetAt(BERLIN, ms('2026-07-15T12:00:00Z'))).toBe(2 * 3600_000);
    expect(localDate(SH, ms('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(localDate(SH, ms('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });

  it('wall-clock times to instants: a skipped time is the jump, a repeated one the earlier', () => {
    expect(iso(zonedInstant(SH, '2026-03-02', 8 * 60))).toBe('2026-03-02T00:00:00.000Z');
    expect(iso(zonedInstant(SH, '2026-03-02', 24 * 60 + 30))).toBe('2026-03-02T16:30:00.000Z');
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST
    expect(iso(zonedInstant(BERLIN, '2026-03-29', 60 + 59))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(zonedInstant(BERLIN, '2026-03-29', 150))).toBe('2026-03-29T01:00:00.000Z'); // 02:30 → 03:00 CEST
    expect(iso(zonedInstant(BERLIN, '2026-03-29', 180))).toBe('2026-03-29T01:00:00.000Z');
    // Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice
    expect(iso(zonedInstant(BERLIN, '2026-10-25', 150))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedInstant(BERLIN, '2026-10-25', 180))).toBe('2026-10-25T02:00:00.000Z');
  });
});

describe('shift instances, Asia/Shanghai', () => {
  it('a Monday-to-Sunday week of three shifts: 18 instances of 450 net minutes, none on Sunday', () => {
    const got = shiftInstances({
      calendars: [calendar()],
      timezone: SH,
      from: ms('2026-03-02T00:00:00+08:00'),
      to: ms('2026-03-09T00:00:00+08:00'),
    });
    expect(got).toHaveLength(18);
    expect(got.every((i) => i.netMinutes === 450)).toBe(true);
    expect(got[0]).toMatchObject({ shiftCode: 'C', shiftName: '夜班', date: '2026-03-02' });
    expect(iso(got[0]!.start)).toBe('2026-03-01T16:00:00.000Z');
    expect(iso(got[0]!.end)).toBe('2026-03-02T00:00:00.000Z');
    expect(got[0]!.breaks.map(([a, b]) => [iso(a), iso(b)])).toEqual([
      ['2026-03-01T20:00:00.000Z', '2026-03-01T20:30:00.000Z'],
    ]);
    // 16:00–24:00 ends at the next midnight but belongs to the day it starts
    expect(got[2]).toMatchObject({ shiftCode: 'B', date: '2026-03-02' });
    expect(iso(got[2]!.end)).toBe('2026-03-02T16:00:00.000Z');
    expect(got.map((i) => i.date)).not.toContain('2026-03-08');
    expect(workingMinutes(got, ms('2026-03-02T00:00:00+08:00'), ms('2026-03-09T00:00:00+08:00'))).toBe(
      18 * 450,
    );
  });

  it('a night shift across midnight belongs to its start date and is found from the next day', () => {
    const night = shift({
      code: 'N',
      name: '夜班',
      start: '22:00',
      end: '06:00',
      breaks: [{ start: '23:45', end: '00:15' }],
      weekdays: [1, 2, 3, 4, 5],
    });
    const got = shiftInstances({
      calendars: [calendar({ shifts: [night] })],
      timezone: SH,
      from: ms('2026-03-03T00:00:00+08:00'), // a Tuesday
      to: ms('2026-03-03T12:00:00+08:00'),
    });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ date: '2026-03-02', netMinutes: 450 });
    expect(iso(got[0]!.start)).toBe('2026-03-02T14:00:00.000Z');
    expect(iso(got[0]!.breaks[0]![1])).toBe('2026-03-02T16:15:00.000Z');
    // inside the range: 00:00–06:00 minus the break's 15 minutes after midnight
    expect(workingMinutes(got, ms('2026-03-03T00:00:00+08:00'), ms('2026-03-03T12:00:00+08:00'))).toBe(345);
  });

  it('holidays have no shifts; a 调休 working day runs all shifts or the listed ones', () => {
    const cal = calendar({
      days: [
        { date: '2026-02-16', kind: 'holiday' }, // a Monday of the Spring Festival
        { date: '2026-02-15', kind: 'workday', shiftCodes: null }, // a Sunday worked
        { date: '2026-02-28', kind: 'workday', shiftCodes: ['A'] }, // a Saturday, day shift only
      ],
    });
    const on = (date: string) =>
      shiftInstances({
        calendars: [cal],
        timezone: SH,
        from: ms(`${date}T00:00:00+08:00`),
        to: ms(`${date}T00:00:00+08:00`) + 86_400_000,
      })
        .filter((i) => i.date === date)
        .map((i) => i.shiftCode);
    expect(on('2026-02-16')).toEqual([]);
    expect(on('2026-02-15')).toEqual(['C', 'A', 'B']);
    expect(on('2026-02-28')).toEqual(['A']);
    expect(on('2026-02-17')).toEqual(['C', 'A', 'B']);
  });

  it('each date uses the calendar valid on it; none outside every calendar', () => {
    const early = calendar({ id: 'old', validFrom: '2026-01-01', validTo: '2026-03-03' });
    const late = calendar({
      id: 'new',
      validFrom: '2026-03-05',
      shifts: [shift({ code: 'D', name: '常日班', start: '08:30', end: '17:30', weekdays: [1, 2, 3, 4, 5] })],
    });
    const got = shiftInstances({
      calendars: [early, late],
      timezone: SH,
      from: ms('2026-03-03T00:00:00+08:00'),
      to: ms('2026-03-06T00:00:00+08:00'),
    });
    expect(got.map((i) => `${i.date} ${i.calendarId} ${i.shiftCode}`)).toEqual([
      '2026-03-03 old C',
      '2026-03-03 old A',
      '2026-03-03 old B',
      '2026-03-05 new D',
    ]);
    expect(got[3]!.netMinutes).toBe(540);
  });
});

describe('shift instances, Europe/Berlin (DST)', () => {
  const night = shift({
    code: 'N',
    name: 'Nachtschicht',
    start: '22:00',
    end: '06:00',
    breaks: [{ start: '02:00', end: '02:30' }],
    weekdays: [1, 2, 3, 4, 5, 6, 7],
  });
  const nightOf = (date: string) =>
    shiftInstances({
      calendars: [calendar({ shifts: [night] })],
      timezone: BERLIN,
      from: ms(`${date}T12:00:00Z`),
      to: ms(`${date}T23:00:00Z`),
    })[0]!;

  it('the spring-forward night is 7 hours; its break in the skipped hour never happens', () => {
    const i = nightOf('2026-03-28');
    expect(iso(i.start)).toBe('2026-03-28T21:00:00.000Z');
    expect(iso(i.end)).toBe('2026-03-29T04:00:00.000Z');
    expect(i.breaks.map(([a, b]) => [iso(a), iso(b)])).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ]);
    expect(i.netMinutes).toBe(420);
  });

  it('the fall-back night is 9 hours', () => {
    const i = nightOf('2026-10-24');
    expect(iso(i.start)).toBe('2026-10-24T20:00:00.000Z');
    expect(iso(i.end)).toBe('2026-10-25T05:00:00.000Z');
    expect(i.netMinutes).toBe(510);
  });

  it('an ordinary night is 8 hours, as nominal', () => {
    expect(nightOf('2026-03-21').netMinutes).toBe(450);
    expect(nominalNetMinutes(night)).toBe(450);
  });
});

describe('calendar checks', () => {
  const base = { validFrom: '2026-01-01', validTo: null };
  const paths = (
    shifts: TShiftDefinitionInput[],
    days: Parameters<typeof shiftCalendarIssues>[0]['days'] = [],
  ) => shiftCalendarIssues({ ...base, shifts: shifts.map(shift), days }).map((i) => i.path.join('.'));
  const s = (start: string, end: string, breaks: Array<{ start: string; end: string }> = [], code = 'X') => ({
    code,
    name: code,
    start,
    end,
    breaks,
    weekdays: [1],
  });

  it('accepts the three shifts, a night shift with a break across midnight, and 16:00–24:00', () => {
    expect(shiftCalendarIssues({ ...base, shifts: THREE_SHIFTS })).toEqual([]);
    expect(
      paths([s('22:00', '06:00', [{ start: '23:45', end: '00:15' }]), s('06:00', '14:00', [], 'Y')]),
    ).toEqual([]);
  });

  it('overlapping shifts, also across midnight and whatever the weekdays', () => {
    expect(paths([s('08:00', '16:00'), s('15:00', '23:00', [], 'Y')])).toEqual(['shifts.1.start']);
    expect(paths([s('22:00', '06:00'), s('05:00', '13:00', [], 'Y')])).toEqual(['shifts.1.start']);
    expect(paths([s('05:00', '13:00'), s('22:00', '06:00', [], 'Y')])).toEqual(['shifts.1.start']);
    expect(paths([s('00:00', '08:00'), s('16:00', '24:00', [], 'Y')])).toEqual([]);
  });

  it('breaks outside the shift or overlapping, a shift of no length, codes and days twice, unknown shift codes', () => {
    expect(paths([s('08:00', '16:00', [{ start: '15:45', end: '16:15' }])])).toEqual([
      'shifts.0.breaks.0.end',
    ]);
    expect(paths([s('08:00', '16:00', [{ start: '07:30', end: '08:00' }])])).toEqual([
      'shifts.0.breaks.0.start',
    ]);
    expect(paths([s('22:00', '06:00', [{ start: '21:00', end: '21:30' }])])).toEqual([
      'shifts.0.breaks.0.start',
    ]);
    expect(
      paths([
        s('08:00', '16:00', [
          { start: '12:00', end: '12:30' },
          { start: '12:15', end: '12:45' },
        ]),
      ]),
    ).toEqual(['shifts.0.breaks.1.start']);
    expect(paths([s('08:00', '08:00')])).toEqual(['shifts.0.end']);
    expect(paths([s('08:00', '12:00'), s('13:00', '17:00')])).toEqual(['shifts.1.code']);
    expect(
      paths(
        [s('08:00', '12:00')],
        [
          { date: '2026-05-01', kind: 'holiday' },
          { date: '2026-05-01', kind: 'holiday' },
          { date: '2026-05-09', kind: 'workday', shiftCodes: ['X', 'Q'] },
          { date: '2025-12-31', kind: 'holiday' },
        ],
      ),
    ).toEqual(['days.1.date', 'days.2.shiftCodes.1', 'days.3.date']);
  });

  it('times off the 5-minute grid are refused by the schema', () => {
    expect(ZShiftDefinition.safeParse(s('08:03', '16:00')).success).toBe(false);
    expect(ZShiftDefinition.safeParse(s('8:00', '16:00')).success).toBe(false);
    expect(ZShiftDefinition.safeParse(s('08:05', '24:00')).success).toBe(true);
  });
});

describe('properties', () => {
  // shift patterns that never overlap on the clock, picked as subsets
  const PATTERNS = [
    [
      { start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }] },
      { start: '14:00', end: '22:00', breaks: [{ start: '18:00', end: '18:45' }] },
      { start: '22:00', end: '06:00', breaks: [{ start: '01:55', end: '02:35' }] },
    ],
    [
      { start: '08:30', end: '17:15', breaks: [{ start: '11:45', end: '12:40' }] },
      { start: '19:00', end: '03:00', breaks: [{ start: '23:30', end: '00:20' }] },
    ],
    [
      { start: '07:00', end: '19:00', breaks: [] },
      { start: '19:00', end: '07:00', breaks: [{ start: '02:30', end: '03:10' }] },
    ],
  ];
  const arbCalendar = fc
    .record({
      pattern: fc.nat({ max: PATTERNS.length - 1 }),
      keep: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      weekdays: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), {
        minLength: 3,
        maxLength: 3,
      }),
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 10 }),
      workdays: fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 5 }),
    })
    .map((r): CalendarModel => {
      const shifts = PATTERNS[r.pattern]!.filter((_, i) => r.keep[i] !== false).map((p, i) =>
        shift({ ...p, code: `S${i}`, name: `S${i}`, weekdays: r.weekdays[i]! }),
      );
      const date = (n: number) =>
        new Date(ms('2026-02-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
      const holidays = new Set(r.holidays.map(date));
      return calendar({
        shifts: shifts.length
          ? shifts
          : [shift({ ...PATTERNS[0]![0]!, code: 'S', name: 'S', weekdays: [1] })],
        days: [
          ...[...holidays].map((d) => ({ date: d, kind: 'holiday' as const })),
          ...r.workdays
            .map(date)
            .filter((d) => !holidays.has(d))
            .map((d) => ({ date: d, kind: 'workday' as const })),
        ],
      });
    });
  const START = ms('2026-02-01T00:00:00Z');
  const SPAN = 120 * 86_400_000; // through the spring DST change
  const arbRange = fc
    .tuple(fc.nat({ max: SPAN }), fc.nat({ max: SPAN }), fc.nat({ max: SPAN }))
    .map(
      (xs) =>
        xs.map((x) => START + Math.floor(x / 60_000) * 60_000).sort((a, b) => a - b) as [
          number,
          number,
          number,
        ],
    );

  it('working minutes over a range equal the sum over any split of it; instances never overlap', () => {
    fc.assert(
      fc.property(arbCalendar, arbRange, fc.constantFrom(SH, BERLIN), (cal, [a, b, c], timezone) => {
        const over = (from: number, to: number) =>
          workingMinutes(shiftInstances({ calendars: [cal], timezone, from, to }), from, to);
        expect(over(a, b) + over(b, c)).toBeCloseTo(over(a, c), 9);
        const all = shiftInstances({ calendars: [cal], timezone, from: a, to: c });
        for (let k = 1; k < all.length; k++) expect(all[k]!.start).toBeGreaterThanOrEqual(all[k - 1]!.end);
        for (const i of all) {
          const breaks = i.breaks.reduce((n, [p, q]) => n + q - p, 0);
          expect(i.netMinutes).toBe((i.end - i.start - breaks) / 60_000);
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000); // a loaded machine takes seconds

  it('net minutes of the instances starting in a range add up over any split', () => {
    fc.assert(
      fc.property(arbCalendar, arbRange, (cal, [a, b, c]) => {
        const starting = (from: number, to: number) =>
          shiftInstances({ calendars: [cal], timezone: BERLIN, from, to })
            .filter((i) => i.start >= from && i.start < to)
            .reduce((n, i) => n + i.netMinutes, 0);
        expect(starting(a, b) + starting(b, c)).toBe(starting(a, c));
      }),
      { numRuns: 100 },
    );
  }, 60_000); // a loaded machine takes seconds
});

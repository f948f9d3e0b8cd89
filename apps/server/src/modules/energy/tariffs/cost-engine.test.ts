// The cost engine under the demo plan, with every expected number worked out by hand (decimal
// arithmetic, not the code under test), and invariants over random schedules and points.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TARIFF_PERIODS, tariffPlanIssues, ZTariffPlanInput, type TariffPeriod } from '@greenmes/contracts';
import { DEMO_TARIFF_PLANS } from '../../demo/demo-tariffs.seed.ts';
import { calculateTariffCost, type CostInput, type CostPlan } from './cost-engine.ts';

const DEMO = DEMO_TARIFF_PLANS[0]!;
const base: Omit<CostInput, 'points'> = {
  plans: [DEMO],
  intervalMinutes: 60,
  timestampMarks: 'start',
  timeZone: 'Asia/Shanghai',
};
const hourly = (date: string, kwh: (h: number) => number) =>
  Array.from({ length: 24 }, (_, h) => ({
    ts: `${date}T${String(h).padStart(2, '0')}:00:00+08:00`,
    quantity: kwh(h),
  }));
const cents = (s: string) => Math.round(Number(s) * 100);

describe('a summer day of hourly kWh under the demo plan', () => {
  // 100 + 10·h kWh in hour h: 5160 kWh in all
  const r = calculateTariffCost({ ...base, points: hourly('2026-07-15', (h) => 100 + 10 * h) });
  const period = (p: TariffPeriod) => r.byPeriod.find((x) => x.period === p)!;

  it('kWh and cost per period', () => {
    // valley h0–7: 800 + 10·28 = 1080 kWh × 0.30 = 324.00
    expect(period('valley')).toMatchObject({ quantity: 1080, cost: '324.00' });
    // peak h8,9,17–21: 180+190 + 270+280+290+300+310 = 1820 kWh × 1.07 = 1947.40
    expect(period('peak')).toMatchObject({ quantity: 1820, cost: '1947.40' });
    // sharp h10, h14: 200 + 240 = 440 kWh × 1.28 = 563.20
    expect(period('sharp')).toMatchObject({ quantity: 440, cost: '563.20' });
    // flat h11–13, 15–16, 22–23: 660 + 510 + 650 = 1820 kWh × 0.65 = 1183.00
    expect(period('flat')).toMatchObject({ quantity: 1820, cost: '1183.00' });
    expect(r.byPeriod.map((p) => p.period)).toEqual(['sharp', 'peak', 'flat', 'valley']);
  });

  it('totals, average price and shares', () => {
    expect(r.totalQuantity).toBe(5160);
    expect(r.costedQuantity).toBe(5160);
    expect(r.energyCost).toBe('4017.60');
    expect(r.averagePrice).toBe('0.7786'); // 4017.60 / 5160 = 0.778604…
    expect(r.peakShare).toBeCloseTo(2260 / 5160, 12); // 0.437984…
    expect(r.valleyShare).toBeCloseTo(1080 / 5160, 12); // 0.209302…
  });

  it('maximum demand from hourly data is the highest hourly average, a lower bound; the demand charge on it', () => {
    expect(r.maxDemand).toEqual({
      kw: 330,
      at: '2026-07-15T15:00:00.000Z',
      basis: 'interval_average_lower_bound',
    });
    expect(r.basicCharges).toEqual([
      expect.objectContaining({
        month: '2026-07',
        basis: 'demand',
        maxDemandKw: 330,
        price: '40',
        cost: '13200.00',
      }),
    ]);
    expect(r.totalCost).toBe('17217.60'); // 4017.60 + 330 × 40
    expect(r.averagePriceAllIn).toBe('3.3367'); // 17217.60 / 5160 = 3.336744…
    expect(r.uncosted).toEqual({ quantity: 0, pointCount: 0, timestamps: [] });
  });

  it('the same day in March has no critical peak: 10–11 and 14–15 are peak and flat', () => {
    const m = calculateTariffCost({ ...base, points: hourly('2026-03-10', (h) => 100 + 10 * h) });
    // peak 1820 + 200 (h10) = 2020 × 1.07 = 2161.40; flat 1820 + 240 (h14) = 2060 × 0.65 = 1339.00
    expect(m.byPeriod).toEqual([
      { period: 'peak', quantity: 2020, cost: '2161.40', share: 2020 / 5160 },
      { period: 'flat', quantity: 2060, cost: '1339.00', share: 2060 / 5160 },
      { period: 'valley', quantity: 1080, cost: '324.00', share: 1080 / 5160 },
    ]);
  });
});

describe('intervals across a period boundary', () => {
  it('an hour from 07:30 is split half valley, half peak', () => {
    const r = calculateTariffCost({ ...base, points: [{ ts: '2026-03-10T07:30:00+08:00', quantity: 100 }] });
    // 50 × 0.30 + 50 × 1.07 = 15.00 + 53.50
    expect(r.lines).toEqual([
      { planCode: DEMO.code, season: null, period: 'peak', quantity: 50, price: '1.07', cost: '53.50' },
      { planCode: DEMO.code, season: null, period: 'valley', quantity: 50, price: '0.3', cost: '15.00' },
    ]);
    expect(r.energyCost).toBe('68.50');
  });

  it('timestamps marking the interval end shift it back: 08:00 ends the hour 07:00–08:00, all valley', () => {
    const r = calculateTariffCost({
      ...base,
      timestampMarks: 'end',
      points: [{ ts: '2026-03-10T00:00:00Z', quantity: 10 }], // 08:00 local
    });
    expect(r.byPeriod).toEqual([{ period: 'valley', quantity: 10, cost: '3.00', share: 1 }]);
  });

  it('a 20-minute interval from 21:50 is split 10 min peak, 10 min flat', () => {
    const r = calculateTariffCost({
      ...base,
      intervalMinutes: 20,
      points: [{ ts: '2026-03-10T21:50:00+08:00', quantity: 9 }],
    });
    // 4.5 × 1.07 = 4.815 → 4.82 (half up); 4.5 × 0.65 = 2.925 → 2.93
    expect(r.lines.map((l) => [l.period, l.quantity, l.cost])).toEqual([
      ['peak', 4.5, '4.82'],
      ['flat', 4.5, '2.93'],
    ]);
    expect(r.energyCost).toBe('7.75');
  });
});

describe('maximum demand', () => {
  const quarter = (q: number[]) =>
    q.map((kwh, i) => ({
      ts: new Date(Date.parse('2026-08-03T09:00:00+08:00') + i * 900_000).toISOString(),
      quantity: kwh,
    }));

  it('15-minute kWh × 4, and the demand charge of the month', () => {
    const r = calculateTariffCost({ ...base, intervalMinutes: 15, points: quarter([25, 30, 40, 35]) });
    expect(r.maxDemand).toEqual({ kw: 160, at: '2026-08-03T01:30:00.000Z', basis: '15min_quantity' });
    expect(r.basicCharges[0]).toMatchObject({ month: '2026-08', maxDemandKw: 160, cost: '6400.00' }); // 160 × 40
    // 09:00–10:00 in August is peak: 130 kWh × 1.07 = 139.10
    expect(r.energyCost).toBe('139.10');
    expect(r.totalCost).toBe('6539.10');
  });

  it('5-minute kWh are summed into aligned 15-minute windows', () => {
    const r = calculateTariffCost({
      ...base,
      intervalMinutes: 5,
      points: [3, 4, 5, 10, 10, 11].map((q, i) => ({
        ts: new Date(Date.parse('2026-08-03T09:00:00+08:00') + i * 300_000).toISOString(),
        quantity: q,
      })),
    });
    expect(r.maxDemand).toMatchObject({ kw: 124, basis: '15min_quantity' }); // (10+10+11) × 4
  });

  it('kW points win over kWh when given', () => {
    const r = calculateTariffCost({
      ...base,
      intervalMinutes: 15,
      points: quarter([25, 30, 40, 35]),
      demandPoints: [
        { ts: '2026-08-03T01:00:00Z', kw: 150 },
        { ts: '2026-08-03T01:15:00Z', kw: 171.5 },
      ],
    });
    expect(r.maxDemand).toEqual({ kw: 171.5, at: '2026-08-03T01:15:00.000Z', basis: 'demand_points' });
    expect(r.basicCharges[0]!.cost).toBe('6860.00'); // 171.5 × 40
  });

  it('a capacity charge is the contracted kVA × price, once per month with costed data', () => {
    const plan: CostPlan = {
      ...DEMO,
      basicCharge: { basis: 'capacity', pricePerKvaMonth: '30', capacityKva: '1250' },
    };
    const r = calculateTariffCost({
      ...base,
      plans: [plan],
      points: [
        { ts: '2026-08-31T12:00:00+08:00', quantity: 1 },
        { ts: '2026-09-01T12:00:00+08:00', quantity: 1 },
      ],
    });
    expect(r.basicCharges.map((b) => [b.month, b.cost])).toEqual([
      ['2026-08', '37500.00'],
      ['2026-09', '37500.00'],
    ]);
  });
});

describe('points no plan covers', () => {
  it('are reported as uncosted, never priced at 0; a straddling hour is split', () => {
    const r = calculateTariffCost({
      ...base,
      points: [
        { ts: '2025-12-31T22:00:00+08:00', quantity: 40 }, // before validFrom
        { ts: '2025-12-31T23:30:00+08:00', quantity: 60 }, // half in 2025, half on 1 January: valley
        { ts: '2026-01-01T01:00:00+08:00', quantity: 10 },
      ],
    });
    expect(r.uncosted).toEqual({
      quantity: 70,
      pointCount: 2,
      timestamps: ['2025-12-31T22:00:00+08:00', '2025-12-31T23:30:00+08:00'],
    });
    expect(r.byPeriod).toEqual([{ period: 'valley', quantity: 40, cost: '12.00', share: 1 }]);
    expect(r.totalQuantity).toBe(110);
    expect(r.averagePrice).toBe('0.3000');
  });

  it('with no plan at all nothing is priced and the average price is null', () => {
    const r = calculateTariffCost({ ...base, plans: [], points: hourly('2026-07-15', () => 1) });
    expect(r).toMatchObject({ energyCost: '0.00', costedQuantity: 0, averagePrice: null, byPeriod: [] });
    expect(r.uncosted.quantity).toBe(24);
  });

  it('picks the plan valid on each local day', () => {
    const old: CostPlan = {
      ...DEMO,
      code: 'OLD',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      prices: { valley: '0.25', peak: '1', flat: '0.6', sharp: '1.2' },
    };
    const r = calculateTariffCost({
      ...base,
      plans: [old, DEMO],
      points: [
        { ts: '2025-12-31T02:00:00+08:00', quantity: 100 },
        { ts: '2026-01-01T02:00:00+08:00', quantity: 100 },
      ],
    });
    expect(r.lines.map((l) => [l.planCode, l.cost])).toEqual([
      [DEMO.code, '30.00'],
      ['OLD', '25.00'],
    ]);
  });
});

describe('plan validation (the contract)', () => {
  const paths = (plan: unknown) => {
    const res = ZTariffPlanInput.safeParse(plan);
    return res.success ? [] : res.error.issues.map((i) => i.path.join('.'));
  };
  const season = DEMO.seasons![1]!;

  it('the demo plans are valid', () => {
    for (const p of DEMO_TARIFF_PLANS) expect(tariffPlanIssues(p)).toEqual([]);
  });
  it('a gap, an overlap, a day not ending at 24:00, a missing price, a month twice or in no season', () => {
    const withSchedule = (schedule: unknown[]) => ({
      ...DEMO,
      seasons: [DEMO.seasons![0], { ...season, schedule }],
    });
    const s = season.schedule;
    expect(paths(withSchedule([s[0], { ...s[1], start: '08:15' }, ...s.slice(2)]))).toContain(
      'seasons.1.schedule.1.start',
    );
    expect(paths(withSchedule([s[0], { ...s[1], start: '07:45' }, ...s.slice(2)]))).toContain(
      'seasons.1.schedule.1.start',
    );
    expect(paths(withSchedule(s.slice(0, -1)))).toContain('seasons.1.schedule');
    expect(paths(withSchedule([{ ...s[0], period: 'deep_valley' }, ...s.slice(1)]))).toContain(
      'prices.deep_valley',
    );
    expect(paths(withSchedule([{ ...s[0], end: '08:10' }, ...s.slice(1)]))).toContain(
      'seasons.1.schedule.0.end',
    );
    expect(paths({ ...DEMO, seasons: [DEMO.seasons![0], { ...season, months: [1, 2, 7] }] })).toEqual(
      expect.arrayContaining(['seasons.1.months', 'seasons']),
    );
    expect(paths({ ...DEMO, validTo: '2025-01-01' })).toEqual(['validTo']);
    expect(paths({ ...DEMO_TARIFF_PLANS[1], flatPrice: null })).toEqual(['flatPrice']);
    expect(paths({ ...DEMO_TARIFF_PLANS[1], pricing: 'tou', flatPrice: null })).toContain('pricing');
  });
});

describe('seasonal prices (丰水期 / 枯水期)', () => {
  // one schedule for the year; the wet season prices valley and flat itself, the dry season peak
  const schedule = [
    { period: 'valley', start: '00:00', end: '08:00' },
    { period: 'peak', start: '08:00', end: '12:00' },
    { period: 'flat', start: '12:00', end: '18:00' },
    { period: 'peak', start: '18:00', end: '22:00' },
    { period: 'flat', start: '22:00', end: '24:00' },
  ] as const;
  const HYDRO: CostPlan = {
    code: 'HYDRO',
    unit: 'kWh',
    pricing: 'tou',
    validFrom: '2026-01-01',
    prices: { peak: '1.00', flat: '0.60', valley: '0.30' },
    seasons: [
      {
        name: '丰水期 Wet',
        months: [6, 7, 8, 9],
        schedule: [...schedule],
        prices: { flat: '0.50', valley: '0.20' },
      },
      {
        name: '枯水期 Dry',
        months: [1, 2, 3, 4, 5, 10, 11, 12],
        schedule: [...schedule],
        prices: { peak: '1.20' },
      },
    ],
  };
  // 10 kWh every hour of a July and a January day: 80 kWh in each period on each day
  const r = calculateTariffCost({
    ...base,
    plans: [HYDRO],
    points: [...hourly('2026-07-15', () => 10), ...hourly('2026-01-15', () => 10)],
  });

  it('each interval at its season’s price; a line per season that prices the period itself', () => {
    expect(r.lines).toEqual([
      // July peak at the plan's 1.00: 80.00; January peak at the dry season's 1.20: 96.00
      { planCode: 'HYDRO', season: null, period: 'peak', quantity: 80, price: '1.00', cost: '80.00' },
      { planCode: 'HYDRO', season: '枯水期 Dry', period: 'peak', quantity: 80, price: '1.20', cost: '96.00' },
      // January flat at the plan's 0.60: 48.00; July flat at the wet season's 0.50: 40.00
      { planCode: 'HYDRO', season: null, period: 'flat', quantity: 80, price: '0.60', cost: '48.00' },
      { planCode: 'HYDRO', season: '丰水期 Wet', period: 'flat', quantity: 80, price: '0.50', cost: '40.00' },
      // January valley at 0.30: 24.00; July valley at 0.20: 16.00
      { planCode: 'HYDRO', season: null, period: 'valley', quantity: 80, price: '0.30', cost: '24.00' },
      {
        planCode: 'HYDRO',
        season: '丰水期 Wet',
        period: 'valley',
        quantity: 80,
        price: '0.20',
        cost: '16.00',
      },
    ]);
  });

  it('periods and totals sum the seasons', () => {
    expect(r.byPeriod).toEqual([
      { period: 'peak', quantity: 160, cost: '176.00', share: 1 / 3 },
      { period: 'flat', quantity: 160, cost: '88.00', share: 1 / 3 },
      { period: 'valley', quantity: 160, cost: '40.00', share: 1 / 3 },
    ]);
    expect(r.energyCost).toBe('304.00'); // 80 + 96 + 48 + 40 + 24 + 16
    expect(r.averagePrice).toBe('0.6333'); // 304 / 480 = 0.63333…
  });

  it('a plan without season prices bills exactly as before: one line per period, no season', () => {
    const plain = calculateTariffCost({
      ...base,
      plans: [{ ...HYDRO, seasons: HYDRO.seasons!.map(({ prices: _, ...s }) => s) }],
      points: hourly('2026-07-15', () => 10),
    });
    expect(plain.lines.map((l) => [l.season, l.period, l.cost])).toEqual([
      [null, 'peak', '80.00'],
      [null, 'flat', '48.00'],
      [null, 'valley', '24.00'],
    ]);
  });

  it('validation: a period needs a price in the plan or the season; a season price outside its schedule', () => {
    const paths = (plan: unknown) => {
      const res = ZTariffPlanInput.safeParse(plan);
      return res.success ? [] : res.error.issues.map((i) => i.path.join('.'));
    };
    const plan = { ...DEMO, code: 'HYDRO', prices: HYDRO.prices, seasons: HYDRO.seasons };
    expect(paths(plan)).toEqual([]);
    // valley priced by the wet season only: the dry season's valley has no price
    expect(paths({ ...plan, prices: { peak: '1.00', flat: '0.60' } })).toEqual(['prices.valley']);
    // … unless the dry season prices it too
    const [wet, dry] = HYDRO.seasons!;
    expect(
      paths({
        ...plan,
        prices: { peak: '1.00', flat: '0.60' },
        seasons: [wet, { ...dry, prices: { ...dry!.prices, valley: '0.35' } }],
      }),
    ).toEqual([]);
    expect(paths({ ...plan, seasons: [{ ...wet, prices: { sharp: '2' } }, dry] })).toEqual([
      'seasons.0.prices.sharp',
    ]);
    expect(paths({ ...plan, seasons: [{ ...wet, prices: { flat: '-1' } }, dry] })).toEqual([
      'seasons.0.prices.flat',
    ]);
  });
});

describe('invariants over random schedules and points', () => {
  const schedule = fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 95 }), { maxLength: 12 }),
      fc.array(fc.constantFrom(...TARIFF_PERIODS), { minLength: 13, maxLength: 13 }),
    )
    .map(([cuts, periods]) => {
      const at = [0, ...cuts.sort((a, b) => a - b), 96];
      const clock = (slot: number) =>
        `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;
      return at.slice(1).map((end, i) => ({ period: periods[i]!, start: clock(at[i]!), end: clock(end) }));
    });
  const price = fc.integer({ min: 0, max: 300_000 }).map((n) => (n / 100_000).toString());
  const plan = fc
    .record({ schedule, prices: fc.tuple(price, price, price, price, price) })
    .map(({ schedule, prices }): CostPlan => ({
      code: 'P',
      unit: 'kWh',
      pricing: 'tou',
      validFrom: '2026-02-01',
      validTo: '2026-11-30',
      prices: Object.fromEntries(TARIFF_PERIODS.map((p, i) => [p, prices[i]!])),
      seasons: [{ name: 'all', months: [...Array(12).keys()].map((m) => m + 1), schedule }],
    }));
  const input = fc.record({
    plan,
    intervalMinutes: fc.constantFrom(5, 15, 30, 60, 45, 7),
    points: fc.array(
      fc.record({
        ms: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
        quantity: fc.double({ min: 0, max: 10_000, noNaN: true }),
      }),
      { minLength: 1, maxLength: 60 },
    ),
  });

  it('cost by period sums to the energy cost; kWh by period plus uncosted sums to the input', () => {
    fc.assert(
      fc.property(input, ({ plan, intervalMinutes, points }) => {
        const args: CostInput = {
          ...base,
          plans: [plan],
          intervalMinutes,
          points: points.map((p) => ({ ts: new Date(p.ms).toISOString(), quantity: p.quantity })),
        };
        const r = calculateTariffCost(args);
        const input = points.reduce((s, p) => s + p.quantity, 0);
        expect(r.byPeriod.reduce((s, p) => s + cents(p.cost), 0)).toBe(cents(r.energyCost));
        expect(r.lines.reduce((s, l) => s + cents(l.cost), 0)).toBe(cents(r.energyCost));
        expect(cents(r.energyCost) + cents(r.basicCost)).toBe(cents(r.totalCost));
        const byPeriod = r.byPeriod.reduce((s, p) => s + p.quantity, 0);
        expect(byPeriod).toBeCloseTo(r.costedQuantity, 6);
        expect(byPeriod + r.uncosted.quantity).toBeCloseTo(input, 6);
        expect(r.totalQuantity).toBeCloseTo(input, 6);
        if (r.costedQuantity > 0) expect(r.byPeriod.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 9);
      }),
      { numRuns: 300 },
    );
  });
});

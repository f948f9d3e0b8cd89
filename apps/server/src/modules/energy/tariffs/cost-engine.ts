import {
  clockMinutes,
  TARIFF_PERIODS,
  type TariffPeriod,
  type TTariffBasicCharge,
  type TTariffCostResult,
  type TTariffSeason,
} from '@greenmes/contracts';

/** What the engine needs of a tariff plan (stored or inline). */
export interface CostPlan {
  code: string;
  unit: string;
  pricing: 'tou' | 'flat';
  validFrom: string;
  validTo?: string | null;
  flatPrice?: string | null;
  prices?: Partial<Record<TariffPeriod, string>>;
  seasons?: TTariffSeason[];
  basicCharge?: TTariffBasicCharge | null;
}

export interface CostInput {
  plans: CostPlan[];
  points: Array<{ ts: string; quantity: number }>;
  demandPoints?: Array<{ ts: string; kw: number }>;
  intervalMinutes: number;
  timestampMarks: 'start' | 'end';
  timeZone: string;
}

const SLOT_MS = 15 * 60_000;
const SLOTS_PER_DAY = 96;

/** Money in integer cents: each bill line rounded half-up, totals summed from the lines. */
const toCents = (yuan: number) => Math.round(Number((yuan * 100).toPrecision(12)));
const centsText = (cents: number) => {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

interface Compiled {
  plan: CostPlan;
  /** per month 1..12: the period of each 15-minute slot of the day */
  slots: Map<number, TariffPeriod[]>;
  /** per month 1..12: the season, when it prices some periods itself */
  seasons: Map<number, TTariffSeason>;
}

function compile(plan: CostPlan): Compiled {
  const slots = new Map<number, TariffPeriod[]>();
  const seasons = new Map<number, TTariffSeason>();
  for (const season of plan.seasons ?? []) {
    const day: TariffPeriod[] = new Array<TariffPeriod>(SLOTS_PER_DAY).fill('flat');
    for (const r of season.schedule)
      for (let s = clockMinutes(r.start) / 15; s < clockMinutes(r.end) / 15; s++) day[s] = r.period;
    for (const m of season.months) {
      slots.set(m, day);
      if (season.prices && Object.keys(season.prices).length) seasons.set(m, season);
    }
  }
  return { plan, slots, seasons };
}

/** Local calendar date, month and minute of day in `timeZone`; the UTC offset cached per UTC hour. */
function localClock(timeZone: string) {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number) => {
    const hour = Math.floor(ms / 3_600_000);
    let off = offsets.get(hour);
    if (off === undefined) {
      const at = hour * 3_600_000;
      const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, Number(x.value)]));
      off = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
      offsets.set(hour, off);
    }
    return off;
  };
  return (ms: number) => {
    const local = new Date(ms + offsetAt(ms));
    return {
      date: local.toISOString().slice(0, 10),
      month: local.getUTCMonth() + 1,
      minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
      iso: local.toISOString().slice(0, 19),
    };
  };
}

/**
 * The time-of-use period of an instant under the plans valid on its local day (null where no plan
 * covers it), from the same compiled schedules the cost uses: the scheduler's peak avoidance.
 */
export function tariffPeriodAt(plans: CostPlan[], timeZone: string): (ms: number) => TariffPeriod | null {
  const compiled = plans.map(compile);
  const clockOf = localClock(timeZone);
  return (ms) => {
    const local = clockOf(ms);
    const c = compiled.find(
      (x) => x.plan.validFrom <= local.date && (!x.plan.validTo || local.date <= x.plan.validTo),
    );
    if (!c) return null;
    return c.plan.pricing === 'flat'
      ? 'flat'
      : c.slots.get(local.month)![Math.floor(local.minuteOfDay / 15)]!;
  };
}

/**
 * The cost of interval consumption under the plans valid on each local day: quantity and cost per
 * period (an interval straddling a period boundary split pro rata by time), the month's demand or
 * capacity charge, maximum demand, and what no plan covers — reported, never priced at 0.
 */
export function calculateTariffCost(input: CostInput): TTariffCostResult {
  const plans = input.plans.map(compile);
  const clockOf = localClock(input.timeZone);
  const intervalMs = input.intervalMinutes * 60_000;
  const planOn = (date: string) =>
    plans.find((c) => c.plan.validFrom <= date && (!c.plan.validTo || date <= c.plan.validTo));

  const lines = new Map<
    string,
    { plan: CostPlan; season: TTariffSeason | null; period: TariffPeriod; quantity: number }
  >();
  const costedMonths = new Map<string, CostPlan>();
  const uncosted = { quantity: 0, pointCount: 0, timestamps: [] as string[] };
  let totalQuantity = 0;

  for (const point of input.points) {
    const t0 = Date.parse(point.ts) - (input.timestampMarks === 'end' ? intervalMs : 0);
    const t1 = t0 + intervalMs;
    totalQuantity += point.quantity;
    let isUncosted = false;
    // period boundaries fall on 15-minute steps of local time, which are 15-minute steps of UTC too
    for (let a = t0; a < t1;) {
      const b = Math.min(t1, (Math.floor(a / SLOT_MS) + 1) * SLOT_MS);
      const share = (point.quantity * (b - a)) / intervalMs;
      const local = clockOf(a);
      const c = planOn(local.date);
      if (!c) {
        uncosted.quantity += share;
        isUncosted = true;
      } else {
        const period =
          c.plan.pricing === 'flat' ? 'flat' : c.slots.get(local.month)![Math.floor(local.minuteOfDay / 15)]!;
        // a season that prices this period itself gets its own line; the others share the plan's
        const own = c.seasons.get(local.month);
        const season = own?.prices?.[period] ? own : null;
        const key = `${c.plan.code}|${season?.name ?? ''}|${period}`;
        const line = lines.get(key) ?? { plan: c.plan, season, period, quantity: 0 };
        line.quantity += share;
        lines.set(key, line);
        const month = local.date.slice(0, 7);
        if (!costedMonths.has(month)) costedMonths.set(month, c.plan);
      }
      a = b;
    }
    if (isUncosted) {
      uncosted.pointCount++;
      if (uncosted.timestamps.length < 50) uncosted.timestamps.push(point.ts);
    }
  }

  const order = (p: TariffPeriod) => TARIFF_PERIODS.indexOf(p);
  const costLines = [...lines.values()]
    .sort(
      (x, y) =>
        x.plan.code.localeCompare(y.plan.code) ||
        order(x.period) - order(y.period) ||
        seasonOrder(x.plan, x.season) - seasonOrder(y.plan, y.season),
    )
    .map((l) => {
      const price =
        l.plan.pricing === 'flat'
          ? l.plan.flatPrice!
          : (l.season?.prices?.[l.period] ?? l.plan.prices![l.period]!);
      return {
        planCode: l.plan.code,
        season: l.season?.name ?? null,
        period: l.period,
        quantity: l.quantity,
        price,
        cents: toCents(l.quantity * Number(price)),
      };
    });
  const costedQuantity = costLines.reduce((s, l) => s + l.quantity, 0);
  const byPeriod = TARIFF_PERIODS.map((period) => {
    const of = costLines.filter((l) => l.period === period);
    const quantity = of.reduce((s, l) => s + l.quantity, 0);
    return {
      period,
      quantity,
      cents: of.reduce((s, l) => s + l.cents, 0),
      share: costedQuantity > 0 ? quantity / costedQuantity : 0,
      isUsed: of.length > 0,
    };
  }).filter((p) => p.isUsed);
  const shareOf = (...ps: TariffPeriod[]) =>
    byPeriod.filter((p) => ps.includes(p.period)).reduce((s, p) => s + p.share, 0);

  const demand = maxDemandByMonth(input, clockOf);
  const basicCharges: TTariffCostResult['basicCharges'] = [];
  for (const [month, plan] of [...costedMonths].sort(([a], [b]) => a.localeCompare(b))) {
    const charge = plan.basicCharge;
    if (!charge) continue;
    if (charge.basis === 'capacity') {
      basicCharges.push({
        month,
        planCode: plan.code,
        basis: 'capacity',
        maxDemandKw: null,
        at: null,
        capacityKva: charge.capacityKva,
        price: charge.pricePerKvaMonth,
        cost: centsText(toCents(Number(charge.capacityKva) * Number(charge.pricePerKvaMonth))),
      });
      continue;
    }
    const max = demand.byMonth.get(month);
    if (!max) continue;
    basicCharges.push({
      month,
      planCode: plan.code,
      basis: 'demand',
      maxDemandKw: max.kw,
      at: max.at,
      capacityKva: null,
      price: charge.pricePerKwMonth,
      cost: centsText(toCents(max.kw * Number(charge.pricePerKwMonth))),
    });
  }

  const energyCents = costLines.reduce((s, l) => s + l.cents, 0);
  const basicCents = basicCharges.reduce((s, b) => s + toCents(Number(b.cost)), 0);
  const perUnit = (cents: number) => (costedQuantity > 0 ? (cents / 100 / costedQuantity).toFixed(4) : null);
  return {
    currency: 'CNY',
    unit: input.plans[0]?.unit ?? 'kWh',
    timeZone: input.timeZone,
    lines: costLines.map(({ cents, ...l }) => ({ ...l, cost: centsText(cents) })),
    byPeriod: byPeriod.map((p) => ({
      period: p.period,
      quantity: p.quantity,
      cost: centsText(p.cents),
      share: p.share,
    })),
    totalQuantity,
    costedQuantity,
    energyCost: centsText(energyCents),
    basicCharges,
    basicCost: centsText(basicCents),
    totalCost: centsText(energyCents + basicCents),
    averagePrice: perUnit(energyCents),
    averagePriceAllIn: perUnit(energyCents + basicCents),
    peakShare: shareOf('sharp', 'peak'),
    valleyShare: shareOf('valley', 'deep_valley'),
    maxDemand: demand.max,
    uncosted,
  };
}

/** the plan's price first, then seasons as the plan lists them */
const seasonOrder = (plan: CostPlan, season: TTariffSeason | null) =>
  season ? (plan.seasons ?? []).indexOf(season) + 1 : 0;

type Basis = NonNullable<TTariffCostResult['maxDemand']>['basis'];
interface Peak {
  kw: number;
  at: string;
}

/**
 * The highest 15-minute average kW, overall and per local month: from kW points when given; else
 * from the quantity summed over aligned 15-minute windows × 4 when the interval divides 15 minutes;
 * else the highest interval average, a lower bound of the 15-minute maximum.
 */
export function maxDemandByMonth(
  input: Pick<CostInput, 'points' | 'demandPoints' | 'intervalMinutes' | 'timestampMarks'>,
  clockOf: (ms: number) => { date: string },
): { max: (Peak & { basis: Basis }) | null; byMonth: Map<string, Peak> } {
  const intervalMs = input.intervalMinutes * 60_000;
  let basis: Basis;
  let samples: Array<{ ms: number; kw: number }>;
  if (input.demandPoints?.length) {
    basis = 'demand_points';
    samples = input.demandPoints.map((d) => ({ ms: Date.parse(d.ts), kw: d.kw }));
  } else if (15 % input.intervalMinutes === 0) {
    basis = '15min_quantity';
    const windows = new Map<number, number>();
    for (const p of input.points) {
      const start = Date.parse(p.ts) - (input.timestampMarks === 'end' ? intervalMs : 0);
      const w = Math.floor(start / SLOT_MS) * SLOT_MS;
      windows.set(w, (windows.get(w) ?? 0) + p.quantity);
    }
    samples = [...windows].map(([ms, q]) => ({ ms, kw: q * 4 }));
  } else {
    basis = 'interval_average_lower_bound';
    samples = input.points.map((p) => ({
      ms: Date.parse(p.ts) - (input.timestampMarks === 'end' ? intervalMs : 0),
      kw: p.quantity / (input.intervalMinutes / 60),
    }));
  }
  const byMonth = new Map<string, Peak>();
  let max: (Peak & { basis: Basis }) | null = null;
  for (const s of samples) {
    const at = new Date(s.ms).toISOString();
    const month = clockOf(s.ms).date.slice(0, 7);
    const best = byMonth.get(month);
    if (!best || s.kw > best.kw) byMonth.set(month, { kw: s.kw, at });
    if (!max || s.kw > max.kw) max = { kw: s.kw, at, basis };
  }
  return { max, byMonth };
}

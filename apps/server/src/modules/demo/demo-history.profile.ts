import { demoOutputFactor } from './demo-ledgers.seed.ts';

/**
 * The demo factory's generated meter history: hourly readings of its energy counters, pure and
 * deterministic (hash noise per metric and hour, no Math.random), so a test or a screenshot sees the
 * same numbers for the same hours whatever span is asked for.
 */

const HOUR_MS = 3_600_000;
const TZ_MS = 8 * HOUR_MS; // Asia/Shanghai, no daylight saving
/** a reading is taken at hh:59: it covers (hh−1:59, hh:59], so hourly buckets hold their own hour */
export const READING_OFFSET_MS = 59 * 60_000;

/** The counters of the demo's meters (demo-meters.seed.ts), as device code / metric key. */
export const DEMO_HISTORY_COUNTERS = [
  'PM-MAIN/kwh',
  'PM-MC/kwh',
  'PM-AS/kwh',
  'PM-PT/kwh',
  'PM-UT/kwh',
  'FM-GAS-MAIN/gas_total_m3',
  'FM-WATER-MAIN/water_total_m3',
  'FM-STEAM-01/steam_total_t',
  'FM-AIR-01/air_total_m3',
] as const;
export type DemoCounter = (typeof DEMO_HISTORY_COUNTERS)[number];

/** Register value at the end of the history when nothing is stored yet (like a meter long in service). */
export const DEFAULT_REGISTER: Record<DemoCounter, number> = {
  'PM-MAIN/kwh': 7_418_236.4,
  'PM-MC/kwh': 2_206_541.7,
  'PM-AS/kwh': 1_350_872.9,
  'PM-PT/kwh': 1_187_604.3,
  'PM-UT/kwh': 3_032_118.6,
  'FM-GAS-MAIN/gas_total_m3': 2_461_305.27,
  'FM-WATER-MAIN/water_total_m3': 183_624.51,
  'FM-STEAM-01/steam_total_t': 31_872.44,
  'FM-AIR-01/air_total_m3': 8_120_466.8,
};
/** register resolution: the power meters count 0.1 kWh, the flow totals 0.01 */
const DECIMALS: Record<DemoCounter, number> = {
  'PM-MAIN/kwh': 1,
  'PM-MC/kwh': 1,
  'PM-AS/kwh': 1,
  'PM-PT/kwh': 1,
  'PM-UT/kwh': 1,
  'FM-GAS-MAIN/gas_total_m3': 2,
  'FM-WATER-MAIN/water_total_m3': 2,
  'FM-STEAM-01/steam_total_t': 2,
  'FM-AIR-01/air_total_m3': 2,
};

/** Lunar New Year's day; the plant stops from two days before it for nine days. */
const LUNAR_NEW_YEAR: Record<number, string> = {
  2024: '02-10',
  2025: '01-29',
  2026: '02-17',
  2027: '02-06',
  2028: '01-26',
  2029: '02-13',
  2030: '02-03',
  2031: '01-23',
};

/** Uniform in [0, 1) from integers: a hash, so noise depends on the hour only, not on a sequence. */
export function hashUnit(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function isSpringFestival(local: Date): boolean {
  const day = LUNAR_NEW_YEAR[local.getUTCFullYear()];
  if (!day) return false;
  const lny = Date.parse(`${local.getUTCFullYear()}-${day}T00:00:00Z`);
  const d = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return d >= lny - 2 * 86_400_000 && d < lny + 7 * 86_400_000;
}

/**
 * Production activity (0–1) in the hour starting at `hourMs`: three shifts Monday to Saturday (00, 08,
 * 16 h; meal breaks at 04, 12 and 20 h; the night shift a little slower), a maintenance crew on Sundays,
 * the plant almost still over the Spring Festival.
 */
export function activity(hourMs: number): number {
  const local = new Date(hourMs + TZ_MS);
  if (isSpringFestival(local)) return 0.03;
  const h = local.getUTCHours();
  if (local.getUTCDay() === 0) return h >= 8 && h < 16 ? 0.22 : 0.06;
  let a = 0.92;
  if (h === 4 || h === 12 || h === 20) a = 0.68;
  else if (h === 0 || h === 8 || h === 16) a = 0.8;
  return h < 8 ? a * 0.88 : a;
}

const monthKey = (local: Date) => local.getUTCFullYear() * 12 + local.getUTCMonth();
/** mean activity of an ordinary week: what a month of ordinary weeks averages */
const REFERENCE_ACTIVITY = (() => {
  const monday = Date.parse('2026-06-01T00:00:00+08:00');
  let sum = 0;
  for (let h = 0; h < 168; h++) sum += activity(monday + h * HOUR_MS);
  return sum / 168;
})();

/**
 * How hard the plant works per active hour in a month: the ledger's output factor of that month
 * (demo-ledgers.seed.ts), divided by how many active hours the calendar gives it — February's nine
 * idle days make fewer hours, not a slower line. Energy therefore tracks the output value.
 */
function monthIntensity(local: Date, endMonthKey: number, cache: Map<number, number>): number {
  const key = monthKey(local);
  let k = cache.get(key);
  if (k === undefined) {
    const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - TZ_MS;
    const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - TZ_MS;
    let sum = 0;
    for (let t = start; t < end; t += HOUR_MS) sum += activity(t);
    const mean = sum / ((end - start) / HOUR_MS);
    k = (demoOutputFactor(local.getUTCMonth(), endMonthKey - key) * REFERENCE_ACTIVITY) / mean;
    cache.set(key, k);
  }
  return k;
}

/**
 * Consumption of every counter in the hour starting at `hourMs` (kWh, m³, t). Workshops: idle load plus
 * a share proportional to activity; utilities (air, steam, chilled water) follow production, with a
 * little more steam in winter and more chiller power in summer; the incomer adds ~3.5–4.5 % losses.
 */
export function hourlyConsumption(hourMs: number, intensity: number): Record<DemoCounter, number> {
  const hourIndex = Math.floor(hourMs / HOUR_MS);
  const local = new Date(hourMs + TZ_MS);
  const day = Math.floor((hourMs + TZ_MS) / 86_400_000);
  const dayFactor = 1 + 0.06 * (hashUnit(99, day) - 0.5);
  const a = activity(hourMs) * intensity * dayFactor;
  const noise = (i: number, spread = 0.08) => 1 + spread * (hashUnit(i, hourIndex) - 0.5);
  const month = local.getUTCMonth();
  const winter = 1 + 0.1 * Math.cos((2 * Math.PI * month) / 12); // +10 % in January, −10 % in July
  const summer = 1 + 0.18 * Math.max(0, Math.cos((2 * Math.PI * (month - 6.5)) / 12)); // chiller

  const mc = (14 + 105 * a) * noise(1);
  const as = (8 + 58 * a) * noise(2);
  const pt = (5 + 55 * a) * noise(3);
  const airM3min = (1.5 + 14 * a) * noise(4, 0.06);
  const ut = (8 + 6.2 * airM3min + (26 + 50 * a) * summer + 3 * Math.min(1, 4 * a)) * noise(5, 0.04);
  const sub = mc + as + pt + ut;
  const main = sub * (1.036 + 0.01 * hashUnit(6, hourIndex)) + 0.6;
  const steam = (a > 0.1 ? 0.3 + 0.95 * a : 0.04 + 0.6 * a) * winter * noise(7, 0.06);
  const gas = steam * 78 * noise(8, 0.03) + (a > 0.1 ? 6 + 22 * a : 0.5) * noise(9, 0.06);
  const water = (steam * 1.05 + 0.25 + 3.4 * a) * noise(10);
  return {
    'PM-MAIN/kwh': main,
    'PM-MC/kwh': mc,
    'PM-AS/kwh': as,
    'PM-PT/kwh': pt,
    'PM-UT/kwh': ut,
    'FM-GAS-MAIN/gas_total_m3': gas,
    'FM-WATER-MAIN/water_total_m3': water,
    'FM-STEAM-01/steam_total_t': steam,
    'FM-AIR-01/air_total_m3': airM3min * 60,
  };
}

export interface CounterHistory {
  /** reading times (epoch ms), ascending, each at hh:59 */
  ts: number[];
  /** register values, non-decreasing except where a meter exchange was needed (see below) */
  values: number[];
}

/**
 * Hourly readings of each counter from `fromMs` up to its anchor — its first stored reading (`value` at
 * `ts`) — computed backwards, so the history ends exactly where the stored data starts: the last
 * generated reading is the anchor minus the consumption between the two. Should a register not hold
 * that much (a young meter), the older readings come from a meter exchanged at that point, which the
 * consumption code counts as a register reset.
 */
export function demoHistory({
  fromMs,
  anchors,
  nowMs,
}: {
  fromMs: number;
  anchors: Partial<Record<DemoCounter, { ts: number; value: number }>>;
  /** the present: months are counted back from it, as the ledger counts them */
  nowMs: number;
}): Map<DemoCounter, CounterHistory> {
  const endMonthKey = monthKey(new Date(nowMs + TZ_MS));
  const cache = new Map<number, number>();
  const firstHour = Math.ceil((fromMs - READING_OFFSET_MS) / HOUR_MS) * HOUR_MS;
  const lastHours = new Map<DemoCounter, number>();
  for (const counter of DEMO_HISTORY_COUNTERS) {
    const anchor = anchors[counter];
    if (!anchor) continue;
    let lastHour = Math.floor((anchor.ts - READING_OFFSET_MS) / HOUR_MS) * HOUR_MS;
    if (lastHour + READING_OFFSET_MS >= anchor.ts) lastHour -= HOUR_MS;
    lastHours.set(counter, lastHour);
  }
  // every counter's consumption per hour, computed once per hour (the hour after the last reading too)
  const hours = Math.max(0, (Math.max(firstHour, ...lastHours.values()) - firstHour) / HOUR_MS + 2);
  const table = new Map(DEMO_HISTORY_COUNTERS.map((c) => [c, new Float64Array(hours)]));
  for (let i = 0; i < hours; i++) {
    const hour = firstHour + i * HOUR_MS;
    const row = hourlyConsumption(hour, monthIntensity(new Date(hour + TZ_MS), endMonthKey, cache));
    for (const c of DEMO_HISTORY_COUNTERS) table.get(c)![i] = row[c];
  }
  const out = new Map<DemoCounter, CounterHistory>();
  for (const [counter, lastHour] of lastHours) {
    const anchor = anchors[counter]!;
    const consumption = table.get(counter)!;
    const n = Math.max(0, (lastHour - firstHour) / HOUR_MS + 1);
    const ts = new Array<number>(n);
    const exact = new Array<number>(n);
    // from the last reading to the anchor: part of the next hour
    let value = anchor.value - (consumption[n]! * (anchor.ts - lastHour - READING_OFFSET_MS)) / HOUR_MS;
    for (let i = n - 1; i >= 0; i--) {
      ts[i] = firstHour + i * HOUR_MS + READING_OFFSET_MS;
      exact[i] = value;
      value -= consumption[i]!;
    }
    const scale = 10 ** DECIMALS[counter];
    const values = exact.map((v) => Math.round(v * scale) / scale);
    // a register below zero: older readings belong to the meter that was exchanged at that hour
    for (let i = n - 1; i >= 0; i--)
      if (values[i]! < 0) {
        const exchange = Math.ceil(-exact[0]! / 100_000) * 100_000 + 250_000;
        for (let j = i; j >= 0; j--) values[j] = Math.round((exact[j]! + exchange) * scale) / scale;
        break;
      }
    out.set(counter, { ts, values });
  }
  return out;
}

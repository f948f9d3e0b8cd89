import { describe, expect, it } from 'vitest';
import { Factory, lossesKw } from './factory.ts';
import { SimClock } from './clock.ts';
import { sensorReadings } from './sensors.ts';

// Monday 2026-11-23 00:00 China Standard Time.
const MONDAY = Date.parse('2026-11-23T00:00:00+08:00');
const HOUR = 3600_000;
const at = (hours: number) => MONDAY + hours * HOUR;

function snapshot(f: Factory) {
  return {
    machines: f.machines.map((m) => m.values()),
    meters: [...f.meters.values()].map((m) => m.values()),
    sensors: sensorReadings(f),
  };
}

describe('Factory', () => {
  it('continues its counters from the readings the cloud holds', () => {
    const f = new Factory({ seed: 42, startMs: MONDAY });
    f.resumeCounters({ 'PM-MAIN/kwh': 7_418_236.4, 'FM-GAS-MAIN/gas_total_m3': 2_461_305.27, 'X/y': 5 });
    expect(f.meter('PM-MAIN').values().kwhRaw).toBe(74_182_364);
    expect(f.utilities.gasTotalM3).toBe(2_461_305.27);
    f.advanceTo(at(10));
    const kwh = f.meter('PM-MAIN').kwh;
    expect(kwh).toBeGreaterThan(7_418_236.4);
    expect(kwh).toBeLessThan(7_418_236.4 + 10 * 1600);
  });
  it('replays the same values from the same seed, however the caller ticks', () => {
    const a = new Factory({ seed: 42, startMs: MONDAY });
    const b = new Factory({ seed: 42, startMs: MONDAY });
    a.advanceTo(at(10));
    for (let t = 7_300; t <= 10 * HOUR; t += 7_300) b.advanceBy(7_300);
    b.advanceTo(at(10));
    expect(snapshot(b)).toEqual(snapshot(a));
    const c = new Factory({ seed: 43, startMs: MONDAY });
    c.advanceTo(at(10));
    expect(snapshot(c)).not.toEqual(snapshot(a));
  });

  it('keeps the main meter equal to the sub-meters plus 2–3 % losses, in power and energy', () => {
    const f = new Factory({ seed: 1, startMs: MONDAY });
    const start = new Map([...f.meters].map(([code, m]) => [code, m.kwh]));
    for (let h = 1; h <= 24; h++) {
      f.advanceTo(at(h));
      const sub = ['PM-MC', 'PM-AS', 'PM-PT', 'PM-UT'] as const;
      const subKw = sub.reduce((s, c) => s + f.meter(c).kw, 0);
      expect(f.meter('PM-MAIN').kw).toBeCloseTo(subKw + lossesKw(subKw), 6);
      const share = lossesKw(subKw) / f.meter('PM-MAIN').kw;
      expect(share).toBeGreaterThan(0.015);
      expect(share).toBeLessThan(0.04);
    }
    const used = (c: string) => (f.meters.get(c as 'PM-MC')?.kwh ?? 0) - (start.get(c as 'PM-MC') ?? 0);
    const subKwh = used('PM-MC') + used('PM-AS') + used('PM-PT') + used('PM-UT');
    expect(used('PM-MAIN')).toBeGreaterThan(subKwh * 1.015);
    expect(used('PM-MAIN')).toBeLessThan(subKwh * 1.04);
  });

  it('uses more energy in a shift that makes more parts, and little at night', () => {
    const f = new Factory({ seed: 7, startMs: MONDAY });
    const mc = () => f.meter('PM-MC').kwh;
    const parts = () => f.machines.filter((m) => m.spec.area === 'MC').reduce((s, m) => s + m.parts, 0);
    const e0 = mc();
    f.advanceTo(at(6));
    const night = mc() - e0;
    const [e1, p1] = [mc(), parts()];
    f.advanceTo(at(20));
    const [day, made] = [mc() - e1, parts() - p1];
    expect(made).toBeGreaterThan(200);
    expect(day / 14).toBeGreaterThan((night / 6) * 4);
    // Energy per part is at least the machines' energy per part above idle.
    const perPart = Math.min(
      ...f.machines.filter((m) => m.spec.area === 'MC').map((m) => m.energyPerPartKwh),
    );
    expect(day).toBeGreaterThan(made * perPart);
  });

  it('counts kWh monotonically except on a meter reset, and drops out now and then', () => {
    const f = new Factory({ seed: 3, startMs: MONDAY });
    const last = new Map([...f.meters].map(([code, m]) => [code, m.values().kwhRaw]));
    const resets = new Map([...f.meters].map(([code, m]) => [code, m.resets]));
    let offlineSeconds = 0;
    const backwards: string[] = [];
    for (let s = 0; s < 86_400; s++) {
      if (s === 50_000) f.meter('PM-AS').reset();
      f.advanceBy(1_000);
      for (const [code, m] of f.meters) {
        const now = m.values().kwhRaw;
        const isReset = m.resets !== resets.get(code);
        if (isReset ? now > 1_000 : now < (last.get(code) ?? 0)) backwards.push(`${code} at ${s}`);
        if (!m.isOnline) offlineSeconds += 1;
        last.set(code, now);
        resets.set(code, m.resets);
      }
    }
    expect(backwards).toEqual([]);
    expect(f.meter('PM-AS').resets).toBeGreaterThan(0);
    expect(offlineSeconds).toBeGreaterThan(0);
    expect(offlineSeconds).toBeLessThan(5 * 86_400 * 0.02);
  });

  it('spends a plausible share of a working day in each state', () => {
    const f = new Factory({ seed: 11, startMs: MONDAY });
    const count = { idle: 0, running: 0, down: 0, setup: 0 };
    let atNight = 0;
    for (let minute = 0; minute < 6 * 24 * 60; minute++) {
      f.advanceTo(MONDAY + (minute + 1) * 60_000);
      const hour = (minute / 60) % 24;
      for (const m of f.machines) {
        if (hour >= 8 && hour < 20) count[m.state] += 1;
        else if (m.state === 'running') atNight += 1;
      }
    }
    const total = count.idle + count.running + count.down + count.setup;
    expect(count.running / total).toBeGreaterThan(0.6);
    expect(count.running / total).toBeLessThan(0.9);
    expect(count.setup / total).toBeGreaterThan(0.02);
    expect(count.down / total).toBeGreaterThan(0.005);
    expect(count.down / total).toBeLessThan(0.15);
    expect(atNight).toBe(0);
  });

  it('fires the boiler by day only, with stack emissions while it fires', () => {
    const f = new Factory({ seed: 5, startMs: MONDAY });
    f.advanceTo(at(3));
    expect(f.utilities.isBoilerFiring).toBe(false);
    expect(f.environment.flueFlowM3h).toBe(0);
    f.advanceTo(at(10));
    expect(f.utilities.isBoilerFiring).toBe(true);
    expect(f.environment.noxMgM3).toBeGreaterThan(20);
    expect(f.environment.flueFlowM3h).toBeGreaterThan(100);
  });
});

describe('SimClock', () => {
  it('runs a day in a minute at speed 1440', () => {
    let real = 1_000;
    const clock = new SimClock({ startMs: MONDAY, speed: 1440, realNow: () => real });
    real += 60_000;
    expect(clock.now()).toBe(MONDAY + 24 * HOUR);
  });
});

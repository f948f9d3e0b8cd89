import { Environment } from './environment.ts';
import { MACHINES, METERS, type AreaCode, type MeterCode } from './layout.ts';
import { Machine } from './machine.ts';
import { Meter } from './meter.ts';
import { childSeed, mulberry32 } from './prng.ts';
import { shiftPhase, type ShiftPhase } from './shifts.ts';
import { Utilities } from './utilities.ts';

/** Line and transformer losses between the main incomer and the sub-meters: no-load + 2.2 % of load. */
export const lossesKw = (subKw: number) => 0.6 + 0.022 * subKw;

/**
 * The whole factory, advanced in whole simulated seconds (a remainder is carried), so the values depend
 * only on the seed, the start time and the simulated time elapsed — not on how often the caller ticks.
 */
export class Factory {
  readonly machines: Machine[];
  readonly meters: Map<MeterCode, Meter>;
  readonly utilities: Utilities;
  readonly environment: Environment;
  nowMs: number;
  private carryMs = 0;
  private lastPhase: ShiftPhase;

  constructor({ seed, startMs }: { seed: number; startMs: number }) {
    this.nowMs = startMs;
    this.lastPhase = shiftPhase(startMs);
    this.machines = MACHINES.map((m) => new Machine(m, mulberry32(childSeed(seed, m.code))));
    const rated = { 'PM-MAIN': 1600, 'PM-MC': 172, 'PM-AS': 102, 'PM-PT': 93, 'PM-UT': 360 } as const;
    this.meters = new Map(
      METERS.map((m) => [m.code, new Meter(m.code, rated[m.code], mulberry32(childSeed(seed, m.code)))]),
    );
    this.utilities = new Utilities(mulberry32(childSeed(seed, 'utilities')));
    this.environment = new Environment(mulberry32(childSeed(seed, 'environment')));
  }

  /**
   * Continue the counters from readings the cloud holds ("PM-MAIN/kwh", "FM-GAS-MAIN/gas_total_m3"…):
   * a restarted simulator, or one joining the demo's generated history, must not step a register back.
   */
  resumeCounters(readings: Record<string, number>): void {
    for (const [label, value] of Object.entries(readings)) {
      if (!Number.isFinite(value) || value < 0) continue;
      const [device, key] = label.split('/');
      const meter = this.meters.get(device as MeterCode);
      if (meter && key === 'kwh') meter.resume(value);
      const u = this.utilities;
      if (label === 'FM-GAS-MAIN/gas_total_m3') u.gasTotalM3 = value;
      else if (label === 'FM-WATER-MAIN/water_total_m3') u.waterTotalM3 = value;
      else if (label === 'FM-STEAM-01/steam_total_t') u.steamTotalT = value;
      else if (label === 'FM-AIR-01/air_total_m3') u.airTotalM3 = value;
    }
  }

  /** Advance the simulation to a later simulated instant. */
  advanceTo(ms: number): void {
    this.advanceBy(ms - this.nowMs - this.carryMs);
  }

  advanceBy(ms: number): void {
    if (ms < 0) return;
    const total = this.carryMs + ms;
    const seconds = Math.floor(total / 1000);
    for (let i = 0; i < seconds; i++) this.stepSecond();
    this.carryMs = total - seconds * 1000;
  }

  machine(code: string): Machine | undefined {
    return this.machines.find((m) => m.spec.code === code);
  }

  meter(code: MeterCode): Meter {
    const meter = this.meters.get(code);
    if (!meter) throw new Error(`no meter ${code}`);
    return meter;
  }

  private stepSecond(): void {
    this.nowMs += 1000;
    const phase = shiftPhase(this.nowMs);
    if (phase === 'shift' && this.lastPhase === 'off') for (const m of this.machines) m.startShift();
    this.lastPhase = phase;
    for (const m of this.machines) m.step(phase);

    const areaKw: Record<AreaCode, number> = { MC: 0, AS: 0, PT: 0, UT: 0 };
    let airRated = 0;
    let airLoad = 0;
    for (const m of this.machines) {
      areaKw[m.spec.area] += m.powerKw;
      if (m.spec.area === 'MC' || m.spec.code === 'PT-SPR-01') {
        airRated += m.spec.ratedKw;
        airLoad += m.state === 'running' ? m.spec.ratedKw : 0;
      }
    }
    this.utilities.step({
      phase,
      airLoad: airLoad / airRated,
      isPaintRunning: this.machine('PT-SPR-01')?.state === 'running',
      isTestRigRunning: this.machine('AS-TST-02')?.state === 'running',
    });
    areaKw.UT = this.utilities.electricKw;
    this.environment.step({ utilities: this.utilities, isProducing: phase === 'shift' });

    const subKw = areaKw.MC + areaKw.AS + areaKw.PT + areaKw.UT;
    this.meter('PM-MC').step(areaKw.MC);
    this.meter('PM-AS').step(areaKw.AS);
    this.meter('PM-PT').step(areaKw.PT);
    this.meter('PM-UT').step(areaKw.UT);
    this.meter('PM-MAIN').step(subKw + lossesKw(subKw));
  }
}

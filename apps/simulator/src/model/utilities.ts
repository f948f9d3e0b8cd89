import type { Rng } from './prng.ts';
import type { ShiftPhase } from './shifts.ts';

/** What the utilities need to know about production in this second. */
export interface Demand {
  phase: ShiftPhase;
  /** Machining and painting load as a fraction of their rated power (0–1): drives compressed air. */
  airLoad: number;
  /** Painting line running (pretreatment hot water and the curing oven). */
  isPaintRunning: boolean;
  /** Pump test rig running (recirculating water with make-up). */
  isTestRigRunning: boolean;
}

/** Utility plant of area UT: two screw compressors, a 2 t/h gas steam boiler, chiller and pump. */
export class Utilities {
  airFlowM3min = 0;
  airTotalM3 = 0;
  airPressureBar = 7;
  steamFlowTh = 0;
  steamTotalT = 0;
  steamPressureMpa = 0;
  isBoilerFiring = false;
  boilerGasM3h = 0;
  ovenGasM3h = 0;
  gasTotalM3 = 0;
  waterFlowM3h = 0;
  waterTotalM3 = 0;
  flueTempC = 25;
  /** Electrical load of area UT (kW), metered by PM-UT. */
  electricKw = 0;

  constructor(private readonly rng: Rng) {
    this.airTotalM3 = Math.floor(rng.between(1e6, 3e6));
    this.steamTotalT = Math.floor(rng.between(1e4, 5e4));
    this.gasTotalM3 = Math.floor(rng.between(5e5, 2e6));
    this.waterTotalM3 = Math.floor(rng.between(1e5, 4e5));
  }

  step(d: Demand): void {
    const r = this.rng;
    const isWorkday = d.phase !== 'off';
    // Compressed air: leaks (~1.5 m³/min, always) + tools and spray guns in proportion to load.
    this.airFlowM3min = 1.5 + 16 * d.airLoad + r.between(-0.2, 0.2);
    // Lead compressor (GA75, 12 m³/min at 6.2 kW per m³/min); the old lag one takes the rest less efficiently.
    const lead = Math.min(this.airFlowM3min, 12);
    const lag = Math.max(0, this.airFlowM3min - 12);
    const compressorKw = 18 + lead * 6.2 + (lag > 0 ? 20 + lag * 7.4 : 0);
    this.airPressureBar = 7.2 - 0.04 * this.airFlowM3min + r.between(-0.05, 0.05);

    // Steam: pretreatment and washing during the working day; the boiler is off at night.
    const steamDemand = isWorkday ? 0.35 + (d.isPaintRunning ? 0.9 : 0) + r.between(-0.05, 0.05) : 0;
    this.isBoilerFiring = steamDemand > 0;
    this.steamFlowTh = Math.max(0, steamDemand);
    this.steamPressureMpa = this.isBoilerFiring
      ? 1.0 + r.between(-0.03, 0.03)
      : Math.max(0, this.steamPressureMpa - 0.0001);
    // ≈ 78 Nm³ of natural gas per tonne of steam at 91 % efficiency.
    this.boilerGasM3h = this.steamFlowTh * 78 * (1 + r.between(-0.02, 0.02));
    const flueTarget = this.isBoilerFiring ? 135 : 30;
    this.flueTempC += (flueTarget - this.flueTempC) / 600; // the stack warms and cools over ~10 minutes
    this.ovenGasM3h = d.isPaintRunning ? 28 + r.between(-1, 1) : isWorkday ? 9 : 0;

    // Water: boiler make-up, test rig make-up, pretreatment rinse, domestic.
    this.waterFlowM3h =
      this.steamFlowTh * 1.05 +
      (d.isTestRigRunning ? 2 : 0) +
      (d.isPaintRunning ? 1.5 : 0) +
      (isWorkday ? 1.2 : 0.2);

    const chillerKw = isWorkday ? 60 + r.between(-5, 5) : 12;
    const pumpKw = isWorkday ? 18 : 6;
    const boilerKw = this.isBoilerFiring ? 5 : 0.3;
    this.electricKw = compressorKw + chillerKw + pumpKw + boilerKw;

    this.airTotalM3 += this.airFlowM3min / 60;
    this.steamTotalT += this.steamFlowTh / 3600;
    this.gasTotalM3 += (this.boilerGasM3h + this.ovenGasM3h) / 3600;
    this.waterTotalM3 += this.waterFlowM3h / 3600;
  }
}

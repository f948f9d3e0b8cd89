import type { MachineSpec } from './layout.ts';
import type { Rng } from './prng.ts';
import type { ShiftPhase } from './shifts.ts';

export type MachineState = 'idle' | 'running' | 'down' | 'setup';

// E101 spindle overload, E204 coolant low, E310 servo fault, E415 tool breakage
const ALARMS = ['E101', 'E204', 'E310', 'E415'];

// Mean durations in seconds: a breakdown about every 10 running hours, repaired in ~40 min.
const MEAN_S = { runToBreakdown: 10 * 3600, repair: 40 * 60, runToStarved: 45 * 60, starved: 4 * 60 };
const MEAN_S_JOB = 3 * 3600;
const SETUP_S = { min: 8 * 60, max: 25 * 60 };

/** Running draws idle power plus the energy of the part in progress; idle is ~15 % of rated. */
export interface MachineValues {
  code: string;
  state: MachineState;
  powerKw: number;
  parts: number;
  alarmCode: string;
}

export class Machine {
  state: MachineState = 'idle';
  parts = 0;
  alarmCode = '';
  powerKw = 0;
  private remainingS = 0;
  private partProgress = 0;
  readonly idleKw: number;
  /** kWh per part above idle: running power ≈ 60 % of rated. */
  readonly energyPerPartKwh: number;

  constructor(
    readonly spec: MachineSpec,
    private readonly rng: Rng,
  ) {
    this.idleKw = spec.ratedKw * 0.15;
    this.energyPerPartKwh = (spec.ratedKw * 0.45 * spec.cycleS) / 3600;
    this.parts = Math.floor(rng.between(1_000, 50_000));
    this.powerKw = this.idleKw;
  }

  /** Advance one second of simulated time. */
  step(phase: ShiftPhase): void {
    const r = this.rng;
    this.remainingS -= 1;
    switch (this.state) {
      case 'down':
        if (this.remainingS <= 0) this.enter(phase === 'shift' ? 'setup' : 'idle');
        break;
      case 'setup':
        if (phase !== 'shift') this.enter('idle');
        else if (this.remainingS <= 0) this.enter('running');
        break;
      case 'running':
        if (phase !== 'shift') this.enter('idle');
        else if (r.chance(1 / MEAN_S.runToBreakdown)) this.enter('down');
        else if (r.chance(1 / MEAN_S_JOB)) this.enter('setup');
        else if (r.chance(1 / MEAN_S.runToStarved)) this.enter('idle', r.exponential(MEAN_S.starved));
        else this.makeProgress();
        break;
      case 'idle':
        // Idle during a shift means starved (waiting for material) for a while, then back to work.
        if (phase === 'shift' && this.remainingS <= 0) this.enter('running');
        break;
    }
    this.powerKw = this.computePower(phase);
  }

  /** Called on each shift start: machines come back through a setup. */
  startShift(): void {
    if (this.state === 'idle') this.enter('setup');
  }

  values(): MachineValues {
    return {
      code: this.spec.code,
      state: this.state,
      powerKw: this.powerKw,
      parts: this.parts,
      alarmCode: this.alarmCode,
    };
  }

  private makeProgress() {
    this.partProgress += 1 / this.spec.cycleS;
    if (this.partProgress >= 1) {
      this.partProgress -= 1;
      this.parts = (this.parts + 1) >>> 0; // UInt32 counter, as the controller keeps it
    }
  }

  private enter(state: MachineState, durationS = 0) {
    const r = this.rng;
    this.state = state;
    this.remainingS = durationS;
    if (state === 'down') {
      this.alarmCode = r.pick(ALARMS);
      this.remainingS = Math.max(300, r.exponential(MEAN_S.repair));
    } else {
      this.alarmCode = '';
    }
    if (state === 'setup') this.remainingS = r.between(SETUP_S.min, SETUP_S.max);
  }

  private computePower(phase: ShiftPhase): number {
    const noise = 1 + this.rng.between(-0.04, 0.04);
    switch (this.state) {
      case 'running':
        return (this.idleKw + (this.energyPerPartKwh * 3600) / this.spec.cycleS) * noise;
      case 'setup':
        return this.idleKw * 1.3 * noise; // jogging axes and test cuts
      case 'idle':
        // Out of hours the drives and coolant pumps are switched off: standby only.
        return this.idleKw * (phase === 'off' ? 0.35 : 1) * noise;
      case 'down':
        return this.idleKw * 0.3 * noise; // controls and hydraulics only
    }
  }
}

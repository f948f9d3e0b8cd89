import type { Rng } from './prng.ts';

/** One three-phase electricity meter: integrates kW into kWh, kept as the device keeps it. */
export interface MeterValues {
  code: string;
  kw: number;
  /** Cumulative kWh as the register holds it: 0.1 kWh units, uint32, rolls over at 2^32. */
  kwhRaw: number;
  voltage: number;
  pf: number;
  /** False during a communication drop-out: the protocol layer then does not answer for this meter. */
  isOnline: boolean;
}

// A meter is reset (replaced, or cleared by a technician) about twice a year; drop-outs every ~8 h.
const RESET_PER_S = 1 / (180 * 86400);
const DROPOUT_PER_S = 1 / (8 * 3600);

export class Meter {
  kw = 0;
  voltage = 400;
  pf = 0.9;
  isOnline = true;
  resets = 0;
  private tenthsKwh: number;
  private offlineS = 0;

  constructor(
    readonly code: string,
    private readonly ratedKw: number,
    private readonly rng: Rng,
  ) {
    this.tenthsKwh = Math.floor(rng.between(1e6, 5e7)); // 100 000 – 5 000 000 kWh already on the clock
  }

  /** Advance one second with this average power. */
  step(kw: number): void {
    const r = this.rng;
    this.kw = kw;
    this.tenthsKwh += (kw / 3600) * 10;
    if (this.tenthsKwh >= 2 ** 32) this.tenthsKwh -= 2 ** 32;
    if (r.chance(RESET_PER_S)) this.reset();
    const load = Math.min(1, kw / this.ratedKw);
    // Line voltage sags a little with load; pf of induction-motor loads improves with load.
    this.voltage = 400 - 8 * load + r.between(-1.5, 1.5);
    this.pf = Math.min(0.99, 0.72 + 0.25 * Math.sqrt(load) + r.between(-0.01, 0.01));
    if (this.offlineS > 0) this.offlineS -= 1;
    else if (r.chance(DROPOUT_PER_S)) this.offlineS = r.between(10, 180);
    this.isOnline = this.offlineS <= 0;
  }

  /** Continue from a reading the cloud already holds (a restart must not step the register back). */
  resume(kwh: number): void {
    if (Number.isFinite(kwh) && kwh >= 0) this.tenthsKwh = (kwh * 10) % 2 ** 32;
  }

  /** The register starts again from zero, as after a meter exchange or a technician's clear. */
  reset(): void {
    this.tenthsKwh = 0;
    this.resets += 1;
  }

  /** Exact cumulative energy in kWh (before the register's 0.1 kWh truncation). */
  get kwh(): number {
    return this.tenthsKwh / 10;
  }

  values(): MeterValues {
    return {
      code: this.code,
      kw: this.kw,
      kwhRaw: Math.floor(this.tenthsKwh) >>> 0,
      voltage: this.voltage,
      pf: this.pf,
      isOnline: this.isOnline,
    };
  }
}

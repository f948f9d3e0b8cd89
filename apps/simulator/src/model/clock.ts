/** Simulated time: starts at startMs and runs `speed` times faster than the wall clock (1440 = a day a minute). */
export class SimClock {
  private readonly realStart: number;

  constructor(private readonly opts: { startMs: number; speed: number; realNow?: () => number }) {
    this.realStart = this.realNow();
  }

  now(): number {
    return this.opts.startMs + (this.realNow() - this.realStart) * this.opts.speed;
  }

  private realNow(): number {
    return (this.opts.realNow ?? Date.now)();
  }
}

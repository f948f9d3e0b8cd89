/** Exponential back-off with jitter: minMs, 2×, 4× … up to maxMs; reset after a success. */
export class Backoff {
  private attempt = 0;
  constructor(private readonly opts: { minMs: number; maxMs: number; random?: () => number }) {}
  next(): number {
    const base = Math.min(this.opts.maxMs, this.opts.minMs * 2 ** this.attempt++);
    // ±20 % so a plant full of gateways does not reconnect in lockstep
    return Math.round(base * (0.8 + 0.4 * (this.opts.random ?? Math.random)()));
  }
  reset(): void {
    this.attempt = 0;
  }
}

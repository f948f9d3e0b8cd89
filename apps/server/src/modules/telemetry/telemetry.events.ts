import { EventEmitter } from 'node:events';

/** A sample as committed to the database (stored units: scale and offset applied). */
export interface CommittedSample {
  tenantId: string;
  deviceId: string;
  metricId: number;
  /** epoch milliseconds */
  ts: number;
  value: number | null;
  text: string | null;
}

/**
 * In-process notifications of this instance's writes. Listeners run after the commit and must not
 * throw or block: alarms and the live stream hang off this; cross-instance fan-out goes through
 * the broker (see live/), never through this emitter alone.
 */
export class TelemetryEvents {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.#emitter.setMaxListeners(50);
  }

  /** Samples of one commit, grouped by nothing in particular but in ts order per metric. */
  onSamples(listener: (samples: CommittedSample[]) => void): () => void {
    this.#emitter.on('samples', listener);
    return () => this.#emitter.off('samples', listener);
  }

  emitSamples(samples: CommittedSample[]): void {
    if (samples.length) this.#emitter.emit('samples', samples);
  }

  /** Device definitions changed (metrics, credentials, enable flags): caches must drop the tenant's entries. */
  onDevicesChanged(listener: (tenantId: string) => void): () => void {
    this.#emitter.on('devices-changed', listener);
    return () => this.#emitter.off('devices-changed', listener);
  }

  emitDevicesChanged(tenantId: string): void {
    this.#emitter.emit('devices-changed', tenantId);
  }
}

import type { Sample } from '../sample.ts';

export type SampleSink = (samples: Sample[]) => void;

export interface AdapterHealth {
  name: string;
  kind: string;
  state: 'connecting' | 'up' | 'down' | 'stopped';
  lastError: string | null;
  lastSampleAt: number | null;
  /** connection attempts that failed or connections that dropped since start */
  failures: number;
}

/** A source of samples (a PLC, a meter, a local broker): reconnects on its own, with back-off, and reports its health. */
export interface Adapter {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
  health(): AdapterHealth;
}

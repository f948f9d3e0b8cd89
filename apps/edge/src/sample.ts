/** The one sample format every adapter produces and the queue stores. */
export type TSampleValue = number | boolean | string;
export interface Sample {
  device: string;
  metric: string;
  /** epoch ms */
  ts: number;
  value: TSampleValue;
}
export const sampleKey = (s: { device: string; metric: string }) => `${s.device}\u0000${s.metric}`;
